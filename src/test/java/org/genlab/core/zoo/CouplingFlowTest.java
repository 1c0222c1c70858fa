package org.genlab.core.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Activation;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.MlpShape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coupling flow against independent computations: a double-precision re-implementation of
 * the map (its own network evaluation from the flat parameters), finite differences of the map
 * and of the loss, quadrature of the density, a chi-square test of the sampler.
 */
class CouplingFlowTest {
    private static ExecutorService pool;
    private static Dataset2D moons;
    private static CouplingFlow flow;

    @BeforeAll
    static void fitOnce() {
        pool = Executors.newFixedThreadPool(2);
        moons = Preset.TWO_MOONS.generate(600, 0.08, 1);
        flow = CouplingFlow.fit(moons, ZooSettings.DEFAULTS.withEffort(0.1), FitMonitor.NONE, pool, 2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** The flow again in double: networks evaluated from their float parameters, widened. */
    static final class DoubleFlow {
        final double[] std;
        final double sBound;
        final MlpShape[] shapes;
        final double[][] params;

        DoubleFlow(double[] std, double sBound, Mlp[] nets) {
            this.std = std;
            this.sBound = sBound;
            shapes = new MlpShape[nets.length];
            params = new double[nets.length][];
            for (int k = 0; k < nets.length; k++) {
                shapes[k] = nets[k].shape();
                float[] p = nets[k].parameters();
                params[k] = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    params[k][i] = p[i];
                }
            }
        }

        static DoubleFlow of(CouplingFlow f) {
            Mlp[] nets = new Mlp[f.couplings()];
            for (int k = 0; k < nets.length; k++) {
                nets[k] = f.network(k);
            }
            return new DoubleFlow(f.standardisation(), CouplingFlow.S_BOUND, nets);
        }

        /** The network k at input a: {r, t}. */
        double[] net(int k, double a) {
            MlpShape s = shapes[k];
            double[] p = params[k];
            double[] act = {a};
            for (int l = 1; l <= s.layers(); l++) {
                int in = s.width(l - 1), out = s.width(l);
                double[] next = new double[out];
                for (int j = 0; j < out; j++) {
                    double z = p[s.biasOffset(l) + j];
                    for (int i = 0; i < in; i++) {
                        z += act[i] * p[s.weightOffset(l) + i * out + j];
                    }
                    next[j] = s.activation(l).apply(z);
                }
                act = next;
            }
            return act;
        }

        /** Couplings only, on standardised u: {z_x, z_y, Σ s}. */
        double[] coupled(double u0, double u1) {
            double[] u = {u0, u1};
            double ld = 0;
            for (int k = 0; k < shapes.length; k++) {
                int a = k % 2, b = 1 - a;
                double[] rt = net(k, u[a]);
                double s = sBound * Math.tanh(rt[0] / sBound);
                u[b] = u[b] * Math.exp(s) + rt[1];
                ld += s;
            }
            return new double[] {u[0], u[1], ld};
        }

        /** {z_x, z_y, log |det ∂f/∂x|} at a data point. */
        double[] forward(double x, double y) {
            double[] c = coupled((x - std[0]) / std[2], (y - std[1]) / std[3]);
            c[2] -= Math.log(std[2]) + Math.log(std[3]);
            return c;
        }

        /** The training loss on standardised points: mean of ½|z|² + log 2π − Σ s. */
        double loss(double[] ux, double[] uy) {
            double l = 0;
            for (int i = 0; i < ux.length; i++) {
                double[] c = coupled(ux[i], uy[i]);
                l += 0.5 * (c[0] * c[0] + c[1] * c[1]) + Math.log(2 * Math.PI) - c[2];
            }
            return l / ux.length;
        }
    }

    private static double[][] testPoints(int n, long seed) {
        Rng rng = new Rng(seed);
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[] {rng.uniform(-2, 3), rng.uniform(-1.5, 2)};
        }
        return p;
    }

    @Test
    void theFlowAgreesWithTheDoubleReference() {
        DoubleFlow ref = DoubleFlow.of(flow);
        for (double[] p : testPoints(300, 2)) {
            double[] z = flow.forward(p[0], p[1]);
            double[] r = ref.forward(p[0], p[1]);
            // float networks: outputs carry ~1e-7 relative error through six layers
            assertThat(z[0]).isCloseTo(r[0], within(1e-4));
            assertThat(z[1]).isCloseTo(r[1], within(1e-4));
            assertThat(flow.logDetJacobian(p[0], p[1])).isCloseTo(r[2], within(1e-4));
        }
    }

    /** log |det J| by central differences of the map, J the 2x2 numeric Jacobian. */
    private static double numericLogDet(java.util.function.BiFunction<Double, Double, double[]> f, double x, double y, double h) {
        double[] xp = f.apply(x + h, y), xm = f.apply(x - h, y), yp = f.apply(x, y + h), ym = f.apply(x, y - h);
        double j00 = (xp[0] - xm[0]) / (2 * h), j10 = (xp[1] - xm[1]) / (2 * h);
        double j01 = (yp[0] - ym[0]) / (2 * h), j11 = (yp[1] - ym[1]) / (2 * h);
        return Math.log(Math.abs(j00 * j11 - j01 * j10));
    }

    @Test
    void logDeterminantMatchesFiniteDifferences() {
        DoubleFlow ref = DoubleFlow.of(flow);
        for (double[] p : testPoints(300, 3)) {
            // in double: step 1e-5, truncation ~1e-10, rounding ~1e-11
            double fdRef = numericLogDet((x, y) -> ref.forward(x, y), p[0], p[1], 1e-5);
            assertThat(ref.forward(p[0], p[1])[2]).isCloseTo(fdRef, within(1e-6));
            // the float flow itself: its networks round to ~6e-8 relative, so a step of 5e-4 leaves
            // ~1e-3 of rounding noise in the quotients (and ~3e-4 of truncation error)
            double fd = numericLogDet((x, y) -> flow.forward(x, y), p[0], p[1], 5e-4);
            assertThat(flow.logDetJacobian(p[0], p[1])).isCloseTo(fd, within(3e-3));
        }
    }

    @Test
    void theInverseUndoesTheMapBothWays() {
        for (double[] p : testPoints(500, 4)) {
            double[] z = flow.forward(p[0], p[1]);
            double[] back = flow.inverse(z[0], z[1]);
            assertThat(back[0]).isCloseTo(p[0], within(1e-5));
            assertThat(back[1]).isCloseTo(p[1], within(1e-5));
        }
        Rng rng = new Rng(5);
        double[] zx = new double[500], zy = new double[500];
        for (int i = 0; i < 500; i++) {
            zx[i] = 2 * rng.nextGaussian();
            zy[i] = 2 * rng.nextGaussian();
        }
        double[][] x = flow.inverse(zx, zy);
        double[][] z = flow.forward(x[0], x[1]);
        for (int i = 0; i < 500; i++) {
            assertThat(z[0][i]).isCloseTo(zx[i], within(1e-5));
            assertThat(z[1][i]).isCloseTo(zy[i], within(1e-5));
            double[] one = flow.inverse(zx[i], zy[i]);
            assertThat(one[0]).isEqualTo(x[0][i]);
            assertThat(one[1]).isEqualTo(x[1][i]);
        }
    }

    @Test
    void logDensityIsTheChangeOfVariables() {
        double[][] pts = testPoints(200, 6);
        double[] xs = new double[pts.length], ys = new double[pts.length], out = new double[pts.length];
        for (int i = 0; i < pts.length; i++) {
            xs[i] = pts[i][0];
            ys[i] = pts[i][1];
        }
        flow.logDensity(Estimator.EXACT, xs, ys, out, 0, FitMonitor.NONE, pool, 2);
        DoubleFlow ref = DoubleFlow.of(flow);
        for (int i = 0; i < pts.length; i++) {
            double[] r = ref.forward(xs[i], ys[i]);
            double expected = -0.5 * (r[0] * r[0] + r[1] * r[1]) - Math.log(2 * Math.PI) + r[2];
            assertThat(out[i]).isCloseTo(expected, within(1e-4));
        }
        double[] special = new double[3];
        flow.logDensity(Estimator.EXACT, new double[] {Double.POSITIVE_INFINITY, Double.NaN, 0.5}, new double[] {0, 0, 0.25},
                special, 0, FitMonitor.NONE, null, 1);
        assertThat(special[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(special[1]).isNaN();
        assertThat(special[2]).isFinite();
    }

    /** Midpoint rule of exp(log p) over [x0, x1] x [y0, y1] with g x g cells. */
    private static double integrate(ZooModel m, double x0, double x1, double y0, double y1, int g) {
        double[] xs = new double[g * g], ys = new double[g * g], out = new double[g * g];
        double hx = (x1 - x0) / g, hy = (y1 - y0) / g;
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                xs[i * g + j] = x0 + (j + 0.5) * hx;
                ys[i * g + j] = y0 + (i + 0.5) * hy;
            }
        }
        m.logDensity(Estimator.EXACT, xs, ys, out, 0, FitMonitor.NONE, pool, 2);
        double s = 0;
        for (double v : out) {
            s += Math.exp(v);
        }
        return s * hx * hy;
    }

    @Test
    void theDensityIntegratesToOne() {
        double[] st = flow.standardisation();
        // ±10 sd: the base's mass beyond |z| = 10 is e^-50, and each layer scales by at most e^2
        double total = integrate(flow, st[0] - 10 * st[2], st[0] + 10 * st[2], st[1] - 10 * st[3], st[1] + 10 * st[3], 700);
        assertThat(total).isCloseTo(1, within(1e-3));
    }

    @Test
    void trainingRaisesTheHeldOutLikelihood() {
        Dataset2D held = Preset.TWO_MOONS.generate(600, 0.08, 99);
        CouplingFlow initial = CouplingFlow.fit(moons, ZooSettings.DEFAULTS.withEffort(0.1), 0, null, FitMonitor.NONE, null, 1);
        double before = initial.meanLogLikelihood(held, null, 1);
        double after = flow.meanLogLikelihood(held, null, 1);
        // a standardised Gaussian fit alone gives about -2.1 on these moons; the trained flow is far above
        assertThat(after).isGreaterThan(before + 0.5);
        // not bitwise: the Vector API's tanh rounds differently interpreted and compiled (seen: 3e-9)
        assertThat(flow.dataLogLikelihood()).isCloseTo(flow.meanLogLikelihood(moons, null, 1), within(1e-7));
    }

    @Test
    void samplesFollowTheDensity() {
        int n = 20_000;
        double[][] s = flow.sample(n, 7);
        double[] st = flow.standardisation();
        int g = 10;
        double x0 = st[0] - 3 * st[2], x1 = st[0] + 3 * st[2], y0 = st[1] - 3 * st[3], y1 = st[1] + 3 * st[3];
        double hx = (x1 - x0) / g, hy = (y1 - y0) / g;
        long[] counts = new long[g * g + 1];
        for (double[] p : s) {
            int j = (int) Math.floor((p[0] - x0) / hx), i = (int) Math.floor((p[1] - y0) / hy);
            counts[i >= 0 && i < g && j >= 0 && j < g ? i * g + j : g * g]++;
        }
        double[] expected = new double[g * g + 1];
        double inside = 0;
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                double pr = integrate(flow, x0 + j * hx, x0 + (j + 1) * hx, y0 + i * hy, y0 + (i + 1) * hy, 24);
                expected[i * g + j] = n * pr;
                inside += pr;
            }
        }
        expected[g * g] = n * Math.max(0, 1 - inside);
        // cells expected to hold fewer than 5 go into one pooled cell, so the chi-square law holds
        double chi = 0, pooledE = 0;
        long pooledO = 0;
        int cells = 0;
        for (int c = 0; c < expected.length; c++) {
            if (expected[c] < 5) {
                pooledE += expected[c];
                pooledO += counts[c];
            } else {
                chi += (counts[c] - expected[c]) * (counts[c] - expected[c]) / expected[c];
                cells++;
            }
        }
        if (pooledE >= 5) {
            chi += (pooledO - pooledE) * (pooledO - pooledE) / pooledE;
            cells++;
        } else {
            // too little to test on its own: it must at least not hold many samples
            assertThat(pooledO).isLessThan(20);
        }
        assertThat(cells).isGreaterThan(30);
        double critical = new ChiSquaredDistribution(cells - 1).inverseCumulativeProbability(0.999);
        assertThat(chi).isLessThan(critical);
    }

    @Test
    void lossGradientMatchesFiniteDifferencesOfTheDoubleLoss() {
        MlpShape tiny = MlpShape.of(1, 5, 2, 2, Activation.TANH);
        Mlp[] nets = {Mlp.create(tiny, new Rng(11)), Mlp.create(tiny, new Rng(12)), Mlp.create(tiny, new Rng(13))};
        // scale the last layers up so s and t are far from 0 and the tanh bound is active
        for (Mlp net : nets) {
            float[] p = net.parameters();
            for (int i = tiny.weightOffset(3); i < p.length; i++) {
                p[i] *= 4;
            }
            net.setParameters(p);
        }
        Rng rng = new Rng(14);
        int b = 8;
        double[] ux = new double[b], uy = new double[b];
        for (int i = 0; i < b; i++) {
            ux[i] = rng.nextGaussian();
            uy[i] = rng.nextGaussian();
        }
        CouplingFlow.Step step = new CouplingFlow.Step(nets, CouplingFlow.S_BOUND, b, null, 1);
        double loss = step.lossAndGradients(ux, uy);
        DoubleFlow ref = new DoubleFlow(new double[] {0, 0, 1, 1}, CouplingFlow.S_BOUND, nets);
        assertThat(loss).isCloseTo(ref.loss(ux, uy), within(1e-5));
        double h = 1e-6;
        int checked = 0;
        for (int k = 0; k < nets.length; k++) {
            float[] g = nets[k].gradients();
            for (int j = 0; j < g.length; j++) {
                double keep = ref.params[k][j];
                ref.params[k][j] = keep + h;
                double lp = ref.loss(ux, uy);
                ref.params[k][j] = keep - h;
                double lm = ref.loss(ux, uy);
                ref.params[k][j] = keep;
                double fd = (lp - lm) / (2 * h);
                // float backprop: ~1e-6 relative; central difference in double: ~1e-9
                assertThat((double) g[j]).as("net %d parameter %d", k, j).isCloseTo(fd, within(1e-4 + 1e-3 * Math.abs(fd)));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3 * tiny.parameterCount());
    }

    @Test
    void aNaNLossStopsTheFitWithAMessage() {
        Mlp[] nets = new Mlp[2];
        for (int k = 0; k < 2; k++) {
            float[] p = new float[CouplingFlow.NET_SHAPE.parameterCount()];
            p[k] = Float.NaN;
            nets[k] = Mlp.of(CouplingFlow.NET_SHAPE, p);
        }
        assertThatThrownBy(() -> CouplingFlow.fit(moons, ZooSettings.DEFAULTS.withCouplings(2), 5, nets, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("fit: the loss became NaN at step 1");
    }

    @Test
    void theFitIsTheSameOnAnyNumberOfThreadsAndSamplingIsSeeded() throws IOException {
        ZooSettings s = ZooSettings.DEFAULTS.withEffort(0.02).withSeed(3);
        CouplingFlow one = CouplingFlow.fit(moons, s, FitMonitor.NONE, null, 1);
        CouplingFlow two = CouplingFlow.fit(moons, s, FitMonitor.NONE, pool, 2);
        // the chunking is fixed by the batch alone, so the threads change nothing; the comparison is
        // not bitwise only because the Vector API's tanh may round differently before and after the
        // JIT compiles it (differences seen: ~1e-9)
        CouplingFlow other = CouplingFlow.fit(moons, s.withSeed(4), FitMonitor.NONE, null, 1);
        double[][] pts = testPoints(100, 40);
        for (double[] p : pts) {
            double[] a = one.forward(p[0], p[1]), b = two.forward(p[0], p[1]), c = other.forward(p[0], p[1]);
            assertThat(b[0]).isCloseTo(a[0], within(1e-6));
            assertThat(b[1]).isCloseTo(a[1], within(1e-6));
            assertThat(Math.abs(c[0] - a[0]) + Math.abs(c[1] - a[1])).isGreaterThan(1e-4);
        }
        assertThat(flow.sample(50, 8)).isDeepEqualTo(flow.sample(50, 8));
        assertThat(flow.sample(50, 8)).isNotEqualTo(flow.sample(50, 9));
    }

    @Test
    void progressIsReportedAndCancellationStopsTheFit() {
        StringBuilder seen = new StringBuilder();
        CouplingFlow.fit(moons, ZooSettings.DEFAULTS.withEffort(0.025), new FitMonitor() {
            @Override
            public void progress(double fraction, String message) {
                seen.append(message).append('\n');
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        }, null, 1);
        assertThat(seen.toString()).contains("step 50 of 100, NLL ").contains("step 100 of 100, NLL ");
        FitMonitor cancel = new FitMonitor() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThatThrownBy(() -> CouplingFlow.fit(moons, ZooSettings.DEFAULTS, cancel, null, 1))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void theTraceDrawsZThenWalksTheInverseLayers() {
        SampleTrace t = flow.trace(21);
        assertThat(t.stages()).hasSize(2);
        SampleTrace.Stage z = t.stages().get(0), x = t.stages().get(1);
        assertThat(z.mark()).isEqualTo(SampleTrace.Mark.LATENT);
        assertThat(z.caption()).startsWith("drew z = (").endsWith(") from N(0, I)");
        assertThat(x.mark()).isEqualTo(SampleTrace.Mark.SAMPLE);
        assertThat(x.caption()).contains("through 6 coupling layers");
        assertThat(t.sample()).containsExactly(flow.sample(1, 21)[0]);
        assertThat(flow.inverse(z.x(), z.y())).containsExactly(t.sample());
        double[] px = x.pathX(), py = x.pathY();
        assertThat(px).hasSize(flow.couplings() + 2);
        assertThat(px[0]).isEqualTo(z.x());
        assertThat(py[0]).isEqualTo(z.y());
        assertThat(px[px.length - 1]).isEqualTo(x.x());
        assertThat(py[py.length - 1]).isEqualTo(x.y());
        double[] st = flow.standardisation();
        // the point before the last is the standardised sample u, x = m + s u
        assertThat(st[0] + st[2] * px[px.length - 2]).isCloseTo(x.x(), within(1e-12));
    }

    @Test
    void theWarpedGridIsTheImageOfStraightLines() {
        List<double[][]> lines = flow.warpedGrid(3, 5, 11);
        assertThat(lines).hasSize(10);
        double[][] first = lines.get(0);
        for (int j = 0; j < 11; j++) {
            double[] x = flow.inverse(-3, -3 + 0.6 * j);
            assertThat(first[0][j]).isCloseTo(x[0], within(1e-12));
            assertThat(first[1][j]).isCloseTo(x[1], within(1e-12));
        }
        double[][] last = lines.get(9);
        double[] corner = flow.inverse(3, 3);
        assertThat(last[0][10]).isCloseTo(corner[0], within(1e-12));
        assertThat(last[1][10]).isCloseTo(corner[1], within(1e-12));
    }

    private static byte[] payload(ZooModel m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        m.writePayload(d);
        d.flush();
        return b.toByteArray();
    }

    private static CouplingFlow read(byte[] bytes) throws IOException {
        return CouplingFlow.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void aPayloadReadsBackToTheSameNumbers() throws IOException {
        byte[] bytes = payload(flow);
        CouplingFlow back = read(bytes);
        assertThat(payload(back)).isEqualTo(bytes);
        double[][] pts = testPoints(100, 30);
        double[] xs = Arrays.stream(pts).mapToDouble(p -> p[0]).toArray(), ys = Arrays.stream(pts).mapToDouble(p -> p[1]).toArray();
        double[] a = new double[100], b = new double[100];
        flow.logDensity(Estimator.EXACT, xs, ys, a, 0, FitMonitor.NONE, null, 1);
        back.logDensity(Estimator.EXACT, xs, ys, b, 0, FitMonitor.NONE, pool, 2);
        assertThat(b).containsExactly(a);
        assertThat(back.sample(40, 5)).isDeepEqualTo(flow.sample(40, 5));
        assertThat(back.summary()).isEqualTo(flow.summary());
    }

    @Test
    void badPayloadsAreRefusedNamingTheField() throws IOException {
        byte[] good = payload(flow);
        assertThatThrownBy(() -> read(Arrays.copyOf(good, good.length - 10)))
                .isInstanceOf(ZooFormatException.class).hasMessageContaining("truncated");
        byte[] version = good.clone();
        ByteBuffer.wrap(version).putInt(0, 7);
        assertThatThrownBy(() -> read(version)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("flow payload version 7");
        byte[] sd = good.clone();
        ByteBuffer.wrap(sd).putDouble(4 + 16, -1);
        assertThatThrownBy(() -> read(sd)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("standardisation sd");
        byte[] mean = good.clone();
        ByteBuffer.wrap(mean).putDouble(4, Double.NaN);
        assertThatThrownBy(() -> read(mean)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("standardisation mean");
        byte[] couplings = good.clone();
        ByteBuffer.wrap(couplings).putInt(4 + 40, 0);
        assertThatThrownBy(() -> read(couplings)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("couplings 0");
        byte[] net = good.clone();
        // the first network's gzip stream starts after 4 + 40 + 12 + 8 bytes and its length
        int start = 4 + 40 + 12 + 8 + 4;
        for (int i = start + 12; i < start + 40; i++) {
            net[i] ^= 0x5A;
        }
        assertThatThrownBy(() -> read(net)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("coupling 0 network");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Dataset2D few = Preset.TWO_MOONS.generate(ZooKind.FLOW.minPoints() - 1, 0.05, 0);
        assertThatThrownBy(() -> CouplingFlow.fit(few, ZooSettings.DEFAULTS, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("data: ").hasMessageContaining("at least 10 points, got 9");
        double[] xs = new double[20], ys = new double[20];
        for (int i = 0; i < 20; i++) {
            xs[i] = 1.5;
            ys[i] = i;
        }
        assertThatThrownBy(() -> CouplingFlow.fit(Dataset2D.of(xs, ys), ZooSettings.DEFAULTS, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data: the x coordinates");
        assertThatThrownBy(() -> CouplingFlow.fit(null, ZooSettings.DEFAULTS, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data: ");
        // a data set cannot hold NaN: Dataset2D refuses it before any model sees it
        assertThatThrownBy(() -> Dataset2D.of(new double[] {Double.NaN}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        Estimator elbo = new Estimator("elbo", DensityKind.BOUND, "ELBO");
        assertThatThrownBy(() -> flow.logDensity(elbo, new double[1], new double[1], new double[1], 0, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("estimator: ");
        assertThatThrownBy(() -> flow.logDensity(Estimator.EXACT, new double[2], new double[1], new double[2], 0, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("points: ");
        assertThatThrownBy(() -> flow.sample(-1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("n: ");
    }
}
