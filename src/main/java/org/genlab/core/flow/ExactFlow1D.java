package org.genlab.core.flow;

import java.util.Objects;
import org.genlab.core.data.Dataset2D;

/**
 * The exact flow of question 9 for 1-D data, the setting of Q9 f: x0 ~ N(0, 1),
 * x_t = (1 − t) x0 + t x1,
 *
 * <pre>
 *   p_t(x) = Σ_i q_i N(x; t x1_i, (1 − t)²),   v_t(x) = Σ_i P(x1_i | x, t) (x1_i − x)/(1 − t),
 *   P(x1_i | x, t) ∝ q_i N(x; t x1_i, (1 − t)²)
 * </pre>
 *
 * with q_i = w_i / Σ_j w_j, in log space. Also the density over a (t, x) grid and trajectories
 * for the pane's 1-D view. Every method takes t in [0, 1) (message {@code t: ...} otherwise).
 * Immutable and thread-safe.
 */
public final class ExactFlow1D {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] points;
    private final double[] logQ;
    private final double[] weights;

    /**
     * The flow onto points with these weights (copied).
     *
     * @throws IllegalArgumentException starting with {@code data:} if there are no points, the
     *     lengths differ, a point is not finite, a weight is negative or not finite, or the
     *     total weight is not positive
     */
    public ExactFlow1D(double[] points, double[] weights) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(weights, "weights");
        if (points.length == 0) {
            throw new IllegalArgumentException("data: the data set is empty");
        }
        if (points.length != weights.length) {
            throw new IllegalArgumentException("data: " + points.length + " points but " + weights.length + " weights");
        }
        double total = 0;
        for (int i = 0; i < points.length; i++) {
            if (!Double.isFinite(points[i])) {
                throw new IllegalArgumentException("data: point " + i + " is " + points[i]);
            }
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("data: weight " + i + " is " + weights[i]);
            }
            total += weights[i];
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("data: the total weight must be finite and > 0, got " + total);
        }
        this.points = points.clone();
        this.weights = weights.clone();
        this.logQ = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            logQ[i] = Math.log(weights[i] / total);
        }
    }

    /** Equally weighted points. */
    public static ExactFlow1D of(double... points) {
        double[] w = new double[points.length];
        java.util.Arrays.fill(w, 1);
        return new ExactFlow1D(points, w);
    }

    /** The x coordinates of a 2-D data set with their weights (its projection on the x axis). */
    public static ExactFlow1D ofXs(Dataset2D data) {
        return new ExactFlow1D(data.xs(), data.weights());
    }

    /** A copy of the points. */
    public double[] points() {
        return points.clone();
    }

    /**
     * log p_t(x) as a log-sum-exp.
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public double logDensity(double t, double x) {
        FlowTime.require(t);
        double s = 1 - t;
        double m = Double.NEGATIVE_INFINITY;
        double[] l = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            double d = x - t * points[i];
            // log q_i + log N(x; t x1_i, (1 − t)²)
            l[i] = logQ[i] - 0.5 * LOG_2PI - Math.log(s) - d * d / (2 * s * s);
            m = Math.max(m, l[i]);
        }
        double sum = 0;
        for (double li : l) {
            sum += Math.exp(li - m);
        }
        return m + Math.log(sum);
    }

    /**
     * p_t(x).
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public double density(double t, double x) {
        return Math.exp(logDensity(t, x));
    }

    /**
     * P(x1_i | x_t = x) in point order, summing to 1.
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public double[] posterior(double t, double x) {
        FlowTime.require(t);
        double s = 1 - t;
        double[] w = new double[points.length];
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.length; i++) {
            double d = x - t * points[i];
            w[i] = logQ[i] - d * d / (2 * s * s);
            m = Math.max(m, w[i]);
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(w[i] - m);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * E[x1 | x_t = x].
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public double x1Mean(double t, double x) {
        double[] w = posterior(t, x);
        double e = 0;
        for (int i = 0; i < w.length; i++) {
            e += w[i] * points[i];
        }
        return e;
    }

    /**
     * v_t(x) = (E[x1 | x_t = x] − x)/(1 − t).
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public double velocity(double t, double x) {
        return (x1Mean(t, x) - x) / (1 - t);
    }

    /**
     * p_t(x) on a grid: entry [k][j] is the density at times[k], xs[j].
     *
     * @throws IllegalArgumentException if a time is not in [0, 1)
     */
    public double[][] densityGrid(double[] times, double[] xs) {
        double[][] g = new double[times.length][xs.length];
        for (int k = 0; k < times.length; k++) {
            for (int j = 0; j < xs.length; j++) {
                g[k][j] = density(times[k], xs[j]);
            }
        }
        return g;
    }

    /**
     * The paths of particles starting at {@code x0s} under the exact velocity, with a solver in
     * m steps: entry [p][i] is particle p at t = i/m (i = 0..m). It embeds the data on the x
     * axis of the plane and runs {@link FlowSampler#transport}: with every data point at y = 0,
     * the 2-D posterior does not depend on y, so the x component is exactly this 1-D flow.
     *
     * @throws IllegalArgumentException if steps &lt; 1 or there are no starting points
     */
    public double[][] trajectories(double[] x0s, Solver solver, int steps) {
        Dataset2D d = Dataset2D.of(points, new double[points.length], weights);
        FlowSampleResult r = FlowSampler.transport(new ExactFlow(d).field(), solver, steps, x0s, new double[x0s.length],
                FlowSampleOptions.of(Math.max(1, x0s.length), 0).withPaths(x0s.length, 1));
        double[][] out = new double[x0s.length][];
        for (int p = 0; p < x0s.length; p++) {
            out[p] = r.paths().xs(p);
        }
        return out;
    }
}
