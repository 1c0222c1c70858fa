package org.genlab.core.em;

/**
 * Plain-double algebra on symmetric 2x2 matrices [[a, b], [b, c]]: eigenvalues, the
 * variance floor, and the projection of a scatter matrix onto a {@link CovarianceType}.
 * Allocation-free except where a result array is returned.
 */
final class Cov2 {
    private Cov2() {
    }

    /** λ_max = (a + c)/2 + sqrt(((a − c)/2)² + b²). */
    static double maxEigenvalue(double a, double b, double c) {
        return 0.5 * (a + c) + Math.hypot(0.5 * (a - c), b);
    }

    /** λ_min = det / λ_max (avoids the cancellation of (a + c)/2 − sqrt(...)); 0 if λ_max is 0. */
    static double minEigenvalue(double a, double b, double c) {
        double max = maxEigenvalue(a, b, c);
        return max > 0 ? (a * c - b * b) / max : Math.min(0.5 * (a + c), 0);
    }

    /**
     * The floor actually applied to a matrix whose largest eigenvalue is {@code maxEig}:
     * max(varianceFloor, MIN_VARIANCE, MIN_EIGENVALUE_RATIO λ_max).
     */
    static double effectiveFloor(double varianceFloor, double maxEig) {
        return Math.max(Math.max(varianceFloor, EmSettings.MIN_VARIANCE), EmSettings.MIN_EIGENVALUE_RATIO * maxEig);
    }

    /**
     * The covariance of the given type estimated from a scatter matrix S/N = [[a, b], [b, c]]
     * (already divided by Σ_i Q), floored, written to {@code out[0..2]} as (a', b', c').
     *
     * <pre>
     *   spherical: σ² = (a + c) / d, d = 2   (= Σ_i Q ||x_i − μ||² / (d Σ_i Q), the homework's Q6)
     *   diagonal:  σ_x² = a, σ_y² = c        (off-diagonal dropped)
     *   full:      Σ = [[a, b], [b, c]]
     * </pre>
     *
     * The floor raises every variance (spherical, diagonal) or eigenvalue (full) below
     * {@link #effectiveFloor} to it; a full matrix keeps its eigenvectors. A matrix already
     * above the floor is returned bit for bit.
     *
     * @return true if the floor was applied
     */
    static boolean projectAndFloor(CovarianceType type, double a, double b, double c, double varianceFloor, double[] out) {
        switch (type) {
            case SPHERICAL -> {
                double v = 0.5 * (a + c);
                double f = effectiveFloor(varianceFloor, v);
                boolean floored = !(v > f);
                double vf = floored ? f : v;
                out[0] = vf;
                out[1] = 0;
                out[2] = vf;
                return floored;
            }
            case DIAGONAL -> {
                double f = effectiveFloor(varianceFloor, Math.max(a, c));
                boolean floored = !(a > f) || !(c > f);
                out[0] = a > f ? a : f;
                out[1] = 0;
                out[2] = c > f ? c : f;
                return floored;
            }
            default -> {
                return floorFull(a, b, c, varianceFloor, out);
            }
        }
    }

    /** Full covariance: eigenvalues below the floor raised to it, eigenvectors kept. */
    private static boolean floorFull(double a, double b, double c, double varianceFloor, double[] out) {
        double lmax = maxEigenvalue(a, b, c);
        double f = effectiveFloor(varianceFloor, lmax);
        double lmin = minEigenvalue(a, b, c);
        if (lmin > f && a * c - b * b > 0) {
            out[0] = a;
            out[1] = b;
            out[2] = c;
            return false;
        }
        // Σ = λ1 v1 v1ᵀ + λ2 v2 v2ᵀ with v1 = (cos θ, sin θ), θ = atan2(2b, a − c) / 2.
        double theta = 0.5 * Math.atan2(2 * b, a - c);
        double cs = Math.cos(theta);
        double sn = Math.sin(theta);
        double l1 = Math.max(lmax, f);
        double l2 = f;
        out[0] = l1 * cs * cs + l2 * sn * sn;
        out[1] = (l1 - l2) * cs * sn;
        out[2] = l1 * sn * sn + l2 * cs * cs;
        return true;
    }
}
