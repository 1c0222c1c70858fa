package org.genlab.core.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.genlab.core.data.Dataset2D;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact-denoiser diffusion model against closed forms: its marginal q_t is the Gaussian
 * mixture Σ_i q_i N(√ᾱ x_i, σ² I) in standardised coordinates, so the ODE estimate of
 * log q_{t_min} has an independent reference; a Gaussian data set checks the batched solver
 * the learned model uses; the analytic divergence is checked by finite differences.
 */
class DiffusionModelExactTest {
    /** Five weighted points, far apart at σ_min = 0.05 standardised units. */
    static final Dataset2D FIVE = Dataset2D.of(new double[] {0, 1, 2, 0.5, 3}, new double[] {0, 1, 0, 2, 3},
            new double[] {1, 2, 1, 1, 0.5});
    static ExecutorService pool;
    static DiffusionModel model;

    @BeforeAll
    static void setUp() {
        pool = Executors.newFixedThreadPool(2);
        model = DiffusionModel.fit(FIVE, ZooSettings.DEFAULTS.withExactDenoiser(true), FitMonitor.NONE, null, 1);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    /** log of the closed-form mixture Σ_i q_i N(z; √ᾱ z_i, σ² I) at level λ, in standardised coordinates. */
    static double mixtureLogDensity(Dataset2D d, double[] st, double lam, double zx, double zy) {
        double s2 = DiffusionSchedule.sigma2(lam);
        double s = Math.sqrt(DiffusionSchedule.alphaBar(lam));
        double[] l = new double[d.size()];
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.size(); i++) {
            double dx = zx - s * (d.x(i) - st[0]) / st[2];
            double dy = zy - s * (d.y(i) - st[1]) / st[3];
            l[i] = Math.log(d.weight(i) / d.totalWeight()) - Math.log(2 * Math.PI * s2) - (dx * dx + dy * dy) / (2 * s2);
            m = Math.max(m, l[i]);
        }
        double sum = 0;
        for (double v : l) {
            sum += Math.exp(v - m);
        }
        return m + Math.log(sum);
    }

    /** The closed form in data units: the standardised density minus log sd_x + log sd_y. */
    static double closedForm(DiffusionModel m, Dataset2D d, double x, double y) {
        double[] st = m.standardisation();
        return mixtureLogDensity(d, st, m.lambdaMin(), (x - st[0]) / st[2], (y - st[1]) / st[3]) - Math.log(st[2] * st[3]);
    }

    static final double[] PX = {0, 1, 0.02, 0.5, 1.5, 0.25, 1, 2.5, -2, 5};
    static final double[] PY = {0, 1, 0.01, 0.5, 0.5, 1.0, 0, 1.5, 1, 5};

    /**
     * The ODE estimate against the closed-form log q_{t_min}: on and near the data points
     * (log q &gt; −20) within 5e-3 nats, and between and beyond them (log q from −100 to −2000)
     * within 1e-3 relative. Why these: RK4's global error is O(h⁴) in the step; on this data
     * the error with the exact q_T measured 2.5e-2, 3.2e-3, 1.1e-4, 5e-6 at 12, 24, 48, 96 base
     * steps at the worst point near the data (a factor 8 to 30 per doubling, see
     * {@link #solverErrorShrinksAtFourthOrder}), so the model's 24 steps are good to about 3e-3;
     * N(0, I) in place of q_T adds about √ᾱ_T |x_T · m| &lt; 1e-3. Between the points, where the
     * substeps run, the error is a few hundredths of a nat in a value of hundreds.
     */
    @Test
    void odeEstimateMatchesTheClosedFormMixture() {
        double[] out = new double[PX.length];
        model.logDensity(DiffusionModel.ODE, PX, PY, out, 0, FitMonitor.NONE, null, 1);
        for (int i = 0; i < PX.length; i++) {
            double ref = closedForm(model, FIVE, PX[i], PY[i]);
            double tol = ref > -20 ? 5e-3 : 1e-3 * Math.abs(ref);
            assertThat(out[i]).as("point (%s, %s)", PX[i], PY[i]).isCloseTo(ref, within(tol));
        }
        // the points chosen do cover both regimes
        assertThat(closedForm(model, FIVE, 0.5, 0.5)).isLessThan(-100);
        assertThat(closedForm(model, FIVE, 1, 1)).isGreaterThan(0);
    }

    /**
     * With the exact terminal density log q_T(x_T) in place of log N(x_T; 0, I), what is left
     * is the solver's error, and it shrinks with the steps as fourth-order RK4 should: 4x the
     * base steps (24 to 96) cut the error near the data by more than 30x (256x in the limit;
     * 190x to 600x measured).
     */
    @Test
    void solverErrorShrinksAtFourthOrder() {
        double[] st = model.standardisation();
        DiffusionExactField f = model.exactField();
        double[] res = new double[4];
        double[] l = new double[f.size()];
        for (double[] p : new double[][] {{0.1, 0.05}, {1.05, 0.95}, {2.0, 0.1}}) {
            double zx = (p[0] - st[0]) / st[2];
            double zy = (p[1] - st[1]) / st[3];
            double ref = mixtureLogDensity(FIVE, st, model.lambdaMin(), zx, zy);
            double[] err = new double[2];
            int[] steps = {DiffusionModel.ODE_STEPS_EXACT, 4 * DiffusionModel.ODE_STEPS_EXACT};
            for (int k = 0; k < 2; k++) {
                DiffusionOde.integrateExact(f, zx, zy, model.lambdaMin(), DiffusionSchedule.LAMBDA_MAX, steps[k], res, l);
                double est = mixtureLogDensity(FIVE, st, DiffusionSchedule.LAMBDA_MAX, res[0], res[1]) + res[2];
                err[k] = Math.abs(est - ref);
            }
            assertThat(err[0]).as("error at 24 steps near (%s, %s)", p[0], p[1]).isLessThan(5e-3);
            assertThat(err[1]).as("error at 96 steps").isLessThan(err[0] / 30 + 1e-10);
        }
    }

    /**
     * Gaussian data N(m, diag(v)) in standardised coordinates: ε*(x, λ) = σ (x − √ᾱ m)/(ᾱ v + σ²)
     * per coordinate, tr ∂ε/∂x = σ Σ_j 1/(ᾱ v_j + σ²), and q_λ = N(√ᾱ m, ᾱ v + σ²). The batched
     * RK4 solver (the learned model's) with 32 steps and the exact q_T must give log q_{t_min}
     * to 1e-3 (measured 9e-5 to 3e-4 at 32 steps), 4x the steps must cut the error by more than
     * 30x (fourth order: 256x in the limit), and with N(0, I) at T (the model's choice) the
     * value is within 0.03 (the two terminal densities differ by about
     * √ᾱ_T |m · x_T| ≤ 0.0066 · 0.81 · 3.6 ≈ 0.02 at these points).
     */
    @Test
    void batchedSolverIsExactOnGaussianData() {
        double mx = 0.4, my = -0.7, vx = 0.3, vy = 1.6;
        DiffusionField gauss = (lam, xs, ys, n, ex, ey, div) -> {
            for (int r = 0; r < n; r++) {
                double ab = DiffusionSchedule.alphaBar(lam[r]);
                double s2 = DiffusionSchedule.sigma2(lam[r]);
                double s = Math.sqrt(ab);
                double sg = Math.sqrt(s2);
                ex[r] = sg * (xs[r] - s * mx) / (ab * vx + s2);
                ey[r] = sg * (ys[r] - s * my) / (ab * vy + s2);
                if (div != null) {
                    div[r] = sg * (1 / (ab * vx + s2) + 1 / (ab * vy + s2));
                }
            }
        };
        double lamMin = DiffusionSchedule.lambdaOfSigma(0.02);
        double[] xs = {0.4, -1, 2, 0.1};
        double[] ys = {-0.7, 1, -3, 0.5};
        double[] tx = new double[4], ty = new double[4], acc = new double[4];
        double[] fx = new double[4], fy = new double[4], facc = new double[4];
        DiffusionOde.integrateBatch(gauss, xs, ys, 4, lamMin, DiffusionSchedule.LAMBDA_MAX, 32, tx, ty, acc);
        DiffusionOde.integrateBatch(gauss, xs, ys, 4, lamMin, DiffusionSchedule.LAMBDA_MAX, 128, fx, fy, facc);
        for (int r = 0; r < 4; r++) {
            double ref = gaussLog(lamMin, xs[r], ys[r], mx, my, vx, vy);
            double exactT = gaussLog(DiffusionSchedule.LAMBDA_MAX, tx[r], ty[r], mx, my, vx, vy) + acc[r];
            double fine = gaussLog(DiffusionSchedule.LAMBDA_MAX, fx[r], fy[r], mx, my, vx, vy) + facc[r];
            double modelT = -Math.log(2 * Math.PI) - 0.5 * (tx[r] * tx[r] + ty[r] * ty[r]) + acc[r];
            assertThat(exactT).isCloseTo(ref, within(1e-3));
            assertThat(Math.abs(fine - ref)).isLessThan(Math.abs(exactT - ref) / 30 + 1e-9);
            assertThat(modelT).isCloseTo(ref, within(0.03));
        }
    }

    private static double gaussLog(double lam, double x, double y, double mx, double my, double vx, double vy) {
        double ab = DiffusionSchedule.alphaBar(lam);
        double s2 = DiffusionSchedule.sigma2(lam);
        double s = Math.sqrt(ab);
        double cx = ab * vx + s2, cy = ab * vy + s2;
        double dx = x - s * mx, dy = y - s * my;
        return -Math.log(2 * Math.PI) - 0.5 * Math.log(cx * cy) - 0.5 * (dx * dx / cx + dy * dy / cy);
    }

    /** tr ∂ε* / ∂x = (2 − V)/σ against central differences of ε* (step 1e-6 σ), at several levels and points. */
    @Test
    void analyticDivergenceMatchesFiniteDifferences() {
        DiffusionField f = model.exactField();
        for (double sigma : new double[] {0.05, 0.2, 0.6, 0.95}) {
            double lam = DiffusionSchedule.lambdaOfSigma(sigma);
            for (double[] p : new double[][] {{0, 0}, {-0.3, 0.2}, {0.5, -0.4}, {1.2, 1.1}, {-0.9, -0.1}}) {
                double h = 1e-6 * sigma;
                double[] one = {lam};
                double[] ex = new double[1], ey = new double[1], div = new double[1];
                f.epsilon(one, new double[] {p[0]}, new double[] {p[1]}, 1, ex, ey, div);
                double[] a = new double[1], b = new double[1], tmp = new double[1];
                f.epsilon(one, new double[] {p[0] + h}, new double[] {p[1]}, 1, a, tmp, null);
                f.epsilon(one, new double[] {p[0] - h}, new double[] {p[1]}, 1, b, tmp, null);
                double dxx = (a[0] - b[0]) / (2 * h);
                f.epsilon(one, new double[] {p[0]}, new double[] {p[1] + h}, 1, tmp, a, null);
                f.epsilon(one, new double[] {p[0]}, new double[] {p[1] - h}, 1, tmp, b, null);
                double dyy = (a[0] - b[0]) / (2 * h);
                assertThat(div[0]).as("σ %s at (%s, %s)", sigma, p[0], p[1])
                        .isCloseTo(dxx + dyy, within(1e-5 * (1 + Math.abs(div[0]))));
            }
        }
    }

    /**
     * The estimate integrates to 1 over a wide grid. Four points with sd ≈ 0.5, so σ_min is
     * about 0.025 in data units; the grid step 0.02 is below it, where the trapezoid rule on a
     * Gaussian is accurate to far better than 1e-6, and the ODE's 2e-3-nat error near the data
     * bounds the mass error by 0.2 %: tolerance 0.005.
     */
    @Test
    void densityIntegratesToOne() {
        Dataset2D four = Dataset2D.of(new double[] {0, 1, 0, 1}, new double[] {0, 0, 1, 1.5});
        DiffusionModel m = DiffusionModel.fit(four, ZooSettings.DEFAULTS.withExactDenoiser(true), FitMonitor.NONE, null, 1);
        double step = 0.02;
        int n = (int) Math.round(3.0 / step) + 1;
        double[] xs = new double[n * n], ys = new double[n * n], out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                xs[i * n + j] = -1 + j * step;
                ys[i * n + j] = -1 + i * step;
            }
        }
        m.logDensity(DiffusionModel.ODE, xs, ys, out, 0, FitMonitor.NONE, pool, 2);
        double mass = 0;
        for (double v : out) {
            mass += Math.exp(v) * step * step;
        }
        assertThat(mass).isCloseTo(1, within(0.005));
    }

    /** It memorises: every sample is a training point (within 0.01 in data units), picked about as often as its weight says. */
    @Test
    void samplesAreTrainingPoints() {
        double[][] s = model.sample(400, 3);
        int[] hits = new int[FIVE.size()];
        for (double[] p : s) {
            int i = FIVE.nearest(p[0], p[1]);
            assertThat(Math.hypot(p[0] - FIVE.x(i), p[1] - FIVE.y(i))).isLessThan(0.01);
            hits[i]++;
        }
        for (int i = 0; i < FIVE.size(); i++) {
            double q = FIVE.weight(i) / FIVE.totalWeight();
            // binomial sd √(400 q (1 − q)) ≤ 10: 4 sd
            assertThat((double) hits[i]).isCloseTo(400 * q, within(40.0));
        }
    }

    /** The trace draws what sample(1, seed) draws, with x_T first and the whole reverse path. */
    @Test
    void traceIsTheFirstSample() {
        SampleTrace t = model.trace(11);
        assertThat(t.stages()).hasSize(2);
        assertThat(t.stages().get(0).mark()).isEqualTo(SampleTrace.Mark.LATENT);
        assertThat(t.stages().get(0).caption()).startsWith("drew x_T = (").contains("from N(0, I)");
        SampleTrace.Stage last = t.stages().get(1);
        assertThat(last.mark()).isEqualTo(SampleTrace.Mark.SAMPLE);
        assertThat(last.caption()).startsWith("ran the reverse process for 129 steps");
        assertThat(last.pathX()).hasSize(DiffusionSampler.STEPS + 2);
        assertThat(last.pathX()[0]).isEqualTo(t.stages().get(0).x());
        assertThat(last.pathX()[DiffusionSampler.STEPS + 1]).isEqualTo(last.x());
        assertThat(t.sample()).containsExactly(model.sample(1, 11)[0]);
        assertThat(model.sample(5, 11)).isDeepEqualTo(model.sample(5, 11));
        assertThat(model.summary()).contains("memorises").contains("σ_min = 0.05").contains("5 points");
    }

    /** Same numbers on one thread and two, and after a payload round trip. */
    @Test
    void parallelismAndRoundTripGiveIdenticalNumbers() throws IOException {
        double[] xs = new double[300], ys = new double[300];
        for (int i = 0; i < 300; i++) {
            xs[i] = -1 + 5 * ((i * 37) % 300) / 300.0;
            ys[i] = -1 + 5 * i / 300.0;
        }
        double[] one = new double[300], two = new double[300], back = new double[300];
        model.logDensity(DiffusionModel.ODE, xs, ys, one, 0, FitMonitor.NONE, null, 1);
        model.logDensity(DiffusionModel.ODE, xs, ys, two, 0, FitMonitor.NONE, pool, 2);
        assertThat(two).containsExactly(one);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        model.writePayload(new DataOutputStream(b));
        DiffusionModel read = DiffusionModel.read(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
        read.logDensity(DiffusionModel.ODE, xs, ys, back, 0, FitMonitor.NONE, pool, 2);
        assertThat(back).containsExactly(one);
        assertThat(read.sample(20, 4)).isDeepEqualTo(model.sample(20, 4));
        assertThat(read.summary()).isEqualTo(model.summary());
        assertThat(read.exactDenoiser()).isTrue();
        assertThat(read.tMin()).isEqualTo(model.tMin());
    }

    /** Progress reaches 1 over the chunks; t_min solves σ(t_min) = σ_min. */
    @Test
    void progressAndTMin() {
        double[] last = {0};
        FitMonitor mon = new FitMonitor() {
            @Override
            public synchronized void progress(double fraction, String message) {
                last[0] = Math.max(last[0], fraction);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        double[] xs = new double[100], ys = new double[100], out = new double[100];
        model.logDensity(DiffusionModel.ODE, xs, ys, out, 0, mon, pool, 2);
        assertThat(last[0]).isEqualTo(1.0);
        double t = model.tMin();
        double ab = Math.exp(-DiffusionSchedule.integratedBeta(t));
        assertThat(Math.sqrt(1 - ab)).isCloseTo(DiffusionModel.SIGMA_MIN_EXACT, within(1e-12));
    }
}
