/**
 * Flow matching, the homework's question 9: linear conditional paths
 * x_t = (1 − t) x0 + t x1 from x0 ~ N(0, I), the exact marginal velocity, posterior and
 * density for a finite weighted data set ({@link org.genlab.core.flow.ExactFlow}, and
 * {@link org.genlab.core.flow.ExactFlow1D} for 1-D data), a learned velocity
 * ({@link org.genlab.core.flow.LearnedField}, trained by {@link org.genlab.core.flow.FlowTrainer}),
 * the ODE solvers that carry N(0, I) to the data ({@link org.genlab.core.flow.Solver},
 * run by {@link org.genlab.core.flow.FlowSampler}), and a numerical check of the continuity
 * equation ({@link org.genlab.core.flow.Continuity}).
 *
 * <p>Plain Java: no JavaFX, no AWT, no outer layer. Randomness comes only from
 * {@link org.genlab.core.math.Rng}, one stream per fixed chunk of particles, so results do not
 * depend on the number of threads.
 */
package org.genlab.core.flow;
