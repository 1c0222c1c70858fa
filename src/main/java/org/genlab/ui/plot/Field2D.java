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
}
