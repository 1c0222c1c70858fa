package org.genlab.core.vae;

/**
 * Question 3(c) in closed form: a linear-Gaussian model with a scalar latent, z ~ N(0, 1),
 * x = w z + b + e, e ~ N(0, s² I), and a Gaussian q(z) = N(m, v). Everything the identity
 * log p(x) = ELBO(q) + KL(q ‖ p(z | x)) involves is exact here, so the pane can show the
 * identity, the gap, and the ELBO's other split E_q[log p(x | z)] − KL(q ‖ p(z)). Immutable.
 *
 * <p>The homework's example ({@link #homework()}): w = (1.5, 0.5), b = (0, 0), s = 0.5, in 2-D,
 * with the default observation x = (1, 0.5) ({@link #DEFAULT_X}).
 */
public final class LinearGaussianElbo {
    /** The default observation x = (1, 0.5). */
    public static final double[] DEFAULT_X = {1, 0.5};

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /**
     * The terms for one q = N(mean, var).
     *
     * @param logp log p(x), the log marginal likelihood
     * @param elbo ELBO(q) = E_q[log p(x, z) − log q(z)]
     * @param kl KL(q ‖ p(z | x)) = logp − elbo, computed on its own
     * @param expectedLogLikelihood E_q[log p(x | z)]
     * @param klToPrior KL(q ‖ p(z)), so elbo = expectedLogLikelihood − klToPrior
     * @param posteriorMean the mean of p(z | x)
     * @param posteriorVar the variance of p(z | x)
     */
    public record Breakdown(double logp, double elbo, double kl, double expectedLogLikelihood, double klToPrior,
            double posteriorMean, double posteriorVar) {
    }

    private final double[] w, b;
    private final double noiseSd;

    /**
     * The model with loading w, offset b (same length, 1 or more) and noise standard deviation s.
     *
     * @throws IllegalArgumentException ("w: ...", "b: ...", "noiseSd: ...") for empty or unequal
     *     lengths, numbers that are not finite, or s ≤ 0
     */
    public LinearGaussianElbo(double[] w, double[] b, double noiseSd) {
        if (w.length == 0) {
            throw new IllegalArgumentException("w: must have at least one entry");
        }
        if (b.length != w.length) {
            throw new IllegalArgumentException("b: must have " + w.length + " entries like w, got " + b.length);
        }
        requireFinite("w", w);
        requireFinite("b", b);
        if (!(noiseSd > 0) || !Double.isFinite(noiseSd)) {
            throw new IllegalArgumentException("noiseSd: must be > 0 and finite, got " + noiseSd);
        }
        this.w = w.clone();
        this.b = b.clone();
        this.noiseSd = noiseSd;
    }

    /** The homework's model: w = (1.5, 0.5), b = (0, 0), s = 0.5. */
    public static LinearGaussianElbo homework() {
        return new LinearGaussianElbo(new double[] {1.5, 0.5}, new double[] {0, 0}, 0.5);
    }

    /** The dimension of x. */
    public int dim() {
        return w.length;
    }

    /** A copy of w. */
    public double[] w() {
        return w.clone();
    }

    /** A copy of b. */
    public double[] b() {
        return b.clone();
    }

    /** The noise standard deviation s. */
    public double noiseSd() {
        return noiseSd;
    }

    /**
     * log p(x) = log N(x; b, w wᵀ + s² I), using det = s^(2k) (1 + |w|²/s²) and
     * (w wᵀ + s² I)⁻¹ = (I − w wᵀ / (s² + |w|²)) / s² (Sherman-Morrison).
     *
     * @throws IllegalArgumentException ("x: ...") if x has the wrong length or is not finite
     */
    public double logLikelihood(double[] x) {
        requireX(x);
        double s2 = noiseSd * noiseSd, ww = dot(w, w), rr = 0, wr = 0;
        for (int i = 0; i < w.length; i++) {
            double r = x[i] - b[i];
            rr += r * r;
            wr += w[i] * r;
        }
        double quad = (rr - wr * wr / (s2 + ww)) / s2;
        double logDet = w.length * Math.log(s2) + Math.log1p(ww / s2);
        return -0.5 * (w.length * LOG_2PI + logDet + quad);
    }

    /** The posterior p(z | x) = N(mean, var) as {mean, var}: var = 1 / (1 + |w|²/s²), mean = var wᵀ(x − b) / s². */
    public double[] posterior(double[] x) {
        requireX(x);
        double s2 = noiseSd * noiseSd;
        double var = 1 / (1 + dot(w, w) / s2);
        double wr = 0;
        for (int i = 0; i < w.length; i++) {
            wr += w[i] * (x[i] - b[i]);
        }
        return new double[] {var * wr / s2, var};
    }

    /** log p(x | z) + log p(z), the joint, for the quadrature checks and the pane's curves. */
    public double logJoint(double[] x, double z) {
        requireX(x);
        double s2 = noiseSd * noiseSd, rr = 0;
        for (int i = 0; i < w.length; i++) {
            double r = x[i] - w[i] * z - b[i];
            rr += r * r;
        }
        return -0.5 * (w.length * (LOG_2PI + Math.log(s2)) + rr / s2) - 0.5 * (LOG_2PI + z * z);
    }

    /**
     * Every term for q = N(mean, var), each from its own closed form:
     * E_q[log p(x | z)] = −k/2 log(2π s²) − (|x − b − w m|² + v |w|²) / (2 s²);
     * KL(q ‖ N(0, 1)) = (v + m² − 1 − log v) / 2; ELBO = the first minus the second;
     * KL(q ‖ N(μ, σ²)) = (v/σ² + (m − μ)²/σ² − 1 − log(v/σ²)) / 2.
     *
     * @throws IllegalArgumentException ("var: ...", "mean: ...", "x: ...") for var ≤ 0, numbers
     *     that are not finite, or x of the wrong length
     */
    public Breakdown evaluate(double[] x, double mean, double var) {
        requireX(x);
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean: must be finite, got " + mean);
        }
        if (!(var > 0) || !Double.isFinite(var)) {
            throw new IllegalArgumentException("var: must be > 0 and finite, got " + var);
        }
        double s2 = noiseSd * noiseSd, rr = 0;
        for (int i = 0; i < w.length; i++) {
            double r = x[i] - b[i] - w[i] * mean;
            rr += r * r;
        }
        double expLogLik = -0.5 * w.length * (LOG_2PI + Math.log(s2)) - (rr + var * dot(w, w)) / (2 * s2);
        double klPrior = 0.5 * (var + mean * mean - 1 - Math.log(var));
        double[] post = posterior(x);
        double ratio = var / post[1];
        double kl = 0.5 * (ratio + (mean - post[0]) * (mean - post[0]) / post[1] - 1 - Math.log(ratio));
        return new Breakdown(logLikelihood(x), expLogLik - klPrior, kl, expLogLik, klPrior, post[0], post[1]);
    }

    private void requireX(double[] x) {
        if (x.length != w.length) {
            throw new IllegalArgumentException("x: must have " + w.length + " entries, got " + x.length);
        }
        requireFinite("x", x);
    }

    private static void requireFinite(String field, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(field + ": entry " + i + " must be finite, got " + v[i]);
            }
        }
    }

    private static double dot(double[] a, double[] c) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * c[i];
        }
        return s;
    }
}
