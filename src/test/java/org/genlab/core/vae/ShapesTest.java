package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The built-in image set: determinism, ranges, the factors, the drawn areas and orientation. */
class ShapesTest {
    @Test
    void sameSeedSameImagesAndAPrefixIsTheSmallerSet() {
        Shapes a = Shapes.generate(300, 7), b = Shapes.generate(300, 7), small = Shapes.generate(50, 7);
        for (int i = 0; i < 300; i++) {
            assertThat(a.pixels(i)).isEqualTo(b.pixels(i));
            assertThat(a.factors(i)).isEqualTo(b.factors(i));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(small.pixels(i)).isEqualTo(a.pixels(i));
        }
        assertThat(Shapes.generate(300, 8).pixels(0)).isNotEqualTo(a.pixels(0));
    }

    @Test
    void defaultSizeValuesInRangeAndFactorsUniformOverTheirRanges() {
        Shapes s = Shapes.generate(Shapes.DEFAULT_N, 0);
        assertThat(s.size()).isEqualTo(10_000);
        int[] kinds = new int[3];
        double xMean = 0;
        for (int i = 0; i < s.size(); i++) {
            float[] p = s.pixels(i);
            assertThat(p).hasSize(256);
            double sum = 0;
            for (float v : p) {
                assertThat(v).isBetween(0f, 1f);
                sum += v;
            }
            assertThat(sum).isGreaterThan(5); // every shape is visible
            ShapeFactors f = s.factors(i);
            kinds[f.kind()]++;
            assertThat(f.x()).isBetween(0.0, 1.0);
            assertThat(f.y()).isBetween(0.0, 1.0);
            assertThat(f.scale()).isBetween(0.5, 1.0);
            assertThat(f.rotation()).isBetween(0.0, Math.PI / 2);
            assertThat(s.factor(i, "kind")).isEqualTo(f.kind());
            assertThat(s.factor(i, "rotation")).isEqualTo(f.rotation());
            xMean += f.x() / s.size();
        }
        // each kind 1/3 (binomial sd 47), x uniform (mean sd 0.003)
        for (int k : kinds) {
            assertThat(k).isBetween(3333 - 200, 3333 + 200);
        }
        assertThat(xMean).isCloseTo(0.5, within(0.015));
        assertThat(Shapes.FACTOR_NAMES).containsExactly("kind", "x", "y", "scale", "rotation");
        assertThatThrownBy(() -> s.factor(0, "colour")).hasMessageContaining("colour");
        assertThatThrownBy(() -> Shapes.generate(0, 0)).hasMessageStartingWith("n:");
    }

    @Test
    void drawnAreaMatchesEachShapesArea() {
        // R = 5 scale: square 2 R^2, ellipse pi 0.55 R^2, triangle (3 sqrt 3 / 4) R^2; supersampling gets within a few %
        double r = 5;
        double[] area = {2 * r * r, Math.PI * 0.55 * r * r, 3 * Math.sqrt(3) / 4 * r * r};
        for (int kind = 0; kind < 3; kind++) {
            for (double rot : new double[] {0, 0.4, 1.2}) {
                float[] p = Shapes.render(new ShapeFactors(kind, 0.5, 0.5, 1, rot));
                double sum = 0;
                for (float v : p) {
                    sum += v;
                }
                assertThat(sum).as("kind %d rotation %s", kind, rot).isCloseTo(area[kind], within(0.03 * area[kind]));
            }
        }
    }

    @Test
    void rowZeroIsTheTopAndXGrowsToTheRight() {
        float[] top = Shapes.render(new ShapeFactors(ShapeFactors.SQUARE, 0, 0, 0.5, 0));
        float[] bottomRight = Shapes.render(new ShapeFactors(ShapeFactors.SQUARE, 1, 1, 0.5, 0));
        // centre at pixel (5, 5) and (11, 11)
        assertThat(top[5 * 16 + 5]).isEqualTo(1f);
        assertThat(top[11 * 16 + 11]).isZero();
        assertThat(bottomRight[11 * 16 + 11]).isEqualTo(1f);
        assertThat(bottomRight[5 * 16 + 5]).isZero();
        // the triangle points up at rotation 0: below its centre lies 1 - (2/3)^2 = 5/9 of it, above 4/9 (ratio 1.25)
        float[] tri = Shapes.render(new ShapeFactors(ShapeFactors.TRIANGLE, 0.5, 0.5, 1, 0));
        double upper = 0, lower = 0;
        for (int row = 0; row < 16; row++) {
            for (int col = 0; col < 16; col++) {
                if (row < 8) {
                    upper += tri[row * 16 + col];
                } else {
                    lower += tri[row * 16 + col];
                }
            }
        }
        assertThat(lower / upper).isCloseTo(1.25, within(0.08));
    }
}
