package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.genlab.core.math.Rng;
import org.genlab.core.vae.GradientEstimators.DiagGaussian2;
import org.genlab.core.vae.GradientEstimators.Estimator;
import org.genlab.core.vae.GradientEstimators.Spread;
import org.genlab.core.vae.GradientEstimators.TestFunction;
import org.junit.jupiter.api.Test;

/** Q3(d): reparameterized and score-function estimates of ∇_φ E_q[f(z)] against the closed form. */
class GradientEstimatorsTest {
    private static final DiagGaussian2 Q = new DiagGaussian2(0.7, -0.4, 0.8, 1.3);

    /** φ = (μ₁, μ₂, σ₁, σ₂) with entry k moved by h. */
    private static DiagGaussian2 moved(DiagGaussian2 q, int k, double h) {
        double[] p = {q.mu1(), q.mu2(), q.sigma1(), q.sigma2()};
        p[k] += h;
        return new DiagGaussian2(p[0], p[1], p[2], p[3]);
    }

    @Test
    void closedFormsAgreeWithFiniteDifferencesAndMonteCarlo() {
        for (TestFunction f : TestFunction.values()) {
            double[] g = f.expectationGradient(Q);
            for (int k = 0; k < 4; k++) {
                double fd = (f.expectation(moved(Q, k, 1e-6)) - f.expectation(moved(Q, k, -1e-6))) / 2e-6;
                assertThat(g[k]).as(f + " " + GradientEstimators.PARAMETERS.get(k)).isCloseTo(fd, within(1e-8));
            }
            // E_q f by plain Monte Carlo
            Rng rng = new Rng(2);
            int n = 400_000;
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++) {
                double v = f.value(Q.mu1() + Q.sigma1() * rng.nextGaussian(), Q.mu2() + Q.sigma2() * rng.nextGaussian());
                s += v;
                s2 += v * v;
            }
            double mean = s / n, se = Math.sqrt((s2 / n - mean * mean) / n);
            assertThat(f.expectation(Q)).as(f.id()).isCloseTo(mean, within(4 * se));
            // ∇f against finite differences of f
            double[] gf = f.gradient(0.3, -1.1);
            assertThat(gf[0]).isCloseTo((f.value(0.3 + 1e-6, -1.1) - f.value(0.3 - 1e-6, -1.1)) / 2e-6, within(1e-8));
            assertThat(gf[1]).isCloseTo((f.value(0.3, -1.1 + 1e-6) - f.value(0.3, -1.1 - 1e-6)) / 2e-6, within(1e-8));
        }
    }

    @Test
    void bothEstimatorsMeansMatchTheAnalyticGradient() {
        int n = 200_000;
        for (TestFunction f : TestFunction.values()) {
            double[] exact = f.expectationGradient(Q);
            for (Estimator e : Estimator.values()) {
                double[][] g = GradientEstimators.perSample(e, f, Q, n, new Rng(3));
                double[] mean = GradientEstimators.estimate(e, f, Q, n, new Rng(3));
                for (int k = 0; k < 4; k++) {
                    double s = 0, s2 = 0;
                    for (double[] row : g) {
                        s += row[k];
                        s2 += row[k] * row[k];
                    }
                    double m = s / n, se = Math.sqrt((s2 / n - m * m) / n);
                    assertThat(mean[k]).isCloseTo(m, within(1e-9 * (1 + Math.abs(m))));
                    assertThat(m).as(f + " " + e + " " + GradientEstimators.PARAMETERS.get(k)).isCloseTo(exact[k], within(4.5 * se));
                }
            }
            // the reparameterized estimate is also tight in absolute terms
            double[] rep = GradientEstimators.estimate(Estimator.REPARAMETERIZED, f, Q, n, new Rng(4));
            for (int k = 0; k < 4; k++) {
                assertThat(rep[k]).isCloseTo(exact[k], within(0.02));
            }
        }
    }

    @Test
    void theScoreFunctionSpreadsMoreAndBothShrinkLikeOneOverRootN() {
        List<Spread> spreads = GradientEstimators.compare(TestFunction.QUADRATIC, Q, new int[] {10, 1000}, 200, 5);
        assertThat(spreads).hasSize(4);
        Spread rep10 = spreads.get(0), score10 = spreads.get(1), rep1000 = spreads.get(2), score1000 = spreads.get(3);
        assertThat(rep10.estimator()).isEqualTo(Estimator.REPARAMETERIZED);
        assertThat(score10.estimator()).isEqualTo(Estimator.SCORE_FUNCTION);
        assertThat(rep1000.samples()).isEqualTo(1000);
        for (int k = 0; k < 4; k++) {
            assertThat(score10.sd()[k]).isGreaterThan(2 * rep10.sd()[k]);
            assertThat(score1000.sd()[k]).isGreaterThan(2 * rep1000.sd()[k]);
            // 100 times the samples: a tenth of the spread (within sampling error of 200 repeats)
            assertThat(rep1000.sd()[k] / rep10.sd()[k]).isCloseTo(0.1, within(0.03));
            assertThat(rep1000.mean()[k]).isCloseTo(TestFunction.QUADRATIC.expectationGradient(Q)[k], within(4 * rep1000.sd()[k] / Math.sqrt(200) + 1e-12));
        }
    }

    @Test
    void sameSeedSameNumbersAndBadInputIsRefused() {
        assertThat(GradientEstimators.perSample(Estimator.SCORE_FUNCTION, TestFunction.TRIG, Q, 5, new Rng(1)))
                .isDeepEqualTo(GradientEstimators.perSample(Estimator.SCORE_FUNCTION, TestFunction.TRIG, Q, 5, new Rng(1)));
        assertThatThrownBy(() -> new DiagGaussian2(0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sigma1: ");
        assertThatThrownBy(() -> new DiagGaussian2(0, 0, 1, -1)).hasMessageStartingWith("sigma2: ");
        assertThatThrownBy(() -> new DiagGaussian2(Double.NaN, 0, 1, 1)).hasMessageStartingWith("mu1: ");
        assertThatThrownBy(() -> GradientEstimators.estimate(Estimator.REPARAMETERIZED, TestFunction.TRIG, Q, 0, new Rng(0)))
                .hasMessageStartingWith("samples: ");
        assertThatThrownBy(() -> GradientEstimators.compare(TestFunction.TRIG, Q, new int[] {5}, 0, 0)).hasMessageStartingWith("repeats: ");
        assertThat(Estimator.byName("score-function")).contains(Estimator.SCORE_FUNCTION);
    }
}
