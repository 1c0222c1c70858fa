/**
 * The neural-network engine behind the flow-matching, VAE and model-zoo panes: a multilayer
 * perceptron ({@link org.genlab.core.nn.Mlp}, float, fast) with a plain double reference on
 * EJML ({@link org.genlab.core.nn.ReferenceMlp}), losses, optimisers and a file format.
 *
 * <p>Minibatches are matrices with one example per row. The fast path runs its inner loops
 * through {@code Kernels}: the Vector API ({@code jdk.incubator.vector}) when the JVM was
 * started with {@code --add-modules jdk.incubator.vector}, otherwise a scalar twin that
 * computes the same numbers (one line on stderr says so, once per JVM).
 */
package org.genlab.core.nn;
