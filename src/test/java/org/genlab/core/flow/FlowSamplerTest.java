package org.genlab.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.diffusion.Particles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ODE solvers: where samples land, the printed loop's overshoot, orders of convergence, determinism, recording, cancellation. */
class FlowSamplerTest {
    private static final Dataset2D TWO_POINT = Dataset2D.of(new double[] {1, 0}, new double[] {0, 1});
    private static final Dataset2D EIGHT = Preset.EIGHT_GAUSSIANS.generate(256, 0.1, 0);
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** Distance from (x, y) to the nearest point of d, by brute force. */
    private static double distanceToData(Dataset2D d, double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d.size(); i++) {
            best = Math.min(best, Math.hypot(x - d.x(i), y - d.y(i)));
        }
        return best;
    }

    private static double[] distances(Dataset2D d, Particles p) {
        double[] out = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            out[i] = distanceToData(d, p.x(i), p.y(i));
        }
        Arrays.sort(out);
        return out;
    }

    @Test
    void eulerWithAThousandStepsCarriesTheNormalOntoTheData() {
        for (Dataset2D d : new Dataset2D[] {TWO_POINT, EIGHT}) {
            Particles p = FlowSampler.sample(new ExactFlow(d).field(), Solver.EULER, 1000, FlowSampleOptions.of(500, 1)).samples();
            double[] dist = distances(d, p);
            assertThat(dist[dist.length - 1]).isLessThan(1e-2);
        }
    }

    @Test
    void everySolverLandsOnTheTwoPointsInEqualShares() {
        for (Solver s : new Solver[] {Solver.EULER, Solver.HEUN, Solver.RK4}) {
            Particles p = FlowSampler.sample(new ExactFlow(TWO_POINT).field(), s, 100, FlowSampleOptions.of(2000, 2)).samples();
            int first = 0;
            for (int i = 0; i < p.size(); i++) {
                assertThat(distanceToData(TWO_POINT, p.x(i), p.y(i))).as("%s particle %d", s, i).isLessThan(1e-6);
                first += p.x(i) > p.y(i) ? 1 : 0;
            }
            assertThat(first / 2000.0).isCloseTo(0.5, within(0.05));
        }
    }

    @Test
    void thePrintedLoopOvershootsForFiftyStepsAndLandsForFortyNine() {
        VelocityField v = new ExactFlow(TWO_POINT).field();
        double[] d50 = distances(TWO_POINT, FlowSampler.sample(v, Solver.PRINTED, 50, FlowSampleOptions.of(400, 0)).samples());
        double[] d200 = distances(TWO_POINT, FlowSampler.sample(v, Solver.PRINTED, 200, FlowSampleOptions.of(400, 0)).samples());
        double[] d49 = distances(TWO_POINT, FlowSampler.sample(v, Solver.PRINTED, 49, FlowSampleOptions.of(400, 0)).samples());
        double[] d100 = distances(TWO_POINT, FlowSampler.sample(v, Solver.PRINTED, 100, FlowSampleOptions.of(400, 0)).samples());
        System.out.printf("printed m=50 median %.4f max %.4f; m=200 median %.4f max %.4f; m=49 max %.3g; m=100 max %.3g%n",
                d50[200], d50[399], d200[200], d200[399], d49[399], d100[399]);
        // ERRATA Q9(h): the median sample ends about 0.06 off the data, the worst anywhere from 0.4 to 5
        assertThat(d50[200]).isBetween(0.03, 0.12);
        assertThat(d50[399]).isBetween(0.4, 5.0);
        assertThat(d200[200]).isGreaterThan(0.01);
        // a perfect square lands: k = √m steps before the end the step moves exactly the remaining distance
        assertThat(d49[399]).isLessThan(1e-6);
        assertThat(d100[399]).isLessThan(1e-6);
    }

    /** v(x, y) = (−y, x): a rotation by one radian over t in [0, 1]. */
    private static final VelocityField ROTATION = (t, xs, ys, vx, vy, ex, par) -> {
        FlowTime.require(t);
        for (int i = 0; i < xs.length; i++) {
            vx[i] = -ys[i];
            vy[i] = xs[i];
        }
    };

    /** v(x, t) = cos(t) x (each coordinate): x(1) = x(0) e^{sin 1}. */
    private static final VelocityField TIME_DEPENDENT = (t, xs, ys, vx, vy, ex, par) -> {
        FlowTime.require(t);
        for (int i = 0; i < xs.length; i++) {
            vx[i] = Math.cos(3 * t) * xs[i];
            vy[i] = Math.cos(3 * t) * ys[i];
        }
    };

    private static double error(VelocityField f, Solver s, int m, double ex, double ey) {
        Particles p = FlowSampler.transport(f, s, m, new double[] {1}, new double[] {0.5}, FlowSampleOptions.of(1, 0)).samples();
        return Math.hypot(p.x(0) - ex, p.y(0) - ey);
    }

    @Test
    void heunAndRk4ConvergeAtTheirOrders() {
        double c = Math.cos(1);
        double s = Math.sin(1);
        double[] rot = {c * 1 - s * 0.5, s * 1 + c * 0.5};
        double g = Math.exp(Math.sin(3) / 3);
        double[] tdep = {g, 0.5 * g};
        for (Object[] field : new Object[][] {{ROTATION, rot}, {TIME_DEPENDENT, tdep}}) {
            VelocityField f = (VelocityField) field[0];
            double[] exact = (double[]) field[1];
            int[] orders = {1, 2, 4};
            Solver[] solvers = {Solver.EULER, Solver.HEUN, Solver.RK4};
            for (int k = 0; k < 3; k++) {
                double e1 = error(f, solvers[k], 40, exact[0], exact[1]);
                double e2 = error(f, solvers[k], 80, exact[0], exact[1]);
                double e3 = error(f, solvers[k], 160, exact[0], exact[1]);
                double order = Math.log(e2 / e3) / Math.log(2);
                System.out.printf("%s: errors %.3g %.3g %.3g, order %.2f / %.2f%n", solvers[k], e1, e2, e3, Math.log(e1 / e2) / Math.log(2), order);
                assertThat(order).as("%s", solvers[k]).isCloseTo(orders[k], within(0.35));
            }
            assertThat(error(f, Solver.HEUN, 20, exact[0], exact[1])).isLessThan(error(f, Solver.EULER, 20, exact[0], exact[1]) / 10);
            assertThat(error(f, Solver.RK4, 20, exact[0], exact[1])).isLessThan(error(f, Solver.HEUN, 20, exact[0], exact[1]) / 10);
        }
    }

    @Test
    void onTheExactFieldHeunAndRk4GetCloserToAFineSolutionThanEuler() {
        // a broad data set (sd 0.5), so the paths bend smoothly, compared midway through at t = 1 by a fine RK4 run
        Dataset2D broad = Preset.EIGHT_GAUSSIANS.generate(64, 0.5, 1);
        VelocityField v = new ExactFlow(broad).field();
        Particles fine = FlowSampler.sample(v, Solver.RK4, 2000, FlowSampleOptions.of(300, 4)).samples();
        double[] err = new double[3];
        Solver[] solvers = {Solver.EULER, Solver.HEUN, Solver.RK4};
        for (int k = 0; k < 3; k++) {
            Particles p = FlowSampler.sample(v, solvers[k], 20, FlowSampleOptions.of(300, 4)).samples();
            double[] d = new double[p.size()];
            for (int i = 0; i < p.size(); i++) {
                d[i] = Math.hypot(p.x(i) - fine.x(i), p.y(i) - fine.y(i));
            }
            Arrays.sort(d);
            err[k] = d[d.length / 2];
        }
        System.out.printf("exact field, 20 steps, median error: euler %.3g heun %.3g rk4 %.3g%n", err[0], err[1], err[2]);
        // both higher-order solvers are far closer than Euler; near t = 1 the field is steep (slope
        // −1/(1 − t)) and both are limited by the last steps there, so they come out alike
        assertThat(err[1]).isLessThan(err[0] / 10);
        assertThat(err[2]).isLessThan(err[0] / 10);
    }

    @Test
    void samplesDoNotDependOnTheNumberOfThreads() {
        VelocityField v = new ExactFlow(EIGHT).field();
        for (Solver s : Solver.values()) {
            Particles one = FlowSampler.sample(v, s, 30, FlowSampleOptions.of(1000, 5)).samples();
            Particles three = FlowSampler.sample(v, s, 30, FlowSampleOptions.of(1000, 5).withExecutor(pool, 3)).samples();
            Particles two = FlowSampler.sample(v, s, 30, FlowSampleOptions.of(1000, 5).withExecutor(pool, 2)).samples();
            assertThat(three.xs()).isEqualTo(one.xs());
            assertThat(three.ys()).isEqualTo(one.ys());
            assertThat(two.xs()).isEqualTo(one.xs());
        }
        Particles a = FlowSampler.sample(v, Solver.EULER, 10, FlowSampleOptions.of(1000, 5)).samples();
        Particles b = FlowSampler.sample(v, Solver.EULER, 10, FlowSampleOptions.of(1000, 6)).samples();
        assertThat(a.xs()).isNotEqualTo(b.xs());
    }

    @Test
    void snapshotsPathsAndProgressAreRecorded() {
        List<FlowSnapshot> heard = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        FlowListener l = new FlowListener() {
            @Override
            public void onProgress(int step, int steps) {
                progress.add(step);
                assertThat(steps).isEqualTo(10);
            }

            @Override
            public void onSnapshot(FlowSnapshot s) {
                heard.add(s);
            }
        };
        FlowSampleResult r = FlowSampler.sample(new ExactFlow(TWO_POINT).field(), Solver.HEUN, 10,
                FlowSampleOptions.of(600, 1).withSnapshots(4).withPaths(5, 3).withListener(l).withExecutor(pool, 2));
        assertThat(r.snapshots()).extracting(FlowSnapshot::step).containsExactly(0, 4, 8, 10);
        assertThat(r.snapshots()).extracting(FlowSnapshot::t).containsExactly(0.0, 0.4, 0.8, 1.0);
        assertThat(heard).isEqualTo(r.snapshots());
        assertThat(progress).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(r.snapshotAt(0.45).step()).isEqualTo(4);
        assertThat(r.snapshotAt(1).particles().xs()).isEqualTo(r.samples().xs());
        Trajectories tr = r.paths();
        assertThat(tr.particles()).isEqualTo(5);
        assertThat(tr.times()).containsExactly(0.0, 0.3, 0.6, 0.9, 1.0);
        Particles start = r.snapshots().get(0).particles();
        for (int p = 0; p < 5; p++) {
            assertThat(tr.x(p, 0)).isEqualTo(start.x(p));
            assertThat(tr.y(p, tr.points() - 1)).isEqualTo(r.samples().y(p));
        }
        // the start is N(0, I) with the seed's streams: the same as an unrecorded run's
        FlowSampleResult plain = FlowSampler.sample(new ExactFlow(TWO_POINT).field(), Solver.HEUN, 10, FlowSampleOptions.of(600, 1));
        assertThat(plain.samples().xs()).isEqualTo(r.samples().xs());
        assertThat(plain.snapshots()).isEmpty();
        assertThat(plain.paths().particles()).isZero();
        assertThat(plain.snapshotAt(0.5)).isNull();
    }

    @Test
    void cancellationStopsBeforeTheNextStep() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> FlowSampler.sample(new ExactFlow(TWO_POINT).field(), Solver.RK4, 50,
                FlowSampleOptions.of(100, 0).withCancel(() -> calls.incrementAndGet() > 3)))
                .isInstanceOf(CancellationException.class).hasMessageContaining("step 4 of 50");
    }

    @Test
    void badArgumentsAreRefusedNamingTheField() {
        VelocityField v = new ExactFlow(TWO_POINT).field();
        assertThatThrownBy(() -> FlowSampler.sample(v, Solver.EULER, 0, FlowSampleOptions.of(10, 0))).hasMessageStartingWith("steps: ");
        assertThatThrownBy(() -> FlowSampleOptions.of(0, 0)).hasMessageStartingWith("n: ");
        assertThatThrownBy(() -> FlowSampleOptions.of(5, 0).withExecutor(pool, 0)).hasMessageStartingWith("parallelism: ");
        assertThatThrownBy(() -> FlowSampleOptions.of(5, 0).withSnapshots(-1)).hasMessageStartingWith("snapshotEvery: ");
        assertThatThrownBy(() -> FlowSampleOptions.of(5, 0).withPaths(2, 0)).hasMessageStartingWith("pathEvery: ");
        assertThatThrownBy(() -> FlowSampler.transport(v, Solver.EULER, 5, new double[0], new double[0], FlowSampleOptions.of(1, 0)))
                .hasMessageStartingWith("points: ");
        assertThat(Solver.byName("RK4")).contains(Solver.RK4);
        assertThat(Solver.byName("midpoint")).isEmpty();
        assertThat(Solver.ids()).containsExactly("euler", "heun", "rk4", "printed");
    }

    @Test
    void noSolverEvaluatesTheFieldAtTimeOne() {
        List<Double> times = new ArrayList<>();
        VelocityField spy = (t, xs, ys, vx, vy, ex, par) -> {
            times.add(t);
            FlowTime.require(t);
            Arrays.fill(vx, 0);
            Arrays.fill(vy, 0);
        };
        for (Solver s : Solver.values()) {
            for (int m : new int[] {1, 2, 7}) {
                times.clear();
                FlowSampler.sample(spy, s, m, FlowSampleOptions.of(3, 0));
                assertThat(times).as("%s m=%d", s, m).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(0).isLessThan(1));
                assertThat(times).as("%s m=%d", s, m).isNotEmpty();
            }
        }
    }

    @Test
    void executorIsPassedToTheField() {
        List<Executor> seen = new ArrayList<>();
        VelocityField spy = (t, xs, ys, vx, vy, ex, par) -> seen.add(ex);
        FlowSampler.sample(spy, Solver.EULER, 2, FlowSampleOptions.of(3, 0).withExecutor(pool, 2));
        assertThat(seen).containsOnly(pool);
    }
}
