package org.genlab.core.zoo;

/**
 * A noise predictor ε(x, λ) in standardised coordinates, evaluated for a batch of rows, each
 * at its own noise level λ = log(σ/√ᾱ) (see {@link DiffusionSchedule}), optionally with its
 * divergence tr ∂ε/∂x over the two coordinates. An instance may keep scratch space: one
 * thread uses it at a time (make one per chunk).
 */
interface DiffusionField {
    /**
     * ε at rows 0..n−1 of (xs, ys) at levels lam[r] into (ex, ey), and tr ∂ε/∂x into div
     * unless div is null.
     */
    void epsilon(double[] lam, double[] xs, double[] ys, int n, double[] ex, double[] ey, double[] div);
}
