package org.genlab.ui.plot;

/**
 * Background, grid, frame, ticks, tick labels, axis labels and title around the plot area of a
 * {@link Viewport}. Shared by {@link PlotCanvas} and {@link LineChart}; labels are 14 px so they
 * read from a projector, and the painter's {@link FigureStyle} scales them (and the spacing
 * here) further in presentation mode and maps the colours to the light or dark palette.
 */
public final class Axes {
    private Axes() {
    }

    /** Tick label font size in pixels (at scale 1). */
    public static final double LABEL_SIZE = 14;
    /** Axis label and title font size in pixels (at scale 1). */
    public static final double TITLE_SIZE = 15;
    /** Light-theme colours; the painter's palette maps them (white page, grey grid, dark ink). */
    private static final int BACKGROUND = 0xFFFFFFFF, GRID = 0xFFE4E4E4, FRAME = 0xFF444444, TEXT = 0xFF222222;

    /** Fills the whole screen with the background colour. */
    public static void paintBackground(Painter p, Viewport v) {
        p.setFill(BACKGROUND);
        p.fillRect(0, 0, v.width(), v.height());
    }

    /** Ticks on the x axis, fewer when the style's labels are larger. */
    public static Ticks xTicks(Viewport v, double scale) {
        return Ticks.nice(v.xmin(), v.xmax(), Math.max(2, (int) (v.plotWidth() / (90 * scale))));
    }

    /** Ticks on the y axis, fewer when the style's labels are larger. */
    public static Ticks yTicks(Viewport v, double scale) {
        return Ticks.nice(v.ymin(), v.ymax(), Math.max(2, (int) (v.plotHeight() / (60 * scale))));
    }

    /** Paints grid lines at the ticks (under the layers). */
    public static void paintGrid(Painter p, Viewport v) {
        double s = p.style().scale();
        Ticks xt = xTicks(v, s), yt = yTicks(v, s);
        p.setStroke(GRID);
        p.setLineWidth(1);
        p.setDashes();
        double top = v.plotTop(), bottom = top + v.plotHeight(), left = v.plotLeft(), right = left + v.plotWidth();
        for (double x : xt.values()) {
            double sx = v.toScreenX(x);
            p.strokeLine(sx, top, sx, bottom);
        }
        for (double y : yt.values()) {
            double sy = v.toScreenY(y);
            p.strokeLine(left, sy, right, sy);
        }
    }

    /** Paints the frame, ticks and labels (over the layers). Null labels are skipped. */
    public static void paintFrame(Painter p, Viewport v, String title, String xLabel, String yLabel) {
        paintFrame(p, v, title, xLabel, yLabel, true);
    }

    /**
     * The frame, as {@link #paintFrame(Painter, Viewport, String, String, String)}, with the y
     * ticks left out when {@code yTicks} is false (a bar chart whose vertical position means nothing).
     */
    public static void paintFrame(Painter p, Viewport v, String title, String xLabel, String yLabel, boolean yTicks) {
        double s = p.style().scale();
        Ticks xt = xTicks(v, s), yt = yTicks ? yTicks(v, s) : new Ticks(new double[0], new String[0], 1);
        double top = v.plotTop(), bottom = top + v.plotHeight(), left = v.plotLeft(), right = left + v.plotWidth();
        double tick = 5 * s, gap = 7 * s;
        p.setStroke(FRAME);
        p.setFill(TEXT);
        p.setLineWidth(1);
        p.setDashes();
        p.strokeRect(left, top, v.plotWidth(), v.plotHeight());
        for (int i = 0; i < xt.values().length; i++) {
            double sx = v.toScreenX(xt.values()[i]);
            p.strokeLine(sx, bottom, sx, bottom + tick);
            p.text(xt.labels()[i], sx, bottom + gap, LABEL_SIZE, Painter.HAlign.CENTER, Painter.VAlign.TOP, false);
        }
        for (int i = 0; i < yt.values().length; i++) {
            double sy = v.toScreenY(yt.values()[i]);
            p.strokeLine(left - tick, sy, left, sy);
            p.text(yt.labels()[i], left - gap, sy, LABEL_SIZE, Painter.HAlign.RIGHT, Painter.VAlign.CENTER, false);
        }
        if (xLabel != null) {
            p.text(xLabel, left + v.plotWidth() / 2, v.height() - 4 * s, TITLE_SIZE, Painter.HAlign.CENTER,
                    Painter.VAlign.BOTTOM, false);
        }
        if (yLabel != null) {
            // Rotation is not part of Painter: the y label sits horizontally above the axis.
            p.text(yLabel, left, top - 3 * s, TITLE_SIZE, Painter.HAlign.LEFT, Painter.VAlign.BOTTOM, false);
        }
        if (title != null) {
            p.text(title, left + v.plotWidth() / 2, 4 * s, TITLE_SIZE + 1, Painter.HAlign.CENTER, Painter.VAlign.TOP, true);
        }
    }

    /**
     * Width of a tick label, estimated without a font: digits, signs and points of the sans-serif
     * fonts GenLab draws with are at most 0.64 em wide.
     */
    static double estimateLabelWidth(String label) {
        return label.length() * 0.64 * LABEL_SIZE;
    }

    /** @return the left margin that fits the longest of these y tick labels (tick, gap and a little air) */
    public static double leftMarginFor(Ticks yTicks) {
        return leftMarginFor(yTicks, 1);
    }

    /** @return the left margin that fits these y tick labels at a style's scale */
    public static double leftMarginFor(Ticks yTicks, double scale) {
        double w = 0;
        for (String s : yTicks.labels()) {
            w = Math.max(w, estimateLabelWidth(s));
        }
        return Math.ceil((w + 7 + 6) * scale);
    }

    /** @return margins that leave room for the optional title and labels */
    public static Viewport.Margins margins(boolean title, boolean xLabel, boolean yLabel) {
        return margins(title, xLabel, yLabel, 1);
    }

    /** @return margins that leave room for the optional title and labels at a style's scale */
    public static Viewport.Margins margins(boolean title, boolean xLabel, boolean yLabel, double scale) {
        Viewport.Margins d = Viewport.Margins.DEFAULT;
        double top = d.top() + (title ? 24 : 0) + (yLabel ? 14 : 0);
        // at a larger scale the right margin also holds half of the last x tick label ("1000")
        double right = Math.max(d.right() * scale, 26 * scale - 10);
        return new Viewport.Margins(top * scale, right, (d.bottom() - (xLabel ? 0 : 20)) * scale, d.left() * scale);
    }
}
