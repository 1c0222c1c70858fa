package org.genlab.ui.plot;

import java.util.function.DoubleBinaryOperator;

/**
 * A scalar field f(x, y) in world coordinates, e.g. a density. Implementations must allow
 * concurrent calls (heatmaps evaluate rows in parallel) and may override the row and grid methods
 * for speed.
 */
@FunctionalInterface
public interface Field2D {

    /** @return f(x, y) */
    double value(double x, double y);

    /** Fills {@code out[offset + i] = f(xs[i], y)} for every i. */
    default void evaluateRow(double[] xs, double y, double[] out, int offset) {
        for (int i = 0; i < xs.length; i++) {
            out[offset + i] = value(xs[i], y);
        }
    }

    /** Fills the grid row-major: {@code out[j * xs.length + i] = f(xs[i], ys[j])}. */
    default void evaluate(double[] xs, double[] ys, double[] out) {
        for (int j = 0; j < ys.length; j++) {
            evaluateRow(xs, ys[j], out, j * xs.length);
        }
    }

    /** @return a field backed by a plain function */
    static Field2D of(DoubleBinaryOperator f) {
        return f::applyAsDouble;
    }

    /**
     * A field given on a grid, read between the grid points by bilinear interpolation and held at
     * the border outside it: for values that are expensive per point (a network, a finite
     * difference) and are computed once on a coarse grid off the FX thread.
     *
     * @param xs evenly spaced, increasing grid x coordinates (at least 2)
     * @param ys evenly spaced, increasing grid y coordinates (at least 2)
     * @param values row-major, {@code values[j * xs.length + i]} at (xs[i], ys[j]); not copied
     */
    static Field2D ofGrid(double[] xs, double[] ys, double[] values) {
        if (xs.length < 2 || ys.length < 2 || values.length != xs.length * ys.length) {
            throw new IllegalArgumentException("grid: need at least 2 x 2 points and xs.length * ys.length values");
        }
        int nx = xs.length, ny = ys.length;
        double x0 = xs[0], dx = (xs[nx - 1] - x0) / (nx - 1), y0 = ys[0], dy = (ys[ny - 1] - y0) / (ny - 1);
        return (x, y) -> {
            double fx = Math.max(0, Math.min(nx - 1, (x - x0) / dx)), fy = Math.max(0, Math.min(ny - 1, (y - y0) / dy));
            int i = Math.min(nx - 2, (int) fx), j = Math.min(ny - 2, (int) fy);
            double a = fx - i, b = fy - j;
            double v00 = values[j * nx + i], v10 = values[j * nx + i + 1];
            double v01 = values[(j + 1) * nx + i], v11 = values[(j + 1) * nx + i + 1];
            return (1 - b) * ((1 - a) * v00 + a * v10) + b * ((1 - a) * v01 + a * v11);
        };
    }
}
