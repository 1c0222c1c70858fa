package org.genlab.core.zoo;

/**
 * The continuous-time variance-preserving (VP) noise schedule of the zoo's diffusion model,
 * and its reparametrisation by the half log noise-to-signal ratio λ.
 *
 * <p>Forward process on t in [0, T], T = 1 (Song et al. 2021's VP SDE with a linear β):
 * <pre>
 *   dx = −½ β(t) x dt + √β(t) dW,   β(t) = β_min + t (β_max − β_min),  β_min = 0.1, β_max = 20
 *   x_t | x_0 ~ N(√ᾱ(t) x_0, σ(t)² I),   ᾱ(t) = exp(−B(t)),  B(t) = ∫_0^t β = β_min t + ½ (β_max − β_min) t²,
 *   σ(t)² = 1 − ᾱ(t)
 * </pre>
 * (the continuous limit of the homework's question-8 DDPM with T = 1000 steps from β = 1e-4 to
 * 0.02). Everything numerical runs in λ = log(σ/√ᾱ) = ½ log(e^B − 1), which is monotone in t:
 * η = e^λ, ᾱ = 1/(1 + η²), σ² = η²/(1 + η²). At T: ᾱ ≈ 4.3e-5, λ ≈ 5.02.
 */
final class DiffusionSchedule {
    static final double BETA_MIN = 0.1;
    static final double BETA_MAX = 20;
    /** λ at t = T = 1. */
    static final double LAMBDA_MAX = lambdaOfT(1);

    private DiffusionSchedule() {
    }

    /** B(t) = ∫_0^t β(s) ds = β_min t + ½ (β_max − β_min) t². */
    static double integratedBeta(double t) {
        return BETA_MIN * t + 0.5 * (BETA_MAX - BETA_MIN) * t * t;
    }

    /** λ(t) = ½ log(e^{B(t)} − 1), for t in (0, 1]. */
    static double lambdaOfT(double t) {
        return 0.5 * Math.log(Math.expm1(integratedBeta(t)));
    }

    /** t(λ): B = log(1 + e^{2λ}), t = 2B / (β_min + √(β_min² + 2 (β_max − β_min) B)) (the stable root). */
    static double tOfLambda(double lambda) {
        double b = Math.log1p(Math.exp(2 * lambda));
        return 2 * b / (BETA_MIN + Math.sqrt(BETA_MIN * BETA_MIN + 2 * (BETA_MAX - BETA_MIN) * b));
    }

    /** λ of a noise level σ in (0, 1): log σ − ½ log(1 − σ²). */
    static double lambdaOfSigma(double sigma) {
        return Math.log(sigma) - 0.5 * Math.log1p(-sigma * sigma);
    }

    /** σ(λ)² = 1 / (1 + e^{−2λ}). */
    static double sigma2(double lambda) {
        return 1 / (1 + Math.exp(-2 * lambda));
    }

    /** ᾱ(λ) = 1 / (1 + e^{2λ}) = 1 − σ². */
    static double alphaBar(double lambda) {
        return 1 / (1 + Math.exp(2 * lambda));
    }

    /** The grid's floor on the step density: see {@link #grid}. */
    static final double GRID_FLOOR = 0.1;

    /**
     * K + 1 levels from lo to hi (ascending, both included), uniform in
     * u(λ) = ∫ (ᾱ(λ) + c) dλ = (1 + c) λ − ½ log(1 + e^{2λ}), c = {@value #GRID_FLOOR}: steps
     * in λ of about Δu/(ᾱ + c), so fine where the data still shows (ᾱ near 1, σ small: the
     * ODE's rates are of order ᾱ there) and up to (1 + c)/c times coarser at large σ, where the
     * drift and its divergence decay like ᾱ. Each level solves u(λ) = u_k by Newton's method
     * (u' = ᾱ + c &gt; 0, u'' &lt; 0: monotone convergence from the right), to 1e-13.
     */
    static double[] grid(double lo, double hi, int steps) {
        double[] g = new double[steps + 1];
        double u0 = u(lo);
        double u1 = u(hi);
        g[0] = lo;
        g[steps] = hi;
        double lam = hi;
        for (int k = steps - 1; k >= 1; k--) {
            double target = u0 + (u1 - u0) * k / steps;
            for (int it = 0; it < 100; it++) {
                double step = (u(lam) - target) / (alphaBar(lam) + GRID_FLOOR);
                lam -= step;
                if (Math.abs(step) < 1e-13) {
                    break;
                }
            }
            g[k] = lam;
        }
        return g;
    }

    /** u(λ) = (1 + c) λ − ½ log(1 + e^{2λ}). */
    private static double u(double lam) {
        return (1 + GRID_FLOOR) * lam - 0.5 * Math.log1p(Math.exp(2 * lam));
    }

    /** log ᾱ(λ) = −log(1 + e^{2λ}). */
    static double logAlphaBar(double lambda) {
        return -Math.log1p(Math.exp(2 * lambda));
    }
}
