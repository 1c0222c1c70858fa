package org.genlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PresetTest {

    @ParameterizedTest
    @EnumSource(Preset.class)
    void defaultsGiveNFinitePointsWithUnitWeights(Preset p) {
        Dataset2D d = p.generate(42);
        assertThat(d.size()).isEqualTo(p.defaultN());
        assertThat(d.hasUnitWeights()).isTrue();
        for (int i = 0; i < d.size(); i++) {
            assertThat(Double.isFinite(d.x(i)) && Double.isFinite(d.y(i))).isTrue();
        }
        assertThat(p.id()).matches("[a-z]+(-[a-z]+)*");
        assertThat(p.description()).isNotBlank().doesNotContain("\n");
        assertThat(p.defaultNoise()).isGreaterThanOrEqualTo(0);
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void smallAndOddNWork(Preset p) {
        for (int n : new int[] {1, 2, 3, 7, 101}) {
            assertThat(p.generate(n, p.defaultNoise(), 3).size()).isEqualTo(n);
        }
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void sameSeedGivesBitwiseIdenticalPointsDifferentSeedDiffers(Preset p) {
        double noise = Math.max(p.defaultNoise(), 0.1);
        Dataset2D a = p.generate(257, noise, 7);
        Dataset2D b = p.generate(257, noise, 7);
        assertThat(a).isEqualTo(b);
        assertThat(Arrays.equals(a.xs(), b.xs()) && Arrays.equals(a.ys(), b.ys())).isTrue();
        assertThat(p.generate(257, noise, 8)).isNotEqualTo(a);
    }

    @Test
    void noiseFreePresetsDoNotDependOnTheSeed() {
        for (Preset p : new Preset[] {Preset.TWO_POINT, Preset.TWO_MOONS, Preset.RINGS, Preset.SPIRAL}) {
            assertThat(p.generate(50, 0, 1)).as(p.id()).isEqualTo(p.generate(50, 0, 2));
        }
    }

    @Test
    void twoPointIsExactlyTheHomeworkPoints() {
        Dataset2D d = Preset.TWO_POINT.generate(2, 0, 123);
        assertThat(d).isEqualTo(Dataset2D.of(new double[] {1, 0}, new double[] {0, 1}));
        assertThat(Preset.TWO_POINT.generate(99)).isEqualTo(d);
        Dataset2D five = Preset.TWO_POINT.generate(5, 0, 0);
        assertThat(five.xs()).containsExactly(1, 0, 1, 0, 1);
        assertThat(five.ys()).containsExactly(0, 1, 0, 1, 0);
        Dataset2D noisy = Preset.TWO_POINT.generate(2, 0.1, 0);
        assertThat(noisy).isNotEqualTo(d);
        assertThat(noisy.x(0)).isCloseTo(1, within(1.0));
    }

    @Test
    void twoBlobsSplitsIntoHalvesAroundTheirCentres() {
        Dataset2D d = Preset.TWO_BLOBS.generate(2001, 0.3, 5);
        double left = 0;
        for (int i = 0; i < 1001; i++) {
            left += d.x(i);
        }
        double right = 0;
        for (int i = 1001; i < 2001; i++) {
            right += d.x(i);
        }
        assertThat(left / 1001).isCloseTo(-2, within(0.05));
        assertThat(right / 1000).isCloseTo(2, within(0.05));
        Dataset2D exact = Preset.TWO_BLOBS.generate(3, 0, 5);
        assertThat(exact.xs()).containsExactly(-2, -2, 2);
    }

    @Test
    void threeBlobsSitOnTheTriangle() {
        Dataset2D d = Preset.THREE_BLOBS.generate(8, 0, 1); // blocks of 3, 3, 2
        double h = 2.5 * Math.sqrt(3) / 2;
        assertThat(d.xs()).containsExactly(0, 0, 0, -h, -h, -h, h, h);
        assertThat(d.ys()).containsExactly(2.5, 2.5, 2.5, -1.25, -1.25, -1.25, -1.25, -1.25);
        for (int i = 0; i < d.size(); i++) {
            assertThat(Math.hypot(d.x(i), d.y(i))).isCloseTo(2.5, within(1e-12));
        }
    }

    @Test
    void eightGaussiansPointsAverageToTheirCentres() {
        int n = 8000;
        Dataset2D d = Preset.EIGHT_GAUSSIANS.generate(n, 0.05, 9);
        double[] sx = new double[8];
        double[] sy = new double[8];
        for (int i = 0; i < n; i++) {
            sx[i % 8] += d.x(i);
            sy[i % 8] += d.y(i);
        }
        for (int k = 0; k < 8; k++) {
            double a = Math.toRadians(45 * k);
            // sd of the mean is 0.05 / sqrt(1000) ~ 0.0016
            assertThat(sx[k] / (n / 8)).as("centre %d x", k).isCloseTo(2 * Math.cos(a), within(0.01));
            assertThat(sy[k] / (n / 8)).as("centre %d y", k).isCloseTo(2 * Math.sin(a), within(0.01));
        }
    }

    @Test
    void twoMoonsWithoutNoiseLieExactlyOnTheDocumentedHalfCircles() {
        int n = 201; // n_out = 100, n_in = 101
        Dataset2D d = Preset.TWO_MOONS.generate(n, 0, 4);
        for (int i = 0; i < 100; i++) {
            assertThat(Math.hypot(d.x(i), d.y(i))).isCloseTo(1, within(1e-12));
            assertThat(d.y(i)).isGreaterThanOrEqualTo(0);
        }
        for (int i = 100; i < n; i++) {
            assertThat(Math.hypot(d.x(i) - 1, d.y(i) - 0.5)).isCloseTo(1, within(1e-12));
            assertThat(d.y(i)).isLessThanOrEqualTo(0.5);
        }
        // linspace includes both ends: outer from (1,0) to (-1,0), inner from (0,0.5) to (2,0.5).
        assertThat(new double[] {d.x(0), d.y(0)}).containsExactly(1, 0);
        assertThat(d.x(99)).isEqualTo(-1);
        assertThat(d.y(99)).isCloseTo(0, within(1e-15));
        assertThat(new double[] {d.x(100), d.y(100)}).containsExactly(0, 0.5);
        assertThat(d.x(200)).isEqualTo(2);
        // sklearn: the inner moon's lowest point is at t = pi/2: (1, -0.5).
        assertThat(Preset.TWO_MOONS.generate(6, 0, 0).y(4)).isCloseTo(-0.5, within(1e-15));
    }

    @Test
    void ringsHaveRadiiOneAndTwo() {
        Dataset2D d = Preset.RINGS.generate(11, 0, 0);
        for (int i = 0; i < 11; i++) {
            assertThat(Math.hypot(d.x(i), d.y(i))).isCloseTo(i < 6 ? 1 : 2, within(1e-12));
        }
        Dataset2D noisy = Preset.RINGS.generate(4000, 0.08, 2);
        double sumR = 0;
        for (int i = 0; i < 2000; i++) {
            sumR += Math.hypot(noisy.x(i), noisy.y(i));
        }
        assertThat(sumR / 2000).isCloseTo(1, within(0.01));
    }

    @Test
    void spiralFitsInTheBoxAndArmsAreOpposite() {
        Dataset2D d = Preset.SPIRAL.generate(400, 0, 0);
        Dataset2D.Bounds b = d.bounds();
        assertThat(Math.max(Math.max(-b.minX(), b.maxX()), Math.max(-b.minY(), b.maxY())))
                .isLessThanOrEqualTo(3.0 + 1e-12).isGreaterThan(2.5);
        for (int j = 0; j < 200; j++) {
            assertThat(d.x(200 + j)).isCloseTo(-d.x(j), within(1e-12));
            assertThat(d.y(200 + j)).isCloseTo(-d.y(j), within(1e-12));
        }
        assertThat(Math.hypot(d.x(0), d.y(0))).isCloseTo(0.5 / Math.PI, within(1e-15));
    }

    @Test
    void checkerboardPointsAreAllOnBlackSquares() {
        Dataset2D d = Preset.CHECKERBOARD.generate(20000, 0, 17);
        int[] perSquare = new int[16];
        for (int i = 0; i < d.size(); i++) {
            double x = d.x(i);
            double y = d.y(i);
            assertThat(x).isBetween(-2.0, 2.0);
            assertThat(y).isBetween(-2.0, 2.0);
            assertThat(Math.floorMod((int) Math.floor(x) + (int) Math.floor(y), 2)).isZero();
            perSquare[((int) Math.floor(x) + 2) * 4 + (int) Math.floor(y) + 2]++;
        }
        int black = 0;
        for (int c : perSquare) {
            if (c > 0) {
                black++;
                assertThat(c).isBetween(2200, 2800); // 2500 expected
            }
        }
        assertThat(black).isEqualTo(8);
    }

    @Test
    void blobsWithOutliersHaveAnIsolatedAnchor() {
        for (double noise : new double[] {0, 0.6, 3, 10}) {
            Dataset2D d = Preset.BLOBS_WITH_OUTLIERS.generate(200, noise, 1);
            int anchor = 190; // k = 10 outliers after 190 blob points
            assertThat(d.x(anchor)).isEqualTo(Preset.ANCHOR_X);
            assertThat(d.y(anchor)).isEqualTo(Preset.ANCHOR_Y);
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < d.size(); i++) {
                if (i != anchor) {
                    nearest = Math.min(nearest, Math.hypot(d.x(i) - d.x(anchor), d.y(i) - d.y(anchor)));
                }
            }
            assertThat(nearest).as("noise %s", noise).isGreaterThanOrEqualTo(3);
            for (int i = anchor + 1; i < 200; i++) {
                assertThat(d.x(i)).isBetween(-8.0, 8.0);
                assertThat(d.y(i)).isBetween(-8.0, 8.0);
            }
        }
        assertThat(Preset.BLOBS_WITH_OUTLIERS.generate(1, 0.6, 0))
                .isEqualTo(Dataset2D.of(new double[] {7}, new double[] {6}));
    }

    @Test
    void changingOnlyTheNoiseKeepsTheLayout() {
        Dataset2D quiet = Preset.CHECKERBOARD.generate(100, 0, 3);
        Dataset2D noisy = Preset.CHECKERBOARD.generate(100, 0.01, 3);
        for (int i = 0; i < 100; i++) {
            assertThat(noisy.x(i)).isCloseTo(quiet.x(i), within(0.1));
        }
    }

    @Test
    void tightAndWideIsSeventyPercentTightAtTheOrigin() {
        Dataset2D d = Preset.TIGHT_AND_WIDE.generate(1000, 0.4, 2);
        double[] m = Dataset2D.of(java.util.Arrays.copyOf(d.xs(), 700), java.util.Arrays.copyOf(d.ys(), 700)).mean();
        assertThat(m[0]).isCloseTo(0, org.assertj.core.data.Offset.offset(0.1));
        double[] w = Dataset2D.of(java.util.Arrays.copyOfRange(d.xs(), 700, 1000), java.util.Arrays.copyOfRange(d.ys(), 700, 1000)).mean();
        assertThat(w[0]).isCloseTo(3, org.assertj.core.data.Offset.offset(0.3));
        assertThat(w[1]).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.3));
        double[][] tightCov = Dataset2D.of(java.util.Arrays.copyOf(d.xs(), 700), java.util.Arrays.copyOf(d.ys(), 700)).covariance();
        assertThat(tightCov[0][0]).isCloseTo(0.16, org.assertj.core.data.Offset.offset(0.04));
    }

    @Test
    void namesAndLookup() {
        assertThat(Preset.names()).containsExactly("two-point", "two-blobs", "tight-and-wide", "three-blobs", "blobs-with-outliers",
                "two-moons", "rings", "spiral", "eight-gaussians", "checkerboard");
        for (Preset p : Preset.values()) {
            assertThat(Preset.byName(p.id())).contains(p);
            assertThat(p.toString()).isEqualTo(p.id());
        }
        assertThat(Preset.byName(" Two-Moons ")).contains(Preset.TWO_MOONS);
        assertThat(Preset.byName("moons")).isEmpty();
        assertThat(Preset.byName(null)).isEmpty();
        assertThatThrownBy(() -> Preset.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Preset.RINGS.generate(0, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 1000000");
        assertThatThrownBy(() -> Preset.RINGS.generate(1_000_001, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 1000000");
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Preset.RINGS.generate(10, bad, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise");
        }
    }

    @Test
    void blockSplitsAsEvenlyAsPossible() {
        int[] counts = new int[3];
        for (int i = 0; i < 11; i++) {
            counts[Preset.block(i, 11, 3)]++;
        }
        assertThat(counts).containsExactly(4, 4, 3);
        assertThat(Preset.linspace(0, Math.PI, 1, 0)).isEqualTo(0);
        assertThat(Preset.linspace(0, Math.PI, 5, 4)).isEqualTo(Math.PI);
    }
}
