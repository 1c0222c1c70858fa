package org.genlab.core.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.genlab.core.diffusion.Particles;
import org.genlab.core.math.Chunks;
import org.genlab.core.math.Rng;

/**
 * Carries particles from t = 0 to t = 1 along a {@link VelocityField} with a {@link Solver} in
 * m fixed steps: {@link #sample} starts n particles at x0 ~ N(0, I), {@link #transport} starts
 * from given points. See {@link Solver} for the update rules; no solver evaluates v at t = 1.
 *
 * <p>The field is evaluated for all particles at once (in fixed chunks inside the field), and
 * the updates of each particle depend only on its own values, so the result is bitwise the same
 * on any number of threads. Between steps the caller checks for cancellation, records what was
 * asked for and reports progress.
 */
public final class FlowSampler {
    /** Particles per chunk for the starting draws: chunk c draws from {@code Rng.forStream(seed, c)}. */
    public static final int CHUNK = 256;

    private FlowSampler() {
    }

    /**
     * Samples {@code options.n()} particles: x0 ~ N(0, I), then {@code steps} solver steps.
     *
     * @throws IllegalArgumentException if steps &lt; 1 (the message starts with {@code steps:})
     * @throws CancellationException if {@code options.cancelled()} turned true
     */
    public static FlowSampleResult sample(VelocityField field, Solver solver, int steps, FlowSampleOptions options) {
        Objects.requireNonNull(options, "options");
        requireSteps(steps);
        int n = options.n();
        double[] xs = new double[n];
        double[] ys = new double[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        Chunks.run(chunks, options.executor(), options.parallelism(), c -> {
            Rng rng = Rng.forStream(options.seed(), c);
            for (int p = c * CHUNK; p < Math.min(n, (c + 1) * CHUNK); p++) {
                xs[p] = rng.nextGaussian();
                ys[p] = rng.nextGaussian();
            }
        });
        return run(field, solver, steps, xs, ys, options);
    }

    /**
     * Carries the given points (x0s[i], y0s[i]) from t = 0 to t = 1 ({@code options.n()} and
     * {@code options.seed()} are ignored; the number of points is x0s.length).
     *
     * @throws IllegalArgumentException if steps &lt; 1, the arrays differ in length or are empty
     * @throws CancellationException if {@code options.cancelled()} turned true
     */
    public static FlowSampleResult transport(VelocityField field, Solver solver, int steps, double[] x0s, double[] y0s,
            FlowSampleOptions options) {
        Objects.requireNonNull(options, "options");
        requireSteps(steps);
        if (x0s.length != y0s.length || x0s.length == 0) {
            throw new IllegalArgumentException("points: need as many x as y coordinates, at least one; got " + x0s.length + " and " + y0s.length);
        }
        return run(field, solver, steps, x0s.clone(), y0s.clone(), options);
    }

    private static void requireSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps: must be at least 1, got " + steps);
        }
    }

    private static FlowSampleResult run(VelocityField field, Solver solver, int m, double[] xs, double[] ys, FlowSampleOptions o) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(solver, "solver");
        Stepper stepper = new Stepper(field, solver, m, xs, ys, o);
        int n = xs.length;
        List<FlowSnapshot> snapshots = new ArrayList<>();
        int paths = Math.min(o.pathParticles(), n);
        int points = paths == 0 ? 0 : (m + o.pathEvery() - 1) / o.pathEvery() + 1;
        double[] times = new double[points];
        double[][] px = new double[paths][points];
        double[][] py = new double[paths][points];
        int recorded = 0;
        for (int i = 0; i <= m; i++) {
            if (i > 0) {
                if (o.cancelled().getAsBoolean()) {
                    throw new CancellationException(solver.id() + " cancelled at step " + i + " of " + m);
                }
                stepper.step(i - 1);
            }
            double t = (double) i / m;
            if (paths > 0 && (i % o.pathEvery() == 0 || i == m)) {
                times[recorded] = t;
                for (int p = 0; p < paths; p++) {
                    px[p][recorded] = xs[p];
                    py[p][recorded] = ys[p];
                }
                recorded++;
            }
            if (o.snapshotEvery() > 0 && (i % o.snapshotEvery() == 0 || i == m)) {
                FlowSnapshot s = new FlowSnapshot(i, t, Particles.of(xs, ys));
                snapshots.add(s);
                if (o.listener() != null) {
                    o.listener().onSnapshot(s);
                }
            }
            if (i > 0 && o.listener() != null) {
                o.listener().onProgress(i, m);
            }
        }
        Trajectories tr = paths == 0 ? Trajectories.NONE : new Trajectories(times, px, py);
        return new FlowSampleResult(Particles.of(xs, ys), snapshots, tr);
    }

    /** The state and work arrays of one run; {@link #step} takes step i, from t_i = i/m to t_{i+1}. */
    private static final class Stepper {
        private final VelocityField field;
        private final Solver solver;
        private final int m;
        private final double[] xs;
        private final double[] ys;
        private final FlowSampleOptions o;
        private final double[] k1x;
        private final double[] k1y;
        private final double[] kx;
        private final double[] ky;
        private final double[] tx;
        private final double[] ty;
        private final double[] accX;
        private final double[] accY;

        Stepper(VelocityField field, Solver solver, int m, double[] xs, double[] ys, FlowSampleOptions o) {
            this.field = field;
            this.solver = solver;
            this.m = m;
            this.xs = xs;
            this.ys = ys;
            this.o = o;
            int n = xs.length;
            k1x = new double[n];
            k1y = new double[n];
            boolean multi = solver == Solver.HEUN || solver == Solver.RK4;
            kx = multi ? new double[n] : null;
            ky = multi ? new double[n] : null;
            tx = multi ? new double[n] : null;
            ty = multi ? new double[n] : null;
            accX = solver == Solver.RK4 ? new double[n] : null;
            accY = solver == Solver.RK4 ? new double[n] : null;
        }

        private void eval(double t, double[] x, double[] y, double[] vx, double[] vy) {
            field.velocity(t, x, y, vx, vy, o.executor(), o.parallelism());
        }

        /** trial = x + c k. */
        private void trial(double c, double[] kx, double[] ky) {
            for (int p = 0; p < xs.length; p++) {
                tx[p] = xs[p] + c * kx[p];
                ty[p] = ys[p] + c * ky[p];
            }
        }

        void step(int i) {
            int n = xs.length;
            double h = 1.0 / m;
            double t = (double) i / m;
            boolean last = i == m - 1;
            eval(t, xs, ys, k1x, k1y);
            switch (solver) {
                case EULER -> {
                    for (int p = 0; p < n; p++) {
                        xs[p] += h * k1x[p];
                        ys[p] += h * k1y[p];
                    }
                }
                case PRINTED -> {
                    // the homework's printed loop: x = x + v(x, t_i) / (m − i)
                    double f = 1.0 / (m - i);
                    for (int p = 0; p < n; p++) {
                        xs[p] += f * k1x[p];
                        ys[p] += f * k1y[p];
                    }
                }
                case HEUN -> {
                    if (last) {
                        // explicit midpoint: x + h v(x + h/2 k1, t + h/2); never evaluates at t = 1
                        trial(h / 2, k1x, k1y);
                        eval((2.0 * i + 1) / (2.0 * m), tx, ty, kx, ky);
                        for (int p = 0; p < n; p++) {
                            xs[p] += h * kx[p];
                            ys[p] += h * ky[p];
                        }
                    } else {
                        // trapezoid: k2 = v(x + h k1, t + h), x + h (k1 + k2)/2
                        trial(h, k1x, k1y);
                        eval((double) (i + 1) / m, tx, ty, kx, ky);
                        for (int p = 0; p < n; p++) {
                            xs[p] += h / 2 * (k1x[p] + kx[p]);
                            ys[p] += h / 2 * (k1y[p] + ky[p]);
                        }
                    }
                }
                case RK4 -> {
                    if (last) {
                        // Heun's third-order rule: k2 at t + h/3, k3 at t + 2h/3, x + h (k1 + 3 k3)/4
                        trial(h / 3, k1x, k1y);
                        eval((3.0 * i + 1) / (3.0 * m), tx, ty, kx, ky);
                        trial(2 * h / 3, kx, ky);
                        eval((3.0 * i + 2) / (3.0 * m), tx, ty, kx, ky);
                        for (int p = 0; p < n; p++) {
                            xs[p] += h / 4 * (k1x[p] + 3 * kx[p]);
                            ys[p] += h / 4 * (k1y[p] + 3 * ky[p]);
                        }
                    } else {
                        // classical RK4: x + h (k1 + 2 k2 + 2 k3 + k4)/6
                        double mid = (2.0 * i + 1) / (2.0 * m);
                        System.arraycopy(k1x, 0, accX, 0, n);
                        System.arraycopy(k1y, 0, accY, 0, n);
                        trial(h / 2, k1x, k1y);
                        eval(mid, tx, ty, kx, ky);
                        addTo(2, kx, ky);
                        trial(h / 2, kx, ky);
                        eval(mid, tx, ty, kx, ky);
                        addTo(2, kx, ky);
                        trial(h, kx, ky);
                        eval((double) (i + 1) / m, tx, ty, kx, ky);
                        addTo(1, kx, ky);
                        for (int p = 0; p < n; p++) {
                            xs[p] += h / 6 * accX[p];
                            ys[p] += h / 6 * accY[p];
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown solver " + solver);
            }
        }

        private void addTo(double c, double[] kx, double[] ky) {
            for (int p = 0; p < xs.length; p++) {
                accX[p] += c * kx[p];
                accY[p] += c * ky[p];
            }
        }
    }
}
