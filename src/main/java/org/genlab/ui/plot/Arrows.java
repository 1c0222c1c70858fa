package org.genlab.ui.plot;

/** Arrow drawing shared by vector fields and trajectories. */
final class Arrows {
    private Arrows() {
    }

    /**
     * Strokes a shaft from (x0, y0) to (x1, y1) and fills a triangular head of length {@code head}
     * at (x1, y1), half-width head / 2.5.
     */
    static void arrow(Painter p, double x0, double y0, double x1, double y1, double head, double[] bx, double[] by) {
        double dx = x1 - x0, dy = y1 - y0, len = Math.hypot(dx, dy);
        if (len < 1e-9) {
            return;
        }
        double ux = dx / len, uy = dy / len, h = Math.min(head, len * 0.6), hw = h / 2.5;
        p.strokeLine(x0, y0, x1 - ux * h * 0.5, y1 - uy * h * 0.5);
        bx[0] = x1;
        by[0] = y1;
        bx[1] = x1 - ux * h - uy * hw;
        by[1] = y1 - uy * h + ux * hw;
        bx[2] = x1 - ux * h + uy * hw;
        by[2] = y1 - uy * h - ux * hw;
        p.fillPolygon(bx, by, 3);
    }
}
