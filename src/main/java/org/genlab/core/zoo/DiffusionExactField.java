package org.genlab.core.zoo;

/**
 * The exact empirical denoiser of a weighted data set (in standardised coordinates), the
 * homework's question-8 ε* in continuous time:
 *
 * <pre>
 *   l_i(x) = log q_i − |x − s x_i|² / (2σ²),   w_i = softmax_i(l_i),   s = √ᾱ
 *   ε*(x, λ) = Σ_i w_i ε_i,   ε_i = (x − s x_i)/σ,   x̂_0 = Σ_i w_i x_i,  so ε* = (x − s x̂_0)/σ
 * </pre>
 *
 * Its divergence is analytic. With ∇_x ε_i = I/σ and ∇_x w_i = −(w_i/σ)(ε_i − ε*),
 * <pre>
 *   ∂ε* / ∂x = (1/σ) [I − Cov_w(ε)],   Cov_w(ε) = Σ_i w_i ε_i ε_iᵀ − ε* ε*ᵀ = (s²/σ²) Cov_w(x_0)
 *   tr ∂ε* / ∂x = (2 − V)/σ,   V = tr Cov_w(ε) = (s²/σ²) Σ_i w_i |x_i − x̂_0|²   (d = 2)
 * </pre>
 * Computed as in the question-8 fast kernel: l_i = log q_i − (ᾱ/(2σ²)) |x_i|² + (s/σ²) x·x_i
 * up to a constant of i, normalised by a log-sum-exp; terms more than 30 below the largest
 * (each below 1e-13 of it) are left out, and the second moment is accumulated about the data
 * point of largest weight so it does not cancel. Immutable and thread-safe (scratch per call).
 */
final class DiffusionExactField implements DiffusionField {
    private static final double SKIP = -30;

    private final double[] px;
    private final double[] py;
    private final double[] logQ;
    private final double[] r2;

    /** Points (px, py), standardised, with log-probabilities logQ (Σ exp(logQ) = 1); arrays are kept. */
    DiffusionExactField(double[] px, double[] py, double[] logQ) {
        this.px = px;
        this.py = py;
        this.logQ = logQ;
        r2 = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            r2[i] = px[i] * px[i] + py[i] * py[i];
        }
    }

    /** Number of data points (the size of the scratch array). */
    int size() {
        return px.length;
    }

    /**
     * The posterior over the data at (x, y), noise level with s = √ᾱ and σ²: out[0], out[1] =
     * x̂_0, out[2] = V = (s²/σ²) Σ_i w_i |x_i − x̂_0|², out[3] the index of the point of
     * largest weight (as a double). {@code l} is scratch of {@link #size()}.
     */
    void posterior(double s, double sigma2, double x, double y, double[] out, double[] l) {
        int n = px.length;
        double[] px = this.px, py = this.py, logQ = this.logQ, r2 = this.r2;
        double a = s / sigma2;
        double k = s * s / (2 * sigma2);
        double ax = a * x;
        double ay = a * y;
        // l_i = log q_i − (ᾱ/(2σ²)) |x_i|² + (s/σ²) x·x_i;  m = max_i l_i
        double m = Double.NEGATIVE_INFINITY;
        int best = 0;
        for (int i = 0; i < n; i++) {
            double li = logQ[i] - k * r2[i] + ax * px[i] + ay * py[i];
            l[i] = li;
            if (li > m) {
                m = li;
                best = i;
            }
        }
        double rx = px[best];
        double ry = py[best];
        double sw = 0, sx = 0, sy = 0, sq = 0;
        for (int i = 0; i < n; i++) {
            double d = l[i] - m;
            if (d > SKIP) {
                double e = Math.exp(d);
                double dx = px[i] - rx;
                double dy = py[i] - ry;
                sw += e;
                sx += e * dx;
                sy += e * dy;
                sq += e * (dx * dx + dy * dy);
            }
        }
        // x̂_0 = r + Σ w (x_i − r);  Σ w |x_i − x̂_0|² = Σ w |x_i − r|² − |x̂_0 − r|²
        double mx = sx / sw;
        double my = sy / sw;
        out[0] = rx + mx;
        out[1] = ry + my;
        double var = Math.max(0, sq / sw - mx * mx - my * my);
        out[2] = s * s / sigma2 * var;
        if (out.length > 3) {
            out[3] = best;
        }
    }

    /** |x_i − x_j|², standardised. */
    double distance2(int i, int j) {
        double dx = px[i] - px[j];
        double dy = py[i] - py[j];
        return dx * dx + dy * dy;
    }

    @Override
    public void epsilon(double[] lam, double[] xs, double[] ys, int n, double[] ex, double[] ey, double[] div) {
        double[] l = new double[px.length];
        double[] post = new double[3];
        for (int r = 0; r < n; r++) {
            double sigma2 = DiffusionSchedule.sigma2(lam[r]);
            double s = Math.sqrt(DiffusionSchedule.alphaBar(lam[r]));
            double sigma = Math.sqrt(sigma2);
            posterior(s, sigma2, xs[r], ys[r], post, l);
            // ε* = (x − s x̂_0)/σ,  tr ∂ε* / ∂x = (2 − V)/σ
            ex[r] = (xs[r] - s * post[0]) / sigma;
            ey[r] = (ys[r] - s * post[1]) / sigma;
            if (div != null) {
                div[r] = (2 - post[2]) / sigma;
            }
        }
    }
}
