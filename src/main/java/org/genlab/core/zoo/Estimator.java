package org.genlab.core.zoo;

import java.util.Objects;

/**
 * One way a model turns x into a number for log p(x).
 *
 * @param id    the command line's {@code --estimator} value: {@code exact}, {@code elbo}, {@code is}, {@code ode}
 * @param kind  exact, bound or estimate
 * @param label a short label for a card or table ("ELBO (lower bound)")
 */
public record Estimator(String id, DensityKind kind, String label) {
    /** The exact density of kde, ar, gmm and flow. */
    public static final Estimator EXACT = new Estimator("exact", DensityKind.EXACT, "exact");

    public Estimator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
    }
}
