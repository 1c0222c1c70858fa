package org.genlab.core.zoo;

import org.genlab.core.data.Dataset2D;
import org.genlab.core.math.Rng;

/**
 * A data set split at random into the points the models are fitted to and the points held
 * out to compare them, the same for every model (the zoo's held-out table).
 *
 * @param train the fitted points
 * @param test  the held-out points (at least one)
 */
public record ZooSplit(Dataset2D train, Dataset2D test) {
    /** The share of the points held out. */
    public static final double HELD_OUT = 0.2;

    /**
     * Splits {@code data} by a permutation drawn from {@code seed}: round(20% of n) points, at least
     * one, are held out, the rest (weights kept) are the training set.
     *
     * @throws IllegalArgumentException if the data set has fewer than 2 points
     */
    public static ZooSplit of(Dataset2D data, long seed) {
        int n = data.size();
        if (n < 2) {
            throw new IllegalArgumentException("data: splitting needs at least 2 points, got " + n);
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Rng rng = Rng.forStream(seed, 101);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int held = Math.max(1, (int) Math.round(HELD_OUT * n));
        return new ZooSplit(subset(data, perm, held, n), subset(data, perm, 0, held));
    }

    private static Dataset2D subset(Dataset2D d, int[] perm, int from, int to) {
        int m = to - from;
        double[] x = new double[m], y = new double[m], w = new double[m];
        for (int k = 0; k < m; k++) {
            int i = perm[from + k];
            x[k] = d.x(i);
            y[k] = d.y(i);
            w[k] = d.weight(i);
        }
        return Dataset2D.of(x, y, w);
    }

    /**
     * The weighted mean of {@code model}'s log density (by {@code estimator}) over the held-out
     * points: the table's number, in nats per point. −∞ if some held-out point has density 0.
     */
    public double heldOut(ZooModel model, Estimator estimator, long seed, FitMonitor monitor,
            java.util.concurrent.Executor executor, int parallelism) {
        return model.meanLogDensity(estimator, test, seed, monitor, executor, parallelism);
    }
}
