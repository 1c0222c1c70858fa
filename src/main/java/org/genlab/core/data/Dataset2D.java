package org.genlab.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of weighted points in the plane.
 *
 * <p>Every coordinate is finite and every weight is finite and strictly positive; the
 * factories check this and name the offending index. Instances never change: the edit
 * operations ({@link #withPoint}, {@link #withPointMoved}, {@link #withPointsMoved},
 * {@link #withPointsAt}, {@link #withoutPoints}) return new datasets, so an undo/redo stack
 * can simply keep the old ones.
 *
 * <p>Statistics are weighted: point {@code i} counts {@code weight(i)} times. With unit
 * weights they reduce to the ordinary sample mean and the maximum-likelihood (divide by
 * {@code n}, not {@code n - 1}) covariance.
 *
 * <p>Equality is by value and bitwise per coordinate (as {@link Arrays#equals(double[],
 * double[])}), so {@code 0.0} and {@code -0.0} differ.
 */
public final class Dataset2D {

    /** The dataset with no points. */
    public static final Dataset2D EMPTY = new Dataset2D(new double[0], new double[0], new double[0]);

    private final double[] xs;
    private final double[] ys;
    private final double[] ws;
    private final boolean unitWeights;
    private final double totalWeight;

    /** Takes ownership of already validated arrays. */
    private Dataset2D(double[] xs, double[] ys, double[] ws) {
        this.xs = xs;
        this.ys = ys;
        this.ws = ws;
        boolean unit = true;
        double total = 0;
        for (double w : ws) {
            unit &= w == 1.0;
            total += w;
        }
        this.unitWeights = unit;
        this.totalWeight = total;
    }

    /**
     * Points with unit weights. The arrays are copied.
     *
     * @throws IllegalArgumentException if the lengths differ or a coordinate is NaN or
     *     infinite (the message names the index)
     */
    public static Dataset2D of(double[] xs, double[] ys) {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(ys, "ys");
        double[] ws = new double[xs.length];
        Arrays.fill(ws, 1.0);
        return owning(xs.clone(), ys.clone(), ws);
    }

    /**
     * Weighted points. The arrays are copied.
     *
     * @throws IllegalArgumentException if the lengths differ, a coordinate is NaN or
     *     infinite, a weight is not finite and strictly positive, or the total weight
     *     overflows (the message names the index)
     */
    public static Dataset2D of(double[] xs, double[] ys, double[] weights) {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(ys, "ys");
        Objects.requireNonNull(weights, "weights");
        return owning(xs.clone(), ys.clone(), weights.clone());
    }

    /**
     * Validates and wraps arrays without copying them; for this package's generators and
     * readers, which build fresh arrays and hand them over.
     */
    static Dataset2D owning(double[] xs, double[] ys, double[] ws) {
        if (xs.length != ys.length || xs.length != ws.length) {
            throw new IllegalArgumentException("arrays differ in length: xs " + xs.length
                    + ", ys " + ys.length + ", weights " + ws.length);
        }
        double total = 0;
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i])) {
                throw new IllegalArgumentException("x[" + i + "] is not finite: " + xs[i]);
            }
            if (!Double.isFinite(ys[i])) {
                throw new IllegalArgumentException("y[" + i + "] is not finite: " + ys[i]);
            }
            if (!(ws[i] > 0) || !Double.isFinite(ws[i])) {
                throw new IllegalArgumentException(
                        "weight[" + i + "] must be finite and > 0, got " + ws[i]);
            }
            total += ws[i];
        }
        if (!Double.isFinite(total)) {
            throw new IllegalArgumentException("total weight overflows to infinity");
        }
        return xs.length == 0 ? EMPTY : new Dataset2D(xs, ys, ws);
    }

    // ---------------------------------------------------------------- accessors

    /** Number of points. */
    public int size() {
        return xs.length;
    }

    /** True when there are no points. */
    public boolean isEmpty() {
        return xs.length == 0;
    }

    /**
     * The x coordinate of point i.
     *
     * @throws IndexOutOfBoundsException if i is not in [0, size())
     */
    public double x(int i) {
        return xs[i];
    }

    /**
     * The y coordinate of point i.
     *
     * @throws IndexOutOfBoundsException if i is not in [0, size())
     */
    public double y(int i) {
        return ys[i];
    }

    /**
     * The weight of point i (finite, &gt; 0).
     *
     * @throws IndexOutOfBoundsException if i is not in [0, size())
     */
    public double weight(int i) {
        return ws[i];
    }

    /** A copy of the x coordinates. */
    public double[] xs() {
        return xs.clone();
    }

    /** A copy of the y coordinates. */
    public double[] ys() {
        return ys.clone();
    }

    /** A copy of the weights. */
    public double[] weights() {
        return ws.clone();
    }

    /** True when every weight is exactly 1 (also for the empty dataset). */
    public boolean hasUnitWeights() {
        return unitWeights;
    }

    /** W = Σ w_i; equals {@link #size()} for unit weights, 0 for the empty dataset. */
    public double totalWeight() {
        return totalWeight;
    }

    // ---------------------------------------------------------------- statistics

    /**
     * The weighted mean m = Σ w_i p_i / W, as {@code {mx, my}}.
     *
     * <p>Accumulated relative to the first point, m = p_0 + Σ w_i (p_i − p_0) / W, so data
     * far from the origin keeps its low-order digits.
     *
     * @throws IllegalStateException if the dataset is empty
     */
    public double[] mean() {
        requireNonEmpty("mean");
        double x0 = xs[0];
        double y0 = ys[0];
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < xs.length; i++) {
            sx += ws[i] * (xs[i] - x0);
            sy += ws[i] * (ys[i] - y0);
        }
        return new double[] {x0 + sx / totalWeight, y0 + sy / totalWeight};
    }

    /**
     * The weighted maximum-likelihood covariance, divided by the total weight W (not by
     * W − 1 or any "unbiased" correction), as {@code {{cxx, cxy}, {cxy, cyy}}}:
     *
     * <pre>
     *   C_ab = Σ w_i d_ia d_ib / W,   d_i = p_i − m
     * </pre>
     *
     * <p>Computed by the corrected two-pass algorithm (Chan, Golub and LeVeque 1983): first
     * the mean m, then the centred sums, minus the correction (Σ w d_a)(Σ w d_b) / W, which
     * is zero in exact arithmetic and removes the rounding error of m. Unlike the one-pass
     * E[x²] − E[x]², this stays accurate for data far from the origin. The result is
     * exactly symmetric. A single point gives the zero matrix.
     *
     * @throws IllegalStateException if the dataset is empty
     */
    public double[][] covariance() {
        double[] m = mean();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < xs.length; i++) {
            double dx = xs[i] - m[0];
            double dy = ys[i] - m[1];
            double w = ws[i];
            sx += w * dx;
            sy += w * dy;
            sxx += w * dx * dx;
            sxy += w * dx * dy;
            syy += w * dy * dy;
        }
        double cxx = (sxx - sx * sx / totalWeight) / totalWeight;
        double cxy = (sxy - sx * sy / totalWeight) / totalWeight;
        double cyy = (syy - sy * sy / totalWeight) / totalWeight;
        // The correction can push a tiny variance a hair below zero; a variance is never negative.
        return new double[][] {{Math.max(cxx, 0), cxy}, {cxy, Math.max(cyy, 0)}};
    }

    /** The axis-aligned bounding box of the points (weights play no part). */
    public record Bounds(double minX, double minY, double maxX, double maxY) {
        public double width() {
            return maxX - minX;
        }

        public double height() {
            return maxY - minY;
        }
    }

    /**
     * The smallest box containing every point.
     *
     * @throws IllegalStateException if the dataset is empty
     */
    public Bounds bounds() {
        requireNonEmpty("bounds");
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        return new Bounds(minX, minY, maxX, maxY);
    }

    /**
     * Index of the point nearest to (x, y) in Euclidean distance, the lowest index on a tie;
     * −1 for the empty dataset. Handy for hit-testing a click.
     */
    public int nearest(double x, double y) {
        int best = -1;
        double bestD2 = Double.POSITIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            double dx = xs[i] - x;
            double dy = ys[i] - y;
            double d2 = dx * dx + dy * dy;
            if (d2 < bestD2) {
                bestD2 = d2;
                best = i;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- edits (new datasets)

    /**
     * A new dataset with (x, y) appended at index {@code size()}, weight 1.
     *
     * @throws IllegalArgumentException if x or y is not finite
     */
    public Dataset2D withPoint(double x, double y) {
        int n = xs.length;
        double[] nx = Arrays.copyOf(xs, n + 1);
        double[] ny = Arrays.copyOf(ys, n + 1);
        double[] nw = Arrays.copyOf(ws, n + 1);
        nx[n] = x;
        ny[n] = y;
        nw[n] = 1.0;
        return owning(nx, ny, nw);
    }

    /**
     * A new dataset with point {@code i} at (x, y); its weight and all other points unchanged.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not a valid index
     * @throws IllegalArgumentException if x or y is not finite
     */
    public Dataset2D withPointMoved(int i, double x, double y) {
        return withPointsAt(new int[] {i}, new double[] {x}, new double[] {y});
    }

    /**
     * A new dataset with each listed point translated by (dx, dy). Indices may come in any
     * order; a repeated index moves its point once.
     *
     * @throws IndexOutOfBoundsException if an index is not valid
     * @throws IllegalArgumentException if a moved coordinate would not be finite
     */
    public Dataset2D withPointsMoved(int[] idx, double dx, double dy) {
        boolean[] selected = mask(idx);
        double[] nx = xs.clone();
        double[] ny = ys.clone();
        for (int i = 0; i < nx.length; i++) {
            if (selected[i]) {
                nx[i] += dx;
                ny[i] += dy;
            }
        }
        return owning(nx, ny, ws);
    }

    /**
     * A new dataset with point {@code idx[k]} placed at ({@code x[k]}, {@code y[k]}) for every
     * k; weights and all other points unchanged. Useful to restore or set the positions of a
     * dragged selection in one step.
     *
     * @throws IllegalArgumentException if the three arrays differ in length, an index is
     *     repeated (its target would be ambiguous), or a coordinate is not finite
     * @throws IndexOutOfBoundsException if an index is not valid
     */
    public Dataset2D withPointsAt(int[] idx, double[] x, double[] y) {
        if (idx.length != x.length || idx.length != y.length) {
            throw new IllegalArgumentException("arrays differ in length: idx " + idx.length
                    + ", x " + x.length + ", y " + y.length);
        }
        boolean[] seen = new boolean[xs.length];
        double[] nx = xs.clone();
        double[] ny = ys.clone();
        for (int k = 0; k < idx.length; k++) {
            int i = Objects.checkIndex(idx[k], xs.length);
            if (seen[i]) {
                throw new IllegalArgumentException("index " + i + " given twice");
            }
            seen[i] = true;
            nx[i] = x[k];
            ny[i] = y[k];
        }
        return owning(nx, ny, ws);
    }

    /**
     * A new dataset without the listed points; the rest keep their order and weights.
     * Indices may come in any order; repeats are ignored.
     *
     * @throws IndexOutOfBoundsException if an index is not valid
     */
    public Dataset2D withoutPoints(int[] idx) {
        boolean[] removed = mask(idx);
        int kept = 0;
        for (boolean r : removed) {
            if (!r) {
                kept++;
            }
        }
        double[] nx = new double[kept];
        double[] ny = new double[kept];
        double[] nw = new double[kept];
        int j = 0;
        for (int i = 0; i < xs.length; i++) {
            if (!removed[i]) {
                nx[j] = xs[i];
                ny[j] = ys[i];
                nw[j] = ws[i];
                j++;
            }
        }
        return owning(nx, ny, nw);
    }

    /** mask[i] is true iff i occurs in idx; checks every index. */
    private boolean[] mask(int[] idx) {
        boolean[] mask = new boolean[xs.length];
        for (int i : idx) {
            mask[Objects.checkIndex(i, xs.length)] = true;
        }
        return mask;
    }

    private void requireNonEmpty(String what) {
        if (xs.length == 0) {
            throw new IllegalStateException(what + " of an empty dataset");
        }
    }

    // ---------------------------------------------------------------- Object

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset2D d
                && Arrays.equals(xs, d.xs)
                && Arrays.equals(ys, d.ys)
                && Arrays.equals(ws, d.ws);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(xs) + Arrays.hashCode(ys)) + Arrays.hashCode(ws);
    }

    /** E.g. {@code Dataset2D[n=200]} or {@code Dataset2D[n=3, weighted, W=4.5]}. */
    @Override
    public String toString() {
        return unitWeights
                ? "Dataset2D[n=" + xs.length + "]"
                : "Dataset2D[n=" + xs.length + ", weighted, W=" + totalWeight + "]";
    }
}
