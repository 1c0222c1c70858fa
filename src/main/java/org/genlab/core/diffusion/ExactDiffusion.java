package org.genlab.core.diffusion;

import java.util.Objects;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.math.Rng;

/**
 * A diffusion model on a finite, weighted 2-D data set whose noise predictor is the exact
 * optimum ε* (the homework's question 8): the forward kernel and the marginal q_t (8 a, b),
 * ε*, the posterior over the data points and the score (8 c, d), the large-t limit (8 e), and
 * the reverse samplers driven by ε*.
 *
 * <p>The data set is q(x_0): point i has probability q(x0_i) = w_i / Σ_j w_j. Immutable and
 * thread-safe; every random draw comes from an {@link Rng} or a seed passed in.
 */
public final class ExactDiffusion {
    /** Particles per chunk in the samplers: each chunk has its own random stream. */
    public static final int CHUNK = 256;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Dataset2D data;
    private final NoiseSchedule schedule;
    private final double[] px;
    private final double[] py;
    private final double[] logQ;
    private final double[] cumulative;

    /**
     * The exact model of {@code data} under {@code schedule}.
     *
     * @throws IllegalArgumentException if the data set is empty or its total weight is not
     *     positive (the message starts with {@code data})
     */
    public ExactDiffusion(Dataset2D data, NoiseSchedule schedule) {
        this.data = Objects.requireNonNull(data, "data");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("data: the data set is empty");
        }
        double total = data.totalWeight();
        if (!(total > 0)) {
            throw new IllegalArgumentException("data: the total weight must be > 0, got " + total);
        }
        int n = data.size();
        px = data.xs();
        py = data.ys();
        logQ = new double[n];
        cumulative = new double[n];
        double running = 0;
        for (int i = 0; i < n; i++) {
            // q(x0_i) = w_i / Σ_j w_j
            logQ[i] = Math.log(data.weight(i) / total);
            running += data.weight(i);
            cumulative[i] = running;
        }
    }

    /** The data set q(x_0). */
    public Dataset2D data() {
        return data;
    }

    /** The noise schedule. */
    public NoiseSchedule schedule() {
        return schedule;
    }

    // ---------------------------------------------------------------- forward process (8 a, b)

    /**
     * log q_t(x), the marginal of x_t over the data (8 b):
     *
     * <pre>
     *   q_t(x) = Σ_i q(x0_i) N(x; √ᾱ_t x0_i, (1 − ᾱ_t) I)
     * </pre>
     *
     * computed as a log-sum-exp, so it stays finite far from the data.
     *
     * @throws IllegalArgumentException if t is not in 1..T
     */
    public double logDensity(int t, double x, double y) {
        schedule.requireStep(t);
        double ab = schedule.alphaBar(t);
        double s = Math.sqrt(ab);
        double var = 1 - ab;
        double logVar = Math.log(var);
        // Two passes that compute the same terms, rather than an array of them: the heatmap
        // evaluates this once per pixel, and an array per call was most of the pane's garbage.
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < px.length; i++) {
            m = Math.max(m, logTerm(i, s, var, logVar, x, y));
        }
        double sum = 0;
        for (int i = 0; i < px.length; i++) {
            sum += Math.exp(logTerm(i, s, var, logVar, x, y) - m);
        }
        return m + Math.log(sum);
    }

    /** log q(x0_i) + log N(x; √ᾱ x0_i, (1 − ᾱ) I) = log q(x0_i) − log(2π(1 − ᾱ)) − |x − √ᾱ x0_i|² / (2(1 − ᾱ)), with s = √ᾱ. */
    private double logTerm(int i, double s, double var, double logVar, double x, double y) {
        double dx = x - s * px[i];
        double dy = y - s * py[i];
        return logQ[i] - LOG_2PI - logVar - (dx * dx + dy * dy) / (2 * var);
    }

    /**
     * n independent draws from q_t: x0 from the data by weight, then the forward kernel (8 a)
     * x_t = √ᾱ_t x0 + √(1 − ᾱ_t) ε, ε ~ N(0, I).
     *
     * @throws IllegalArgumentException if t is not in 1..T or n &lt; 0
     */
    public Particles sampleMarginal(int t, int n, Rng rng) {
        schedule.requireStep(t);
        if (n < 0) {
            throw new IllegalArgumentException("n: must be >= 0, got " + n);
        }
        double ab = schedule.alphaBar(t);
        double s = Math.sqrt(ab);
        double sd = Math.sqrt(1 - ab);
        double[] xs = new double[n];
        double[] ys = new double[n];
        double total = cumulative[cumulative.length - 1];
        for (int k = 0; k < n; k++) {
            int i = pick(rng.nextDouble() * total);
            xs[k] = s * px[i] + sd * rng.nextGaussian();
            ys[k] = s * py[i] + sd * rng.nextGaussian();
        }
        return Particles.of(xs, ys);
    }

    private int pick(double u) {
        return org.genlab.core.math.Cumulative.pick(cumulative, u);
    }

    // ---------------------------------------------------------------- the optimal ε* (8 c, d)

    /**
     * ε*(x, t), the score and the posterior over the data points at x, by the homework's
     * formula (8 c, d), term by term. This is the plain reference the samplers' fast kernel
     * is tested against.
     *
     * @throws IllegalArgumentException if t is not in 1..T
     */
    public Prediction predict(int t, double x, double y) {
        schedule.requireStep(t);
        double ab = schedule.alphaBar(t);
        double s = Math.sqrt(ab);
        double sd = Math.sqrt(1 - ab);
        int n = px.length;
        double[] ex = new double[n];
        double[] ey = new double[n];
        double[] w = new double[n];
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            // ε_i = (x − √ᾱ_t x0_i) / √(1 − ᾱ_t)
            ex[i] = (x - s * px[i]) / sd;
            ey[i] = (y - s * py[i]) / sd;
            // log w_i = log q(x0_i) + log N(ε_i; 0, I) + const; the Jacobian of ε ↦ x_t is the same for every i (ERRATA, Q8(d))
            w[i] = logQ[i] - LOG_2PI - (ex[i] * ex[i] + ey[i] * ey[i]) / 2;
            m = Math.max(m, w[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(w[i] - m);
            sum += w[i];
        }
        // ε*(x, t) = Σ_i w_i ε_i,  x̂_0 = Σ_i w_i x0_i,  with Σ_i w_i = 1
        double epsX = 0;
        double epsY = 0;
        double x0X = 0;
        double x0Y = 0;
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
            epsX += w[i] * ex[i];
            epsY += w[i] * ey[i];
            x0X += w[i] * px[i];
            x0Y += w[i] * py[i];
        }
        // ∇ log q_t(x) = −ε*(x, t) / √(1 − ᾱ_t)
        return new Prediction(t, ab, epsX, epsY, -epsX / sd, -epsY / sd, x0X, x0Y, w);
    }

    /**
     * ε*(x, t) = E[ε | x_t = x] as {@code {ex, ey}}.
     *
     * @throws IllegalArgumentException if t is not in 1..T
     */
    public double[] epsilon(int t, double x, double y) {
        Prediction p = predict(t, x, y);
        return new double[] {p.epsX(), p.epsY()};
    }

    /**
     * The score ∇ log q_t(x) = −ε*(x, t) / √(1 − ᾱ_t) as {@code {sx, sy}}.
     *
     * @throws IllegalArgumentException if t is not in 1..T
     */
    public double[] score(int t, double x, double y) {
        Prediction p = predict(t, x, y);
        return new double[] {p.scoreX(), p.scoreY()};
    }

    /**
     * The posterior P(x0_i | x_t = x) ∝ q(x0_i) N(ε_i; 0, I) over the data points, in
     * data-row order, summing to 1 (8 d).
     *
     * @throws IllegalArgumentException if t is not in 1..T
     */
    public double[] posterior(int t, double x, double y) {
        return predict(t, x, y).posterior();
    }

    /**
     * The large-t behaviour (8 e): |ε*(x, t) − x| for t = 1..T, entry t − 1 for step t. It
     * tends to 0 as ᾱ_t tends to 0, at most
     * (√ᾱ_t max_i |x0_i| + (1 − √(1 − ᾱ_t)) |x|) / √(1 − ᾱ_t).
     */
    public double[] epsilonDistanceToX(double x, double y) {
        int steps = schedule.steps();
        double[] d = new double[steps];
        for (int t = 1; t <= steps; t++) {
            Prediction p = predict(t, x, y);
            d[t - 1] = Math.hypot(p.epsX() - x, p.epsY() - y);
        }
        return d;
    }

    /**
     * x̂_0 at step t (in 1..T, checked by the caller) for blocks of particles: the fast
     * kernel, or the plain reference {@link #predict} point by point.
     */
    Denoiser denoiser(int t, boolean reference) {
        if (reference) {
            return (xs, ys, from, to, outX, outY, scratch) -> {
                for (int p = from; p < to; p++) {
                    Prediction pr = predict(t, xs[p], ys[p]);
                    outX[p] = pr.x0X();
                    outY[p] = pr.x0Y();
                }
            };
        }
        return new FastDenoiser(px, py, logQ, schedule.alphaBar(t));
    }

    /** The number of data points (the size of a denoiser's scratch). */
    int dataSize() {
        return px.length;
    }

    // ---------------------------------------------------------------- reverse samplers

    /**
     * Runs a reverse sampler driven by ε* from x_T ~ N(0, I) down to x_0. See {@link Sampler}
     * for the update rules. No step evaluates ε* at ᾱ = 1: the last one returns the x_0
     * prediction x̂_0.
     *
     * @throws IllegalArgumentException if the sampler's steps exceed T (names {@code steps})
     * @throws java.util.concurrent.CancellationException if {@code options.cancelled()} turned true
     */
    public SampleResult sample(Sampler sampler, SampleOptions options) {
        return new SamplerRun(this, sampler, options).run();
    }
}
