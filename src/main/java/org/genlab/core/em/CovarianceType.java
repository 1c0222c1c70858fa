package org.genlab.core.em;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The shape of each component's covariance Σ_z in a 2-D Gaussian mixture.
 *
 * <p>Every type is stored as a 2x2 matrix, so ellipses, JSON and densities treat them alike;
 * the type only constrains which matrices are allowed and what the M-step estimates.
 */
public enum CovarianceType {
    /** Σ_z = σ_z² I, the homework's spherical Gaussians (one variance per component). */
    SPHERICAL("spherical"),
    /** Σ_z = diag(σ_{z,x}², σ_{z,y}²): axis-aligned ellipses. */
    DIAGONAL("diagonal"),
    /** Σ_z any symmetric positive definite 2x2 matrix. */
    FULL("full");

    private final String id;

    CovarianceType(String id) {
        this.id = id;
    }

    /** The lower-case name used on the command line and in files. */
    public String id() {
        return id;
    }

    /** The type with this {@link #id()}, case-insensitive. */
    public static Optional<CovarianceType> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.id.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** Whether the symmetric matrix [[a, b], [b, c]] has this type's shape (exact test). */
    public boolean admits(double a, double b, double c) {
        return switch (this) {
            case SPHERICAL -> a == c && b == 0;
            case DIAGONAL -> b == 0;
            case FULL -> true;
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
