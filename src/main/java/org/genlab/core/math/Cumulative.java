package org.genlab.core.math;

/** Drawing an index in proportion to weights, by binary search in their running sums. */
public final class Cumulative {
    private Cumulative() {
    }

    /** The running sums w_0, w_0 + w_1, ... of the weights. */
    public static double[] of(double[] weights) {
        double[] c = new double[weights.length];
        double run = 0;
        for (int i = 0; i < weights.length; i++) {
            run += weights[i];
            c[i] = run;
        }
        return c;
    }

    /**
     * The first index whose running sum exceeds u, for u in [0, total): index i is drawn with
     * probability w_i / total when u is uniform on [0, total).
     */
    public static int pick(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
