package org.genlab.ui.plot;

import java.util.function.DoubleUnaryOperator;

/** Small drawing helpers the VAE views share. */
public final class Curves {
    public static final int ORANGE = 0xFFE69F00, SKY = 0xFF56B4E9, GREEN = 0xFF009E73, BLUE = 0xFF0072B2,
            VERMILLION = 0xFFD55E00, PURPLE = 0xFFCC79A7, BLACK = 0xFF000000, GREY = 0xFF777777;

    private Curves() {
    }

    /**
     * y = f(x) sampled at n + 1 even points on [a, b], as a path; values that are not finite
     * become NaN, which breaks the line there.
     */
    public static PathLayer.Path curve(DoubleUnaryOperator f, double a, double b, int n, int argb, double width) {
        double[] xs = new double[n + 1], ys = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            xs[i] = a + (b - a) * i / n;
            double y = f.applyAsDouble(xs[i]);
            ys[i] = Double.isFinite(y) ? y : Double.NaN;
        }
        return PathLayer.Path.of(xs, ys, argb, width);
    }

    /** The same curve with x and y swapped: x = f(y) for y on [a, b]. */
    public static PathLayer.Path curveOfY(DoubleUnaryOperator f, double a, double b, int n, int argb, double width) {
        PathLayer.Path p = curve(f, a, b, n, argb, width);
        return PathLayer.Path.of(p.ys(), p.xs(), argb, width);
    }

    /** N(x; mean, var). */
    public static double normalDensity(double x, double mean, double var) {
        double d = x - mean;
        return Math.exp(-0.5 * d * d / var) / Math.sqrt(2 * Math.PI * var);
    }

    /** A straight segment. */
    public static PathLayer.Path segment(double x0, double y0, double x1, double y1, int argb, double width) {
        return PathLayer.Path.of(new double[] {x0, x1}, new double[] {y0, y1}, argb, width);
    }

    /** A plot styled the GenLab way, with axis labels and a legend. */
    public static PlotCanvas plot(String xLabel, String yLabel) {
        PlotCanvas p = new PlotCanvas();
        p.setAxisLabels(xLabel, yLabel);
        p.setLegendVisible(true);
        p.setMinSize(200, 150);
        return p;
    }

    /**
     * A grid whose columns and rows take these percentages of its size, with a small gap;
     * children added to it grow to fill their cells.
     */
    public static javafx.scene.layout.GridPane grid(double[] columnPercents, double[] rowPercents) {
        javafx.scene.layout.GridPane g = new javafx.scene.layout.GridPane();
        for (double c : columnPercents) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(c);
            cc.setHgrow(javafx.scene.layout.Priority.ALWAYS);
            g.getColumnConstraints().add(cc);
        }
        for (double r : rowPercents) {
            javafx.scene.layout.RowConstraints rc = new javafx.scene.layout.RowConstraints();
            rc.setPercentHeight(r);
            rc.setVgrow(javafx.scene.layout.Priority.ALWAYS);
            g.getRowConstraints().add(rc);
        }
        g.setHgap(4);
        g.setVgap(4);
        return g;
    }

    /** The distance in pixels from a screen point to a world point. */
    public static double pixels(Viewport v, double sx, double sy, double wx, double wy) {
        return Math.hypot(v.toScreenX(wx) - sx, v.toScreenY(wy) - sy);
    }
}
