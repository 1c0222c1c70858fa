package org.genlab.core.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.em.Mixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KDE, the autoregressive model, the Gaussian mixture and the diffusion model of the zoo,
 * and the model file: each exact density against an independent computation and integrating to
 * 1, samples against the density by a binned chi-square test, the ODE estimate against the
 * closed-form noised mixture, round trips, and bad input.
 */
class ZooModelsTest {
    private static final Dataset2D BLOBS = Preset.TWO_BLOBS.generate(300, 0.6, 3);
    private static final Dataset2D MOONS = Preset.TWO_MOONS.generate(600, 0.05, 1);
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static double[] logDensity(ZooModel m, double[] xs, double[] ys) {
        double[] out = new double[xs.length];
        m.logDensity(m.estimators().get(0), xs, ys, out, 0, FitMonitor.NONE, pool, 2);
        return out;
    }

    /** Σ p(x) dA over a fine grid: the integral of the density over the box. */
    private static double integral(ZooModel m, double x0, double x1, double y0, double y1, int n) {
        // midpoints of n x n cells
        double dx = (x1 - x0) / n, dy = (y1 - y0) / n;
        double[] xs = new double[n * n], ys = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                xs[j * n + i] = x0 + (i + 0.5) * dx;
                ys[j * n + i] = y0 + (j + 0.5) * dy;
            }
        }
        double sum = 0;
        for (double l : logDensity(m, xs, ys)) {
            sum += Math.exp(l);
        }
        return sum * dx * dy;
    }

    /**
     * A chi-square test of samples against the density: 10 x 10 cells over the box plus one
     * cell for outside, expected counts from a 12 x 12 midpoint rule per cell, cells expecting
     * fewer than 5 pooled. Returns the p-value.
     */
    private static double chiSquare(ZooModel m, double[][] samples, double x0, double x1, double y0, double y1) {
        return chiSquare(m, samples, x0, x1, y0, y1, 10);
    }

    /** Likewise with c x c cells (the autoregressive model's bins, so no cell straddles a jump in x₂). */
    private static double chiSquare(ZooModel m, double[][] samples, double x0, double x1, double y0, double y1, int c) {
        int sub = 12;
        double[] prob = new double[c * c + 1];
        double inside = 0;
        double dx = (x1 - x0) / c, dy = (y1 - y0) / c;
        for (int cj = 0; cj < c; cj++) {
            for (int ci = 0; ci < c; ci++) {
                double[] xs = new double[sub * sub], ys = new double[sub * sub];
                for (int j = 0; j < sub; j++) {
                    for (int i = 0; i < sub; i++) {
                        xs[j * sub + i] = x0 + (ci + (i + 0.5) / sub) * dx;
                        ys[j * sub + i] = y0 + (cj + (j + 0.5) / sub) * dy;
                    }
                }
                double s = 0;
                for (double l : logDensity(m, xs, ys)) {
                    s += Math.exp(l);
                }
                prob[cj * c + ci] = s * dx * dy / (sub * sub);
                inside += prob[cj * c + ci];
            }
        }
        prob[c * c] = Math.max(0, 1 - inside);
        double[] count = new double[c * c + 1];
        for (double[] p : samples) {
            int i = (int) Math.floor((p[0] - x0) / dx), j = (int) Math.floor((p[1] - y0) / dy);
            count[i >= 0 && i < c && j >= 0 && j < c ? j * c + i : c * c]++;
        }
        int n = samples.length;
        double stat = 0, pooledE = 0, pooledO = 0;
        int cells = 0;
        for (int k = 0; k < prob.length; k++) {
            double e = prob[k] * n;
            if (e < 5) {
                pooledE += e;
                pooledO += count[k];
            } else {
                stat += (count[k] - e) * (count[k] - e) / e;
                cells++;
            }
        }
        if (pooledE > 0) {
            stat += (pooledO - pooledE) * (pooledO - pooledE) / Math.max(pooledE, 1e-12);
            cells++;
        }
        return 1 - new ChiSquaredDistribution(cells - 1).cumulativeProbability(stat);
    }

    private static ZooModel roundTrip(ZooModel m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ZooFile.write(m, b);
        return ZooFile.read(new ByteArrayInputStream(b.toByteArray()));
    }

    // ---- KDE -----------------------------------------------------------------------------------

    @Test
    void theKdeIsTheBruteForceSumWithTheTwoDimensionalFactorAndIntegratesToOne() {
        for (String kernel : List.of("gaussian", "epanechnikov")) {
            Kde kde = Kde.fit(BLOBS, ZooSettings.DEFAULTS.withKernel(kernel).withBandwidth(0.5), FitMonitor.NONE, pool, 2);
            double[] xs = {-2, 0, 2.3, 5, -1.1}, ys = {0, 0, 0.4, 1, -0.7};
            double[] got = logDensity(kde, xs, ys);
            double h = 0.5;
            for (int q = 0; q < xs.length; q++) {
                double sum = 0;
                for (int i = 0; i < BLOBS.size(); i++) {
                    double ux = (xs[q] - BLOBS.x(i)) / h, uy = (ys[q] - BLOBS.y(i)) / h, r2 = ux * ux + uy * uy;
                    sum += kernel.equals("gaussian") ? Math.exp(-r2 / 2) / (2 * Math.PI) : r2 <= 1 ? 2 / Math.PI * (1 - r2) : 0;
                }
                double p = sum / (BLOBS.size() * h * h);
                if (p > 1e-12) {
                    assertThat(got[q]).as("%s at %s", kernel, q).isCloseTo(Math.log(p), within(1e-9));
                } else {
                    assertThat(Math.exp(got[q])).isLessThan(1e-11);
                }
            }
            assertThat(integral(kde, -7, 7, -5, 5, 400)).as(kernel).isCloseTo(1, within(1e-3));
        }
    }

    @Test
    void theKdeSamplesFollowItsDensityAndPickDataPointsThenAddNoise() {
        Kde kde = Kde.fit(BLOBS, ZooSettings.DEFAULTS, FitMonitor.NONE, pool, 2);
        assertThat(kde.ruleOfThumb()).isTrue();
        assertThat(chiSquare(kde, kde.sample(20_000, 5), -5, 5, -3, 3)).isGreaterThan(1e-3);
        SampleTrace t = kde.trace(9);
        assertThat(t.stages()).hasSize(2);
        assertThat(t.stages().get(0).mark()).isEqualTo(SampleTrace.Mark.PICKED);
        int i = BLOBS.nearest(t.stages().get(0).x(), t.stages().get(0).y());
        assertThat(t.stages().get(0).x()).isEqualTo(BLOBS.x(i));
    }

    @Test
    void aKdeOfIdenticalPointsNeedsABandwidth() {
        Dataset2D same = Dataset2D.of(new double[] {1, 1, 1}, new double[] {2, 2, 2});
        assertThatThrownBy(() -> Kde.fit(same, ZooSettings.DEFAULTS, FitMonitor.NONE, null, 1)).hasMessageStartingWith("bandwidth:");
        assertThat(Kde.fit(same, ZooSettings.DEFAULTS.withBandwidth(0.3), FitMonitor.NONE, null, 1).bandwidth()).isEqualTo(0.3);
    }

    // ---- autoregressive ----------------------------------------------------------------------

    @Test
    void theAutoregressiveConditionalsNormaliseAndTheDensityIntegratesToOneOverItsBox() {
        Autoregressive ar = Autoregressive.fit(MOONS, ZooSettings.DEFAULTS.withBins(16).withEffort(0.2), FitMonitor.NONE, pool, 2);
        assertThat(Arrays.stream(ar.marginal()).sum()).isCloseTo(1, within(1e-12));
        for (double x1 : new double[] {-1, 0, 0.5, 1.7}) {
            assertThat(Arrays.stream(ar.conditional(x1)).sum()).isCloseTo(1, within(1e-5));
        }
        double[] e1 = ar.edges1(), e2 = ar.edges2();
        // constant in x2 within a bin and smooth in x1: a midpoint rule on a grid aligned with the bins
        assertThat(integral(ar, e1[0], e1[16], e2[0], e2[16], 160)).isCloseTo(1, within(1e-3));
        // outside the box the density is 0
        double[] out = logDensity(ar, new double[] {e1[0] - 0.01, 0}, new double[] {0, e2[16] + 0.01});
        assertThat(out).containsOnly(Double.NEGATIVE_INFINITY);
        // p(x) = p(x1) p(x2 | x1) at a point, from the parts
        double x = 0.3, y = 0.2;
        int b1 = Autoregressive.bin(x, e1[0], e1[16], 16), b2 = Autoregressive.bin(y, e2[0], e2[16], 16);
        double expect = Math.log(ar.marginal()[b1] / (e1[1] - e1[0])) + Math.log(ar.conditional(x)[b2] / (e2[1] - e2[0]));
        assertThat(logDensity(ar, new double[] {x}, new double[] {y})[0]).isCloseTo(expect, within(1e-6));
    }

    @Test
    void theAutoregressiveConditionalLearnsADependencyAndTrainingLowersTheLoss() {
        // x2 = x1 + small noise: p(x2 | x1) must concentrate near x1
        double[] x = new double[800], y = new double[800];
        org.genlab.core.math.Rng rng = new org.genlab.core.math.Rng(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.uniform(-2, 2);
            y[i] = x[i] + 0.05 * rng.nextGaussian();
        }
        Dataset2D d = Dataset2D.of(x, y);
        Autoregressive shortFit = Autoregressive.fit(d, ZooSettings.DEFAULTS.withBins(20).withEffort(0.01), FitMonitor.NONE, pool, 2);
        Autoregressive ar = Autoregressive.fit(d, ZooSettings.DEFAULTS.withBins(20).withEffort(0.4), FitMonitor.NONE, pool, 2);
        double lShort = Arrays.stream(logDensity(shortFit, x, y)).average().orElseThrow();
        double lLong = Arrays.stream(logDensity(ar, x, y)).average().orElseThrow();
        assertThat(lLong).isGreaterThan(lShort + 1);
        double[] p = ar.conditional(1.0);
        int b = Autoregressive.bin(1.0, ar.edges2()[0], ar.edges2()[20], 20);
        assertThat(p[b] + (b > 0 ? p[b - 1] : 0) + (b < 19 ? p[b + 1] : 0)).isGreaterThan(0.8);
    }

    @Test
    void theAutoregressiveSamplesFollowItsDensityAndTraceX1ThenX2() {
        Autoregressive ar = Autoregressive.fit(MOONS, ZooSettings.DEFAULTS.withBins(16).withEffort(0.2), FitMonitor.NONE, pool, 2);
        double[] e1 = ar.edges1(), e2 = ar.edges2();
        assertThat(chiSquare(ar, ar.sample(20_000, 3), e1[0], e1[16], e2[0], e2[16], 16)).isGreaterThan(1e-3);
        SampleTrace t = ar.trace(4);
        assertThat(t.stages().get(0).mark()).isEqualTo(SampleTrace.Mark.VERTICAL_LINE);
        assertThat(t.stages().get(1).x()).isEqualTo(t.stages().get(0).x());
        assertThat(t.sample()).containsExactly(ar.sample(1, 4)[0]);
    }

    // ---- mixture -------------------------------------------------------------------------------

    @Test
    void theMixtureIsTheEmFitsDensityIntegratesToOneAndSamplesFollowIt() {
        GmmModel g = GmmModel.fit(BLOBS, ZooSettings.DEFAULTS.withComponents(2), FitMonitor.NONE, pool, 2);
        Mixture m = g.mixture();
        double[] got = logDensity(g, new double[] {-2, 0, 2}, new double[] {0, 0, 0.5});
        assertThat(got[0]).isCloseTo(m.logDensity(-2, 0), within(1e-12));
        assertThat(got[2]).isCloseTo(m.logDensity(2, 0.5), within(1e-12));
        // the two blobs are found: one mean near each centre
        double[] mx = {m.meanX(0), m.meanX(1)};
        Arrays.sort(mx);
        assertThat(mx[0]).isCloseTo(-2, within(0.2));
        assertThat(mx[1]).isCloseTo(2, within(0.2));
        assertThat(integral(g, -7, 7, -5, 5, 400)).isCloseTo(1, within(1e-3));
        assertThat(chiSquare(g, g.sample(20_000, 8), -5, 5, -3, 3)).isGreaterThan(1e-3);
        assertThat(g.trace(1).stages().get(0).mark()).isEqualTo(SampleTrace.Mark.PICKED);
    }

    @Test
    void moreComponentsThanDistinctPointsIsRefused() {
        Dataset2D three = Dataset2D.of(new double[] {0, 1, 2}, new double[] {0, 1, 0});
        assertThatThrownBy(() -> GmmModel.fit(three, ZooSettings.DEFAULTS.withComponents(8), FitMonitor.NONE, null, 1))
                .hasMessageStartingWith("components:");
    }

    // ---- diffusion -------------------------------------------------------------------------------

    @Test
    void theExactDenoisersOdeLikelihoodIsTheClosedFormNoisedMixture() {
        Dataset2D d = Dataset2D.of(new double[] {1, 0, -1}, new double[] {0, 1, -0.5}, new double[] {1, 2, 1});
        DiffusionModel m = DiffusionModel.fit(d, ZooSettings.DEFAULTS.withExactDenoiser(true), FitMonitor.NONE, pool, 2);
        double[] s = m.standardisation();
        double sig = m.sigmaMin(), a = Math.sqrt(1 - sig * sig);
        double[] xs = {1, 0.5, 0, -1, 0.2}, ys = {0, 0.5, 1, -0.5, 0.1};
        double[] got = logDensity(m, xs, ys);
        for (int q = 0; q < xs.length; q++) {
            double zx = (xs[q] - s[0]) / s[2], zy = (ys[q] - s[1]) / s[3];
            double p = 0;
            for (int i = 0; i < d.size(); i++) {
                double ux = zx - a * (d.x(i) - s[0]) / s[2], uy = zy - a * (d.y(i) - s[1]) / s[3];
                p += d.weight(i) / d.totalWeight() * Math.exp(-(ux * ux + uy * uy) / (2 * sig * sig)) / (2 * Math.PI * sig * sig);
            }
            double exact = Math.log(p) - Math.log(s[2]) - Math.log(s[3]);
            if (exact > -20) {
                assertThat(got[q]).as("point %s", q).isCloseTo(exact, within(0.05));
            }
        }
        // memorisation: its samples land on the training points
        for (double[] x : m.sample(50, 2)) {
            int i = d.nearest(x[0], x[1]);
            assertThat(Math.hypot(x[0] - d.x(i), x[1] - d.y(i))).isLessThan(0.2);
        }
    }

    @Test
    void theLearnedDiffusionSamplesTheDataAndItsEstimateRanksDataAboveEmptySpace() {
        DiffusionModel m = DiffusionModel.fit(BLOBS, ZooSettings.DEFAULTS.withEffort(0.3), FitMonitor.NONE, pool, 2);
        double[][] s = m.sample(2000, 1);
        int right = 0;
        for (double[] x : s) {
            right += x[0] > 0 ? 1 : 0;
            assertThat(Math.abs(x[0])).isLessThan(6);
        }
        // two equal blobs: about half on each side
        assertThat(right / 2000.0).isBetween(0.4, 0.6);
        double[] l = logDensity(m, new double[] {-2, 2, 0}, new double[] {0, 0, 3});
        assertThat(l[0]).isGreaterThan(l[2] + 2);
        assertThat(l[1]).isGreaterThan(l[2] + 2);
        assertThat(m.estimators().get(0).kind()).isEqualTo(DensityKind.ESTIMATE);
    }

    // ---- the file ------------------------------------------------------------------------------------

    @Test
    void everyKindRoundTripsThroughTheFileWithIdenticalNumbers() throws Exception {
        double[] xs = {-2, 0.3, 2}, ys = {0, 0.1, -0.4};
        for (ZooKind k : ZooKind.values()) {
            ZooModel m = ZooModels.fit(k, BLOBS, ZooSettings.DEFAULTS.withEffort(0.05), FitMonitor.NONE, pool, 2);
            ZooModel back = roundTrip(m);
            assertThat(back.kind()).isEqualTo(k);
            for (Estimator e : m.estimators()) {
                double[] a = new double[3], b = new double[3];
                m.logDensity(e, xs, ys, a, 4, FitMonitor.NONE, pool, 2);
                back.logDensity(e, xs, ys, b, 4, FitMonitor.NONE, pool, 2);
                assertThat(b).as("%s %s", k, e.id()).containsExactly(a);
            }
            assertThat(back.sample(5, 3)).isDeepEqualTo(m.sample(5, 3));
            assertThat(back.summary()).isEqualTo(m.summary());
        }
    }

    @Test
    void corruptFilesAreRefusedWithTheirReason() throws Exception {
        ZooModel m = ZooModels.fit(ZooKind.AR, BLOBS, ZooSettings.DEFAULTS.withEffort(0.01), FitMonitor.NONE, pool, 2);
        ByteArrayOutputStream good = new ByteArrayOutputStream();
        ZooFile.write(m, good);
        byte[] bytes = good.toByteArray();
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {"not gzip at all".getBytes(), "corrupt"});
        cases.add(new Object[] {Arrays.copyOf(bytes, bytes.length / 2), ""});
        cases.add(new Object[] {gzip("GENLBZOX".getBytes()), "GENLBZOO"});
        cases.add(new Object[] {gzip(header(2, "ar")), "version 2"});
        cases.add(new Object[] {gzip(header(1, "tree")), "kind: 'tree'"});
        cases.add(new Object[] {gzip(header(1, "ar")), "truncated"});
        for (Object[] c : cases) {
            assertThatThrownBy(() -> ZooFile.read(new ByteArrayInputStream((byte[]) c[0]))).isInstanceOf(ZooFormatException.class)
                    .hasMessageContaining((String) c[1]);
        }
        // trailing bytes after a good model
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(raw);
        d.write(header(1, "ar"));
        m.writePayload(d);
        d.writeInt(7);
        assertThatThrownBy(() -> ZooFile.read(new ByteArrayInputStream(gzip(raw.toByteArray())))).hasMessageContaining("after the end");
    }

    private static byte[] header(int version, String kind) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(b);
        d.write("GENLBZOO".getBytes());
        d.writeInt(version);
        d.writeUTF(kind);
        return b.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(raw);
        }
        return b.toByteArray();
    }

    @Test
    void tooFewPointsIsRefusedForEveryKindByName() {
        Dataset2D one = Dataset2D.of(new double[] {0}, new double[] {0});
        for (ZooKind k : ZooKind.values()) {
            assertThatThrownBy(() -> ZooModels.fit(k, one, ZooSettings.DEFAULTS, FitMonitor.NONE, null, 1))
                    .hasMessageStartingWith("data:").hasMessageContaining("at least " + k.minPoints());
        }
    }

    @Test
    void theSameSeedGivesTheSameNumbersOnOneOrTwoThreads() {
        for (ZooKind k : List.of(ZooKind.KDE, ZooKind.AR, ZooKind.GMM)) {
            ZooModel a = ZooModels.fit(k, MOONS, ZooSettings.DEFAULTS.withEffort(0.05), FitMonitor.NONE, null, 1);
            ZooModel b = ZooModels.fit(k, MOONS, ZooSettings.DEFAULTS.withEffort(0.05), FitMonitor.NONE, pool, 2);
            double[] xs = {0, 1, 0.5}, ys = {0.5, -0.3, 0.2};
            double[] la = new double[3], lb = new double[3];
            a.logDensity(a.estimators().get(0), xs, ys, la, 0, FitMonitor.NONE, null, 1);
            b.logDensity(b.estimators().get(0), xs, ys, lb, 0, FitMonitor.NONE, pool, 2);
            assertThat(lb).as(k.id()).containsExactly(la);
            assertThat(b.sample(4, 2)).isDeepEqualTo(a.sample(4, 2));
        }
    }
}
