package org.genlab.ui.plot;

import java.util.List;
import java.util.concurrent.Executor;
import org.genlab.compute.ComputePool;

/**
 * A scalar field sampled on a grid over the plot area (one sample per {@link #getPixelStep()}
 * pixels), coloured through a {@link ColorScale}, computed off the FX thread and drawn as one
 * image. Recomputed when the viewport, field or scale changes. Optional colour bar on the right
 * edge of the plot area.
 */
public final class HeatmapLayer extends AbstractLayer {
    private final AsyncRaster raster;
    private volatile Field2D field;
    private volatile ColorScale scale = ColorScale.auto(Colormaps.VIRIDIS);
    private volatile int pixelStep = 2;
    private volatile boolean colorBar;
    /** The {lo, hi} range of each raster, kept with it so the colour bar matches the picture. */
    private final java.util.Map<RasterImage, double[]> ranges =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private final ComputePool pool;
    private volatile long version;

    /** A layer computing on the shared {@link org.genlab.compute.ComputePool}. */
    public HeatmapLayer() {
        this(ComputePool.shared());
    }

    /** A layer computing on {@code pool}, its rows split across the pool's threads. */
    public HeatmapLayer(ComputePool pool) {
        this(pool.executor(), pool);
    }

    /** A layer computing on {@code executor}. */
    public HeatmapLayer(Executor executor) {
        this(executor, ComputePool.shared());
    }

    private HeatmapLayer(Executor executor, ComputePool pool) {
        this.raster = new AsyncRaster(executor, this::requestRepaint);
        this.pool = pool;
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> whenSettled() {
        return raster.whenSettled();
    }

    /** Sets the field (null shows nothing). Call again after the field's parameters change. */
    public void setField(Field2D field) {
        synchronized (this) {
            this.field = field;
            version++;
        }
        requestRepaint();
    }

    /** Sets the colour scale. */
    public void setColorScale(ColorScale scale) {
        synchronized (this) {
            this.scale = scale;
            version++;
        }
        requestRepaint();
    }

    /** @return the colour scale */
    public ColorScale getColorScale() {
        return scale;
    }

    /** @return pixels per sample along each axis */
    public int getPixelStep() {
        return pixelStep;
    }

    /** Sets pixels per sample along each axis (1 = full resolution). */
    public void setPixelStep(int step) {
        synchronized (this) {
            pixelStep = Math.max(1, step);
            version++;
        }
        requestRepaint();
    }

    /** Shows or hides the colour bar. */
    public void setColorBar(boolean show) {
        colorBar = show;
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
        Field2D f;
        ColorScale s;
        int step;
        long ver;
        synchronized (this) {
            f = field;
            s = scale;
            step = pixelStep;
            ver = version;
        }
        if (f == null) {
            return;
        }
        raster.request(List.of(v, ver), v, () -> compute(f, s, step, v));
        raster.draw(p, v);
        AsyncRaster.Frame shown = raster.current();
        double[] r = shown == null ? null : ranges.get(shown.image());
        if (colorBar && r != null) {
            paintColorBar(p, v, s, r);
        }
    }

    private RasterImage compute(Field2D f, ColorScale s, int step, Viewport v) {
        int nx = Math.max(1, (int) Math.ceil(v.plotWidth() / step));
        int ny = Math.max(1, (int) Math.ceil(v.plotHeight() / step));
        double[] values = HeatmapRasterizer.sample(f, HeatmapRasterizer.gridX(v, nx), HeatmapRasterizer.gridY(v, ny), pool);
        RasterImage img = HeatmapRasterizer.colorize(values, nx, ny, s, pool);
        ranges.put(img, HeatmapRasterizer.range(values, s));
        return img;
    }

    private static void paintColorBar(Painter p, Viewport v, ColorScale s, double[] range) {
        double k = p.style().scale();
        double w = 14 * k, h = Math.min(200 * k, v.plotHeight() - 40 * k);
        double x = v.plotLeft() + v.plotWidth() - w - 52 * k, y = v.plotTop() + 20 * k;
        int n = 64;
        for (int i = 0; i < n; i++) {
            p.setFill(s.colormap().argb(1 - (i + 0.5) / n));
            p.fillRect(x, y + h * i / n, w, h / n + 0.5);
        }
        p.setStroke(0xFF444444);
        p.setLineWidth(1);
        p.setDashes();
        p.strokeRect(x, y, w, h);
        p.setFill(0xFF222222);
        p.text(format(range[1]), x + w + 4 * k, y, 12, Painter.HAlign.LEFT, Painter.VAlign.CENTER, false);
        p.text(format(range[0]), x + w + 4 * k, y + h, 12, Painter.HAlign.LEFT, Painter.VAlign.CENTER, false);
    }

    private static String format(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
