package org.genlab.core.flow;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.math.Chunks;

/**
 * Flow matching with the exact marginal velocity of a finite, weighted 2-D data set (the
 * homework's question 9 a–e). The data set is p_1 = q: point i has probability
 * q(x1_i) = w_i / Σ_j w_j. Paths are linear, x_t = (1 − t) x0 + t x1 with x0 ~ N(0, I), so
 *
 * <pre>
 *   p_t(x | x1)   = N(x; t x1, (1 − t)² I)                         (9 a)
 *   p_t(x)        = Σ_i q(x1_i) N(x; t x1_i, (1 − t)² I)            (9 c)
 *   P(x1_i | x,t) = q(x1_i) N(x; t x1_i, (1 − t)² I) / p_t(x)       (9 e, with the ERRATA's p_1(x1))
 *   v_t(x)        = Σ_i P(x1_i | x, t) (x1_i − x) / (1 − t)          (9 d)
 * </pre>
 *
 * All sums over the data are taken in log space (log-sum-exp), so they stay finite far from the
 * data and close to t = 1. Every method takes t in [0, 1); t = 1, values outside and NaN are an
 * {@link IllegalArgumentException} whose message starts with {@code t:}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExactFlow {
    /** Particles per chunk when evaluating many particles; results do not depend on it. */
    public static final int CHUNK = 256;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Dataset2D data;
    private final double[] px;
    private final double[] py;
    private final double[] logQ;
    /** Each thread's log-weights for {@link FastKernel#x1Mean}: a fresh array per chunk was a third of the pane's garbage while playing. */
    private final ThreadLocal<double[]> scratch;

    /**
     * The exact flow onto {@code data}.
     *
     * @throws IllegalArgumentException if the data set is empty or its total weight is not
     *     positive (the message starts with {@code data})
     */
    public ExactFlow(Dataset2D data) {
        this.data = Objects.requireNonNull(data, "data");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("data: the data set is empty");
        }
        double total = data.totalWeight();
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("data: the total weight must be finite and > 0, got " + total);
        }
        px = data.xs();
        py = data.ys();
        logQ = new double[px.length];
        int n = px.length;
        scratch = ThreadLocal.withInitial(() -> new double[n]);
        for (int i = 0; i < px.length; i++) {
            // q(x1_i) = w_i / Σ_j w_j
            logQ[i] = Math.log(data.weight(i) / total);
        }
    }

    /** The data set p_1. */
    public Dataset2D data() {
        return data;
    }

    /** The number of data points. */
    public int size() {
        return px.length;
    }

    /**
     * log p_t(x) = log Σ_i q(x1_i) N(x; t x1_i, (1 − t)² I), as a log-sum-exp.
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public double logDensity(double t, double x, double y) {
        FlowTime.require(t);
        double s = 1 - t;
        double var = s * s;
        double logVar = Math.log(var);
        // Two passes that compute the same terms, rather than an array of them: the heatmap
        // evaluates this once per pixel, and an array per call was most of the pane's garbage.
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < px.length; i++) {
            m = Math.max(m, logTerm(i, t, var, logVar, x, y));
        }
        double sum = 0;
        for (int i = 0; i < px.length; i++) {
            sum += Math.exp(logTerm(i, t, var, logVar, x, y) - m);
        }
        return m + Math.log(sum);
    }

    /** log q_i + log N(x; t x1_i, (1 − t)² I) = log q_i − log(2π (1 − t)²) − |x − t x1_i|² / (2 (1 − t)²). */
    private double logTerm(int i, double t, double var, double logVar, double x, double y) {
        double dx = x - t * px[i];
        double dy = y - t * py[i];
        return logQ[i] - LOG_2PI - logVar - (dx * dx + dy * dy) / (2 * var);
    }

    /**
     * The marginal density p_t(x) (9 c).
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public double density(double t, double x, double y) {
        return Math.exp(logDensity(t, x, y));
    }

    /**
     * The velocity, the x1 prediction and the posterior over the data points at x, by the
     * homework's formulas term by term. This is the plain reference the fast kernel of
     * {@link #field()} is tested against.
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public FlowPrediction predict(double t, double x, double y) {
        FlowTime.require(t);
        double s = 1 - t;
        int n = px.length;
        double[] w = new double[n];
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double dx = x - t * px[i];
            double dy = y - t * py[i];
            // log w_i = log q(x1_i) + log N(x; t x1_i, (1 − t)² I) + const (the constant is the same for every i)
            w[i] = logQ[i] - (dx * dx + dy * dy) / (2 * s * s);
            m = Math.max(m, w[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(w[i] - m);
            sum += w[i];
        }
        double vx = 0;
        double vy = 0;
        double x1x = 0;
        double x1y = 0;
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
            // v_t(x) = Σ_i w_i (x1_i − x) / (1 − t)
            vx += w[i] * (px[i] - x) / s;
            vy += w[i] * (py[i] - y) / s;
            x1x += w[i] * px[i];
            x1y += w[i] * py[i];
        }
        return new FlowPrediction(t, vx, vy, x1x, x1y, w);
    }

    /**
     * v_t(x) as {@code {vx, vy}} (9 d).
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public double[] velocity(double t, double x, double y) {
        FlowPrediction p = predict(t, x, y);
        return new double[] {p.vx(), p.vy()};
    }

    /**
     * The posterior P(x1_i | x_t = x), in data-row order, summing to 1 (9 e).
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public double[] posterior(double t, double x, double y) {
        return predict(t, x, y).posterior();
    }

    /**
     * The prediction E[x1 | x_t = x] = Σ_i P(x1_i | x, t) x1_i as {@code {x, y}}. Note
     * v_t(x) = (E[x1 | x, t] − x) / (1 − t).
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    public double[] x1Mean(double t, double x, double y) {
        FlowPrediction p = predict(t, x, y);
        return new double[] {p.x1X(), p.x1Y()};
    }

    /**
     * The exact velocity as a field for many particles: the fast kernel, which folds the
     * per-time constants and allocates nothing per particle.
     */
    public VelocityField field() {
        return new Field(false);
    }

    /** The same field by the plain per-point formula {@link #predict} (slower; for tests and benchmarks). */
    public VelocityField referenceField() {
        return new Field(true);
    }

    /**
     * E[x1 | x_t] for many particles with the fast kernel, in fixed chunks of {@value #CHUNK}.
     *
     * @throws IllegalArgumentException if t is not in [0, 1) or the arrays differ in length
     */
    public void x1Mean(double t, double[] xs, double[] ys, double[] outX, double[] outY, Executor executor, int parallelism) {
        FlowTime.require(t);
        VelocityField.checkLengths(xs, ys, outX, outY);
        FastKernel k = new FastKernel(px, py, logQ, t);
        int n = xs.length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        Chunks.run(chunks, executor, parallelism, c -> {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            k.x1Mean(xs, ys, from, to, outX, outY, scratch.get());
        });
    }

    /** The exact field, by the fast kernel or the plain reference. */
    private final class Field implements VelocityField {
        private final boolean reference;

        Field(boolean reference) {
            this.reference = reference;
        }

        @Override
        public void velocity(double t, double[] xs, double[] ys, double[] vx, double[] vy, Executor executor, int parallelism) {
            FlowTime.require(t);
            VelocityField.checkLengths(xs, ys, vx, vy);
            int n = xs.length;
            int chunks = (n + CHUNK - 1) / CHUNK;
            if (reference) {
                Chunks.run(chunks, executor, parallelism, c -> {
                    for (int p = c * CHUNK; p < Math.min(n, (c + 1) * CHUNK); p++) {
                        FlowPrediction pr = predict(t, xs[p], ys[p]);
                        vx[p] = pr.vx();
                        vy[p] = pr.vy();
                    }
                });
                return;
            }
            FastKernel k = new FastKernel(px, py, logQ, t);
            double inv = 1 / (1 - t);
            Chunks.run(chunks, executor, parallelism, c -> {
                int from = c * CHUNK;
                int to = Math.min(n, from + CHUNK);
                // x̂1 into (vx, vy), then v = (x̂1 − x) / (1 − t) in place
                k.x1Mean(xs, ys, from, to, vx, vy, scratch.get());
                for (int p = from; p < to; p++) {
                    vx[p] = (vx[p] - xs[p]) * inv;
                    vy[p] = (vy[p] - ys[p]) * inv;
                }
            });
        }

        @Override
        public String toString() {
            return "ExactFlow.field[" + px.length + " points" + (reference ? ", reference" : "") + "]";
        }
    }
}
