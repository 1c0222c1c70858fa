package org.genlab.ui.plot;

/**
 * Immutable world-to-screen mapping for a plot: a world rectangle shown in the plot area of a
 * screen of {@code width x height} pixels, inside {@link Margins} reserved for axes and titles.
 * World y points up, screen y down. Every change returns a new instance.
 *
 * <p>With {@code equalAspect} the world range is expanded (about its centre) so one world unit has
 * the same pixel length on both axes; the requested range is kept so resizing recomputes the fit
 * from it rather than accumulating expansions.
 */
public final class Viewport {

    /**
     * Space around the plot area, in pixels.
     *
     * @param top above the plot area (title)
     * @param right right of it
     * @param bottom below it (x tick labels, x axis label)
     * @param left left of it (y tick labels, y axis label)
     */
    public record Margins(double top, double right, double bottom, double left) {
        /** Margins that fit 14 px tick labels and axis labels. */
        public static final Margins DEFAULT = new Margins(16, 16, 48, 64);
        /** No margins: the plot area is the whole screen. */
        public static final Margins NONE = new Margins(0, 0, 0, 0);
    }

    private final double reqXmin, reqXmax, reqYmin, reqYmax;
    private final double xmin, xmax, ymin, ymax;
    private final double width, height;
    private final Margins margins;
    private final boolean equalAspect;

    /**
     * @param xmin world x at the left of the plot area (must be &lt; xmax)
     * @param ymin world y at the bottom of the plot area (must be &lt; ymax)
     * @param width screen width in pixels, margins included
     * @param height screen height in pixels, margins included
     */
    public Viewport(double xmin, double xmax, double ymin, double ymax, double width, double height,
                    Margins margins, boolean equalAspect) {
        if (!(xmin < xmax) || !(ymin < ymax)) {
            throw new IllegalArgumentException("empty world range");
        }
        this.reqXmin = xmin;
        this.reqXmax = xmax;
        this.reqYmin = ymin;
        this.reqYmax = ymax;
        this.width = width;
        this.height = height;
        this.margins = margins;
        this.equalAspect = equalAspect;
        double pw = plotWidth(), ph = plotHeight();
        if (equalAspect) {
            // Same pixels per unit on both axes: s = min(pw / xrange, ph / yrange); the other
            // range grows to (plot size / s), centred on its old centre.
            double s = Math.min(pw / (xmax - xmin), ph / (ymax - ymin));
            double hx = pw / s / 2, hy = ph / s / 2;
            double cx = (xmin + xmax) / 2, cy = (ymin + ymax) / 2;
            this.xmin = cx - hx;
            this.xmax = cx + hx;
            this.ymin = cy - hy;
            this.ymax = cy + hy;
        } else {
            this.xmin = xmin;
            this.xmax = xmax;
            this.ymin = ymin;
            this.ymax = ymax;
        }
    }

    /** A viewport with {@link Margins#DEFAULT} and free aspect. */
    public static Viewport of(double xmin, double xmax, double ymin, double ymax, double width, double height) {
        return new Viewport(xmin, xmax, ymin, ymax, width, height, Margins.DEFAULT, false);
    }

    /** @return world x at the left edge of the plot area (after the equal-aspect fit) */
    public double xmin() { return xmin; }

    /** @return world x at the right edge of the plot area */
    public double xmax() { return xmax; }

    /** @return world y at the bottom edge of the plot area */
    public double ymin() { return ymin; }

    /** @return world y at the top edge of the plot area */
    public double ymax() { return ymax; }

    /**
     * @return the world rectangle asked for, {xmin, xmax, ymin, ymax}, before the equal-aspect
     *         fit widened one range (what a state file keeps, so a restored plot refits the same way)
     */
    public double[] requestedWorld() {
        return new double[] {reqXmin, reqXmax, reqYmin, reqYmax};
    }

    /** @return screen width in pixels, margins included */
    public double width() { return width; }

    /** @return screen height in pixels, margins included */
    public double height() { return height; }

    /** @return the margins */
    public Margins margins() { return margins; }

    /** @return whether both axes use the same pixels per world unit */
    public boolean equalAspect() { return equalAspect; }

    /** @return screen x of the plot area's left edge */
    public double plotLeft() { return margins.left(); }

    /** @return screen y of the plot area's top edge */
    public double plotTop() { return margins.top(); }

    /** @return plot area width in pixels (at least 1) */
    public double plotWidth() { return Math.max(1, width - margins.left() - margins.right()); }

    /** @return plot area height in pixels (at least 1) */
    public double plotHeight() { return Math.max(1, height - margins.top() - margins.bottom()); }

    /** @return pixels per world unit along x */
    public double scaleX() { return plotWidth() / (xmax - xmin); }

    /** @return pixels per world unit along y */
    public double scaleY() { return plotHeight() / (ymax - ymin); }

    /** sx = left + (x - xmin) * plotWidth / (xmax - xmin). */
    public double toScreenX(double x) {
        return plotLeft() + (x - xmin) * scaleX();
    }

    /** sy = top + (ymax - y) * plotHeight / (ymax - ymin) (y flipped). */
    public double toScreenY(double y) {
        return plotTop() + (ymax - y) * scaleY();
    }

    /** Inverse of {@link #toScreenX}. */
    public double toWorldX(double sx) {
        return xmin + (sx - plotLeft()) / scaleX();
    }

    /** Inverse of {@link #toScreenY}. */
    public double toWorldY(double sy) {
        return ymax - (sy - plotTop()) / scaleY();
    }

    /** @return whether the screen point lies in the plot area */
    public boolean inPlotArea(double sx, double sy) {
        return sx >= plotLeft() && sx <= plotLeft() + plotWidth() && sy >= plotTop() && sy <= plotTop() + plotHeight();
    }

    /** @return this viewport showing another world rectangle */
    public Viewport withWorld(double xmin, double xmax, double ymin, double ymax) {
        return new Viewport(xmin, xmax, ymin, ymax, width, height, margins, equalAspect);
    }

    /** @return this viewport on a screen of another size (the requested world range is refit) */
    public Viewport withSize(double width, double height) {
        if (width == this.width && height == this.height) {
            return this;
        }
        return new Viewport(reqXmin, reqXmax, reqYmin, reqYmax, width, height, margins, equalAspect);
    }

    /** @return this viewport with other margins */
    public Viewport withMargins(Margins margins) {
        return new Viewport(reqXmin, reqXmax, reqYmin, reqYmax, width, height, margins, equalAspect);
    }

    /** @return this viewport with the equal-aspect option changed */
    public Viewport withEqualAspect(boolean equalAspect) {
        return new Viewport(reqXmin, reqXmax, reqYmin, reqYmax, width, height, margins, equalAspect);
    }

    /**
     * Moves the content with the mouse: dragging by (dx, dy) pixels shifts the world window by
     * (-dx / scaleX, +dy / scaleY) (screen y is down, world y up).
     */
    public Viewport pan(double dxPixels, double dyPixels) {
        double dx = dxPixels / scaleX(), dy = dyPixels / scaleY();
        return withWorld(xmin - dx, xmax - dx, ymin + dy, ymax + dy);
    }

    /**
     * Zooms by {@code factor} (&gt; 1 zooms in) keeping the world point under (sx, sy) fixed:
     * {@code xmin' = wx - (wx - xmin) / factor}, {@code xmax' = wx + (xmax - wx) / factor}, same in y.
     */
    public Viewport zoom(double factor, double aboutScreenX, double aboutScreenY) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("zoom factor must be positive: " + factor);
        }
        double wx = toWorldX(aboutScreenX), wy = toWorldY(aboutScreenY);
        return withWorld(wx - (wx - xmin) / factor, wx + (xmax - wx) / factor,
                wy - (wy - ymin) / factor, wy + (ymax - wy) / factor);
    }

    /** @return nice ticks for the x axis, about one per 90 px */
    public Ticks xTicks() {
        return Ticks.nice(xmin, xmax, Math.max(2, (int) (plotWidth() / 90)));
    }

    /** @return nice ticks for the y axis, about one per 60 px */
    public Ticks yTicks() {
        return Ticks.nice(ymin, ymax, Math.max(2, (int) (plotHeight() / 60)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Viewport v && v.xmin == xmin && v.xmax == xmax && v.ymin == ymin && v.ymax == ymax
                && v.width == width && v.height == height && v.margins.equals(margins)
                && v.equalAspect == equalAspect;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(xmin, xmax, ymin, ymax, width, height, margins, equalAspect);
    }

    @Override
    public String toString() {
        return "Viewport[x=" + xmin + ".." + xmax + ", y=" + ymin + ".." + ymax + ", " + width + "x" + height + "]";
    }
}
