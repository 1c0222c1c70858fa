package org.genlab.ui.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RasterizerTest {

    @Test
    void div255IsExactRounding() {
        for (int x = 0; x <= 255 * 255; x++) {
            assertThat(RasterImage.div255(x)).isEqualTo((int) Math.round(x / 255.0));
        }
    }

    @Test
    void scatterFastEqualsReferencePixelForPixel() {
        Random rnd = new Random(7);
        int n = 5000, w = 301, h = 203;
        double[] px = new double[n], py = new double[n], r = new double[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = rnd.nextDouble() * (w + 20) - 10; // some off the edges
            py[i] = rnd.nextDouble() * (h + 20) - 10;
            r[i] = 0.5 + rnd.nextDouble() * 6;
            c[i] = (rnd.nextInt(256) << 24) | Colormaps.category(i);
        }
        px[0] = Double.NaN;
        RasterImage fast = ScatterRasterizer.render(w, h, px, py, c, r, n);
        RasterImage ref = ScatterRasterizer.renderReference(w, h, px, py, c, r, n);
        assertThat(fast.pixels()).isEqualTo(ref.pixels());
        assertThat(java.util.Arrays.stream(fast.pixels()).anyMatch(p -> p != 0)).isTrue();
    }

    @Test
    void opaqueDiskCoversItsCentre() {
        RasterImage img = ScatterRasterizer.render(20, 20, new double[] {10.2}, new double[] {9.7},
                new int[] {0xFF0072B2}, new double[] {3}, 1);
        assertThat(img.get(10, 9)).isEqualTo(0xFF0072B2);
        assertThat(img.get(0, 0)).isZero();
    }

    @Test
    void gaussianMixtureFastRowsEqualPlainFormula() {
        GaussianMixtureField f = GaussianMixtureField.ring8();
        Viewport v = new Viewport(-3, 3, -3, 3, 257, 131, Viewport.Margins.NONE, false);
        double[] xs = HeatmapRasterizer.gridX(v, 257), ys = HeatmapRasterizer.gridY(v, 131);
        double[] fast = HeatmapRasterizer.sample(f, xs, ys);
        double[] ref = HeatmapRasterizer.sampleReference(f, xs, ys);
        for (int i = 0; i < ref.length; i++) {
            double tol = Math.max(1e-12 * Math.abs(ref[i]), 1e-290);
            assertThat(Math.abs(fast[i] - ref[i])).as("sample %d", i).isLessThanOrEqualTo(tol);
        }
    }

    @Test
    void heatmapFastEqualsReferencePixelForPixel() {
        GaussianMixtureField f = GaussianMixtureField.ring8();
        Viewport v = new Viewport(-3, 3, -3, 3, 200, 160, Viewport.Margins.NONE, false);
        double[] xs = HeatmapRasterizer.gridX(v, 200), ys = HeatmapRasterizer.gridY(v, 160);
        for (ColorScale s : new ColorScale[] {
            ColorScale.auto(Colormaps.VIRIDIS),
            ColorScale.auto(Colormaps.CIVIDIS).withLog(true).withAlpha(180),
            ColorScale.auto(Colormaps.COOLWARM).withRange(0.01, 0.3),
        }) {
            RasterImage fast = HeatmapRasterizer.render(f, xs, ys, s);
            RasterImage ref = HeatmapRasterizer.renderReference(f, xs, ys, s);
            assertThat(fast.pixels()).as(s.toString()).isEqualTo(ref.pixels());
        }
    }

    @Test
    void heatmapPeakIsBrightestColour() {
        GaussianMixtureField f = new GaussianMixtureField(new double[] {1}, new double[][] {{0, 0}},
                new double[][] {{1, 0, 1}});
        double[] xs = {-3, 0, 3}, ys = {0};
        RasterImage img = HeatmapRasterizer.render(f, xs, ys, ColorScale.auto(Colormaps.VIRIDIS));
        assertThat(img.get(1, 0)).isEqualTo(0xFFFDE725);
        assertThat(img.get(0, 0)).isEqualTo(0xFF440154);
    }
}
