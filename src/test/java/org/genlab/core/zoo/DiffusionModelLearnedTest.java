package org.genlab.core.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The learned noise predictor: its divergence, its training, its samples, its file and its determinism. */
class DiffusionModelLearnedTest {
    /** Two round blobs at (−2, 0) and (2, 0), sd 0.6, 400 points. */
    static final Dataset2D BLOBS = Preset.TWO_BLOBS.generate(400, 0.6, 0);
    static ExecutorService pool;
    static DiffusionModel model;

    @BeforeAll
    static void setUp() {
        pool = Executors.newFixedThreadPool(2);
        model = DiffusionModel.fit(BLOBS, ZooSettings.DEFAULTS.withEffort(0.5), FitMonitor.NONE, pool, 2);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    /**
     * Mlp.Pass.divergence through the field against central differences (step 1e-2) of the
     * network's ε in double: float rounding of ε (≈ 1e-7) over 2h adds ≈ 1e-5, the truncation
     * h² ε'''/6 a few 1e-5 for this smooth network; tolerance 2e-3 (1 + |div|).
     */
    @Test
    void networkDivergenceMatchesFiniteDifferences() {
        DiffusionField f = new DiffusionNetField(model.network());
        double h = 1e-2;
        for (double sigma : new double[] {0.02, 0.1, 0.5, 0.9}) {
            double lam = DiffusionSchedule.lambdaOfSigma(sigma);
            double[][] pts = {{0, 0}, {-1, 0.3}, {1.2, -0.4}, {0.5, 1.5}};
            int n = pts.length;
            double[] lams = new double[n], xs = new double[n], ys = new double[n];
            for (int i = 0; i < n; i++) {
                lams[i] = lam;
                xs[i] = pts[i][0];
                ys[i] = pts[i][1];
            }
            double[] ex = new double[n], ey = new double[n], div = new double[n];
            f.epsilon(lams, xs, ys, n, ex, ey, div);
            for (int i = 0; i < n; i++) {
                double[] a = new double[1], b = new double[1], t = new double[1];
                double[] l1 = {lam};
                f.epsilon(l1, new double[] {xs[i] + h}, new double[] {ys[i]}, 1, a, t, null);
                f.epsilon(l1, new double[] {xs[i] - h}, new double[] {ys[i]}, 1, b, t, null);
                double dxx = (a[0] - b[0]) / (2 * h);
                f.epsilon(l1, new double[] {xs[i]}, new double[] {ys[i] + h}, 1, t, a, null);
                f.epsilon(l1, new double[] {xs[i]}, new double[] {ys[i] - h}, 1, t, b, null);
                double dyy = (a[0] - b[0]) / (2 * h);
                assertThat(div[i]).as("σ %s at point %s", sigma, i).isCloseTo(dxx + dyy, within(2e-3 * (1 + Math.abs(div[i]))));
            }
        }
    }

    /**
     * Training lowers the denoising loss on the fixed evaluation batch, and the trained network
     * stays above the exact denoiser's loss on the same rows (ε* is the minimiser of the
     * expected loss over this data set; the network cannot beat it by more than the batch's
     * sampling noise, and in practice it is well above it since it does not memorise).
     */
    @Test
    void trainingLowersTheDenoisingLoss() {
        assertThat(model.trainingSteps()).isEqualTo(3000);
        assertThat(model.finalLoss()).isLessThan(0.8 * model.initialLoss());
        double[] st = model.standardisation();
        int n = BLOBS.size();
        double[] zx = new double[n], zy = new double[n], logQ = new double[n];
        for (int i = 0; i < n; i++) {
            zx[i] = (BLOBS.x(i) - st[0]) / st[2];
            zy[i] = (BLOBS.y(i) - st[1]) / st[3];
            logQ[i] = -Math.log(n);
        }
        double[] cum = DiffusionTrainer.cumulative(BLOBS.weights());
        double exact = DiffusionTrainer.denoisingLoss(new DiffusionExactField(zx, zy, logQ), zx, zy, cum,
                DiffusionTrainer.EVAL_ROWS, Rng.forStream(0, 2));
        double learned = DiffusionTrainer.denoisingLoss(new DiffusionNetField(model.network()), zx, zy, cum,
                DiffusionTrainer.EVAL_ROWS, Rng.forStream(0, 2));
        assertThat(learned).isCloseTo(model.finalLoss(), within(1e-9));
        assertThat(exact).isLessThan(learned);
        assertThat(model.summary()).contains("3,000 Adam steps").contains("400 points").contains("σ_min = 0.02");
    }

    /**
     * 2,000 samples against the blobs: half in each (binomial sd 0.011: within 0.06), each
     * blob's mean within 0.15 of (±2, 0) and its sd per coordinate within 20 % of 0.6 (the
     * sd of a 1,000-point sd is 2 %; the rest is the fit's error at this short effort); and
     * the energy distance to 2,000 fresh data points at most 3x that between two fresh data
     * sets plus 0.01.
     */
    @Test
    void samplesFollowTheData() {
        double[][] s = model.sample(2000, 5);
        int left = 0;
        double[][] sum = new double[2][2], sq = new double[2][2];
        for (double[] p : s) {
            int b = p[0] < 0 ? 0 : 1;
            left += 1 - b;
            for (int c = 0; c < 2; c++) {
                sum[b][c] += p[c];
                sq[b][c] += p[c] * p[c];
            }
        }
        int[] count = {left, s.length - left};
        assertThat(left / 2000.0).isCloseTo(0.5, within(0.06));
        for (int b = 0; b < 2; b++) {
            double mx = sum[b][0] / count[b], my = sum[b][1] / count[b];
            assertThat(mx).isCloseTo(b == 0 ? -2 : 2, within(0.15));
            assertThat(my).isCloseTo(0, within(0.15));
            assertThat(Math.sqrt(sq[b][0] / count[b] - mx * mx)).isCloseTo(0.6, within(0.12));
            assertThat(Math.sqrt(sq[b][1] / count[b] - my * my)).isCloseTo(0.6, within(0.12));
        }
        Dataset2D fresh1 = Preset.TWO_BLOBS.generate(2000, 0.6, 101);
        Dataset2D fresh2 = Preset.TWO_BLOBS.generate(2000, 0.6, 102);
        double[][] f1 = rows(fresh1), f2 = rows(fresh2);
        double base = energy(f1, f2);
        assertThat(energy(s, f1)).isLessThan(3 * base + 0.01);
    }

    static double[][] rows(Dataset2D d) {
        double[][] r = new double[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            r[i] = new double[] {d.x(i), d.y(i)};
        }
        return r;
    }

    /** Energy distance 2 E|X − Y| − E|X − X'| − E|Y − Y'| (V-statistics). */
    static double energy(double[][] a, double[][] b) {
        return 2 * meanDist(a, b) - meanDist(a, a) - meanDist(b, b);
    }

    static double meanDist(double[][] a, double[][] b) {
        double s = 0;
        for (double[] p : a) {
            for (double[] q : b) {
                s += Math.hypot(p[0] - q[0], p[1] - q[1]);
            }
        }
        return s / ((double) a.length * b.length);
    }

    /** The payload keeps the network bit for bit: same parameters, same densities and samples. */
    @Test
    void roundTripGivesIdenticalNumbers() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        model.writePayload(new DataOutputStream(b));
        DiffusionModel read = DiffusionModel.read(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
        assertThat(read.network().parameters()).isEqualTo(model.network().parameters());
        assertThat(read.exactDenoiser()).isFalse();
        assertThat(read.summary()).isEqualTo(model.summary());
        double[] xs = {-2, 0, 2, 1, -3.5}, ys = {0, 0, 0.3, -1, 2};
        double[] a = new double[5], c = new double[5];
        model.logDensity(DiffusionModel.ODE, xs, ys, a, 0, FitMonitor.NONE, null, 1);
        read.logDensity(DiffusionModel.ODE, xs, ys, c, 0, FitMonitor.NONE, null, 1);
        for (int i = 0; i < 5; i++) {
            assertThat(c[i]).isCloseTo(a[i], within(1e-9 * (1 + Math.abs(a[i]))));
        }
        double[][] s1 = model.sample(50, 9), s2 = read.sample(50, 9);
        for (int i = 0; i < 50; i++) {
            assertThat(s2[i][0]).isCloseTo(s1[i][0], within(1e-9));
            assertThat(s2[i][1]).isCloseTo(s1[i][1], within(1e-9));
        }
    }

    /**
     * Parallelism does not change the numbers: a short fit on one thread and on two gives the
     * same network (to the engine's float rounding caveat, 1e-5), and the density of one model
     * on 600 points (three chunks) is the same on one thread and two.
     */
    @Test
    void parallelismGivesTheSameNumbers() {
        ZooSettings quick = ZooSettings.DEFAULTS.withEffort(0.02).withSeed(4);
        DiffusionModel one = DiffusionModel.fit(BLOBS, quick, FitMonitor.NONE, null, 1);
        DiffusionModel two = DiffusionModel.fit(BLOBS, quick, FitMonitor.NONE, pool, 2);
        float[] p1 = one.network().parameters(), p2 = two.network().parameters();
        for (int i = 0; i < p1.length; i++) {
            assertThat(p2[i]).isCloseTo(p1[i], within(1e-5f));
        }
        double[] xs = new double[600], ys = new double[600], a = new double[600], b = new double[600];
        for (int i = 0; i < 600; i++) {
            xs[i] = -4 + 8 * i / 600.0;
            ys[i] = Math.sin(i);
        }
        model.logDensity(DiffusionModel.ODE, xs, ys, a, 0, FitMonitor.NONE, null, 1);
        model.logDensity(DiffusionModel.ODE, xs, ys, b, 0, FitMonitor.NONE, pool, 2);
        for (int i = 0; i < 600; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-9 * (1 + Math.abs(a[i]))));
        }
    }

    /** A diverging fit (an absurd learning rate) stops with "fit: ..." naming the step. */
    @Test
    void divergingFitThrows() {
        DiffusionTrainer.Config wild = new DiffusionTrainer.Config(64, 3, 256, 200, 1e30);
        assertThatThrownBy(() -> DiffusionModel.fit(BLOBS, ZooSettings.DEFAULTS, wild, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("fit: ").hasMessageContaining("at step");
    }

    /** Progress arrives as "step k of K, loss L" and a cancelled fit stops. */
    @Test
    void progressAndCancel() {
        String[] last = {null};
        int[] calls = {0};
        FitMonitor mon = new FitMonitor() {
            @Override
            public void progress(double fraction, String message) {
                last[0] = message;
                calls[0]++;
            }

            @Override
            public boolean cancelled() {
                return calls[0] >= 3;
            }
        };
        assertThatThrownBy(() -> DiffusionModel.fit(BLOBS, ZooSettings.DEFAULTS.withEffort(0.05), mon, null, 1))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(last[0]).matches("step \\d+ of 300, loss \\d+\\.\\d{3}");
    }
}
