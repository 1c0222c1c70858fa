package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.genlab.core.math.Rng;
import org.genlab.core.vae.McLikelihood.Estimate;
import org.genlab.core.vae.McLikelihood.Proposal;
import org.genlab.core.vae.McLikelihood.Spread;
import org.junit.jupiter.api.Test;

/** Q3(b) iv-vii: the naive Monte-Carlo likelihood against the exact one, and importance sampling. */
class McLikelihoodTest {
    private static final double S2 = McLikelihood.NOISE_SD * McLikelihood.NOISE_SD;

    @Test
    void aIsOrthogonalAndTheExactAnswersAreThoseOfN0And109I() {
        for (int d : new int[] {1, 2, 7, 64}) {
            McLikelihood m = new McLikelihood(d, 5);
            double[][] a = m.a();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += a[k][i] * a[k][j];
                    }
                    assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-12));
                }
            }
            // for orthogonal A: x ~ N(0, (1 + s²) I), z | x ~ N(Aᵀx / (1 + s²), s² / (1 + s²) I)
            double[] x = m.observed();
            double v = 1 + S2, x2 = 0;
            for (double xi : x) {
                x2 += xi * xi;
            }
            assertThat(m.exactLogLikelihood()).isCloseTo(-0.5 * d * Math.log(2 * Math.PI * v) - x2 / (2 * v), within(1e-10));
            double[] mean = m.posteriorMean();
            double[][] cov = m.posteriorCovariance();
            for (int i = 0; i < d; i++) {
                double atx = 0;
                for (int k = 0; k < d; k++) {
                    atx += a[k][i] * x[k];
                }
                assertThat(mean[i]).isCloseTo(atx / v, within(1e-12));
                for (int j = 0; j < d; j++) {
                    assertThat(cov[i][j]).isCloseTo(i == j ? S2 / v : 0, within(1e-12));
                }
            }
        }
    }

    @Test
    void theNaiveEstimateConvergesInOneDimension() {
        McLikelihood m = new McLikelihood(1, 3);
        Estimate e = m.estimate(Proposal.PRIOR, 200_000, new Rng(1));
        assertThat(e.logEstimate()).isCloseTo(m.exactLogLikelihood(), within(0.01));
        double sum = 0;
        for (double w : e.weights()) {
            sum += w;
        }
        assertThat(sum).isCloseTo(1, within(1e-9));
        assertThat(e.weights()).hasSize(200_000);
    }

    @Test
    void theExactPosteriorKeepsEverySampleAndIsExact() {
        for (int d : new int[] {1, 8, 64}) {
            McLikelihood m = new McLikelihood(d, 2);
            Estimate e = m.estimate(Proposal.POSTERIOR, 500, new Rng(4));
            assertThat(e.logEstimate()).as("d=" + d).isCloseTo(m.exactLogLikelihood(), within(1e-9));
            assertThat(e.ess()).as("d=" + d).isCloseTo(500, within(1e-6));
            for (double w : e.weights()) {
                assertThat(w).isCloseTo(1 / 500.0, within(1e-12));
            }
        }
    }

    @Test
    void naiveEssCollapsesWithDimensionAndTheWideProposalFallsFarSlower() {
        int m = 2000;
        double lastPrior = Double.POSITIVE_INFINITY;
        double[] dims = {1, 4, 16, 64};
        double[] prior = new double[dims.length], wide = new double[dims.length];
        for (int k = 0; k < dims.length; k++) {
            McLikelihood model = new McLikelihood((int) dims[k], 7);
            prior[k] = model.estimate(Proposal.PRIOR, m, new Rng(1)).ess() / m;
            wide[k] = model.estimate(Proposal.WIDE, m, new Rng(1)).ess() / m;
            assertThat(prior[k]).as("prior ESS falls, d=" + dims[k]).isLessThan(lastPrior);
            lastPrior = prior[k];
            assertThat(wide[k]).as("wide beats prior, d=" + dims[k]).isGreaterThan(prior[k]);
        }
        assertThat(prior[0]).isGreaterThan(0.1);
        assertThat(prior[2] * m).as("d=16: a handful of samples carry the estimate").isLessThan(5);
        assertThat(prior[3] * m).as("d=64: one sample").isLessThan(1.5);
        // the wide proposal: E[w²]/E[w]² = (c² / sqrt(2c² − 1))^d per dimension, 1.050^d (0.044 at d=64)
        double perDim = 1.44 / Math.sqrt(2 * 1.44 - 1);
        assertThat(wide[1]).isCloseTo(Math.pow(perDim, -4), within(0.05));
        assertThat(wide[3]).isGreaterThan(0.01);
    }

    @Test
    void spreadShowsTheNaiveEstimatorsBiasAndShrinksWithSamples() {
        McLikelihood one = new McLikelihood(1, 3);
        Spread few = one.spread(Proposal.PRIOR, 10, 200, 9);
        Spread many = one.spread(Proposal.PRIOR, 1000, 200, 9);
        assertThat(many.sd()).isLessThan(few.sd() / 5);
        assertThat(many.bias()).isCloseTo(0, within(0.02));
        assertThat(many.exact()).isEqualTo(one.exactLogLikelihood());
        // in 32 dimensions the naive estimate is far below log p(x) (log of a mean of tiny weights)
        McLikelihood high = new McLikelihood(32, 3);
        Spread naive = high.spread(Proposal.PRIOR, 1000, 20, 9);
        assertThat(naive.bias()).isLessThan(-10);
        assertThat(naive.meanEss()).isLessThan(2);
        Spread ideal = high.spread(Proposal.POSTERIOR, 10, 20, 9);
        assertThat(ideal.bias()).isCloseTo(0, within(1e-9));
        assertThat(ideal.sd()).isCloseTo(0, within(1e-9));
        assertThat(ideal.meanEss()).isCloseTo(10, within(1e-9));
        assertThat(one.spread(Proposal.PRIOR, 10, 1, 0).sd()).isZero();
    }

    @Test
    void sameSeedSameNumbers() {
        Estimate a = new McLikelihood(5, 1).estimate(Proposal.WIDE, 100, new Rng(3));
        Estimate b = new McLikelihood(5, 1).estimate(Proposal.WIDE, 100, new Rng(3));
        assertThat(a.logEstimate()).isEqualTo(b.logEstimate());
        assertThat(a.weights()).containsExactly(b.weights());
        assertThat(new McLikelihood(5, 1).observed()).isNotEqualTo(new McLikelihood(5, 2).observed());
    }

    @Test
    void outOfRangeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new McLikelihood(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dim: must be in 1..64, got 0");
        assertThatThrownBy(() -> new McLikelihood(65, 0)).hasMessageStartingWith("dim: ");
        McLikelihood m = new McLikelihood(2, 0);
        assertThatThrownBy(() -> m.estimate(Proposal.PRIOR, 0, new Rng(0))).hasMessage("samples: must be in 1..1000000, got 0");
        assertThatThrownBy(() -> m.estimate(Proposal.PRIOR, 1_000_001, new Rng(0))).hasMessageStartingWith("samples: ");
        assertThatThrownBy(() -> m.spread(Proposal.PRIOR, 5, 0, 0)).hasMessageStartingWith("repeats: ");
        assertThat(Proposal.byName("Wide")).contains(Proposal.WIDE);
        assertThat(Proposal.byName("uniform")).isEmpty();
    }
}
