package org.genlab.core.flow;

/**
 * The fast kernel for E[x1 | x_t = x] at one time t: the per-time constants are computed once,
 * the inner loops only multiply, add and exponentiate, and nothing is allocated per particle.
 *
 * <p>The posterior weights are w_i ∝ q(x1_i) N(x; t x1_i, (1 − t)² I), so
 *
 * <pre>
 *   log w_i = log q(x1_i) − |x − t x1_i|² / (2 (1 − t)²) + const
 *           = c_i + a (x · x1_i) − |x|² / (2 (1 − t)²) + const,
 *   a = t / (1 − t)²,   c_i = log q(x1_i) − t² |x1_i|² / (2 (1 − t)²),
 * </pre>
 *
 * and the terms that do not depend on i cancel when the weights are normalised by a
 * log-sum-exp: m = max_i l_i, w_i = exp(l_i − m) / Σ_j exp(l_j − m). Terms with
 * l_i − m ≤ −40 are left out (each is below 4e-18 of the largest), which saves most of the
 * exponentials once the posterior has narrowed, as it does for most particles after t ≈ 0.3.
 */
final class FastKernel {
    /** Terms with l_i − m at or below this are skipped: e^-40 ≈ 4e-18. */
    private static final double SKIP = -40;

    private final double[] px;
    private final double[] py;
    private final double a;
    private final double[] c;

    /** The constants for time t in [0, 1) (checked by the caller). */
    FastKernel(double[] px, double[] py, double[] logQ, double t) {
        this.px = px;
        this.py = py;
        double s2 = (1 - t) * (1 - t);
        this.a = t / s2;
        double half = t * t / (2 * s2);
        this.c = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            c[i] = logQ[i] - half * (px[i] * px[i] + py[i] * py[i]);
        }
    }

    /** Writes E[x1 | x_t] of particles from..to−1 to (outX, outY); {@code l} has one slot per data point. */
    void x1Mean(double[] xs, double[] ys, int from, int to, double[] outX, double[] outY, double[] l) {
        int n = px.length;
        double[] px = this.px, py = this.py, c = this.c;
        for (int p = from; p < to; p++) {
            double ax = a * xs[p];
            double ay = a * ys[p];
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double li = c[i] + ax * px[i] + ay * py[i];
                l[i] = li;
                m = Math.max(m, li);
            }
            double sw = 0;
            double sx = 0;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                double d = l[i] - m;
                // a term below e^-40 of the largest changes no sum by more than n e^-40 relative: skip its exp
                if (d > SKIP) {
                    double e = Math.exp(d);
                    sw += e;
                    sx += e * px[i];
                    sy += e * py[i];
                }
            }
            outX[p] = sx / sw;
            outY[p] = sy / sw;
        }
    }
}
