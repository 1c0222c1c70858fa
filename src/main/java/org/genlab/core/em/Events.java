package org.genlab.core.em;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Detects {@link EmEvent}s from one state to the next. Shared by the half-step path
 * ({@link Em#eStep}, {@link Em#mStep}) and the fused path ({@link Em#fit}).
 */
final class Events {
    /**
     * A variance within this factor of the floor counts as at the floor: λ_min of a floored
     * full covariance is recomputed from its entries, with rounding error up to ~1e-5
     * relative when the floor is 1e-12 λ_max.
     */
    private static final double AT_FLOOR = 1.001;

    private Events() {
    }

    /**
     * What was already reported, so an event is raised once, when its condition starts.
     *
     * @param collapsed       per component, whether it is collapsed
     * @param identicalGroups the groups of identical components (each ascending, size ≥ 2)
     * @param converged       whether convergence was reported
     */
    record Status(boolean[] collapsed, List<List<Integer>> identicalGroups, boolean converged) {
        static Status none(int k) {
            return new Status(new boolean[k], List.of(), false);
        }
    }

    /** Events found and the status after them. */
    record Detection(List<EmEvent> events, Status status) {
    }

    /**
     * Collapse and identical components of {@code m}.
     *
     * @param effectiveWeights Σ_i w_i Q(z|x_i) from the M-step, or null at the initial state
     *                         (then only the variance floor counts as collapse)
     */
    static Detection detect(EmSettings settings, int points, double totalWeight, int iteration, Mixture m,
                            double[] effectiveWeights, Status prev) {
        int k = m.k();
        List<EmEvent> events = new ArrayList<>();
        boolean[] collapsed = new boolean[k];
        double onePoint = totalWeight / points;
        for (int z = 0; z < k; z++) {
            double minVar = m.minEigenvalue(z);
            double floor = Cov2.effectiveFloor(settings.varianceFloor(), m.maxEigenvalue(z));
            boolean atFloor = minVar <= floor * AT_FLOOR;
            boolean starved = effectiveWeights != null && effectiveWeights[z] <= EmSettings.COLLAPSE_POINTS * onePoint;
            collapsed[z] = atFloor || starved;
            if (collapsed[z] && !prev.collapsed()[z]) {
                String why = atFloor
                        ? (settings.varianceFloor() > 0 && floor == settings.varianceFloor()
                            ? String.format(Locale.ROOT, "its variance reached the floor %.3g", floor)
                            : String.format(Locale.ROOT, "its covariance is singular (variance %.3g kept at %.3g so numbers stay finite)",
                                minVar, floor))
                        : String.format(Locale.ROOT, "its effective weight is %.3g, about one point or less",
                            effectiveWeights[z] / onePoint);
                events.add(new EmEvent(iteration, EmEvent.Kind.COLLAPSE, List.of(z),
                        "component " + z + " collapsed onto a single point: " + why + " (Q5, option 3)"));
            }
        }
        List<List<Integer>> groups = identicalGroups(m);
        for (List<Integer> g : groups) {
            if (!prev.identicalGroups().contains(g)) {
                events.add(new EmEvent(iteration, EmEvent.Kind.IDENTICAL, g, "components "
                        + g.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + " are identical (same mean and covariance): every point splits between them in the fixed ratio"
                        + " of their weights, so EM updates them alike and they stay identical (Q5, options 1 and 4)"));
            }
        }
        return new Detection(events, new Status(collapsed, groups, prev.converged()));
    }

    /** The convergence event, if the rise per unit weight is below a positive tolerance for the first time. */
    static Detection converged(EmSettings settings, double totalWeight, int iteration, double previousLogLik,
                               double logLik, Status status) {
        double rise = (logLik - previousLogLik) / totalWeight;
        if (settings.tolerance() > 0 && !status.converged() && rise < settings.tolerance()) {
            EmEvent e = new EmEvent(iteration, EmEvent.Kind.CONVERGED, List.of(), String.format(Locale.ROOT,
                    "converged: the log-likelihood per unit weight rose by %.3g < tolerance %.3g", rise, settings.tolerance()));
            return new Detection(List.of(e), new Status(status.collapsed(), status.identicalGroups(), true));
        }
        return new Detection(List.of(), status);
    }

    /**
     * Groups of components whose means differ by at most IDENTICAL_TOLERANCE σ and whose
     * covariance entries differ by at most IDENTICAL_TOLERANCE σ², σ² the larger variance.
     */
    static List<List<Integer>> identicalGroups(Mixture m) {
        int k = m.k();
        int[] parent = new int[k];
        Arrays.setAll(parent, i -> i);
        double t = EmSettings.IDENTICAL_TOLERANCE;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double s2 = Math.max(m.variance(a), m.variance(b));
                double dx = m.meanX(a) - m.meanX(b);
                double dy = m.meanY(a) - m.meanY(b);
                boolean same = dx * dx + dy * dy <= t * t * s2
                        && Math.abs(m.covXX(a) - m.covXX(b)) <= t * s2
                        && Math.abs(m.covXY(a) - m.covXY(b)) <= t * s2
                        && Math.abs(m.covYY(a) - m.covYY(b)) <= t * s2;
                if (same) {
                    parent[find(parent, b)] = find(parent, a);
                }
            }
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            if (find(parent, a) != a) {
                continue;
            }
            List<Integer> g = new ArrayList<>();
            for (int b = 0; b < k; b++) {
                if (find(parent, b) == a) {
                    g.add(b);
                }
            }
            if (g.size() > 1) {
                groups.add(List.copyOf(g));
            }
        }
        return List.copyOf(groups);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }
}
