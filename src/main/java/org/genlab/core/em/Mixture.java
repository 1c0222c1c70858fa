package org.genlab.core.em;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable K-component mixture of 2-D Gaussians,
 *
 * <pre>
 *   P(x | θ) = Σ_z p_z N(x; μ_z, Σ_z),   z = 0 .. K−1
 * </pre>
 *
 * with weights p_z (≥ 0, summing to 1), means μ_z and 2x2 covariances Σ_z of one
 * {@link CovarianceType} (Σ_z = σ_z² I for the homework's spherical mixture). Components are
 * indexed from 0 here; the homework counts z from 1.
 *
 * <p>Densities are evaluated in log space: log N(x; μ, Σ) = −log 2π − ½ log det Σ
 * − ½ (x − μ)ᵀ Σ⁻¹ (x − μ), and log P(x | θ) by log-sum-exp over z, so nothing underflows.
 * The Mahalanobis term is capped at {@value #MAX_MAHALANOBIS} so a point absurdly far from
 * every component still has a finite (very negative) log-density.
 *
 * <p>A weight may be 0 (a component that EM starved of points): its log p_z is −∞, it takes
 * no responsibility, and nothing becomes NaN.
 */
public final class Mixture {
    /** Cap on (x − μ)ᵀ Σ⁻¹ (x − μ): keeps log-densities finite for any finite data. */
    public static final double MAX_MAHALANOBIS = 1e290;
    /** How far the weights may sum from 1. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private final CovarianceType type;
    private final double[] w;
    private final double[] mx;
    private final double[] my;
    private final double[] cxx;
    private final double[] cxy;
    private final double[] cyy;
    // Derived: Σ⁻¹ = [[ixx, ixy], [ixy, iyy]] and logNorm_z = log p_z − log 2π − ½ log det Σ_z.
    private final double[] ixx;
    private final double[] ixy;
    private final double[] iyy;
    private final double[] logNorm;

    /** Takes ownership of validated arrays. */
    private Mixture(CovarianceType type, double[] w, double[] mx, double[] my, double[] cxx, double[] cxy, double[] cyy) {
        this.type = type;
        this.w = w;
        this.mx = mx;
        this.my = my;
        this.cxx = cxx;
        this.cxy = cxy;
        this.cyy = cyy;
        int k = w.length;
        ixx = new double[k];
        ixy = new double[k];
        iyy = new double[k];
        logNorm = new double[k];
        for (int z = 0; z < k; z++) {
            double det = cxx[z] * cyy[z] - cxy[z] * cxy[z];
            ixx[z] = cyy[z] / det;
            ixy[z] = -cxy[z] / det;
            iyy[z] = cxx[z] / det;
            logNorm[z] = Math.log(w[z]) - LOG_2PI - 0.5 * Math.log(det);
        }
    }

    /**
     * A mixture from weights, means {@code {{x, y}, ...}} and covariances
     * {@code {{{a, b}, {b, c}}, ...}}. The arrays are copied.
     *
     * @throws IllegalArgumentException naming the field and component index when: K is 0 or
     *     the arrays disagree on K or shape; a number is not finite; a weight is negative or
     *     the weights do not sum to 1 within {@value #WEIGHT_SUM_TOLERANCE}; a covariance is
     *     not symmetric, not positive definite, or not of the given type
     */
    public static Mixture of(CovarianceType type, double[] weights, double[][] means, double[][][] covariances) {
        Objects.requireNonNull(type, "type");
        int k = weights.length;
        if (k == 0) {
            throw new IllegalArgumentException("weights: a mixture needs at least one component");
        }
        if (means.length != k) {
            throw new IllegalArgumentException("means: " + means.length + " means for " + k + " weights");
        }
        if (covariances.length != k) {
            throw new IllegalArgumentException("covariances: " + covariances.length + " covariances for " + k + " weights");
        }
        double[] mx = new double[k], my = new double[k], a = new double[k], b = new double[k], c = new double[k];
        double sum = 0;
        for (int z = 0; z < k; z++) {
            if (!(weights[z] >= 0) || !Double.isFinite(weights[z])) {
                throw new IllegalArgumentException("weights[" + z + "]: must be finite and >= 0, got " + weights[z]);
            }
            sum += weights[z];
            if (means[z] == null || means[z].length != 2) {
                throw new IllegalArgumentException("means[" + z + "]: must be a point [x, y]");
            }
            mx[z] = means[z][0];
            my[z] = means[z][1];
            if (!Double.isFinite(mx[z]) || !Double.isFinite(my[z])) {
                throw new IllegalArgumentException("means[" + z + "]: not finite");
            }
            double[][] s = covariances[z];
            if (s == null || s.length != 2 || s[0] == null || s[1] == null || s[0].length != 2 || s[1].length != 2) {
                throw new IllegalArgumentException("covariances[" + z + "]: must be a 2x2 matrix [[a, b], [b, c]]");
            }
            a[z] = s[0][0];
            b[z] = s[0][1];
            c[z] = s[1][1];
            checkCovariance(type, "covariances[" + z + "]", a[z], b[z], s[1][0], c[z]);
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            throw new IllegalArgumentException("weights: sum to " + sum + ", not 1");
        }
        return new Mixture(type, weights.clone(), mx, my, a, b, c);
    }

    /** The homework's spherical mixture, Σ_z = σ_z² I, from weights, means and variances σ_z². */
    public static Mixture spherical(double[] weights, double[][] means, double[] variances) {
        if (variances.length != weights.length) {
            throw new IllegalArgumentException("variances: " + variances.length + " variances for " + weights.length + " weights");
        }
        double[][][] cov = new double[variances.length][][];
        for (int z = 0; z < cov.length; z++) {
            cov[z] = new double[][] {{variances[z], 0}, {0, variances[z]}};
        }
        return of(CovarianceType.SPHERICAL, weights, means, cov);
    }

    private static void checkCovariance(CovarianceType type, String field, double a, double b, double b2, double c) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(b2) || !Double.isFinite(c)) {
            throw new IllegalArgumentException(field + ": not finite");
        }
        if (b != b2) {
            throw new IllegalArgumentException(field + ": not symmetric (" + b + " vs " + b2 + ")");
        }
        if (!(a > 0) || !(c > 0) || !(a * c - b * b > 0)) {
            throw new IllegalArgumentException(field + ": not positive definite");
        }
        if (!type.admits(a, b, c)) {
            throw new IllegalArgumentException(field + ": not " + type.id() + (type == CovarianceType.SPHERICAL
                    ? " (must be s² I)" : " (off-diagonal must be 0)"));
        }
    }

    /** Package factory for the M-step and initialisations: arrays already valid and owned. */
    static Mixture owning(CovarianceType type, double[] w, double[] mx, double[] my, double[] a, double[] b, double[] c) {
        return new Mixture(type, w, mx, my, a, b, c);
    }

    // ---------------------------------------------------------------- accessors

    /** Number of components K. */
    public int k() {
        return w.length;
    }

    /** The covariance type every component has. */
    public CovarianceType type() {
        return type;
    }

    /** p_z. */
    public double weight(int z) {
        return w[z];
    }

    /** x of μ_z. */
    public double meanX(int z) {
        return mx[z];
    }

    /** y of μ_z. */
    public double meanY(int z) {
        return my[z];
    }

    /** Σ_z[0][0]: the variance along x. */
    public double covXX(int z) {
        return cxx[z];
    }

    /** Σ_z[0][1] = Σ_z[1][0]. */
    public double covXY(int z) {
        return cxy[z];
    }

    /** Σ_z[1][1]: the variance along y. */
    public double covYY(int z) {
        return cyy[z];
    }

    /** σ_z² = tr Σ_z / 2: the spherical variance (for other types, the mean variance). */
    public double variance(int z) {
        return 0.5 * (cxx[z] + cyy[z]);
    }

    /** The smallest eigenvalue of Σ_z (the variance along the ellipse's minor axis). */
    public double minEigenvalue(int z) {
        return Cov2.minEigenvalue(cxx[z], cxy[z], cyy[z]);
    }

    /** The largest eigenvalue of Σ_z. */
    public double maxEigenvalue(int z) {
        return Cov2.maxEigenvalue(cxx[z], cxy[z], cyy[z]);
    }

    /** A copy of the weights. */
    public double[] weights() {
        return w.clone();
    }

    /** The means as {@code {{x, y}, ...}} (fresh arrays). */
    public double[][] means() {
        double[][] m = new double[w.length][];
        for (int z = 0; z < m.length; z++) {
            m[z] = new double[] {mx[z], my[z]};
        }
        return m;
    }

    /** The covariances as {@code {{{a, b}, {b, c}}, ...}} (fresh arrays), 2x2 for every type. */
    public double[][][] covariances() {
        double[][][] s = new double[w.length][][];
        for (int z = 0; z < s.length; z++) {
            s[z] = new double[][] {{cxx[z], cxy[z]}, {cxy[z], cyy[z]}};
        }
        return s;
    }

    /**
     * The 1σ ellipse of component z: the set (x − μ)ᵀ Σ⁻¹ (x − μ) = 1, with semi-axes
     * sqrt(λ_max), sqrt(λ_min) and the major axis at {@code angle} radians from the x axis.
     */
    public record Ellipse(double centerX, double centerY, double semiMajor, double semiMinor, double angle) {
    }

    /** The 1σ ellipse of component z (a circle of radius σ_z for the spherical type). */
    public Ellipse ellipse(int z) {
        double angle = 0.5 * Math.atan2(2 * cxy[z], cxx[z] - cyy[z]);
        return new Ellipse(mx[z], my[z], Math.sqrt(maxEigenvalue(z)), Math.sqrt(Math.max(minEigenvalue(z), 0)), angle);
    }

    // ---------------------------------------------------------------- densities

    /**
     * log[p_z N(x; μ_z, Σ_z)] = log p_z − log 2π − ½ log det Σ_z − ½ (x − μ_z)ᵀ Σ_z⁻¹ (x − μ_z);
     * −∞ only when p_z = 0.
     */
    public double logJoint(int z, double x, double y) {
        double dx = x - mx[z];
        double dy = y - my[z];
        return logNorm[z] - 0.5 * mahalanobis(z, dx, dy);
    }

    /** (d)ᵀ Σ_z⁻¹ (d) for d = (dx, dy), capped at {@link #MAX_MAHALANOBIS}. */
    double mahalanobis(int z, double dx, double dy) {
        double q = ixx[z] * dx * dx + 2 * ixy[z] * dx * dy + iyy[z] * dy * dy;
        return Math.min(q, MAX_MAHALANOBIS);
    }

    /** log p_z − log 2π − ½ log det Σ_z: the part of {@link #logJoint} that does not depend on x. */
    double logNorm(int z) {
        return logNorm[z];
    }

    double invXX(int z) {
        return ixx[z];
    }

    double invXY(int z) {
        return ixy[z];
    }

    double invYY(int z) {
        return iyy[z];
    }

    /**
     * log P(x | θ) = log Σ_z p_z N(x; μ_z, Σ_z), by log-sum-exp: m + log Σ_z exp(l_z − m),
     * m = max_z l_z.
     */
    public double logDensity(double x, double y) {
        return logJoints(x, y, new double[w.length]);
    }

    /**
     * log P(x | θ) along one heatmap row: {@code out[j] = logDensity(xs[j], y)}, with a
     * K-long workspace instead of allocation per pixel.
     *
     * @param work at least K doubles of scratch space
     */
    public void logDensityRow(double y, double[] xs, double[] out, double[] work) {
        for (int j = 0; j < xs.length; j++) {
            out[j] = logJoints(xs[j], y, work);
        }
    }

    /**
     * Fills {@code l[z] = log[p_z N(x; μ_z, Σ_z)]} and returns log P(x | θ) = m + log Σ_z
     * exp(l_z − m), m = max_z l_z (log-sum-exp, so nothing underflows).
     */
    double logJoints(double x, double y, double[] l) {
        double m = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < w.length; z++) {
            l[z] = logJoint(z, x, y);
            m = Math.max(m, l[z]);
        }
        double s = 0;
        for (int z = 0; z < w.length; z++) {
            s += Math.exp(l[z] - m);
        }
        return m + Math.log(s);
    }

    // ---------------------------------------------------------------- variations

    /** This mixture with other weights (same checks as {@link #of}). */
    public Mixture withWeights(double[] weights) {
        return of(type, weights, means(), covariances());
    }

    /** This mixture with μ_z moved to (x, y). */
    public Mixture withMean(int z, double x, double y) {
        double[][] m = means();
        m[z] = new double[] {x, y};
        return of(type, w, m, covariances());
    }

    /** This mixture with Σ_z = [[a, b], [b, c]] (must fit the type and be positive definite). */
    public Mixture withCovariance(int z, double a, double b, double c) {
        double[][][] s = covariances();
        s[z] = new double[][] {{a, b}, {b, c}};
        return of(type, w, means(), s);
    }

    /**
     * The same parameters under another covariance type, when every Σ_z already has its shape
     * (a spherical mixture is also diagonal and full).
     *
     * @throws IllegalArgumentException naming the first component that does not fit
     */
    public Mixture withType(CovarianceType newType) {
        return of(newType, w, means(), covariances());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mixture m && type == m.type && Arrays.equals(w, m.w) && Arrays.equals(mx, m.mx)
                && Arrays.equals(my, m.my) && Arrays.equals(cxx, m.cxx) && Arrays.equals(cxy, m.cxy)
                && Arrays.equals(cyy, m.cyy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(w), Arrays.hashCode(mx), Arrays.hashCode(my), Arrays.hashCode(cxx));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Mixture[").append(type.id()).append(", K=").append(w.length);
        for (int z = 0; z < w.length; z++) {
            sb.append(String.format(java.util.Locale.ROOT, "; p=%.4g mu=(%.4g, %.4g) S=[%.4g %.4g %.4g]",
                    w[z], mx[z], my[z], cxx[z], cxy[z], cyy[z]));
        }
        return sb.append(']').toString();
    }
}
