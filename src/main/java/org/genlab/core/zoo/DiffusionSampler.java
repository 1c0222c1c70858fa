package org.genlab.core.zoo;

import org.genlab.core.math.Rng;

/**
 * Ancestral (DDPM) sampling of the continuous VP diffusion on the grid of {@link DiffusionSchedule#grid} (fine at small σ, coarse at large σ), from
 * λ(T) down to λ_end = λ(σ = 0.01), in standardised coordinates. Between levels a = λ_k and
 * b = λ_{k+1} &lt; a, with ᾱ_{a|b} = ᾱ_a/ᾱ_b and β_{a|b} = 1 − ᾱ_{a|b}, one step draws from the
 * Gaussian posterior q(x_b | x_a, x̂_0) with x̂_0 = (x_a − σ_a ε)/√ᾱ_a:
 * <pre>
 *   mean = (√ᾱ_b β_{a|b} / σ_a²) x̂_0 + (√ᾱ_{a|b} σ_b² / σ_a²) x_a,   variance = σ_b² β_{a|b} / σ_a²
 * </pre>
 * (the question-8 step with the posterior variance β̃). After the last level the sample is the
 * x_0 prediction x̂_0 there: nothing ever divides by σ at ᾱ = 1.
 */
final class DiffusionSampler {
    /** Ancestral steps. */
    static final int STEPS = 128;
    /** The last noise level: σ = 0.01. */
    static final double LAMBDA_END = DiffusionSchedule.lambdaOfSigma(0.01);

    private DiffusionSampler() {
    }

    /**
     * Runs n particles, x_T drawn first (x then y per particle, particle by particle), then each
     * step's noise likewise, all from {@code rng}. Returns {xs, ys}; if {@code pathX} is not
     * null, particle 0's positions (x_T, after each step, the sample: STEPS + 2 of them) go into
     * pathX and pathY.
     */
    static double[][] run(DiffusionField field, int n, Rng rng, double[] pathX, double[] pathY) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int p = 0; p < n; p++) {
            x[p] = rng.nextGaussian();
            y[p] = rng.nextGaussian();
        }
        if (pathX != null) {
            pathX[0] = x[0];
            pathY[0] = y[0];
        }
        double[] lam = new double[n];
        double[] ex = new double[n];
        double[] ey = new double[n];
        double[] grid = DiffusionSchedule.grid(LAMBDA_END, DiffusionSchedule.LAMBDA_MAX, STEPS);
        for (int k = 0; k <= STEPS; k++) {
            double la = grid[STEPS - k];
            java.util.Arrays.fill(lam, la);
            field.epsilon(lam, x, y, n, ex, ey, null);
            double sa2 = DiffusionSchedule.sigma2(la);
            double sa = Math.sqrt(sa2);
            double logAa = DiffusionSchedule.logAlphaBar(la);
            double rootA = Math.exp(0.5 * logAa);
            if (k == STEPS) {
                // the sample: x̂_0 = (x − σ ε)/√ᾱ at the last level
                for (int p = 0; p < n; p++) {
                    x[p] = (x[p] - sa * ex[p]) / rootA;
                    y[p] = (y[p] - sa * ey[p]) / rootA;
                }
            } else {
                double lb = grid[STEPS - k - 1];
                double sb2 = DiffusionSchedule.sigma2(lb);
                double logAb = DiffusionSchedule.logAlphaBar(lb);
                // β_{a|b} = 1 − ᾱ_a/ᾱ_b
                double betaAB = -Math.expm1(logAa - logAb);
                double cx0 = Math.exp(0.5 * logAb) * betaAB / sa2;
                double cxt = Math.exp(0.5 * (logAa - logAb)) * sb2 / sa2;
                double sd = Math.sqrt(sb2 * betaAB / sa2);
                for (int p = 0; p < n; p++) {
                    double hx = (x[p] - sa * ex[p]) / rootA;
                    double hy = (y[p] - sa * ey[p]) / rootA;
                    x[p] = cx0 * hx + cxt * x[p] + sd * rng.nextGaussian();
                    y[p] = cx0 * hy + cxt * y[p] + sd * rng.nextGaussian();
                }
            }
            if (pathX != null) {
                pathX[k + 1] = x[0];
                pathY[k + 1] = y[0];
            }
        }
        return new double[][] {x, y};
    }
}
