package org.genlab.core.em;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.genlab.core.data.Dataset2D;
import org.junit.jupiter.api.Test;

/** The homework's formulas (Q6 and the E-step) against small cases computed by hand. */
class EmFormulasTest {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private static Em em(Dataset2D d, CovarianceType t) {
        return new Em(d, EmSettings.of(t));
    }

    @Test
    void mStepIsTheQ6EstimatesOnAHandCase() {
        // Points 0, 1, 3 on the x axis; Q rows [1, 0], [½, ½], [0, 1].
        Dataset2D d = Dataset2D.of(new double[] {0, 1, 3}, new double[] {0, 0, 0});
        Responsibilities q = Responsibilities.of(new double[][] {{1, 0}, {0.5, 0.5}, {0, 1}});
        Em em = em(d, CovarianceType.SPHERICAL);
        ComponentSums[] s = em.sums(q);
        assertThat(s[0].sumQ()).isEqualTo(1.5);
        assertThat(s[0].sumQx()).isEqualTo(0.5);
        assertThat(s[1].sumQx()).isEqualTo(3.5);
        // Σ Q ||x − μ||² = 1·(1/3)² + ½·(2/3)² = 1/3 for z = 1; ½·(4/3)² + 1·(2/3)² = 4/3 for z = 2
        assertThat(s[0].sumQSquaredDistance()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(s[1].sumQSquaredDistance()).isCloseTo(4.0 / 3, within(1e-15));
        Mixture m = em.maximize(q, null);
        assertThat(m.weights()).containsExactly(0.5, 0.5);
        assertThat(m.meanX(0)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(m.meanX(1)).isCloseTo(7.0 / 3, within(1e-15));
        assertThat(m.meanY(0)).isZero();
        // σ² = Σ Q ||x − μ||² / (d Σ Q), d = 2: (1/3)/3 = 1/9 and (4/3)/3 = 4/9
        assertThat(m.variance(0)).isCloseTo(1.0 / 9, within(1e-15));
        assertThat(m.variance(1)).isCloseTo(4.0 / 9, within(1e-15));
        assertThat(m.covXY(0)).isZero();
    }

    @Test
    void aPointOfWeightTwoCountsTwice() {
        Dataset2D weighted = Dataset2D.of(new double[] {0, 1, 3}, new double[] {0, 2, 1}, new double[] {1, 2, 1});
        Dataset2D repeated = Dataset2D.of(new double[] {0, 1, 1, 3}, new double[] {0, 2, 2, 1});
        for (CovarianceType t : CovarianceType.values()) {
            Mixture init = Mixture.spherical(new double[] {0.4, 0.6}, new double[][] {{0, 0}, {2, 1}}, new double[] {1, 2});
            Em a = em(weighted, t), b = em(repeated, t);
            EmState sa = a.mStep(a.eStep(a.start(init)));
            EmState sb = b.mStep(b.eStep(b.start(init)));
            assertThat(sa.logLikelihood()).isCloseTo(sb.logLikelihood(), within(1e-12));
            double[][][] ca = sa.mixture().covariances(), cb = sb.mixture().covariances();
            for (int z = 0; z < 2; z++) {
                assertThat(sa.mixture().weight(z)).isCloseTo(sb.mixture().weight(z), within(1e-14));
                assertThat(sa.mixture().meanX(z)).isCloseTo(sb.mixture().meanX(z), within(1e-14));
                assertThat(ca[z][0][1]).isCloseTo(cb[z][0][1], within(1e-14));
                assertThat(ca[z][1][1]).isCloseTo(cb[z][1][1], within(1e-14));
            }
        }
    }

    @Test
    void oneComponentGivesTheDataMomentsForEachType() {
        Dataset2D d = Dataset2D.of(new double[] {0, 1, 3, 2}, new double[] {0, 2, 1, -1});
        double[][] c = d.covariance();
        double[] mu = d.mean();
        Responsibilities one = Responsibilities.of(new double[][] {{1}, {1}, {1}, {1}});
        Mixture full = em(d, CovarianceType.FULL).maximize(one, null);
        assertThat(full.covXX(0)).isCloseTo(c[0][0], within(1e-14));
        assertThat(full.covXY(0)).isCloseTo(c[0][1], within(1e-14));
        assertThat(full.covYY(0)).isCloseTo(c[1][1], within(1e-14));
        assertThat(full.meanX(0)).isCloseTo(mu[0], within(1e-15));
        Mixture diag = em(d, CovarianceType.DIAGONAL).maximize(one, null);
        assertThat(diag.covXY(0)).isZero();
        assertThat(diag.covYY(0)).isCloseTo(c[1][1], within(1e-14));
        Mixture sph = em(d, CovarianceType.SPHERICAL).maximize(one, null);
        assertThat(sph.variance(0)).isCloseTo((c[0][0] + c[1][1]) / 2, within(1e-14));
    }

    @Test
    void eStepIsThePosteriorOnAHandCase() {
        Dataset2D d = Dataset2D.of(new double[] {1, 0}, new double[] {0, 0});
        Mixture m = Mixture.spherical(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {2, 0}}, new double[] {1, 1});
        Responsibilities q = em(d, CovarianceType.SPHERICAL).responsibilities(m);
        assertThat(q.q(0, 0)).isCloseTo(0.5, within(1e-15));
        // point (0,0): Q_1 ∝ exp(0), Q_2 ∝ exp(−4/2)
        assertThat(q.q(1, 0)).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-15));
        assertThat(q.logQ(1, 1)).isCloseTo(-2 - Math.log(1 + Math.exp(-2)), within(1e-14));
        assertThat(q.argmax(1)).isZero();
    }

    @Test
    void logLikelihoodOfOneGaussianIsTheClosedForm() {
        Dataset2D d = Dataset2D.of(new double[] {0, 2}, new double[] {0, 0});
        Mixture m = Mixture.spherical(new double[] {1}, new double[][] {{1, 0}}, new double[] {0.5});
        // log N = −log 2π − ½ log det(σ² I) − ||x − μ||² / (2σ²) = −log 2π − log 0.5 − 1
        double each = -LOG_2PI - Math.log(0.5) - 1;
        assertThat(em(d, CovarianceType.SPHERICAL).logLikelihood(m)).isCloseTo(2 * each, within(1e-14));
        assertThat(m.logDensity(0, 0)).isCloseTo(each, within(1e-15));
    }

    @Test
    void fullCovarianceDensityMatchesTheFormula() {
        Mixture m = Mixture.of(CovarianceType.FULL, new double[] {0.3, 0.7}, new double[][] {{0, 0}, {1, -1}},
                new double[][][] {{{2, 0.5}, {0.5, 1}}, {{1, -0.3}, {-0.3, 0.5}}});
        double x = 0.4, y = 0.9;
        double expected = 0;
        double[][][] s = m.covariances();
        for (int z = 0; z < 2; z++) {
            double a = s[z][0][0], b = s[z][0][1], c = s[z][1][1], det = a * c - b * b;
            double dx = x - m.meanX(z), dy = y - m.meanY(z);
            double quad = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
            expected += m.weight(z) * Math.exp(-0.5 * quad) / (2 * Math.PI * Math.sqrt(det));
        }
        assertThat(m.logDensity(x, y)).isCloseTo(Math.log(expected), within(1e-14));
        double[] out = new double[3];
        m.logDensityRow(y, new double[] {-1, x, 3}, out, new double[2]);
        assertThat(out[1]).isEqualTo(m.logDensity(x, y));
        assertThat(out[0]).isEqualTo(m.logDensity(-1, y));
    }

    @Test
    void ellipseAxesAreTheEigenvalues() {
        Mixture m = Mixture.of(CovarianceType.FULL, new double[] {1}, new double[][] {{1, 2}},
                new double[][][] {{{2, 1}, {1, 2}}});
        Mixture.Ellipse e = m.ellipse(0);
        assertThat(e.semiMajor()).isCloseTo(Math.sqrt(3), within(1e-14));
        assertThat(e.semiMinor()).isCloseTo(1, within(1e-14));
        assertThat(e.angle()).isCloseTo(Math.PI / 4, within(1e-14));
    }

    @Test
    void mixturesAreValidatedNamingFieldAndIndex() {
        double[][] means = {{0, 0}, {1, 1}};
        assertThatThrownBy(() -> Mixture.spherical(new double[] {0.5, 0.6}, means, new double[] {1, 1}))
                .hasMessageContaining("weights");
        assertThatThrownBy(() -> Mixture.spherical(new double[] {0.5, 0.5}, means, new double[] {1, -1}))
                .hasMessageContaining("covariances[1]");
        assertThatThrownBy(() -> Mixture.of(CovarianceType.FULL, new double[] {1}, new double[][] {{0, 0}},
                new double[][][] {{{1, 0.5}, {0.4, 1}}})).hasMessageContaining("covariances[0]").hasMessageContaining("symmetric");
        assertThatThrownBy(() -> Mixture.of(CovarianceType.SPHERICAL, new double[] {1}, new double[][] {{0, 0}},
                new double[][][] {{{1, 0}, {0, 2}}})).hasMessageContaining("not spherical");
        assertThatThrownBy(() -> Mixture.of(CovarianceType.FULL, new double[] {1}, new double[][] {{0, 0}},
                new double[][][] {{{1, 2}, {2, 1}}})).hasMessageContaining("positive definite");
    }
}
