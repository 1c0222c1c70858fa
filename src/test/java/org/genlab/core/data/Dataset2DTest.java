package org.genlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

class Dataset2DTest {

    private static Dataset2D random(int n, long seed, boolean weighted) {
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.gaussian(1.5, 2.0);
            y[i] = 0.7 * x[i] + rng.gaussian(-3, 0.5);
            w[i] = weighted ? rng.uniform(0.1, 5) : 1.0;
        }
        return Dataset2D.of(x, y, w);
    }

    /** Straight from the definitions, in the most obvious (not the most accurate) way. */
    private static double[] bruteMean(Dataset2D d) {
        double w = 0, sx = 0, sy = 0;
        for (int i = 0; i < d.size(); i++) {
            w += d.weight(i);
            sx += d.weight(i) * d.x(i);
            sy += d.weight(i) * d.y(i);
        }
        return new double[] {sx / w, sy / w};
    }

    private static double[][] bruteCov(Dataset2D d) {
        double[] m = bruteMean(d);
        double w = 0;
        double[][] c = new double[2][2];
        for (int i = 0; i < d.size(); i++) {
            double[] p = {d.x(i) - m[0], d.y(i) - m[1]};
            w += d.weight(i);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    c[a][b] += d.weight(i) * p[a] * p[b];
                }
            }
        }
        for (double[] row : c) {
            row[0] /= w;
            row[1] /= w;
        }
        return c;
    }

    @Test
    void weightedMeanAndCovarianceMatchBruteForce() {
        Dataset2D d = random(500, 11, true);
        double[] m = d.mean();
        double[] bm = bruteMean(d);
        assertThat(m[0]).isCloseTo(bm[0], within(1e-12));
        assertThat(m[1]).isCloseTo(bm[1], within(1e-12));
        double[][] c = d.covariance();
        double[][] bc = bruteCov(d);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertThat(c[a][b]).isCloseTo(bc[a][b], within(1e-10));
            }
        }
        assertThat(c[0][1]).isEqualTo(c[1][0]);
        assertThat(c[0][1]).isPositive(); // y was built to correlate with x
    }

    @Test
    void weightsActLikeRepeatedPoints() {
        Dataset2D weighted = Dataset2D.of(new double[] {0, 3}, new double[] {1, -1}, new double[] {2, 1});
        Dataset2D repeated = Dataset2D.of(new double[] {0, 0, 3}, new double[] {1, 1, -1});
        assertThat(weighted.mean()).containsExactly(repeated.mean(), within(1e-15));
        assertThat(weighted.covariance()[0]).containsExactly(repeated.covariance()[0], within(1e-15));
        assertThat(weighted.covariance()[1]).containsExactly(repeated.covariance()[1], within(1e-15));
        // Known values: mean (1, 1/3); cxx = (2*1 + 4)/3 = 2, cxy = (2*(-1)(2/3) + 2*(-4/3))/3 = -4/3.
        assertThat(weighted.mean()).containsExactly(new double[] {1, 1.0 / 3}, within(1e-15));
        assertThat(weighted.covariance()[0]).containsExactly(new double[] {2, -4.0 / 3}, within(1e-15));
        assertThat(weighted.totalWeight()).isEqualTo(3);
        assertThat(weighted.hasUnitWeights()).isFalse();
        assertThat(repeated.hasUnitWeights()).isTrue();
    }

    @Test
    void covarianceIsMaximumLikelihoodDividingByTotalWeight() {
        Dataset2D d = Dataset2D.of(new double[] {-1, 1}, new double[] {0, 0});
        assertThat(d.covariance()[0][0]).isEqualTo(1.0); // not 2.0 (the n - 1 estimator)
        assertThat(Dataset2D.of(new double[] {5}, new double[] {7}).covariance())
                .isEqualTo(new double[][] {{0, 0}, {0, 0}});
    }

    @Test
    void covarianceFarFromOriginMatchesTheUnshiftedData() {
        for (boolean weighted : new boolean[] {false, true}) {
            Dataset2D d = random(1000, 5, weighted);
            double off = 1e8;
            double[] x = d.xs();
            double[] y = d.ys();
            for (int i = 0; i < x.length; i++) {
                x[i] += off;
                y[i] -= off;
            }
            Dataset2D far = Dataset2D.of(x, y, d.weights());
            double[][] c0 = d.covariance();
            double[][] c1 = far.covariance();
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertThat(c1[a][b]).isCloseTo(c0[a][b], within(1e-6 * Math.abs(c0[a][b])));
                }
            }
            double[] m0 = d.mean();
            double[] m1 = far.mean();
            assertThat(m1[0] - off).isCloseTo(m0[0], within(1e-6));
            assertThat(m1[1] + off).isCloseTo(m0[1], within(1e-6));
        }
    }

    @Test
    void boundsAndNearest() {
        Dataset2D d = Dataset2D.of(new double[] {1, -2, 3}, new double[] {0, 5, -1});
        assertThat(d.bounds()).isEqualTo(new Dataset2D.Bounds(-2, -1, 3, 5));
        assertThat(d.bounds().width()).isEqualTo(5);
        assertThat(d.bounds().height()).isEqualTo(6);
        assertThat(d.nearest(2.9, -0.8)).isEqualTo(2);
        assertThat(d.nearest(0.9, 0.1)).isEqualTo(0);
        assertThat(Dataset2D.EMPTY.nearest(0, 0)).isEqualTo(-1);
    }

    @Test
    void emptyDataset() {
        assertThat(Dataset2D.EMPTY.size()).isZero();
        assertThat(Dataset2D.EMPTY.isEmpty()).isTrue();
        assertThat(Dataset2D.EMPTY.totalWeight()).isZero();
        assertThat(Dataset2D.of(new double[0], new double[0])).isEqualTo(Dataset2D.EMPTY);
        assertThatThrownBy(Dataset2D.EMPTY::mean).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(Dataset2D.EMPTY::covariance).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(Dataset2D.EMPTY::bounds).isInstanceOf(IllegalStateException.class);
        assertThat(Dataset2D.EMPTY.withPoint(1, 2).size()).isEqualTo(1);
    }

    @Test
    void factoriesCopyTheirArraysAndAccessorsReturnCopies() {
        double[] x = {1, 2};
        double[] y = {3, 4};
        double[] w = {1, 2};
        Dataset2D d = Dataset2D.of(x, y, w);
        x[0] = 99;
        y[0] = 99;
        w[0] = 99;
        assertThat(d.x(0)).isEqualTo(1);
        assertThat(d.y(0)).isEqualTo(3);
        assertThat(d.weight(0)).isEqualTo(1);
        d.xs()[1] = 99;
        d.ys()[1] = 99;
        d.weights()[1] = 99;
        assertThat(d.xs()).containsExactly(1, 2);
        assertThat(d.ys()).containsExactly(3, 4);
        assertThat(d.weights()).containsExactly(1, 2);
    }

    @Test
    void validationNamesTheIndex() {
        double[] ok = {0, 0, 0};
        assertThatThrownBy(() -> Dataset2D.of(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
        assertThatThrownBy(() -> Dataset2D.of(ok, ok, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
        assertThatThrownBy(() -> Dataset2D.of(new double[] {0, 0, Double.NaN}, ok))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[2]");
        assertThatThrownBy(() -> Dataset2D.of(ok, new double[] {0, Double.POSITIVE_INFINITY, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1]");
        assertThatThrownBy(() -> Dataset2D.of(ok, new double[] {Double.NEGATIVE_INFINITY, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[0]");
        for (double bad : new double[] {0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Dataset2D.of(ok, ok, new double[] {1, bad, 1}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight[1]");
        }
        assertThatThrownBy(() -> Dataset2D.of(ok, ok, new double[] {Double.MAX_VALUE, Double.MAX_VALUE, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("total weight");
        assertThatThrownBy(() -> Dataset2D.of(ok, ok).withPoint(Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[3]");
    }

    @Test
    void editsReturnNewDatasetsAndLeaveTheOriginalUnchanged() {
        Dataset2D d = Dataset2D.of(new double[] {0, 1, 2, 3}, new double[] {10, 11, 12, 13},
                new double[] {1, 2, 3, 4});
        Dataset2D copy = Dataset2D.of(d.xs(), d.ys(), d.weights());

        Dataset2D added = d.withPoint(5, 15);
        assertThat(added.size()).isEqualTo(5);
        assertThat(added.x(4)).isEqualTo(5);
        assertThat(added.y(4)).isEqualTo(15);
        assertThat(added.weight(4)).isEqualTo(1);

        Dataset2D moved = d.withPointMoved(2, -7, -8);
        assertThat(moved.xs()).containsExactly(0, 1, -7, 3);
        assertThat(moved.ys()).containsExactly(10, 11, -8, 13);
        assertThat(moved.weights()).containsExactly(1, 2, 3, 4);

        Dataset2D shifted = d.withPointsMoved(new int[] {3, 0, 3}, 0.5, -1);
        assertThat(shifted.xs()).containsExactly(0.5, 1, 2, 3.5);
        assertThat(shifted.ys()).containsExactly(9, 11, 12, 12);

        Dataset2D placed = d.withPointsAt(new int[] {1, 3}, new double[] {-1, -3}, new double[] {-11, -13});
        assertThat(placed.xs()).containsExactly(0, -1, 2, -3);
        assertThat(placed.ys()).containsExactly(10, -11, 12, -13);

        Dataset2D removed = d.withoutPoints(new int[] {2, 0, 2});
        assertThat(removed.xs()).containsExactly(1, 3);
        assertThat(removed.ys()).containsExactly(11, 13);
        assertThat(removed.weights()).containsExactly(2, 4);
        assertThat(d.withoutPoints(new int[] {0, 1, 2, 3})).isEqualTo(Dataset2D.EMPTY);
        assertThat(d.withoutPoints(new int[0])).isEqualTo(d);

        assertThat(d).isEqualTo(copy);
        assertThat(d.xs()).containsExactly(0, 1, 2, 3);
        assertThat(d.ys()).containsExactly(10, 11, 12, 13);
        assertThat(d.weights()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void editsRejectBadIndicesAndValues() {
        Dataset2D d = Dataset2D.of(new double[] {0, 1}, new double[] {0, 1});
        assertThatThrownBy(() -> d.withPointMoved(2, 0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> d.withPointsMoved(new int[] {-1}, 0, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> d.withoutPoints(new int[] {5})).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> d.withPointMoved(0, 0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withPointsMoved(new int[] {1}, Double.MAX_VALUE, 0).withPointsMoved(new int[] {1},
                Double.MAX_VALUE, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withPointsAt(new int[] {0, 0}, new double[2], new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> d.withPointsAt(new int[] {0}, new double[2], new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
    }

    @Test
    void equalsHashCodeAndToString() {
        Dataset2D a = Dataset2D.of(new double[] {1, 2}, new double[] {3, 4});
        Dataset2D b = Dataset2D.of(new double[] {1, 2}, new double[] {3, 4}, new double[] {1, 1});
        Dataset2D c = Dataset2D.of(new double[] {1, 2}, new double[] {3, 4}, new double[] {1, 2});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(a).isNotEqualTo(a.withPointMoved(0, 1, 3.5));
        assertThat(a.toString()).isEqualTo("Dataset2D[n=2]");
        assertThat(c.toString()).isEqualTo("Dataset2D[n=2, weighted, W=3.0]");
    }
}
