package org.genlab.ui.plot;

import org.genlab.compute.ComputePool;
import org.genlab.compute.ParallelChunks;

/**
 * Samples a {@link Field2D} on a grid and colours it into a {@link RasterImage}.
 *
 * <p>The fast path ({@link #sample}, {@link #colorize}) splits rows into fixed chunks evaluated
 * in parallel through {@link Field2D#evaluateRow}; rows are independent, so the output does not
 * depend on the split. The reference path ({@link #sampleReference}, {@link #renderReference})
 * calls {@link Field2D#value} per pixel on one thread.
 */
public final class HeatmapRasterizer {
    private HeatmapRasterizer() {
    }

    /** Rows per parallel chunk. */
    private static final int CHUNK_ROWS = 16;

    /**
     * World x of the sample centres across the plot area of {@code v}, {@code n} columns:
     * {@code x_i = toWorldX(left + (i + 0.5) * plotWidth / n)}.
     */
    public static double[] gridX(Viewport v, int n) {
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = v.toWorldX(v.plotLeft() + (i + 0.5) * v.plotWidth() / n);
        }
        return xs;
    }

    /** World y of the sample centres, top row first: {@code y_j = toWorldY(top + (j + 0.5) * plotHeight / n)}. */
    public static double[] gridY(Viewport v, int n) {
        double[] ys = new double[n];
        for (int j = 0; j < n; j++) {
            ys[j] = v.toWorldY(v.plotTop() + (j + 0.5) * v.plotHeight() / n);
        }
        return ys;
    }

    /** Fast grid evaluation, row-major {@code out[j * nx + i] = f(xs[i], ys[j])}. */
    public static double[] sample(Field2D f, double[] xs, double[] ys) {
        return sample(f, xs, ys, ComputePool.shared());
    }

    /** {@link #sample(Field2D, double[], double[])} with its rows split on {@code pool}. */
    public static double[] sample(Field2D f, double[] xs, double[] ys, ComputePool pool) {
        int nx = xs.length, ny = ys.length;
        double[] out = new double[nx * ny];
        ParallelChunks.forEach(ny, CHUNK_ROWS, 0, (c, j0, j1, rng) -> {
            for (int j = j0; j < j1; j++) {
                f.evaluateRow(xs, ys[j], out, j * nx);
            }
        }, pool);
        return out;
    }

    /** Plain grid evaluation through {@link Field2D#value}. */
    public static double[] sampleReference(Field2D f, double[] xs, double[] ys) {
        double[] out = new double[xs.length * ys.length];
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                out[j * xs.length + i] = f.value(xs[i], ys[j]);
            }
        }
        return out;
    }

    /** @return {lo, hi} of the mapping range after resolving automatic ends */
    public static double[] range(double[] values, ColorScale s) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, minPos = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (v < lo) {
                lo = v;
            }
            if (v > hi) {
                hi = v;
            }
            if (v > 0 && v < minPos) {
                minPos = v;
            }
        }
        if (!Double.isNaN(s.max())) {
            hi = s.max();
        }
        if (!Double.isNaN(s.min())) {
            lo = s.min();
        } else if (s.log()) {
            lo = Math.max(minPos, hi * ColorScale.LOG_AUTO_FLOOR);
        }
        if (!(lo < hi)) { // constant field or no finite values: map everything to the middle
            double mid = Double.isFinite(lo) ? lo : 0;
            lo = mid - 1;
            hi = mid + 1;
            if (s.log()) {
                lo = mid > 0 ? mid / 2 : Double.MIN_NORMAL;
                hi = mid > 0 ? mid * 2 : 1;
            }
        }
        return new double[] {lo, hi};
    }

    /**
     * Colours sampled values in parallel: {@code t = (v - lo) / (hi - lo)} (with log v, log lo,
     * log hi for log scales), LUT index {@code round(255 t)} clamped, alpha from the scale;
     * NaN gives a transparent pixel.
     */
    public static RasterImage colorize(double[] values, int nx, int ny, ColorScale s) {
        return colorize(values, nx, ny, s, ComputePool.shared());
    }

    /** {@link #colorize(double[], int, int, ColorScale)} with its rows split on {@code pool}. */
    public static RasterImage colorize(double[] values, int nx, int ny, ColorScale s, ComputePool pool) {
        double[] r = range(values, s);
        RasterImage img = new RasterImage(nx, ny);
        int[] lut = premultipliedLut(s);
        ParallelChunks.forEach(ny, CHUNK_ROWS, 0,
                (c, j0, j1, rng) -> colorizeRows(values, img.pixels(), nx, j0, j1, lut, r[0], r[1], s.log()),
                pool);
        return img;
    }

    private static int[] premultipliedLut(ColorScale s) {
        int[] lut = new int[Colormap.SIZE];
        for (int i = 0; i < lut.length; i++) {
            lut[i] = RasterImage.premultiply(Rgba.withAlpha(s.colormap().entry(i), s.alpha()));
        }
        return lut;
    }

    private static void colorizeRows(double[] values, int[] pix, int nx, int j0, int j1, int[] lut,
                                     double lo, double hi, boolean log) {
        double a = log ? Math.log(lo) : lo;
        double span = (log ? Math.log(hi) : hi) - a;
        for (int p = j0 * nx, end = j1 * nx; p < end; p++) {
            double v = values[p];
            if (Double.isNaN(v)) {
                pix[p] = 0;
                continue;
            }
            double u = log ? (v > 0 ? Math.log(v) : Double.NEGATIVE_INFINITY) : v;
            pix[p] = lut[Colormap.index((u - a) / span)];
        }
    }

    /** Fast path: {@link #sample} then {@link #colorize}. */
    public static RasterImage render(Field2D f, double[] xs, double[] ys, ColorScale s) {
        return colorize(sample(f, xs, ys), xs.length, ys.length, s);
    }

    /** Reference path: per-pixel {@link Field2D#value}, per-pixel {@link Colormap#argb}. */
    public static RasterImage renderReference(Field2D f, double[] xs, double[] ys, ColorScale s) {
        double[] values = sampleReference(f, xs, ys);
        double[] r = range(values, s);
        RasterImage img = new RasterImage(xs.length, ys.length);
        for (int p = 0; p < values.length; p++) {
            double v = values[p];
            if (Double.isNaN(v)) {
                continue;
            }
            double t = s.log()
                    ? (Math.log(v) - Math.log(r[0])) / (Math.log(r[1]) - Math.log(r[0]))
                    : (v - r[0]) / (r[1] - r[0]);
            if (Double.isNaN(t)) {
                t = 0; // log of a non-positive value
            }
            img.pixels()[p] = RasterImage.premultiply(Rgba.withAlpha(s.colormap().argb(t), s.alpha()));
        }
        return img;
    }
}
