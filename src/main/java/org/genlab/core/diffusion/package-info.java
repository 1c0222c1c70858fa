/**
 * The diffusion model of the homework's question 8, exact for a finite data set: the noise
 * schedule ({@link org.genlab.core.diffusion.NoiseSchedule}), the forward kernel and the
 * marginal q_t, the optimal noise predictor ε*, its posterior over the data and the score
 * ({@link org.genlab.core.diffusion.ExactDiffusion}), and the reverse samplers driven by ε*
 * ({@link org.genlab.core.diffusion.Sampler}: DDPM, DDIM, the probability-flow ODE), with
 * recorded trajectories and cancellation ({@link org.genlab.core.diffusion.SampleOptions}).
 *
 * <p>Plain Java: no JavaFX, no AWT, no outer layer. Randomness comes only from
 * {@link org.genlab.core.math.Rng}, one stream per fixed chunk of particles.
 */
package org.genlab.core.diffusion;
