package org.genlab.core.zoo;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A density model fitted to a 2-D data set: it evaluates log p(x) by one or more
 * {@link Estimator}s and draws samples by its own procedure. Implementations are immutable once
 * fitted and safe to use from several threads at once.
 */
public interface ZooModel {
    /** Which of the six models this is. */
    ZooKind kind();

    /** The estimators this model offers; the first is the default ({@code exact} for kde, ar, gmm and flow). */
    List<Estimator> estimators();

    /**
     * The estimator named {@code id}.
     *
     * @throws IllegalArgumentException naming the estimators this model has, if it has no such one
     */
    default Estimator estimator(String id) {
        for (Estimator e : estimators()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("estimator: the " + kind().id() + " model has no estimator '" + id + "'; it has "
                + estimators().stream().map(Estimator::id).toList());
    }

    /**
     * log p(x) (or its bound or estimate) at the points (xs[i], ys[i]), into out[i]. A point
     * where the density is 0 gives -infinity. Stochastic estimators draw from {@code seed}, so the
     * same call gives the same numbers.
     *
     * @param estimator   one of {@link #estimators()}
     * @param monitor     progress over the points, and cancellation (throws
     *                    {@link java.util.concurrent.CancellationException})
     * @param executor    where to run chunks of points (null: the caller's thread)
     * @param parallelism how many chunks at once, at least 1
     */
    void logDensity(Estimator estimator, double[] xs, double[] ys, double[] out, long seed,
            FitMonitor monitor, Executor executor, int parallelism);

    /**
     * The weight-averaged log density over a data set, Σ_i w_i log p(x_i) / Σ_i w_i (nats per
     * point; −∞ if some point has density 0).
     */
    default double meanLogDensity(Estimator estimator, org.genlab.core.data.Dataset2D data, long seed, FitMonitor monitor,
            Executor executor, int parallelism) {
        double[] out = new double[data.size()];
        logDensity(estimator, data.xs(), data.ys(), out, seed, monitor, executor, parallelism);
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += data.weight(i) * out[i];
        }
        return s / data.totalWeight();
    }

    /** n samples by the model's own procedure, from {@code seed}: rows (x, y). */
    double[][] sample(int n, long seed);

    /** One sample drawn stage by stage, from {@code seed}, for the card that explains sampling. */
    SampleTrace trace(long seed);

    /** One line about the fitted model for its card ("h = 0.21 (Scott's rule), Gaussian kernel, 2,000 points"). */
    String summary();

    /** Writes what {@link ZooFile} needs to read this model back (the container writes the kind). */
    void writePayload(DataOutputStream out) throws IOException;
}
