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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.special.Erf;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.nn.Mlp;
import org.genlab.core.vae.Vae;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The zoo's VAE against independent computations: quadrature over z of log p(x) and of the ELBO
 * (latent 1), the IS estimator's known properties (unbiased in p, so its exp integrates to 1; the
 * ELBO at K = 1 in expectation; growing with K), and a chi-square test of the sampler against cell
 * probabilities computed from the decoder by quadrature over z and normal CDFs.
 */
class VaeModelTest {
    private static ExecutorService pool;
    private static Dataset2D moons;
    private static Dataset2D held;
    private static VaeModel vae2;
    private static VaeModel vae1;

    @BeforeAll
    static void fitOnce() {
        pool = Executors.newFixedThreadPool(2);
        moons = Preset.TWO_MOONS.generate(600, 0.08, 1);
        held = Preset.TWO_MOONS.generate(400, 0.08, 2);
        vae2 = VaeModel.fit(moons, ZooSettings.DEFAULTS.withEffort(0.25), FitMonitor.NONE, pool, 2);
        vae1 = VaeModel.fit(moons, ZooSettings.DEFAULTS.withEffort(0.25).withLatent(1), FitMonitor.NONE, pool, 2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static double[] eval(VaeModel m, boolean is, int samples, double[] xs, double[] ys, long seed) {
        double[] out = new double[xs.length];
        m.logDensity(is, samples, xs, ys, out, seed, FitMonitor.NONE, pool, 2);
        return out;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    @Test
    void theElboIsBelowTheImportanceSampledEstimateWhichGrowsWithK() {
        double[] xs = held.xs(), ys = held.ys();
        double elbo = mean(eval(vae2, false, VaeModel.ELBO_SAMPLES, xs, ys, 1));
        double is1 = mean(eval(vae2, true, 1, xs, ys, 1));
        double is8 = mean(eval(vae2, true, 8, xs, ys, 1));
        double is64 = mean(eval(vae2, true, VaeModel.IS_SAMPLES, xs, ys, 1));
        assertThat(elbo).isLessThan(is64);
        assertThat(is1).isLessThan(is8);
        assertThat(is8).isLessThan(is64);
        // the public estimators are these two
        double[] out = new double[xs.length];
        vae2.logDensity(VaeModel.IS, xs, ys, out, 1, FitMonitor.NONE, null, 1);
        assertThat(mean(out)).isEqualTo(is64);
        assertThat(vae2.estimators()).containsExactly(VaeModel.ELBO, VaeModel.IS);
        assertThat(vae2.estimator("elbo").kind()).isEqualTo(DensityKind.BOUND);
    }

    @Test
    void theEstimateAtKOneIsTheElboInExpectation() {
        double[] xs = held.xs(), ys = held.ys();
        int seeds = 8;
        double[] avg = new double[xs.length];
        for (int s = 0; s < seeds; s++) {
            double[] v = eval(vae2, true, 1, xs, ys, 100 + s);
            for (int i = 0; i < v.length; i++) {
                avg[i] += v[i] / seeds;
            }
        }
        double[] elbo = eval(vae2, false, 256, xs, ys, 7);
        double[] d = new double[xs.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = avg[i] - elbo[i];
        }
        double m = mean(d), var = 0;
        for (double v : d) {
            var += (v - m) * (v - m);
        }
        double se = Math.sqrt(var / (d.length - 1) / d.length);
        // E[log w] with one sample = E_q[log p(x|z)] − KL: the two differ only by noise
        assertThat(Math.abs(m)).isLessThan(4 * se + 1e-6);
    }

    /** Midpoint-rule integral of exp(estimate) over the data box m ± 6 s in g x g cells. */
    private static double integrate(VaeModel m, boolean is, int samples, int g) {
        double[] st = m.standardisation();
        double x0 = st[0] - 6 * st[2], x1 = st[0] + 6 * st[2], y0 = st[1] - 6 * st[3], y1 = st[1] + 6 * st[3];
        double hx = (x1 - x0) / g, hy = (y1 - y0) / g;
        double[] xs = new double[g * g], ys = new double[g * g];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                xs[i * g + j] = x0 + (j + 0.5) * hx;
                ys[i * g + j] = y0 + (i + 0.5) * hy;
            }
        }
        double s = 0;
        for (double v : eval(m, is, samples, xs, ys, 3)) {
            s += Math.exp(v);
        }
        return s * hx * hy;
    }

    @Test
    void theImportanceSampledDensityIntegratesToAboutOneAndTheElboToLess() {
        // exp(IS) is an unbiased estimate of p(x) at each point, so its integral is 1 in
        // expectation; the tolerance covers the estimate's noise over the grid and the grid's
        // discretisation of a density with sharp ridges (5%)
        double is = integrate(vae2, true, VaeModel.IS_SAMPLES, 160);
        assertThat(is).isCloseTo(1, within(0.05));
        // exp(ELBO) ≤ p(x) pointwise, so it integrates to less than 1, by the mean gap
        double elbo = integrate(vae2, false, VaeModel.ELBO_SAMPLES, 160);
        assertThat(elbo).isLessThan(0.99).isLessThan(is);
    }

    /** The decoder's outputs {m_x, m_y, lv_x, lv_y} (lv floored) at 1-D latent points, in float like the model. */
    private static float[] decode(VaeModel m, float[] z) {
        Mlp dec = m.vae().decoder();
        FMatrixRMaj out = dec.predict(FMatrixRMaj.wrap(z.length / m.latentDim(), m.latentDim(), z));
        for (int r = 0; r < out.numRows; r++) {
            out.data[4 * r + 2] = (float) Math.max(out.data[4 * r + 2], Vae.LOG_VAR_FLOOR);
            out.data[4 * r + 3] = (float) Math.max(out.data[4 * r + 3], Vae.LOG_VAR_FLOOR);
        }
        return out.data;
    }

    private static double logGauss(double u, double mean, double logVar) {
        double r = u - mean;
        return -0.5 * (Math.log(2 * Math.PI) + logVar + r * r * Math.exp(-logVar));
    }

    @Test
    void withOneLatentTheElboAndTheEstimateMatchQuadratureOverZ() {
        double[] st = vae1.standardisation();
        double shift = Math.log(st[2]) + Math.log(st[3]);
        double[][] pts = {{moons.x(5), moons.y(5)}, {moons.x(400), moons.y(400)}, {0.5, 0.25}};
        Mlp enc = vae1.vae().encoder();
        for (double[] p : pts) {
            double u0 = (p[0] - st[0]) / st[2], u1 = (p[1] - st[1]) / st[3];
            // log p(u) = log ∫ p(u|z) N(z; 0, 1) dz, trapezoid on [−9, 9] with step 5e-4
            int nz = 36_001;
            double h = 18.0 / (nz - 1);
            float[] z = new float[nz];
            for (int i = 0; i < nz; i++) {
                z[i] = (float) (-9 + i * h);
            }
            float[] d = decode(vae1, z);
            double[] lj = new double[nz];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < nz; i++) {
                lj[i] = logGauss(u0, d[4 * i], d[4 * i + 2]) + logGauss(u1, d[4 * i + 1], d[4 * i + 3]) + logGauss(z[i], 0, 0);
                max = Math.max(max, lj[i]);
            }
            double sum = 0;
            for (int i = 0; i < nz; i++) {
                sum += (i == 0 || i == nz - 1 ? 0.5 : 1) * Math.exp(lj[i] - max);
            }
            double logP = max + Math.log(sum * h) - shift;
            // ELBO = ∫ q(z) [log p(u|z) + log p(z) − log q(z)] dz, trapezoid on μ ± 12 σ
            FMatrixRMaj hq = enc.predict(FMatrixRMaj.wrap(1, 2, new float[] {(float) u0, (float) u1}));
            double mu = hq.data[0], lv = hq.data[1], sigma = Math.exp(0.5 * lv);
            assertThat(sigma).as("q is resolved by the z grid").isGreaterThan(10 * h);
            int nq = 8001;
            double hqz = 24 * sigma / (nq - 1);
            float[] zq = new float[nq];
            for (int i = 0; i < nq; i++) {
                zq[i] = (float) (mu - 12 * sigma + i * hqz);
            }
            float[] dq = decode(vae1, zq);
            double elboQ = 0;
            for (int i = 0; i < nq; i++) {
                double q = Math.exp(logGauss(zq[i], mu, lv));
                double integrand = logGauss(u0, dq[4 * i], dq[4 * i + 2]) + logGauss(u1, dq[4 * i + 1], dq[4 * i + 3])
                        + logGauss(zq[i], 0, 0) - logGauss(zq[i], mu, lv);
                elboQ += (i == 0 || i == nq - 1 ? 0.5 : 1) * q * integrand * hqz;
            }
            elboQ -= shift;
            assertThat(elboQ).isLessThanOrEqualTo(logP + 1e-9);
            double[] xs = {p[0]}, ys = {p[1]};
            double elboMc = eval(vae1, false, 200_000, xs, ys, 4)[0];
            assertThat(elboMc).isCloseTo(elboQ, within(0.02));
            double isLimit = eval(vae1, true, 50_000, xs, ys, 5)[0];
            assertThat(isLimit).isCloseTo(logP, within(0.02));
            assertThat(eval(vae1, true, VaeModel.IS_SAMPLES, xs, ys, 6)[0]).isLessThan(logP + 0.1);
        }
    }

    private static double phi(double x) {
        return 0.5 * (1 + Erf.erf(x / Math.sqrt(2)));
    }

    @Test
    void samplesFollowTheModelsCellProbabilities() {
        int n = 20_000;
        double[][] s = vae2.sample(n, 8);
        double[] st = vae2.standardisation();
        int g = 10;
        double lo = -3, hi = 3, cw = (hi - lo) / g;
        long[] counts = new long[g * g + 1];
        for (double[] p : s) {
            double u0 = (p[0] - st[0]) / st[2], u1 = (p[1] - st[1]) / st[3];
            int j = (int) Math.floor((u0 - lo) / cw), i = (int) Math.floor((u1 - lo) / cw);
            counts[i >= 0 && i < g && j >= 0 && j < g ? i * g + j : g * g]++;
        }
        // P(cell) = ∫ N(z; 0, I) Π_d [Φ((b_d − μ_d(z)) / σ_d(z)) − Φ((a_d − μ_d(z)) / σ_d(z))] dz,
        // midpoint rule on [−5, 5]² in 140 x 140 cells
        int nz = 140;
        double hz = 10.0 / nz;
        float[] z = new float[2 * nz * nz];
        double[] w = new double[nz * nz];
        for (int a = 0; a < nz; a++) {
            for (int b = 0; b < nz; b++) {
                double za = -5 + (a + 0.5) * hz, zb = -5 + (b + 0.5) * hz;
                z[2 * (a * nz + b)] = (float) za;
                z[2 * (a * nz + b) + 1] = (float) zb;
                w[a * nz + b] = Math.exp(-0.5 * (za * za + zb * zb)) / (2 * Math.PI) * hz * hz;
            }
        }
        float[] d = decode(vae2, z);
        double[] prob = new double[g * g];
        double[] cx = new double[g + 1], cy = new double[g + 1];
        for (int k = 0; k < nz * nz; k++) {
            double sx = Math.exp(0.5 * d[4 * k + 2]), sy = Math.exp(0.5 * d[4 * k + 3]);
            for (int e = 0; e <= g; e++) {
                cx[e] = phi((lo + e * cw - d[4 * k]) / sx);
                cy[e] = phi((lo + e * cw - d[4 * k + 1]) / sy);
            }
            for (int i = 0; i < g; i++) {
                for (int j = 0; j < g; j++) {
                    prob[i * g + j] += w[k] * (cy[i + 1] - cy[i]) * (cx[j + 1] - cx[j]);
                }
            }
        }
        double[] expected = new double[g * g + 1];
        double inside = 0;
        for (int c = 0; c < g * g; c++) {
            expected[c] = n * prob[c];
            inside += prob[c];
        }
        expected[g * g] = n * Math.max(0, 1 - inside);
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
            assertThat(pooledO).isLessThan(20);
        }
        assertThat(cells).isGreaterThan(25);
        assertThat(chi).isLessThan(new ChiSquaredDistribution(cells - 1).inverseCumulativeProbability(0.999));
    }

    @Test
    void estimatesSamplesAndTracesAreSeeded() {
        double[] xs = Arrays.copyOf(held.xs(), 300), ys = Arrays.copyOf(held.ys(), 300);
        double[] a = new double[300], b = new double[300], c = new double[300];
        vae2.logDensity(VaeModel.IS, xs, ys, a, 9, FitMonitor.NONE, null, 1);
        vae2.logDensity(VaeModel.IS, xs, ys, b, 9, FitMonitor.NONE, pool, 2);
        vae2.logDensity(VaeModel.IS, xs, ys, c, 10, FitMonitor.NONE, pool, 2);
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(vae2.sample(30, 4)).isDeepEqualTo(vae2.sample(30, 4));
        SampleTrace t = vae2.trace(4);
        assertThat(t.sample()).containsExactly(vae2.sample(1, 4)[0]);
        assertThat(t.stages()).hasSize(2);
        SampleTrace.Stage mu = t.stages().get(0), x = t.stages().get(1);
        assertThat(mu.mark()).isEqualTo(SampleTrace.Mark.LATENT);
        assertThat(mu.caption()).startsWith("drew z = (").contains("decoded it to the mean μ(z)");
        assertThat(x.mark()).isEqualTo(SampleTrace.Mark.SAMPLE);
        assertThat(x.caption()).startsWith("added σ ε");
        assertThat(x.pathX()).containsExactly(mu.x(), x.x());
        assertThat(vae1.trace(4).stages().get(0).caption()).contains("from N(0, 1)");
    }

    @Test
    void theFitIsTheSameOnAnyNumberOfThreads() throws IOException {
        ZooSettings s = ZooSettings.DEFAULTS.withEffort(0.01).withSeed(5);
        assertThat(payload(VaeModel.fit(moons, s, FitMonitor.NONE, pool, 2))).isEqualTo(payload(VaeModel.fit(moons, s, FitMonitor.NONE, null, 1)));
    }

    @Test
    void trainingRaisesTheHeldOutElbo() {
        VaeModel early = VaeModel.fit(moons, ZooSettings.DEFAULTS, 5, 1e-3, FitMonitor.NONE, null, 1);
        assertThat(vae2.meanLogDensity(VaeModel.ELBO, held, null, 1)).isGreaterThan(early.meanLogDensity(VaeModel.ELBO, held, null, 1) + 0.5);
    }

    @Test
    void aDivergingFitStopsWithAMessage() {
        assertThatThrownBy(() -> VaeModel.fit(moons, ZooSettings.DEFAULTS, 300, 1e6, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("fit: ");
    }

    private static byte[] payload(ZooModel m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        m.writePayload(d);
        d.flush();
        return b.toByteArray();
    }

    private static VaeModel read(byte[] bytes) throws IOException {
        return VaeModel.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void aPayloadReadsBackToTheSameNumbers() throws IOException {
        byte[] bytes = payload(vae2);
        VaeModel back = read(bytes);
        assertThat(payload(back)).isEqualTo(bytes);
        double[] xs = held.xs(), ys = held.ys();
        for (Estimator e : vae2.estimators()) {
            double[] a = new double[xs.length], b = new double[xs.length];
            vae2.logDensity(e, xs, ys, a, 3, FitMonitor.NONE, null, 1);
            back.logDensity(e, xs, ys, b, 3, FitMonitor.NONE, pool, 2);
            assertThat(b).containsExactly(a);
        }
        assertThat(back.sample(20, 2)).isDeepEqualTo(vae2.sample(20, 2));
        assertThat(back.summary()).isEqualTo(vae2.summary());
    }

    @Test
    void badPayloadsAndInputAreRefusedNamingTheField() throws IOException {
        byte[] good = payload(vae2);
        assertThatThrownBy(() -> read(Arrays.copyOf(good, good.length - 30))).isInstanceOf(ZooFormatException.class)
                .hasMessageContaining("truncated");
        byte[] sd = good.clone();
        ByteBuffer.wrap(sd).putDouble(4 + 24, 0);
        assertThatThrownBy(() -> read(sd)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("standardisation sd");
        byte[] net = good.clone();
        int start = 4 + 32 + 8 + 8 + 4;
        for (int i = start + 12; i < start + 60; i++) {
            net[i] ^= 0x33;
        }
        assertThatThrownBy(() -> read(net)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("vae: ");
        Dataset2D few = Preset.TWO_MOONS.generate(ZooKind.VAE.minPoints() - 1, 0.05, 0);
        assertThatThrownBy(() -> VaeModel.fit(few, ZooSettings.DEFAULTS, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data: ").hasMessageContaining("got 9");
        double[] xs = new double[20], ys = new double[20];
        for (int i = 0; i < 20; i++) {
            xs[i] = i;
        }
        assertThatThrownBy(() -> VaeModel.fit(Dataset2D.of(xs, ys), ZooSettings.DEFAULTS, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data: the y coordinates");
        assertThatThrownBy(() -> vae2.logDensity(Estimator.EXACT, new double[1], new double[1], new double[1], 0, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("estimator: ");
        double[] special = new double[2];
        vae2.logDensity(VaeModel.ELBO, new double[] {Double.NEGATIVE_INFINITY, Double.NaN}, new double[] {0, 0}, special, 0,
                FitMonitor.NONE, null, 1);
        assertThat(special[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(special[1]).isNaN();
    }
}
