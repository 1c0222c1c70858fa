package org.genlab.core.diffusion;

/**
 * The posterior mean x̂_0 = E[x_0 | x_t = x] = Σ_i w_i x0_i at one step t, for a block of
 * particles. Every sampler step is built on it: ε* = (x − √ᾱ_t x̂_0) / √(1 − ᾱ_t).
 */
interface Denoiser {
    /**
     * Writes x̂_0 of particle i = from..to−1, at (xs[i], ys[i]), to (outX[i], outY[i]).
     * {@code scratch} has room for one number per data point.
     */
    void x0Mean(double[] xs, double[] ys, int from, int to, double[] outX, double[] outY, double[] scratch);
}
