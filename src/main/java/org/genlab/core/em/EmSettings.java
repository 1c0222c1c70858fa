package org.genlab.core.em;

import java.util.Objects;

/**
 * How EM runs: the covariance type it estimates, the variance floor and the convergence
 * tolerance.
 *
 * @param covarianceType spherical (the homework's σ_z² I), diagonal or full
 * @param varianceFloor  the smallest variance (spherical, diagonal) or eigenvalue (full) the
 *                       M-step and the initialisations allow; 0 turns it off. Even off,
 *                       variances stay above {@link #MIN_VARIANCE} and a covariance's
 *                       eigenvalue ratio above {@link #MIN_EIGENVALUE_RATIO}, so every number
 *                       stays finite; a component that reaches
 *                       the floor raises a {@link EmEvent.Kind#COLLAPSE} event
 * @param tolerance      converged when the log-likelihood per unit weight, ℓ(θ)/n with n the
 *                       total weight, rises by less than this in one full iteration; 0 never
 *                       converges (runs every iteration asked for)
 */
public record EmSettings(CovarianceType covarianceType, double varianceFloor, double tolerance) {
    /** The default variance floor, 1e-6. */
    public static final double DEFAULT_VARIANCE_FLOOR = 1e-6;
    /**
     * The smallest variance (or eigenvalue) a covariance ever has, even with the variance
     * floor off: below it det Σ = σ⁴ underflows to 0 and log det Σ is no longer finite.
     */
    public static final double MIN_VARIANCE = 1e-150;
    /**
     * The smallest ratio λ_min / λ_max of a full (or diagonal) covariance, even with the floor
     * off: below it the determinant a c − b² is lost to rounding and Σ is numerically singular.
     */
    public static final double MIN_EIGENVALUE_RATIO = 1e-12;
    /** The default tolerance, 1e-8. */
    public static final double DEFAULT_TOLERANCE = 1e-8;
    /**
     * A component whose effective weight Σ_i w_i Q(z|x_i) is at most this many mean point
     * weights (n / number of points) has collapsed onto about one point.
     */
    public static final double COLLAPSE_POINTS = 1.5;
    /**
     * Two components are identical when their means differ by at most this times their
     * standard deviation and their covariances by at most this times their variance.
     */
    public static final double IDENTICAL_TOLERANCE = 1e-8;

    public EmSettings {
        Objects.requireNonNull(covarianceType, "covarianceType");
        if (!(varianceFloor >= 0) || !Double.isFinite(varianceFloor)) {
            throw new IllegalArgumentException("varianceFloor must be finite and >= 0, got " + varianceFloor);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
        }
    }

    /** The defaults for a covariance type: floor 1e-6, tolerance 1e-8. */
    public static EmSettings of(CovarianceType type) {
        return new EmSettings(type, DEFAULT_VARIANCE_FLOOR, DEFAULT_TOLERANCE);
    }
}
