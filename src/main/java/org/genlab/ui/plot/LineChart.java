package org.genlab.ui.plot;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Quantities over iterations or time: named series (colours from Okabe-Ito), axes, legend, and a
 * vertical cursor linked to a timeline through {@link #cursorXProperty()} (named so as not to clash with {@link javafx.scene.Node#cursorProperty()}). Clicking or dragging
 * with the primary button in the plot area sets the cursor (snapped to whole numbers unless
 * {@link #setSnapToInteger} is off); external code may set it too. A marker shows each series'
 * value at the cursor (linear interpolation; none inside NaN gaps).
 *
 * <p>Series are modified on the FX thread. NaN values break the line; a single finite point is
 * drawn as a dot.
 */
public class LineChart extends CanvasRegion {

    /** One named series of (x, y) points with increasing x. */
    public final class Series {
        private final String name;
        private final int argb;
        private double[] xs = new double[16], ys = new double[16];
        private int n;

        private Series(String name, int argb) {
            this.name = name;
            this.argb = argb;
        }

        /** @return the name */
        public String name() {
            return name;
        }

        /** @return the colour (ARGB) */
        public int color() {
            return argb;
        }

        /** @return number of points */
        public int size() {
            return n;
        }

        /** @return x of point i */
        public double x(int i) {
            return xs[i];
        }

        /** @return y of point i */
        public double y(int i) {
            return ys[i];
        }

        /** Appends a point (x should not decrease); y may be NaN for a gap. */
        public void add(double x, double y) {
            if (n == xs.length) {
                xs = java.util.Arrays.copyOf(xs, n * 2);
                ys = java.util.Arrays.copyOf(ys, n * 2);
            }
            xs[n] = x;
            ys[n] = y;
            n++;
            requestRedraw();
        }

        /** Replaces the points (copied). */
        public void setData(double[] x, double[] y) {
            if (x.length != y.length) {
                throw new IllegalArgumentException("x and y differ in length");
            }
            xs = java.util.Arrays.copyOf(x, Math.max(16, x.length));
            ys = java.util.Arrays.copyOf(y, Math.max(16, y.length));
            n = x.length;
            requestRedraw();
        }

        /** Replaces the points with y[i] at x = i. */
        public void setValues(double[] y) {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            setData(x, y);
        }

        /** Removes all points. */
        public void clear() {
            n = 0;
            requestRedraw();
        }

        /**
         * @return y at x by linear interpolation between the neighbouring points,
         *     y = y0 + (y1 - y0) (x - x0) / (x1 - x0); NaN outside the data or next to a NaN
         */
        public double valueAt(double x) {
            if (n == 0 || Double.isNaN(x) || x < xs[0] || x > xs[n - 1]) {
                return Double.NaN;
            }
            int lo = 0, hi = n - 1;
            while (hi - lo > 1) { // binary search for xs[lo] <= x <= xs[hi]
                int mid = (lo + hi) >>> 1;
                if (xs[mid] <= x) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            if (xs[lo] == x) {
                return ys[lo];
            }
            if (xs[hi] == x) {
                return ys[hi];
            }
            return ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / (xs[hi] - xs[lo]);
        }
    }

    private final List<Series> series = new ArrayList<>();
    private final DoubleProperty cursor = new SimpleDoubleProperty(this, "cursorX", Double.NaN);
    private String title, xLabel, yLabel;
    private boolean snapToInteger = true;

    /** The heights the pane gave, while presentation mode scales them (NaN otherwise). */
    private double baseMinHeight = Double.NaN, basePrefHeight = Double.NaN;

    /**
     * A chart's text grows with the presentation scale, so its height does too: the heights the
     * pane set are scaled while the style's scale is above 1 and put back exactly after.
     */
    @Override
    protected void styleChanged() {
        // a little less than the text grows: the main figure above keeps most of the room
        double k = 1 + (FigureStyle.current().scale() - 1) * 0.6;
        if (k != 1 && Double.isNaN(basePrefHeight)) {
            baseMinHeight = getMinHeight();
            basePrefHeight = getPrefHeight();
        }
        if (!Double.isNaN(basePrefHeight)) {
            setMinHeight(baseMinHeight > 0 ? baseMinHeight * k : baseMinHeight);
            setPrefHeight(basePrefHeight > 0 ? basePrefHeight * k : basePrefHeight);
            if (k == 1) {
                baseMinHeight = basePrefHeight = Double.NaN;
            }
        }
        requestRedraw();
    }

    /** An empty chart. */
    public LineChart() {
        setPrefSize(500, 260);
        setMinSize(80, 60);
        cursor.addListener((obs, o, n) -> requestRedraw());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::setCursorFromMouse);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::setCursorFromMouse);
    }

    private void setCursorFromMouse(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Viewport v = viewport();
        double x = v.toWorldX(Math.max(v.plotLeft(), Math.min(v.plotLeft() + v.plotWidth(), e.getX())));
        setCursorX(snapToInteger ? Math.rint(x) : x);
        e.consume();
    }

    /** Adds a series coloured with the next Okabe-Ito colour. */
    public Series addSeries(String name) {
        return addSeries(name, Colormaps.category(series.size()));
    }

    /** Adds a series with a given colour. */
    public Series addSeries(String name, int argb) {
        Series s = new Series(name, argb);
        series.add(s);
        requestRedraw();
        return s;
    }

    /** @return the series, in drawing order */
    public List<Series> getSeries() {
        return List.copyOf(series);
    }

    /** Removes all series. */
    public void clear() {
        series.clear();
        requestRedraw();
    }

    /** @return the cursor position in x units; NaN hides the cursor */
    public DoubleProperty cursorXProperty() {
        return cursor;
    }

    /** @return the cursor position (NaN when hidden) */
    public double getCursorX() {
        return cursor.get();
    }

    /** Sets the cursor position (NaN hides it). */
    public void setCursorX(double x) {
        cursor.set(x);
    }

    /** Whether mouse-set cursor positions round to whole numbers (default true: iterations). */
    public void setSnapToInteger(boolean snap) {
        snapToInteger = snap;
    }

    /** Sets the optional title and axis labels (null for none). */
    public void setLabels(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        requestRedraw();
    }

    /**
     * @return the viewport fitting all finite data: x over the data range (a single x gets +-0.5),
     *     y padded by 5% (a constant y gets +-0.5)
     */
    public Viewport viewport() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.n; i++) {
                if (Double.isFinite(s.xs[i]) && Double.isFinite(s.ys[i])) {
                    x0 = Math.min(x0, s.xs[i]);
                    x1 = Math.max(x1, s.xs[i]);
                    y0 = Math.min(y0, s.ys[i]);
                    y1 = Math.max(y1, s.ys[i]);
                }
            }
        }
        if (x0 > x1) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        if (x0 == x1) {
            x0 -= 0.5;
            x1 += 0.5;
        }
        if (y0 == y1) {
            y0 -= 0.5;
            y1 += 0.5;
        } else {
            double pad = 0.05 * (y1 - y0);
            y0 -= pad;
            y1 += pad;
        }
        double k = FigureStyle.current().scale();
        Viewport.Margins m = Axes.margins(title != null, xLabel != null, yLabel != null, k);
        Viewport v = new Viewport(x0, x1, y0, y1, Math.max(1, getWidth()), Math.max(1, getHeight()), m, false);
        // Long tick labels (a log-likelihood of -267101.5) need a wider left margin than the default.
        double left = Axes.leftMarginFor(Axes.yTicks(v, k), k);
        return left > m.left() ? v.withMargins(new Viewport.Margins(m.top(), m.right(), m.bottom(), left)) : v;
    }

    @Override
    protected Viewport currentViewport() {
        return viewport();
    }

    /** Paints the chart with any painter (e.g. for export). */
    @Override
    public void paint(Painter p, Viewport v) {
        frame(v).accept(p);
    }

    /** A series' points as they are now. */
    private record Frozen(String name, int argb, double[] xs, double[] ys, int n, double cursorY) {
    }

    /** Copies the series (they grow on the FX thread), so the frame may paint on another thread. */
    @Override
    protected java.util.function.Consumer<Painter> frame(Viewport v) {
        double c = cursor.get();
        List<Frozen> list = new ArrayList<>(series.size());
        for (Series s : series) {
            list.add(new Frozen(s.name, s.argb, java.util.Arrays.copyOf(s.xs, s.n), java.util.Arrays.copyOf(s.ys, s.n), s.n,
                    Double.isNaN(c) ? Double.NaN : s.valueAt(c)));
        }
        String t = title, xl = xLabel, yl = yLabel;
        FigureStyle style = FigureStyle.current();
        return p -> paintFrozen(style.wrap(p), v, list, c, t, xl, yl);
    }

    private static void paintFrozen(Painter p, Viewport v, List<Frozen> series, double cursorX, String title, String xLabel,
                                    String yLabel) {
        Axes.paintBackground(p, v);
        Axes.paintGrid(p, v);
        p.save();
        p.clip(v.plotLeft(), v.plotTop(), v.plotWidth(), v.plotHeight());
        List<LegendEntry> legend = new ArrayList<>();
        double[] sx = new double[16], sy = new double[16];
        for (Frozen s : series) {
            legend.add(LegendEntry.line(s.name, s.argb));
            if (sx.length < s.n) {
                sx = new double[s.n];
                sy = new double[s.n];
            }
            p.setStroke(s.argb);
            p.setFill(s.argb);
            p.setLineWidth(2);
            p.setDashes();
            int run = 0;
            for (int i = 0; i <= s.n; i++) {
                boolean ok = i < s.n && Double.isFinite(s.xs[i]) && Double.isFinite(s.ys[i]);
                if (ok) {
                    sx[run] = v.toScreenX(s.xs[i]);
                    sy[run] = v.toScreenY(s.ys[i]);
                    run++;
                } else {
                    if (run == 1) {
                        p.fillCircle(sx[0], sy[0], 3); // isolated point
                    } else {
                        p.strokePolyline(sx, sy, run);
                    }
                    run = 0;
                }
            }
        }
        paintCursor(p, v, series, cursorX);
        p.restore();
        Axes.paintFrame(p, v, title, xLabel, yLabel);
        Legend.paint(p, v, legend, Legend.Corner.TOP_RIGHT);
    }

    private static void paintCursor(Painter p, Viewport v, List<Frozen> series, double c) {
        if (Double.isNaN(c)) {
            return;
        }
        double cx = v.toScreenX(c);
        p.setStroke(0xFF555555);
        p.setLineWidth(1.5);
        p.setDashes(6, 4);
        p.strokeLine(cx, v.plotTop(), cx, v.plotTop() + v.plotHeight());
        p.setDashes();
        for (Frozen s : series) {
            double y = s.cursorY;
            if (Double.isFinite(y)) {
                p.setFill(s.argb);
                p.fillCircle(cx, v.toScreenY(y), 5);
                p.setStroke(0xFFFFFFFF);
                p.strokeCircle(cx, v.toScreenY(y), 5);
            }
        }
    }
}
