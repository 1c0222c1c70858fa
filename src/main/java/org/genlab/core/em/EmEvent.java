package org.genlab.core.em;

import java.util.List;

/**
 * Something worth showing that happened at a half-step of EM.
 *
 * @param iteration  the number of full iterations (E then M) completed when it was seen; 0
 *                   for the initial state
 * @param kind       what happened
 * @param components the components concerned, indexed from 0, ascending (empty for
 *                   {@link Kind#CONVERGED})
 * @param message    one plain sentence for the status bar or a log
 */
public record EmEvent(int iteration, Kind kind, List<Integer> components, String message) {

    /** The kinds of event. */
    public enum Kind {
        /**
         * A component collapsed onto (about) a single point, the failure of the homework's Q5
         * option 3: its variance (spherical), one of its variances (diagonal) or its smallest
         * eigenvalue (full) is at the variance floor, or its effective weight Σ_i w_i Q(z|x_i)
         * is at most {@link EmSettings#COLLAPSE_POINTS} mean point weights. Raised once, at
         * the state where the component first meets the condition (raised again only after
         * it recovered).
         */
        COLLAPSE("collapse"),
        /**
         * Two or more components have the same mean and covariance (weights may differ), so
         * every point gives them responsibilities in the fixed ratio p_z : p_z' and the M-step
         * keeps them identical forever (Q5 options 1 and 4). Raised once per group, at the
         * state where the group first appears.
         */
        IDENTICAL("identical"),
        /**
         * The log-likelihood per unit weight rose by less than the tolerance in the last full
         * iteration (only with a tolerance &gt; 0). Raised once, after the M-step.
         */
        CONVERGED("converged");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The lower-case name used in JSON. */
        public String id() {
            return id;
        }
    }

    public EmEvent {
        components = List.copyOf(components);
    }
}
