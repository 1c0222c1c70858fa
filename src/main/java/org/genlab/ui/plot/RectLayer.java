package org.genlab.ui.plot;

import java.util.List;

/**
 * Axis-aligned rectangles in world coordinates: histogram bars, stacked bars, weight bars.
 * Each rectangle is filled and, if its stroke colour is not transparent, outlined. Drawn as
 * vectors (a histogram has tens of bars, not thousands).
 */
public final class RectLayer extends AbstractLayer {
    /**
     * One rectangle between (x0, y0) and (x1, y1), in either order.
     *
     * @param fill   0xAARRGGBB fill
     * @param stroke 0xAARRGGBB outline; 0 for none
     */
    public record Rect(double x0, double y0, double x1, double y1, int fill, int stroke) {
        /** A bar from y = 0 up (or down) to {@code height} over [x0, x1]. */
        public static Rect bar(double x0, double x1, double height, int fill, int stroke) {
            return new Rect(x0, 0, x1, height, fill, stroke);
        }
    }

    private volatile List<Rect> rects = List.of();

    /** Replaces the rectangles. */
    public void setRects(List<Rect> list) {
        rects = List.copyOf(list);
        requestRepaint();
    }

    /** The rectangles, as drawn. */
    public List<Rect> getRects() {
        return rects;
    }

    @Override
    public void paint(Painter p, Viewport v) {
        p.save();
        p.clip(v.plotLeft(), v.plotTop(), v.plotWidth(), v.plotHeight());
        p.setLineWidth(1);
        p.setDashes();
        for (Rect r : rects) {
            double sx0 = v.toScreenX(Math.min(r.x0(), r.x1())), sx1 = v.toScreenX(Math.max(r.x0(), r.x1()));
            double sy0 = v.toScreenY(Math.max(r.y0(), r.y1())), sy1 = v.toScreenY(Math.min(r.y0(), r.y1()));
            if (!(Double.isFinite(sx0) && Double.isFinite(sx1) && Double.isFinite(sy0) && Double.isFinite(sy1))) {
                continue;
            }
            // clamp far-off edges so a huge bar does not overflow the painter's coordinates
            double lim = 1e5;
            sx0 = Math.max(-lim, sx0);
            sx1 = Math.min(lim, sx1);
            sy0 = Math.max(-lim, sy0);
            sy1 = Math.min(lim, sy1);
            double w = Math.max(0.5, sx1 - sx0), h = Math.max(0.5, sy1 - sy0);
            if ((r.fill() >>> 24) != 0) {
                p.setFill(r.fill());
                p.fillRect(sx0, sy0, w, h);
            }
            if ((r.stroke() >>> 24) != 0) {
                p.setStroke(r.stroke());
                p.strokeRect(sx0, sy0, w, h);
            }
        }
        p.restore();
    }
}
