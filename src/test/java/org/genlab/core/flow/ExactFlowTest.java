package org.genlab.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** The exact marginal velocity, posterior and density of Q9, each against an independent computation. */
class ExactFlowTest {
    /** A weighted five-point set, not symmetric. */
    private static final Dataset2D FIVE = Dataset2D.of(new double[] {1, 0, -1.5, 2, 0.3}, new double[] {0, 1, -0.5, 2, -2},
            new double[] {1, 2, 0.5, 1, 3});
    private static final Dataset2D TWO_POINT = Dataset2D.of(new double[] {1, 0}, new double[] {0, 1});

    /**
     * v_t(x) = E[x1 − x0 | x_t = x] by Bayes over the data points, written differently from the
     * model: x0 = (x − t x1_i)/(1 − t) is recovered for each point, its standard normal density
     * is divided by the Jacobian (1 − t)² and plain exponentials are summed (no log space).
     */
    private static double[] bruteForceVelocity(Dataset2D d, double t, double x, double y) {
        double num0 = 0;
        double num1 = 0;
        double den = 0;
        for (int i = 0; i < d.size(); i++) {
            double x0 = (x - t * d.x(i)) / (1 - t);
            double y0 = (y - t * d.y(i)) / (1 - t);
            double like = Math.exp(-(x0 * x0 + y0 * y0) / 2) / (2 * Math.PI) / ((1 - t) * (1 - t));
            double joint = d.weight(i) * like;
            num0 += joint * (d.x(i) - x0);
            num1 += joint * (d.y(i) - y0);
            den += joint;
        }
        return new double[] {num0 / den, num1 / den};
    }

    @Test
    void velocityIsTheConditionalExpectationOfX1MinusX0() {
        ExactFlow f = new ExactFlow(FIVE);
        // t up to 0.8: the plain exponentials of the brute force underflow much beyond it
        for (double t : new double[] {0, 0.1, 0.5, 0.8}) {
            for (double[] p : new double[][] {{0, 0}, {0.5, 0.5}, {1.2, -0.7}, {-2, 1.5}, {1.8, 1.9}}) {
                double[] v = f.velocity(t, p[0], p[1]);
                double[] b = bruteForceVelocity(FIVE, t, p[0], p[1]);
                assertThat(v[0]).as("t=%s x=%s,%s", t, p[0], p[1]).isCloseTo(b[0], within(1e-9 * (1 + Math.abs(b[0]))));
                assertThat(v[1]).as("t=%s x=%s,%s", t, p[0], p[1]).isCloseTo(b[1], within(1e-9 * (1 + Math.abs(b[1]))));
            }
        }
    }

    @Test
    void velocityMatchesAMonteCarloConditionalExpectation() {
        // Draw (x0, x1), keep the pairs whose x_t falls in a small disc around x, average x1 − x0.
        ExactFlow f = new ExactFlow(FIVE);
        Rng rng = new Rng(7);
        double t = 0.5;
        double x = 0.4;
        double y = 0.3;
        double r = 0.05;
        double total = FIVE.totalWeight();
        double sx = 0;
        double sy = 0;
        int hits = 0;
        for (int k = 0; k < 4_000_000; k++) {
            double u = rng.nextDouble() * total;
            int i = 0;
            for (double acc = FIVE.weight(0); acc <= u && i < FIVE.size() - 1; acc += FIVE.weight(++i)) {
                // walk to the point whose cumulative weight exceeds u
            }
            double x0 = rng.nextGaussian();
            double y0 = rng.nextGaussian();
            double xt = (1 - t) * x0 + t * FIVE.x(i);
            double yt = (1 - t) * y0 + t * FIVE.y(i);
            if ((xt - x) * (xt - x) + (yt - y) * (yt - y) < r * r) {
                sx += FIVE.x(i) - x0;
                sy += FIVE.y(i) - y0;
                hits++;
            }
        }
        assertThat(hits).isGreaterThan(5000);
        double[] v = f.velocity(t, x, y);
        assertThat(v[0]).isCloseTo(sx / hits, within(0.06));
        assertThat(v[1]).isCloseTo(sy / hits, within(0.06));
    }

    @Test
    void posteriorAndX1PredictionAgreeWithTheVelocity() {
        ExactFlow f = new ExactFlow(FIVE);
        FlowPrediction p = f.predict(0.6, 0.2, -0.4);
        double[] w = p.posterior();
        assertThat(w).hasSize(5);
        double sum = 0;
        double ex = 0;
        double ey = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i];
            ex += w[i] * FIVE.x(i);
            ey += w[i] * FIVE.y(i);
        }
        assertThat(sum).isCloseTo(1, within(1e-12));
        assertThat(p.x1X()).isCloseTo(ex, within(1e-12));
        assertThat(p.x1Y()).isCloseTo(ey, within(1e-12));
        // v = (E[x1 | x] − x) / (1 − t)
        assertThat(p.vx()).isCloseTo((ex - 0.2) / 0.4, within(1e-12));
        assertThat(p.vy()).isCloseTo((ey + 0.4) / 0.4, within(1e-12));
        // Bayes with the ERRATA's p_1(x1_i): the ratio of two weights is q_i N_i / q_j N_j
        double ni = Math.exp(-(Math.pow(0.2 - 0.6 * 1, 2) + Math.pow(-0.4 - 0, 2)) / (2 * 0.16));
        double nj = Math.exp(-(Math.pow(0.2 - 0.6 * 0.3, 2) + Math.pow(-0.4 + 0.6 * 2, 2)) / (2 * 0.16));
        assertThat(w[0] / w[4]).isCloseTo((1 * ni) / (3 * nj), within(1e-9 * (w[0] / w[4])));
    }

    @Test
    void farFromTheDataAndNearTOneEverythingStaysFinite() {
        ExactFlow f = new ExactFlow(FIVE);
        FlowPrediction p = f.predict(0.999999, 300, -250);
        assertThat(Double.isFinite(p.vx()) && Double.isFinite(p.vy())).isTrue();
        assertThat(f.logDensity(0.999999, 300, -250)).isFinite().isLessThan(-1e9);
        // the nearest data point along the direction wins
        assertThat(p.posterior()[3] + p.posterior()[4] + p.posterior()[0]).isCloseTo(1, within(1e-9));
    }

    @Test
    void atTimeZeroTheDensityIsTheStandardNormal() {
        ExactFlow f = new ExactFlow(FIVE);
        for (double[] p : new double[][] {{0, 0}, {1, -2}, {3, 0.5}}) {
            double n = Math.exp(-(p[0] * p[0] + p[1] * p[1]) / 2) / (2 * Math.PI);
            assertThat(f.density(0, p[0], p[1])).isCloseTo(n, within(1e-15));
        }
    }

    @Test
    void densityIntegratesToOneOnAGrid() {
        ExactFlow f = new ExactFlow(FIVE);
        for (double t : new double[] {0, 0.5, 0.9}) {
            double h = 0.01;
            double sum = 0;
            for (double x = -7; x <= 7; x += h) {
                for (double y = -7; y <= 7; y += h) {
                    sum += f.density(t, x, y);
                }
            }
            assertThat(sum * h * h).as("t=%s", t).isCloseTo(1, within(1e-4));
        }
    }

    @Test
    void fastKernelAgreesWithThePlainReference() {
        Dataset2D eight = Preset.EIGHT_GAUSSIANS.generate(256, 0.1, 0);
        for (Dataset2D d : new Dataset2D[] {FIVE, eight, TWO_POINT}) {
            ExactFlow f = new ExactFlow(d);
            Rng rng = new Rng(3);
            int n = 700;
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                double scale = i % 7 == 0 ? 40 : 3;
                xs[i] = scale * rng.nextGaussian();
                ys[i] = scale * rng.nextGaussian();
            }
            for (double t : new double[] {0, 0.3, 0.9, 0.999}) {
                double[] fx = new double[n];
                double[] fy = new double[n];
                double[] rx = new double[n];
                double[] ry = new double[n];
                f.field().velocity(t, xs, ys, fx, fy, null, 1);
                f.referenceField().velocity(t, xs, ys, rx, ry, null, 1);
                double[] mx = new double[n];
                double[] my = new double[n];
                f.x1Mean(t, xs, ys, mx, my, null, 1);
                for (int i = 0; i < n; i++) {
                    // compare the x1 predictions to 1e-9 (the velocity divides their difference by 1 − t)
                    double[] x1 = f.x1Mean(t, xs[i], ys[i]);
                    assertThat(mx[i]).isCloseTo(x1[0], within(1e-9));
                    assertThat(my[i]).isCloseTo(x1[1], within(1e-9));
                    assertThat(fx[i]).isCloseTo(rx[i], within(1e-9 * (1 + Math.abs(rx[i])) / (1 - t)));
                    assertThat(fy[i]).isCloseTo(ry[i], within(1e-9 * (1 + Math.abs(ry[i])) / (1 - t)));
                }
            }
        }
    }

    @Test
    void timeOutsideZeroToOneIsRefusedNamingT() {
        ExactFlow f = new ExactFlow(TWO_POINT);
        for (double t : new double[] {1, 1.5, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> f.predict(t, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("t: ");
            assertThatThrownBy(() -> f.logDensity(t, 0, 0)).hasMessageStartingWith("t: ");
            assertThatThrownBy(() -> f.field().velocity(t, 0, 0)).hasMessageStartingWith("t: ");
            assertThatThrownBy(() -> Continuity.residual(f, t, -1, 1, -1, 1, 3, 3)).hasMessageStartingWith("t: ");
        }
    }

    @Test
    void badDataAndArraysAreRefused() {
        assertThatThrownBy(() -> new ExactFlow(Dataset2D.EMPTY)).hasMessageStartingWith("data: ");
        ExactFlow f = new ExactFlow(TWO_POINT);
        assertThatThrownBy(() -> f.field().velocity(0.5, new double[2], new double[3], new double[2], new double[2], null, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void continuityResidualIsSmallAgainstTheTimeDerivativeIn2d() {
        ExactFlow f = new ExactFlow(FIVE);
        for (double t : new double[] {0, 0.25, 0.5, 0.8}) {
            ContinuityGrid g = Continuity.residual(f, t, -3, 3, -3, 3, 13, 13);
            assertThat(g.maxAbsDpdt()).as("t=%s", t).isGreaterThan(1e-3);
            assertThat(g.relativeResidual()).as("t=%s", t).isLessThan(1e-5);
            assertThat(g.residual()).hasNumberOfRows(13);
        }
    }

    @Test
    void aWrongVelocityBreaksTheContinuityEquation() {
        // the check can fail: with the printed posterior's p_1(x) instead of p_1(x1) the weights
        // would be uniform; a field with uniform weights gives a large residual
        ExactFlow weighted = new ExactFlow(FIVE);
        ExactFlow uniform = new ExactFlow(Dataset2D.of(FIVE.xs(), FIVE.ys()));
        double t = 0.5;
        double h = 1e-4 * (1 - t);
        double x = 0.3;
        double y = 0.2;
        double dpdt = (weighted.density(t + h, x, y) - weighted.density(t - h, x, y)) / (2 * h);
        double div = (weighted.density(t, x + h, y) * uniform.velocity(t, x + h, y)[0]
                - weighted.density(t, x - h, y) * uniform.velocity(t, x - h, y)[0]) / (2 * h)
                + (weighted.density(t, x, y + h) * uniform.velocity(t, x, y + h)[1]
                - weighted.density(t, x, y - h) * uniform.velocity(t, x, y - h)[1]) / (2 * h);
        assertThat(Math.abs(dpdt + div)).isGreaterThan(1e-3 * Math.abs(dpdt));
    }
}
