package org.genlab.ui.plot;

/**
 * The density of a 2-D Gaussian mixture, p(x) = sum_k w_k N(x; mu_k, Sigma_k), as a
 * {@link Field2D}. {@link #value} is the plain formula; {@link #evaluateRow} is the fast path
 * (precomputed inverse covariances and log-normalisers, no allocation, components that underflow
 * on a whole row skipped). Immutable and thread-safe.
 */
public final class GaussianMixtureField implements Field2D {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** exp(t) is exactly 0 in double for t below about -745.2; skip with margin. */
    private static final double UNDERFLOW = -750;

    private final int k;
    private final double[] w, mx, my, s11, s12, s22;
    /** Inverse covariance entries P = Sigma^-1 and log(w / (2 pi sqrt(det Sigma))). */
    private final double[] p11, p12, p22, logC;

    /**
     * @param weights mixture weights (need not sum to 1)
     * @param means k rows {mu_x, mu_y}
     * @param covariances k rows {s11, s12, s22} of symmetric positive-definite covariances
     */
    public GaussianMixtureField(double[] weights, double[][] means, double[][] covariances) {
        k = weights.length;
        if (means.length != k || covariances.length != k) {
            throw new IllegalArgumentException("need one mean and covariance per weight");
        }
        w = weights.clone();
        mx = new double[k];
        my = new double[k];
        s11 = new double[k];
        s12 = new double[k];
        s22 = new double[k];
        p11 = new double[k];
        p12 = new double[k];
        p22 = new double[k];
        logC = new double[k];
        for (int c = 0; c < k; c++) {
            mx[c] = means[c][0];
            my[c] = means[c][1];
            s11[c] = covariances[c][0];
            s12[c] = covariances[c][1];
            s22[c] = covariances[c][2];
            double det = s11[c] * s22[c] - s12[c] * s12[c];
            if (!(det > 0) || !(s11[c] > 0)) {
                throw new IllegalArgumentException("covariance " + c + " is not positive definite");
            }
            // Sigma^-1 = [[s22, -s12], [-s12, s11]] / det
            p11[c] = s22[c] / det;
            p12[c] = -s12[c] / det;
            p22[c] = s11[c] / det;
            // log normaliser: log w - log(2 pi) - log(det) / 2
            logC[c] = Math.log(w[c]) - LOG_2PI - 0.5 * Math.log(det);
        }
    }

    /** @return number of components */
    public int components() {
        return k;
    }

    /**
     * Plain definition: sum_k w_k exp(-q_k / 2) / (2 pi sqrt(det Sigma_k)) with
     * q_k = d^T Sigma_k^-1 d, d = (x, y) - mu_k.
     */
    @Override
    public double value(double x, double y) {
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double det = s11[c] * s22[c] - s12[c] * s12[c];
            double i11 = s22[c] / det, i12 = -s12[c] / det, i22 = s11[c] / det;
            double dx = x - mx[c], dy = y - my[c];
            double q = dx * (i11 * dx + i12 * dy) + dy * (i12 * dx + i22 * dy);
            sum += w[c] / (2 * Math.PI * Math.sqrt(det)) * Math.exp(-q / 2);
        }
        return sum;
    }

    /**
     * Fast row: for fixed y, q(dx) = p11 dx^2 + 2 p12 dx dy + p22 dy^2 = dx (p11 dx + b) + cc with
     * b = 2 p12 dy and cc = p22 dy^2; the density term is exp(logC - q / 2). A component is
     * skipped on the row when even its smallest q on the line, cc - b^2 / (4 p11), underflows.
     */
    @Override
    public void evaluateRow(double[] xs, double y, double[] out, int offset) {
        int n = xs.length;
        java.util.Arrays.fill(out, offset, offset + n, 0.0);
        for (int c = 0; c < k; c++) {
            double dy = y - my[c];
            double a = p11[c], b = 2 * p12[c] * dy, cc = p22[c] * dy * dy, lc = logC[c], m = mx[c];
            double qMin = cc - b * b / (4 * a);
            if (lc - 0.5 * qMin < UNDERFLOW) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double dx = xs[i] - m;
                out[offset + i] += Math.exp(lc - 0.5 * (dx * (a * dx + b) + cc));
            }
        }
    }

    /**
     * @return eight equal-weight components on a circle of radius 2, each elongated along the
     *     tangent (the standard benchmark and demo mixture)
     */
    public static GaussianMixtureField ring8() {
        int k = 8;
        double[] w = new double[k];
        double[][] mu = new double[k][], cov = new double[k][];
        for (int c = 0; c < k; c++) {
            double t = 2 * Math.PI * c / k, ct = Math.cos(t), st = Math.sin(t);
            w[c] = 1.0 / k;
            mu[c] = new double[] {2 * ct, 2 * st};
            // Sigma = R diag(0.02, 0.12) R^T with R the rotation by t (long axis tangent)
            double l1 = 0.02, l2 = 0.12;
            cov[c] = new double[] {l1 * ct * ct + l2 * st * st, (l1 - l2) * ct * st, l1 * st * st + l2 * ct * ct};
        }
        return new GaussianMixtureField(w, mu, cov);
    }
}
