package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** Q3(d) i-ii: the ELBO's gradient estimators against finite differences, and the printed expressions. */
class TinyVaeTest {
    private static final double[] X = {0.8, -0.5};

    private static TinyVae vae() {
        return TinyVae.random(2, 6, 0.3, 0.5, new Rng(17));
    }

    @Test
    void tinyNetJacobianProductsMatchFiniteDifferences() {
        TinyNet net = new TinyNet(3, 4, 2);
        Rng rng = new Rng(1);
        double[] p = new double[net.parameterCount()], u = {0.2, -0.7, 1.1}, v = {0.6, -1.3};
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.nextGaussian();
        }
        double[] gp = net.parameterVjp(p, u, v), gu = net.inputVjp(p, u, v);
        double h = 1e-6;
        for (int k = 0; k < p.length; k++) {
            double[] up = p.clone(), down = p.clone();
            up[k] += h;
            down[k] -= h;
            assertThat(gp[k]).isCloseTo((dot(v, net.apply(up, u)) - dot(v, net.apply(down, u))) / (2 * h), within(1e-8));
        }
        for (int i = 0; i < u.length; i++) {
            double[] up = u.clone(), down = u.clone();
            up[i] += h;
            down[i] -= h;
            assertThat(gu[i]).isCloseTo((dot(v, net.apply(p, up)) - dot(v, net.apply(p, down))) / (2 * h), within(1e-8));
        }
        assertThat(net.parameterCount()).isEqualTo(3 * 4 + 4 + 4 * 2 + 2);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void theCorrectEstimatorsMatchTheFiniteDifferenceOfTheElbo() {
        TinyVae v = vae();
        for (int n : new int[] {1, 8}) {
            double[][] eps = v.drawEps(n, new Rng(3));
            GradientCheck c = v.check(X, eps, 1e-5);
            assertThat(c.thetaError()).as("theta, n=" + n).isLessThan(1e-7);
            assertThat(c.phiError()).as("phi, n=" + n).isLessThan(1e-7);
            assertThat(GradientCheck.norm(c.thetaFiniteDifference())).isGreaterThan(0.1);
        }
    }

    @Test
    void thePrintedQ3d2ExpressionIsZeroWhileTheFiniteDifferenceIsNot() {
        TinyVae v = vae();
        double[][] eps = v.drawEps(4, new Rng(5));
        GradientCheck c = v.check(X, eps, 1e-5);
        for (double g : c.printedPhi()) {
            assertThat(g).isZero();
        }
        assertThat(GradientCheck.norm(c.phiFiniteDifference())).isGreaterThan(0.1);
        assertThat(c.printedPhiError()).isGreaterThan(0.05);
        // its first line, −∇_φ log q_φ(g(ε, φ, x) | x), is zero too: log q at z = g is −|ε|²/2 + const
        double s2 = v.sigma() * v.sigma();
        for (double[] e : eps) {
            double[] z = v.reparameterize(X, e), m = v.encode(X);
            double q2 = 0, e2 = 0;
            for (int i = 0; i < 2; i++) {
                q2 += (z[i] - m[i]) * (z[i] - m[i]);
                e2 += e[i] * e[i];
            }
            assertThat(q2 / s2).isCloseTo(e2, within(1e-12));
        }
    }

    @Test
    void thePrintedQ3d1ExpressionDisagreesWithEitherSign() {
        TinyVae v = vae();
        double[][] eps = v.drawEps(4, new Rng(6));
        GradientCheck c = v.check(X, eps, 1e-5);
        assertThat(c.printedThetaError()).isGreaterThan(0.05);
        double[] flipped = c.printedTheta().clone();
        for (int k = 0; k < flipped.length; k++) {
            flipped[k] = -flipped[k];
        }
        // even with the sign of the ELBO, a decoder Jacobian taken at x is not the one at z
        assertThat(GradientCheck.relativeError(flipped, c.thetaFiniteDifference())).isGreaterThan(0.05);
        // the sign alone: the correct estimator is the negated one evaluated at z
        assertThat(GradientCheck.relativeError(c.theta(), c.thetaFiniteDifference())).isLessThan(1e-7);
    }

    @Test
    void gradientAscentRaisesTheElbo() {
        double[][] data = {{0.8, -0.5}, {1.0, 0.4}, {-0.6, 0.9}, {-1.1, -0.3}};
        TinyVae v = vae();
        Rng fixed = new Rng(9);
        double[][] eps = v.drawEps(64, fixed);
        double before = 0, after = 0;
        for (double[] x : data) {
            before += v.elbo(x, eps);
        }
        Rng rng = new Rng(10);
        for (int step = 0; step < 300; step++) {
            v = v.ascend(data, 0.01, rng);
        }
        for (double[] x : data) {
            after += v.elbo(x, eps);
        }
        assertThat(after).isGreaterThan(before + 1);
    }

    @Test
    void badArgumentsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TinyVae.random(2, 3, 0, 1, new Rng(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sigma: ");
        assertThatThrownBy(() -> TinyVae.random(2, 3, 1, -1, new Rng(0))).hasMessageStartingWith("sigmaX: ");
        assertThatThrownBy(() -> new TinyVae(2, 3, 1, 1, new double[3], new double[3])).hasMessageStartingWith("theta: must have 17 entries");
        assertThatThrownBy(() -> vae().elbo(new double[] {1}, new double[][] {{0, 0}})).hasMessageStartingWith("x: ");
        assertThatThrownBy(() -> new TinyNet(0, 2, 2)).hasMessageStartingWith("in: ");
    }
}
