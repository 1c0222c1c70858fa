package org.genlab.core.diffusion;

/**
 * The fast kernel for x̂_0 at one step: the per-step constants are computed once, the inner
 * loops only multiply, add and exponentiate, and nothing is allocated per particle.
 *
 * <p>The homework's weights are w_i ∝ q(x0_i) N(ε_i; 0, I), ε_i = (x − √ᾱ x0_i)/√(1 − ᾱ), so
 *
 * <pre>
 *   log w_i = log q(x0_i) − |x − √ᾱ x0_i|² / (2(1 − ᾱ)) + const
 *           = c_i + a (x · x0_i) − |x|² / (2(1 − ᾱ)) + const,
 *   a = √ᾱ / (1 − ᾱ),   c_i = log q(x0_i) − ᾱ |x0_i|² / (2(1 − ᾱ)),
 * </pre>
 *
 * and the terms that do not depend on i cancel when the weights are normalised. The
 * normalisation is a log-sum-exp: m = max_i l_i, w_i = exp(l_i − m) / Σ_j exp(l_j − m).
 */
final class FastDenoiser implements Denoiser {
    private final double[] px;
    private final double[] py;
    private final double a;
    private final double[] c;

    /** The constants for ᾱ = {@code alphaBar} (in (0, 1)) over data (px, py) with log-probabilities logQ. */
    FastDenoiser(double[] px, double[] py, double[] logQ, double alphaBar) {
        this.px = px;
        this.py = py;
        double oneMinus = 1 - alphaBar;
        // a = √ᾱ / (1 − ᾱ),  c_i = log q(x0_i) − ᾱ |x0_i|² / (2(1 − ᾱ))
        this.a = Math.sqrt(alphaBar) / oneMinus;
        double half = alphaBar / (2 * oneMinus);
        this.c = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            c[i] = logQ[i] - half * (px[i] * px[i] + py[i] * py[i]);
        }
    }

    @Override
    public void x0Mean(double[] xs, double[] ys, int from, int to, double[] outX, double[] outY, double[] l) {
        int n = px.length;
        double[] px = this.px, py = this.py, c = this.c;
        for (int p = from; p < to; p++) {
            double ax = a * xs[p];
            double ay = a * ys[p];
            // l_i = c_i + a (x · x0_i);  m = max_i l_i
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double li = c[i] + ax * px[i] + ay * py[i];
                l[i] = li;
                m = Math.max(m, li);
            }
            // x̂_0 = Σ_i exp(l_i − m) x0_i / Σ_i exp(l_i − m)
            double sw = 0;
            double sx = 0;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                double e = Math.exp(l[i] - m);
                sw += e;
                sx += e * px[i];
                sy += e * py[i];
            }
            outX[p] = sx / sw;
            outY[p] = sy / sw;
        }
    }
}
