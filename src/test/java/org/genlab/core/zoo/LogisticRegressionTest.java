package org.genlab.core.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Logistic regression as a sampler (question 2): q reaches round(p n)/n, only w + b is identified, labels are drawn by u < q. */
class LogisticRegressionTest {

    @Test
    void qIsWithinOneThousandthOfRoundPnOverNForManyPAndN() {
        for (int n : new int[] {1, 2, 3, 7, 10, 33, 100, 1000, 10_000}) {
            for (double p : new double[] {0.01, 0.1, 0.3, 0.5, 0.77, 0.9, 0.99}) {
                Logistic.Fit f = Logistic.fit(p, n, Logistic.DEFAULT_LR, Logistic.DEFAULT_STEPS);
                double target = Math.round(p * n) / (double) n;
                if (f.atInfinity()) {
                    // k = 0 or n: the optimum is at infinity; descent only creeps toward it
                    assertThat(Math.abs(f.q() - target)).as("p=%s n=%s", p, n).isLessThan(2e-3);
                } else {
                    assertThat(f.q()).as("p=%s n=%s", p, n).isCloseTo(target, within(1e-3));
                }
                assertThat(f.target()).isEqualTo(target);
            }
        }
    }

    @Test
    void onlyWPlusBIsIdentifiedAndItIsTheLogOddsOfTheTarget() {
        Logistic.Fit f = Logistic.fit(0.3, 100, 1, 5000);
        assertThat(f.w()).isEqualTo(f.b());
        assertThat(f.w() + f.b()).isCloseTo(Math.log(0.3 / 0.7), within(1e-6));
        // the loss depends on w + b only
        assertThat(Logistic.loss(f.w() + 1, f.b() - 1, 30, 100)).isCloseTo(Logistic.loss(f.w(), f.b(), 30, 100), within(1e-14));
        // and its minimum is the entropy of the target
        double h = -(0.3 * Math.log(0.3) + 0.7 * Math.log(0.7));
        assertThat(f.lossHistory()[f.steps()]).isCloseTo(h, within(1e-12));
        assertThat(f.lossHistory()[0]).isCloseTo(Math.log(2), within(1e-15));
    }

    @Test
    void theGradientStepMatchesAFiniteDifferenceOfTheLoss() {
        // one step from 0 moves w by -lr * dL/dw; dL/dw = sigma(0) - k/n
        double e = 1e-6;
        for (long k : new long[] {0, 3, 7, 10}) {
            double fd = (Logistic.loss(0.2 + e, -0.1, k, 10) - Logistic.loss(0.2 - e, -0.1, k, 10)) / (2 * e);
            assertThat(fd).isCloseTo(Logistic.sigmoid(0.1) - k / 10.0, within(1e-8));
        }
        Logistic.Fit one = Logistic.fit(0.3, 10, 0.5, 1);
        assertThat(one.w()).isCloseTo(-0.5 * (0.5 - 0.3), within(1e-15));
    }

    @Test
    void sampledLabelsAreOnesWithFrequencyQ() {
        assertThat(Logistic.sampleLabel(0.3, 0.29)).isEqualTo(1);
        assertThat(Logistic.sampleLabel(0.3, 0.3)).isEqualTo(0);
        int m = 100_000;
        int[] y = Logistic.sampleLabels(0.3, m, 4);
        int ones = 0;
        for (int v : y) {
            ones += v;
        }
        // binomial sd = sqrt(m q (1 - q)) = 145; allow 4.5 sd
        assertThat(Math.abs(ones - 0.3 * m)).isLessThan(4.5 * Math.sqrt(m * 0.3 * 0.7));
        assertThat(Logistic.sampleLabels(0.3, 50, 4)).isEqualTo(Logistic.sampleLabels(0.3, 50, 4));
    }

    @Test
    void theTwoDimensionalFitFindsTheSeparatingDirectionAndItsLossIsMinimal() {
        Logistic.Labelled d = Logistic.twoClasses(2000, 1);
        Logistic.Fit2d f = Logistic.fit2d(d.xs(), d.ys(), d.labels(), 0.5, 3000);
        // the classes differ by (2, 1), with unit covariance: the Bayes-optimal weights are (2, 1), bias 0
        assertThat(f.w1()).isCloseTo(2, within(0.3));
        assertThat(f.w2()).isCloseTo(1, within(0.3));
        assertThat(f.b()).isCloseTo(0, within(0.2));
        // a stationary point: small moves in any direction do not lower the loss
        for (double[] dir : new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {-1, 0, 0}, {0, -1, 0}, {0, 0, -1}}) {
            double moved = Logistic.loss2d(f.w1() + 0.01 * dir[0], f.w2() + 0.01 * dir[1], f.b() + 0.01 * dir[2], d.xs(), d.ys(), d.labels());
            assertThat(moved).isGreaterThanOrEqualTo(f.loss() - 1e-9);
        }
        int[] s = f.sample(d.xs(), d.ys(), 2);
        int agree = 0;
        for (int i = 0; i < s.length; i++) {
            agree += s[i] == d.labels()[i] ? 1 : 0;
        }
        assertThat(agree / 2000.0).isBetween(0.6, 0.95);
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> Logistic.fit(1.5, 10, 1, 10)).hasMessageStartingWith("p:");
        assertThatThrownBy(() -> Logistic.fit(0.5, 0, 1, 10)).hasMessageStartingWith("n:");
        assertThatThrownBy(() -> Logistic.fit(0.5, 10, 0, 10)).hasMessageStartingWith("lr:");
        assertThatThrownBy(() -> Logistic.fit(0.5, 10, 1, 0)).hasMessageStartingWith("steps:");
        assertThatThrownBy(() -> Logistic.fit2d(new double[] {0}, new double[] {0}, new int[] {2}, 1, 1)).hasMessageStartingWith("labels:");
        assertThatThrownBy(() -> Logistic.fit2d(new double[0], new double[0], new int[0], 1, 1)).hasMessageStartingWith("data:");
    }
}
