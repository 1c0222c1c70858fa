package org.genlab.ui.plot;

import java.util.concurrent.ConcurrentHashMap;
import org.genlab.compute.ComputePool;
import org.genlab.compute.ParallelChunks;

/**
 * Rasterises antialiased filled disks into a {@link RasterImage}, points painted in index order
 * with source-over blending in premultiplied 8-bit ARGB.
 *
 * <p>Geometry: a disk's centre snaps to the centre of the pixel containing it,
 * ({@code floor(px) + 0.5}, {@code floor(py) + 0.5}); its radius is quantised to 1/8 pixel. A
 * pixel at distance d (between pixel centres) has coverage {@code clamp(r + 0.5 - d, 0, 1)} and
 * mask value {@code m = round(255 * coverage)}. Blending a colour (a, r, g, b), not
 * premultiplied, with mask m onto a premultiplied pixel d:
 * {@code sa = round(a * m / 255)}, {@code s_c = round(c * sa / 255)},
 * {@code d_c' = s_c + round(d_c * (255 - sa) / 255)} for each channel c (alpha uses sa).
 *
 * <p>{@link #render} is the fast path (cached masks with per-row non-zero spans, integer blending
 * of two channels per multiply, rows split into fixed bands processed in parallel, each band
 * drawing the points that touch it in index order, so the result is identical);
 * {@link #renderReference} is the plain single-threaded definition used to test it.
 */
public final class ScatterRasterizer {
    private ScatterRasterizer() {
    }

    /** Sub-pixel steps of the radius quantisation. */
    private static final int RADIUS_STEPS = 8;
    /** Rows per parallel band (fixed, so the work split does not depend on the machine). */
    private static final int BAND_ROWS = 32;

    /**
     * An antialiased disk mask: (2 * half + 1)^2 values 0..255, centred on (half, half); row r has
     * its non-zero values in columns [spanLo[r], spanHi[r]] (offsets from the centre; empty if lo &gt; hi).
     */
    private record Mask(int half, int[] values, int[] spanLo, int[] spanHi) {
    }

    private static final ConcurrentHashMap<Integer, Mask> MASKS = new ConcurrentHashMap<>();

    private static int quantise(double radius) {
        return (int) Math.max(0, Math.round(radius * RADIUS_STEPS));
    }

    private static int halfExtent(double r) {
        return (int) Math.ceil(r + 0.5);
    }

    private static Mask mask(int q) {
        return MASKS.computeIfAbsent(q, k -> {
            double r = (double) k / RADIUS_STEPS;
            int half = halfExtent(r), size = 2 * half + 1;
            int[] m = new int[size * size];
            for (int j = -half; j <= half; j++) {
                for (int i = -half; i <= half; i++) {
                    m[(j + half) * size + i + half] = coverage(r, i, j);
                }
            }
            int[] lo = new int[size], hi = new int[size];
            for (int j = 0; j < size; j++) {
                lo[j] = half + 1;
                hi[j] = -half - 1;
                for (int i = 0; i < size; i++) {
                    if (m[j * size + i] != 0) {
                        lo[j] = Math.min(lo[j], i - half);
                        hi[j] = Math.max(hi[j], i - half);
                    }
                }
            }
            return new Mask(half, m, lo, hi);
        });
    }

    /** m = round(255 * clamp(r + 0.5 - sqrt(i^2 + j^2), 0, 1)). */
    private static int coverage(double r, int i, int j) {
        double c = r + 0.5 - Math.sqrt((double) i * i + (double) j * j);
        return (int) Math.round(255 * Math.max(0, Math.min(1, c)));
    }

    private static void checkArgs(int n, double[] px, double[] py, int[] argb, double[] radius) {
        if (px.length < n || py.length < n || argb.length < n || radius.length < n) {
            throw new IllegalArgumentException("arrays shorter than n");
        }
    }

    /**
     * Fast rasterisation of the first {@code n} points onto a new transparent raster.
     *
     * @param px disk centres, raster pixel coordinates (x right)
     * @param py disk centres, raster pixel coordinates (y down)
     * @param argb non-premultiplied colour per point
     * @param radius radius per point, pixels
     */
    public static RasterImage render(int width, int height, double[] px, double[] py, int[] argb,
                                     double[] radius, int n) {
        return render(width, height, px, py, argb, radius, n, ComputePool.shared());
    }

    /** {@link #render(int, int, double[], double[], int[], double[], int)} with its bands on {@code pool}. */
    public static RasterImage render(int width, int height, double[] px, double[] py, int[] argb,
                                     double[] radius, int n, ComputePool pool) {
        checkArgs(n, px, py, argb, radius);
        RasterImage img = new RasterImage(width, height);
        int[] ci = new int[n], cj = new int[n];
        Mask[] masks = new Mask[n];
        int lastQ = -1;
        Mask last = null;
        for (int k = 0; k < n; k++) {
            double x = px[k], y = py[k];
            int q = quantise(radius[k]);
            if (q != lastQ) {
                last = mask(q);
                lastQ = q;
            }
            masks[k] = last;
            // Non-finite or far-away centres are parked off-raster and skipped by the bounds test.
            ci[k] = Double.isFinite(x) ? (int) Math.max(-1e6, Math.min(1e6, Math.floor(x))) : Integer.MIN_VALUE / 2;
            cj[k] = Double.isFinite(y) ? (int) Math.max(-1e6, Math.min(1e6, Math.floor(y))) : Integer.MIN_VALUE / 2;
        }
        // Bucket points by the row bands they touch, keeping index order inside each band.
        int bands = (height + BAND_ROWS - 1) / BAND_ROWS;
        int[] start = new int[bands + 1];
        for (int k = 0; k < n; k++) {
            int h = masks[k].half;
            int jLo = Math.max(cj[k] - h, 0), jHi = Math.min(cj[k] + h, height - 1);
            if (jLo <= jHi && ci[k] + h >= 0 && ci[k] - h < width) {
                for (int b = jLo / BAND_ROWS; b <= jHi / BAND_ROWS; b++) {
                    start[b + 1]++;
                }
            }
        }
        for (int b = 0; b < bands; b++) {
            start[b + 1] += start[b];
        }
        int[] fill = java.util.Arrays.copyOf(start, bands);
        int[] order = new int[start[bands]];
        for (int k = 0; k < n; k++) {
            int h = masks[k].half;
            int jLo = Math.max(cj[k] - h, 0), jHi = Math.min(cj[k] + h, height - 1);
            if (jLo <= jHi && ci[k] + h >= 0 && ci[k] - h < width) {
                for (int b = jLo / BAND_ROWS; b <= jHi / BAND_ROWS; b++) {
                    order[fill[b]++] = k;
                }
            }
        }
        ParallelChunks.forEach(bands, 1, 0, (b, from, to, rng) -> {
            int y0 = b * BAND_ROWS, y1 = Math.min(height, y0 + BAND_ROWS);
            stampBand(img.pixels(), width, y0, y1, ci, cj, masks, argb, order, start[b], start[b + 1]);
        }, pool);
        return img;
    }

    private static final int LANES = 0x00FF00FF;

    /** round(x / 255) in both 16-bit lanes of x (each lane at most 255 * 255). */
    private static int div255Lanes(int x) {
        int t = x + 0x00800080;
        return ((t + ((t >>> 8) & LANES)) >>> 8) & LANES;
    }

    private static void stampBand(int[] pix, int width, int y0, int y1, int[] ci, int[] cj, Mask[] masks,
                                  int[] argb, int[] order, int from, int to) {
        for (int o = from; o < to; o++) {
            int k = order[o];
            Mask mk = masks[k];
            int half = mk.half;
            int cy = cj[k], cx = ci[k];
            int jLo = Math.max(cy - half, y0), jHi = Math.min(cy + half, y1 - 1);
            int col = argb[k];
            int a = col >>> 24;
            if (a == 0) {
                continue;
            }
            boolean opaque = a == 255;
            int srcRb = col & LANES, srcG = (col >>> 8) & 0xFF;
            int size = 2 * half + 1;
            int[] mv = mk.values;
            for (int j = jLo; j <= jHi; j++) {
                int r = j - cy + half;
                int iLo = Math.max(cx + mk.spanLo[r], 0), iHi = Math.min(cx + mk.spanHi[r], width - 1);
                int mrow = r * size - cx + half;
                int prow = j * width;
                for (int i = iLo; i <= iHi; i++) {
                    // sa = round(a m / 255); for an opaque colour that is m itself
                    int sa = opaque ? mv[mrow + i] : RasterImage.div255(a * mv[mrow + i]);
                    if (sa == 255) {
                        pix[prow + i] = col; // opaque: source replaces destination
                        continue;
                    }
                    if (sa == 0) {
                        continue;
                    }
                    // premultiplied source: (sa, g sa / 255) and (r sa / 255, b sa / 255) lanes
                    int sag = (sa << 16) | RasterImage.div255(srcG * sa);
                    int srb = div255Lanes(srcRb * sa);
                    int inv = 255 - sa, d = pix[prow + i];
                    int ag = sag + div255Lanes(((d >>> 8) & LANES) * inv);
                    int rb = srb + div255Lanes((d & LANES) * inv);
                    pix[prow + i] = (ag << 8) | rb;
                }
            }
        }
    }

    /** The plain definition (see class comment): per point, per pixel of its bounding box. */
    public static RasterImage renderReference(int width, int height, double[] px, double[] py, int[] argb,
                                              double[] radius, int n) {
        checkArgs(n, px, py, argb, radius);
        RasterImage img = new RasterImage(width, height);
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(px[k]) || !Double.isFinite(py[k])) {
                continue;
            }
            double r = (double) quantise(radius[k]) / RADIUS_STEPS;
            int half = halfExtent(r);
            long cx = (long) Math.floor(px[k]), cy = (long) Math.floor(py[k]);
            for (long y = cy - half; y <= cy + half; y++) {
                for (long x = cx - half; x <= cx + half; x++) {
                    if (x < 0 || y < 0 || x >= width || y >= height) {
                        continue;
                    }
                    int m = coverage(r, (int) (x - cx), (int) (y - cy));
                    int idx = (int) (y * width + x);
                    img.pixels()[idx] = blendReference(img.pixels()[idx], argb[k], m);
                }
            }
        }
        return img;
    }

    private static int blendReference(int dst, int color, int m) {
        int sa = (int) Math.round((color >>> 24) * m / 255.0);
        int out = 0;
        for (int shift = 0; shift <= 24; shift += 8) {
            int sc = shift == 24 ? sa : (int) Math.round(((color >>> shift) & 0xFF) * sa / 255.0);
            int dc = (dst >>> shift) & 0xFF;
            out |= (sc + (int) Math.round(dc * (255 - sa) / 255.0)) << shift;
        }
        return out;
    }
}
