package org.genlab.core.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** q_t and ε* against independent computations: moments, Monte Carlo, closed-form bounds, the fast kernel. */
class ExactDiffusionTest {
    private static final Dataset2D TWO_POINT = Dataset2D.of(new double[] {1, 0}, new double[] {0, 1});
    private static final Dataset2D WEIGHTED = Dataset2D.of(new double[] {1, -1, 0.5}, new double[] {0, 0.5, -1}, new double[] {1, 3, 2});

    @Test
    void marginalSamplesHaveTheMixturesMoments() {
        NoiseSchedule s = NoiseSchedule.linear();
        ExactDiffusion d = new ExactDiffusion(WEIGHTED, s);
        int t = 300;
        double ab = s.alphaBar(t);
        Particles p = d.sampleMarginal(t, 400_000, new Rng(5));
        double[] mean = WEIGHTED.mean();
        double[][] cov = WEIGHTED.covariance();
        // E[x_t] = √ᾱ E[x_0],  Cov[x_t] = ᾱ Cov[x_0] + (1 − ᾱ) I
        double mx = 0, my = 0;
        for (int i = 0; i < p.size(); i++) {
            mx += p.x(i);
            my += p.y(i);
        }
        mx /= p.size();
        my /= p.size();
        double cxx = 0, cxy = 0, cyy = 0;
        for (int i = 0; i < p.size(); i++) {
            cxx += (p.x(i) - mx) * (p.x(i) - mx);
            cxy += (p.x(i) - mx) * (p.y(i) - my);
            cyy += (p.y(i) - my) * (p.y(i) - my);
        }
        cxx /= p.size();
        cxy /= p.size();
        cyy /= p.size();
        assertThat(mx).isCloseTo(Math.sqrt(ab) * mean[0], within(0.006));
        assertThat(my).isCloseTo(Math.sqrt(ab) * mean[1], within(0.006));
        assertThat(cxx).isCloseTo(ab * cov[0][0] + 1 - ab, within(0.01));
        assertThat(cxy).isCloseTo(ab * cov[0][1], within(0.01));
        assertThat(cyy).isCloseTo(ab * cov[1][1] + 1 - ab, within(0.01));
    }

    @Test
    void logDensityIsTheHomeworksMixtureAndIntegratesToOne() {
        NoiseSchedule s = NoiseSchedule.linear();
        ExactDiffusion d = new ExactDiffusion(TWO_POINT, s);
        int t = 200;
        double ab = s.alphaBar(t);
        double v = 1 - ab;
        double x = 0.3, y = 0.8;
        // q_t(x) = ½ N(x; √ᾱ [1,0], (1−ᾱ) I) + ½ N(x; √ᾱ [0,1], (1−ᾱ) I)
        double n1 = Math.exp(-(sq(x - Math.sqrt(ab)) + sq(y)) / (2 * v)) / (2 * Math.PI * v);
        double n2 = Math.exp(-(sq(x) + sq(y - Math.sqrt(ab))) / (2 * v)) / (2 * Math.PI * v);
        assertThat(d.logDensity(t, x, y)).isCloseTo(Math.log(0.5 * n1 + 0.5 * n2), within(1e-12));
        double h = 0.02, sum = 0;
        for (double gx = -6; gx < 7; gx += h) {
            for (double gy = -6; gy < 7; gy += h) {
                sum += Math.exp(d.logDensity(t, gx, gy)) * h * h;
            }
        }
        assertThat(sum).isCloseTo(1, within(1e-6));
        assertThat(d.logDensity(1, 1e3, -1e3)).isFinite(); // far out: a log-sum-exp, never -Infinity
    }

    private static double sq(double v) {
        return v * v;
    }

    @Test
    void epsStarIsTheConditionalMeanOfTheNoiseNearAPoint() {
        NoiseSchedule s = NoiseSchedule.linear();
        for (Dataset2D data : new Dataset2D[] {TWO_POINT, WEIGHTED}) {
            ExactDiffusion d = new ExactDiffusion(data, s);
            int t = 300;
            double sa = Math.sqrt(s.alphaBar(t)), sd = Math.sqrt(1 - s.alphaBar(t));
            double x = 0.5, y = 0.3, r = 0.05;
            // Brute force: draw x0 ~ q, ε ~ N(0, I); keep ε whenever x_t = √ᾱ x0 + √(1−ᾱ) ε falls within r of x
            Rng rng = new Rng(11);
            double[] cum = new double[data.size()];
            double total = 0;
            for (int i = 0; i < data.size(); i++) {
                total += data.weight(i);
                cum[i] = total;
            }
            double sx = 0, sy = 0;
            int kept = 0;
            for (int k = 0; k < 4_000_000; k++) {
                double u = rng.nextDouble() * total;
                int i = 0;
                while (cum[i] <= u) {
                    i++;
                }
                double ex = rng.nextGaussian(), ey = rng.nextGaussian();
                double xt = sa * data.x(i) + sd * ex, yt = sa * data.y(i) + sd * ey;
                if (sq(xt - x) + sq(yt - y) < r * r) {
                    sx += ex;
                    sy += ey;
                    kept++;
                }
            }
            assertThat(kept).isGreaterThan(3000);
            double[] eps = d.epsilon(t, x, y);
            double se = 1 / Math.sqrt(kept); // the conditional spread of ε is below 1
            assertThat(sx / kept).as("eps_x on %s", data).isCloseTo(eps[0], within(4 * se));
            assertThat(sy / kept).as("eps_y on %s", data).isCloseTo(eps[1], within(4 * se));
        }
    }

    @Test
    void posteriorSumsToOneInDataOrderAndScoreIsMinusEpsOverSigma() {
        NoiseSchedule s = NoiseSchedule.cosine(1000);
        ExactDiffusion d = new ExactDiffusion(WEIGHTED, s);
        for (int t : new int[] {1, 10, 400, 1000}) {
            for (double[] at : new double[][] {{0, 0}, {1, 0.1}, {-40, 25}}) {
                Prediction p = d.predict(t, at[0], at[1]);
                double[] w = p.posterior();
                assertThat(w).hasSize(3);
                assertThat(w[0] + w[1] + w[2]).isCloseTo(1, within(1e-14));
                for (double v : w) {
                    assertThat(v).isBetween(0.0, 1.0);
                }
                double sd = Math.sqrt(1 - s.alphaBar(t));
                assertThat(p.scoreX()).isCloseTo(-p.epsX() / sd, within(1e-12 * Math.abs(p.scoreX()) + 1e-300));
                assertThat(p.scoreY()).isCloseTo(-p.epsY() / sd, within(1e-12 * Math.abs(p.scoreY()) + 1e-300));
                // ε* = (x − √ᾱ x̂_0) / √(1 − ᾱ)
                assertThat(p.epsX()).isCloseTo((at[0] - Math.sqrt(p.alphaBar()) * p.x0X()) / sd, within(1e-9 * (1 + Math.abs(p.epsX()))));
            }
        }
        // Near a data point at small t, the posterior picks that point; at t = T it is the prior q(x0)
        assertThat(d.posterior(1, 0.5, -1)[2]).isCloseTo(1, within(1e-12));
        double[] prior = new ExactDiffusion(WEIGHTED, NoiseSchedule.linear()).posterior(1000, 0.2, 0.1);
        assertThat(prior[0]).isCloseTo(1 / 6.0, within(0.01));
        assertThat(prior[1]).isCloseTo(3 / 6.0, within(0.01));
    }

    @Test
    void epsStarTendsToXAtTheClosedFormRate() {
        NoiseSchedule s = NoiseSchedule.linear();
        ExactDiffusion d = new ExactDiffusion(TWO_POINT, s);
        for (double[] at : new double[][] {{0.5, -0.3}, {2, 2}, {-1, 0.2}}) {
            double x = at[0], y = at[1];
            double[] curve = d.epsilonDistanceToX(x, y);
            assertThat(curve).hasSize(1000);
            double norm = Math.hypot(x, y);
            for (int t = 1; t <= 1000; t++) {
                double ab = s.alphaBar(t);
                // |ε* − x| ≤ (√ᾱ_t max_i |x0_i| + (1 − √(1 − ᾱ_t)) |x|) / √(1 − ᾱ_t)
                double bound = (Math.sqrt(ab) * 1 + (1 - Math.sqrt(1 - ab)) * norm) / Math.sqrt(1 - ab);
                assertThat(curve[t - 1]).as("t=%d", t).isLessThanOrEqualTo(bound * (1 + 1e-12));
            }
            assertThat(curve[999]).isLessThan(0.007);
            assertThat(curve[999]).isLessThan(curve[499]).isLessThan(curve[99]);
        }
        double abT = s.alphaBar(1000);
        assertThat((Math.sqrt(abT) + (1 - Math.sqrt(1 - abT)) * Math.hypot(0.5, -0.3)) / Math.sqrt(1 - abT)).isCloseTo(0.0064, within(0.0002));
    }

    @Test
    void fastKernelAgreesWithThePlainFormula() {
        Dataset2D eight = Preset.EIGHT_GAUSSIANS.generate(256, 0.1, 3);
        double[] w = new double[256];
        Rng rng = new Rng(1);
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.uniform(0.1, 3);
        }
        Dataset2D weighted = Dataset2D.of(eight.xs(), eight.ys(), w);
        for (Dataset2D data : new Dataset2D[] {TWO_POINT, WEIGHTED, eight, weighted}) {
            for (NoiseSchedule s : new NoiseSchedule[] {NoiseSchedule.linear(), NoiseSchedule.cosine(1000)}) {
                ExactDiffusion d = new ExactDiffusion(data, s);
                double[] xs = new double[400], ys = new double[400];
                for (int p = 0; p < xs.length; p++) {
                    xs[p] = rng.uniform(-4, 4);
                    ys[p] = rng.uniform(-4, 4);
                }
                for (int t : new int[] {1, 2, 10, 100, 500, 999, 1000}) {
                    double[] fx = new double[400], fy = new double[400];
                    d.denoiser(t, false).x0Mean(xs, ys, 0, 400, fx, fy, new double[data.size()]);
                    for (int p = 0; p < xs.length; p++) {
                        Prediction r = d.predict(t, xs[p], ys[p]);
                        assertThat(fx[p]).as("t=%d p=%d", t, p).isCloseTo(r.x0X(), within(1e-9));
                        assertThat(fy[p]).as("t=%d p=%d", t, p).isCloseTo(r.x0Y(), within(1e-9));
                    }
                }
            }
        }
    }

    @Test
    void badInputNamesTheField() {
        ExactDiffusion d = new ExactDiffusion(TWO_POINT, NoiseSchedule.linear(10, 0.01, 0.2));
        assertThatThrownBy(() -> d.predict(0, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("t: must be in 1..10");
        assertThatThrownBy(() -> d.logDensity(11, 0, 0)).hasMessageStartingWith("t: must be in 1..10");
        assertThatThrownBy(() -> d.sampleMarginal(0, 5, new Rng(0))).hasMessageStartingWith("t: ");
        assertThatThrownBy(() -> new ExactDiffusion(Dataset2D.EMPTY, NoiseSchedule.linear()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("data: the data set is empty");
    }
}
