/**
 * The VAE of the homework's question 3, part 1: the mechanics of a latent-variable model
 * without training a large network.
 *
 * <ul>
 *   <li>{@link org.genlab.core.vae.Target}, {@link org.genlab.core.vae.Latent},
 *       {@link org.genlab.core.vae.InverseCdfOption} and {@link org.genlab.core.vae.InverseCdfSampler}:
 *       turning a latent U(0,1) or N(0,1) into a 1-D target through its inverse CDF, the four
 *       answers of Q3(b) ii-iii, with a Kolmogorov-Smirnov test of each;</li>
 *   <li>{@link org.genlab.core.vae.McLikelihood}: the naive Monte-Carlo likelihood of Q3(b) iv-vii
 *       in d dimensions, and importance sampling with the exact posterior or a wider one;</li>
 *   <li>{@link org.genlab.core.vae.LinearGaussianElbo}: log p(x) = ELBO + KL in closed form for a
 *       linear-Gaussian model (Q3 c);</li>
 *   <li>{@link org.genlab.core.vae.GradientEstimators} (reparameterized vs score-function) and
 *       {@link org.genlab.core.vae.TinyVae} (the ELBO's gradients checked against finite
 *       differences, and the printed Q3(d) i and ii expressions beside them).</li>
 * </ul>
 *
 * <p>Plain Java, EJML and Commons Math: no JavaFX, no AWT, no outer layer. Every random draw
 * comes from an {@link org.genlab.core.math.Rng} passed in, so the same seed gives the same
 * numbers. Invalid arguments throw IllegalArgumentException whose message starts with the
 * field's name ({@code "dim: must be in 1..64, got 0"}).
 */
package org.genlab.core.vae;
