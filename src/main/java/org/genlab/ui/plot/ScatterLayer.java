package org.genlab.ui.plot;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.Executor;
import org.genlab.compute.ComputePool;

/**
 * Points with per-point colour and radius (pixels). Up to {@link #getRasterThreshold()} points
 * are drawn as vector circles (crisp in exports); above it the points are rasterised off the FX
 * thread on the injected executor and shown as one image (see {@link AsyncRaster}). Selected
 * points get an outline ring, always drawn as vectors.
 *
 * <p>Setters may be called from any thread; each call replaces an immutable snapshot.
 */
public final class ScatterLayer extends AbstractLayer {
    /** Default number of points above which the layer rasterises. */
    public static final int DEFAULT_RASTER_THRESHOLD = 2000;

    /** Immutable data snapshot; {@code version} changes on every update. */
    private record Data(double[] xs, double[] ys, int[] argb, double[] radius, int n, long version) {
    }

    private final AsyncRaster raster;
    private final ComputePool pool;
    private volatile Data data = new Data(new double[0], new double[0], new int[0], new double[0], 0, 0);
    private volatile BitSet selected = new BitSet();
    private volatile int rasterThreshold = DEFAULT_RASTER_THRESHOLD;
    private volatile int outlineArgb = 0; // 0 = no outline
    private volatile int selectionArgb = 0xFF000000;
    private volatile Viewport lastViewport;
    private volatile long versions;

    /** A layer rasterising on the shared {@link org.genlab.compute.ComputePool}. */
    public ScatterLayer() {
        this(ComputePool.shared());
    }

    /** A layer rasterising on {@code pool}, its bands split across the pool's threads. */
    public ScatterLayer(ComputePool pool) {
        this(pool.executor(), pool);
    }

    /** A layer rasterising on {@code executor}. */
    public ScatterLayer(Executor executor) {
        this(executor, ComputePool.shared());
    }

    private ScatterLayer(Executor executor, ComputePool pool) {
        this.raster = new AsyncRaster(executor, this::requestRepaint);
        this.pool = pool;
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> whenSettled() {
        return raster.whenSettled();
    }

    /**
     * Replaces the points.
     *
     * @param xs world x (copied)
     * @param ys world y (copied)
     * @param argb colour per point, or a single colour for all (length 1)
     * @param radius radius per point in pixels, or one radius for all (length 1)
     */
    public void setPoints(double[] xs, double[] ys, int[] argb, double[] radius) {
        int n = xs.length;
        if (ys.length != n) {
            throw new IllegalArgumentException("xs and ys differ in length");
        }
        int[] c = broadcast(argb, n);
        double[] r = broadcast(radius, n);
        synchronized (this) {
            data = new Data(xs.clone(), ys.clone(), c, r, n, ++versions);
        }
        requestRepaint();
    }

    /** Replaces the points with one colour and radius for all. */
    public void setPoints(double[] xs, double[] ys, int argb, double radius) {
        setPoints(xs, ys, new int[] {argb}, new double[] {radius});
    }

    private static int[] broadcast(int[] a, int n) {
        if (a.length == n) {
            return a.clone();
        }
        if (a.length != 1) {
            throw new IllegalArgumentException("need 1 or n colours");
        }
        int[] out = new int[n];
        Arrays.fill(out, a[0]);
        return out;
    }

    private static double[] broadcast(double[] a, int n) {
        if (a.length == n) {
            return a.clone();
        }
        if (a.length != 1) {
            throw new IllegalArgumentException("need 1 or n radii");
        }
        double[] out = new double[n];
        Arrays.fill(out, a[0]);
        return out;
    }

    /** @return number of points */
    public int size() {
        return data.n;
    }

    /** @return world x of point i */
    public double x(int i) {
        return data.xs[i];
    }

    /** @return world y of point i */
    public double y(int i) {
        return data.ys[i];
    }

    /** Marks points as selected (outline ring); replaces the previous selection. */
    public void setSelected(int... indices) {
        BitSet b = new BitSet();
        for (int i : indices) {
            b.set(i);
        }
        selected = b;
        requestRepaint();
    }

    /** @return a copy of the selected indices */
    public BitSet getSelected() {
        return (BitSet) selected.clone();
    }

    /** Sets the colour of the selection ring. */
    public void setSelectionColor(int argb) {
        selectionArgb = argb;
        requestRepaint();
    }

    /** Sets an outline colour for vector-drawn points; 0 for none. */
    public void setOutline(int argb) {
        outlineArgb = argb;
        requestRepaint();
    }

    /** @return the point count above which the layer rasterises */
    public int getRasterThreshold() {
        return rasterThreshold;
    }

    /** Sets the point count above which the layer rasterises. */
    public void setRasterThreshold(int threshold) {
        rasterThreshold = threshold;
        requestRepaint();
    }

    @Override
    public long pendingRaster() {
        return raster.pendingGeneration();
    }

    /** @return the async raster (for tests and diagnostics) */
    public AsyncRaster raster() {
        return raster;
    }

    @Override
    public void paint(Painter p, Viewport v) {
        lastViewport = v;
        Data d = data;
        p.save();
        p.clip(v.plotLeft(), v.plotTop(), v.plotWidth(), v.plotHeight());
        // A raster is drawn at screen resolution; an export at 2x or 4x draws the points as
        // vectors; an SVG embeds the screen raster rather than one shape per point.
        if (d.n > rasterThreshold && (p.pixelScale() <= 1 || p.isVector())) {
            raster.request(java.util.List.of(v, d.version), v, () -> rasterise(d, v));
            raster.draw(p, v);
        } else {
            paintVector(p, v, d);
        }
        paintSelection(p, v, d);
        p.restore();
    }

    private void paintVector(Painter p, Viewport v, Data d) {
        int outline = outlineArgb;
        p.setLineWidth(1);
        p.setDashes();
        for (int i = 0; i < d.n; i++) {
            double sx = v.toScreenX(d.xs[i]), sy = v.toScreenY(d.ys[i]);
            p.setFill(d.argb[i]);
            p.fillCircle(sx, sy, d.radius[i]);
            if (outline != 0) {
                p.setStroke(outline);
                p.strokeCircle(sx, sy, d.radius[i]);
            }
        }
    }

    private void paintSelection(Painter p, Viewport v, Data d) {
        BitSet sel = selected;
        if (sel.isEmpty()) {
            return;
        }
        p.setStroke(selectionArgb);
        p.setLineWidth(2);
        p.setDashes();
        for (int i = sel.nextSetBit(0); i >= 0 && i < d.n; i = sel.nextSetBit(i + 1)) {
            p.strokeCircle(v.toScreenX(d.xs[i]), v.toScreenY(d.ys[i]), d.radius[i] + 3);
        }
    }

    /** Rasterises the snapshot for the plot area of {@code v} (runs on the executor). */
    static RasterImage rasterise(double[] xs, double[] ys, int[] argb, double[] radius, int n, Viewport v) {
        return rasterise(xs, ys, argb, radius, n, v, ComputePool.shared());
    }

    static RasterImage rasterise(double[] xs, double[] ys, int[] argb, double[] radius, int n, Viewport v,
                                 ComputePool pool) {
        int w = (int) Math.ceil(v.plotWidth()), h = (int) Math.ceil(v.plotHeight());
        // raster pixel = (screen - plot origin) * raster size / plot size (scale ~1)
        double kx = w / v.plotWidth(), ky = h / v.plotHeight();
        double[] px = new double[n], py = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = (v.toScreenX(xs[i]) - v.plotLeft()) * kx;
            py[i] = (v.toScreenY(ys[i]) - v.plotTop()) * ky;
        }
        return ScatterRasterizer.render(w, h, px, py, argb, radius, n, pool);
    }

    private RasterImage rasterise(Data d, Viewport v) {
        return rasterise(d.xs, d.ys, d.argb, d.radius, d.n, v, pool);
    }

    /**
     * @return index of the point nearest to the screen position within {@code maxPixels}, or -1
     */
    public int nearestPoint(Viewport v, double screenX, double screenY, double maxPixels) {
        Data d = data;
        int best = -1;
        double bestD2 = maxPixels * maxPixels;
        for (int i = 0; i < d.n; i++) {
            double dx = v.toScreenX(d.xs[i]) - screenX, dy = v.toScreenY(d.ys[i]) - screenY;
            double d2 = dx * dx + dy * dy;
            if (d2 <= bestD2) {
                bestD2 = d2;
                best = i;
            }
        }
        return best;
    }

    /** {@link #nearestPoint(Viewport, double, double, double)} with the last painted viewport (-1 if never painted). */
    public int nearestPoint(double screenX, double screenY, double maxPixels) {
        Viewport v = lastViewport;
        return v == null ? -1 : nearestPoint(v, screenX, screenY, maxPixels);
    }
}
