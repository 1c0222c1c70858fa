package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.genlab.core.math.Rng;
import org.genlab.core.vae.LinearGaussianElbo.Breakdown;
import org.junit.jupiter.api.Test;

/** Q3(c): log p(x) = ELBO + KL, each term against quadrature or Monte Carlo. */
class LinearGaussianElboTest {
    private static final LinearGaussianElbo MODEL = LinearGaussianElbo.homework();
    private static final double[] X = LinearGaussianElbo.DEFAULT_X;

    /** ∫ f(z) dz over [-12, 12] by composite Simpson with 20,000 intervals. */
    private static double simpson(java.util.function.DoubleUnaryOperator f) {
        int n = 20_000;
        double a = -12, h = 24.0 / n, s = f.applyAsDouble(a) + f.applyAsDouble(-a);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return s * h / 3;
    }

    private static double logNormal(double z, double m, double v) {
        return -0.5 * (Math.log(2 * Math.PI * v) + (z - m) * (z - m) / v);
    }

    @Test
    void logpIsElboPlusKlAndKlVanishesAtThePosterior() {
        for (double[] q : new double[][] {{0, 1}, {0.5, 0.1}, {-2, 3}, {0.6, 0.05}, {10, 1e-4}}) {
            Breakdown r = MODEL.evaluate(X, q[0], q[1]);
            assertThat(r.elbo() + r.kl()).isCloseTo(r.logp(), within(1e-9));
            assertThat(r.kl()).isGreaterThan(0);
            assertThat(r.elbo()).isCloseTo(r.expectedLogLikelihood() - r.klToPrior(), within(1e-12));
        }
        double[] post = MODEL.posterior(X);
        Breakdown at = MODEL.evaluate(X, post[0], post[1]);
        assertThat(at.kl()).isCloseTo(0, within(1e-12));
        assertThat(at.elbo()).isCloseTo(at.logp(), within(1e-12));
        // the homework's numbers: |w|² = 2.5, s² = 0.25 → var = 1/11, mean = (1.5 + 0.25)/0.25/11 = 7/11
        assertThat(post[1]).isCloseTo(1 / 11.0, within(1e-15));
        assertThat(post[0]).isCloseTo(7 / 11.0, within(1e-15));
    }

    @Test
    void logpAndPosteriorMatchQuadrature() {
        double logp = Math.log(simpson(z -> Math.exp(MODEL.logJoint(X, z))));
        assertThat(MODEL.logLikelihood(X)).isCloseTo(logp, within(1e-10));
        double p = Math.exp(logp);
        double mean = simpson(z -> z * Math.exp(MODEL.logJoint(X, z)) / p);
        double var = simpson(z -> (z - mean) * (z - mean) * Math.exp(MODEL.logJoint(X, z)) / p);
        assertThat(MODEL.posterior(X)[0]).isCloseTo(mean, within(1e-10));
        assertThat(MODEL.posterior(X)[1]).isCloseTo(var, within(1e-10));
    }

    @Test
    void elboAndKlMatchQuadratureAndMonteCarlo() {
        double m = 0.2, v = 0.3;
        Breakdown r = MODEL.evaluate(X, m, v);
        double elbo = simpson(z -> Math.exp(logNormal(z, m, v)) * (MODEL.logJoint(X, z) - logNormal(z, m, v)));
        assertThat(r.elbo()).isCloseTo(elbo, within(1e-9));
        double[] post = MODEL.posterior(X);
        double kl = simpson(z -> Math.exp(logNormal(z, m, v)) * (logNormal(z, m, v) - logNormal(z, post[0], post[1])));
        assertThat(r.kl()).isCloseTo(kl, within(1e-9));
        // Monte Carlo: the ELBO as the mean of log p(x, z) − log q(z), z ~ q
        Rng rng = new Rng(1);
        int n = 200_000;
        double sum = 0, sum2 = 0;
        for (int i = 0; i < n; i++) {
            double z = m + Math.sqrt(v) * rng.nextGaussian();
            double t = MODEL.logJoint(X, z) - logNormal(z, m, v);
            sum += t;
            sum2 += t * t;
        }
        double mc = sum / n, se = Math.sqrt((sum2 / n - mc * mc) / n);
        assertThat(r.elbo()).isCloseTo(mc, within(4 * se));
        double ell = simpson(z -> Math.exp(logNormal(z, m, v)) * (MODEL.logJoint(X, z) - logNormal(z, 0, 1)));
        assertThat(r.expectedLogLikelihood()).isCloseTo(ell, within(1e-9));
    }

    @Test
    void otherDimensionsWork() {
        LinearGaussianElbo one = new LinearGaussianElbo(new double[] {2}, new double[] {1}, 0.7);
        double[] x = {0.3};
        // x ~ N(b, w² + s²) in 1-D
        assertThat(one.logLikelihood(x)).isCloseTo(logNormal(0.3, 1, 4 + 0.49), within(1e-12));
        Breakdown r = one.evaluate(x, -0.1, 0.4);
        assertThat(r.elbo() + r.kl()).isCloseTo(r.logp(), within(1e-9));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertThatThrownBy(() -> MODEL.evaluate(X, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("var: must be > 0 and finite, got 0.0");
        assertThatThrownBy(() -> MODEL.evaluate(X, 0, -1)).hasMessageStartingWith("var: ");
        assertThatThrownBy(() -> MODEL.evaluate(X, Double.NaN, 1)).hasMessageStartingWith("mean: ");
        assertThatThrownBy(() -> MODEL.evaluate(new double[] {1}, 0, 1)).hasMessageStartingWith("x: must have 2 entries");
        assertThatThrownBy(() -> MODEL.evaluate(new double[] {1, Double.POSITIVE_INFINITY}, 0, 1)).hasMessageStartingWith("x: ");
        assertThatThrownBy(() -> new LinearGaussianElbo(new double[] {1}, new double[] {0}, 0)).hasMessageStartingWith("noiseSd: ");
        assertThatThrownBy(() -> new LinearGaussianElbo(new double[] {1}, new double[] {0, 0}, 1)).hasMessageStartingWith("b: ");
    }
}
