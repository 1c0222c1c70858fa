package org.genlab.ui.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Polylines in world coordinates (trajectories, curves), each with its own colour, width, dash
 * pattern and optional start/end markers. NaN coordinates split a path into pieces.
 */
public final class PathLayer extends AbstractLayer {

    /** Marker drawn at a path end. */
    public enum Marker { NONE, DOT, ARROW }

    /**
     * One path.
     *
     * @param xs world x (not copied; do not modify after adding)
     * @param ys world y
     * @param argb colour
     * @param width line width in pixels
     * @param dashes dash pattern in pixels, null for solid
     * @param start marker at the first point
     * @param end marker at the last point
     */
    public record Path(double[] xs, double[] ys, int argb, double width, double[] dashes, Marker start, Marker end) {
        /** A solid path without markers. */
        public static Path of(double[] xs, double[] ys, int argb, double width) {
            return new Path(xs, ys, argb, width, null, Marker.NONE, Marker.NONE);
        }

        /** A trajectory: dot at the start, arrow at the end. */
        public static Path trajectory(double[] xs, double[] ys, int argb, double width) {
            return new Path(xs, ys, argb, width, null, Marker.DOT, Marker.ARROW);
        }

        /** @return this path with a dash pattern */
        public Path withDashes(double... d) {
            return new Path(xs, ys, argb, width, d, start, end);
        }
    }

    private volatile List<Path> paths = List.of();
    private volatile long version;
    /** Non-null when the paths are drawn into a raster off the FX thread (many long paths). */
    private volatile AsyncRaster raster;

    /**
     * Draws the paths into a pixel buffer on {@code pool} and shows it with one image draw,
     * as large scatters do: antialiased paths are slow for Prism's software renderer (30
     * trajectories of 40 points cost about 15 ms a frame). Exports still draw vectors.
     */
    public void setRasterized(org.genlab.compute.ComputePool pool) {
        raster = new AsyncRaster(pool.executor(), this::requestRepaint);
    }

    @Override
    public long pendingRaster() {
        AsyncRaster r = raster;
        return r == null ? 0 : r.pendingGeneration();
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> whenSettled() {
        AsyncRaster r = raster;
        return r == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : r.whenSettled();
    }

    /** Replaces all paths. */
    public void setPaths(List<Path> list) {
        synchronized (this) {
            paths = List.copyOf(list);
            version++;
        }
        requestRepaint();
    }

    /** Adds one path. */
    public void add(Path path) {
        List<Path> l = new ArrayList<>(paths);
        l.add(path);
        setPaths(l);
    }

    /** Removes all paths. */
    /** @return the paths shown */
    public List<Path> getPaths() {
        return paths;
    }

    public void clear() {
        setPaths(List.of());
    }

    @Override
    public void paint(Painter p, Viewport v) {
        List<Path> list;
        long ver;
        synchronized (this) {
            list = paths;
            ver = version;
        }
        AsyncRaster r = raster;
        if (r != null && p.pixelScale() <= 1 && !list.isEmpty()) {
            r.request(List.of(v, ver), v, () -> rasterise(list, v));
            r.draw(p, v);
            return;
        }
        if (r != null && list.isEmpty()) {
            r.request(List.of(v, ver), v, () -> null);
        }
        paintVector(p, v, list);
    }

    /** The paths drawn with Java2D into a premultiplied ARGB image of the plot area (off the FX thread). */
    private static RasterImage rasterise(List<Path> list, Viewport v) {
        int w = Math.max(1, (int) Math.ceil(v.plotWidth())), h = Math.max(1, (int) Math.ceil(v.plotHeight()));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB_PRE);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.translate(-v.plotLeft(), -v.plotTop());
            paintVector(new Java2dPainter(g), v, list);
        } finally {
            g.dispose();
        }
        int[] argb = ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
        return new RasterImage(w, h, argb);
    }

    private static void paintVector(Painter p, Viewport v, List<Path> list) {
        p.save();
        p.clip(v.plotLeft(), v.plotTop(), v.plotWidth(), v.plotHeight());
        double[] sx = new double[16], sy = new double[16], bx = new double[3], by = new double[3];
        for (Path path : list) {
            int n = Math.min(path.xs().length, path.ys().length);
            if (sx.length < n) {
                sx = new double[n];
                sy = new double[n];
            }
            p.setStroke(path.argb());
            p.setFill(path.argb());
            p.setLineWidth(path.width());
            p.setDashes(path.dashes());
            int run = 0;
            for (int i = 0; i < n; i++) {
                double x = path.xs()[i], y = path.ys()[i];
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    p.strokePolyline(sx, sy, run);
                    run = 0;
                    continue;
                }
                sx[run] = v.toScreenX(x);
                sy[run] = v.toScreenY(y);
                run++;
            }
            p.strokePolyline(sx, sy, run);
            p.setDashes();
            paintMarkers(p, v, path, n, bx, by);
        }
        p.restore();
    }

    private static void paintMarkers(Painter p, Viewport v, Path path, int n, double[] bx, double[] by) {
        if (n == 0) {
            return;
        }
        double[] xs = path.xs(), ys = path.ys();
        double r = Math.max(3, path.width() * 1.5);
        if (path.start() == Marker.DOT) {
            p.fillCircle(v.toScreenX(xs[0]), v.toScreenY(ys[0]), r);
        }
        if (path.end() == Marker.DOT) {
            p.fillCircle(v.toScreenX(xs[n - 1]), v.toScreenY(ys[n - 1]), r);
        } else if (path.end() == Marker.ARROW && n >= 2) {
            double x1 = v.toScreenX(xs[n - 1]), y1 = v.toScreenY(ys[n - 1]);
            double x0 = v.toScreenX(xs[n - 2]), y0 = v.toScreenY(ys[n - 2]);
            double len = Math.hypot(x1 - x0, y1 - y0);
            if (len > 1e-9) {
                // head only: shaft already drawn; extend the direction back by the head length
                double head = 4 * r, ux = (x1 - x0) / len, uy = (y1 - y0) / len;
                Arrows.arrow(p, x1 - ux * head, y1 - uy * head, x1, y1, head, bx, by);
            }
        }
    }
}
