package org.genlab.core.vae;

import java.util.Arrays;
import java.util.Objects;
import org.genlab.core.data.Dataset2D;

/**
 * The examples a {@link Vae} learns from or encodes: n rows of {@link #dim()} floats, each
 * with a weight (all 1 for images). Immutable; every value is finite and every weight finite
 * and &gt; 0. Built from {@link Shapes#data()} or from a data pane set ({@link #of(Dataset2D, String)}).
 */
public final class VaeData {
    private final String name;
    private final int dim;
    private final float[] values;
    private final double[] weights;

    private VaeData(String name, int dim, float[] values, double[] weights) {
        this.name = name;
        this.dim = dim;
        this.values = values;
        this.weights = weights;
    }

    /** Takes ownership of the arrays after checking them ({@code weights} null: all 1). */
    static VaeData owning(String name, int dim, float[] values, double[] weights) {
        Objects.requireNonNull(name, "name");
        if (dim < 1) {
            throw new IllegalArgumentException("data: the dimension must be at least 1, got " + dim);
        }
        if (values.length == 0 || values.length % dim != 0) {
            throw new IllegalArgumentException("data: " + values.length + " values are not a positive number of rows of " + dim);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("data: value " + (i % dim) + " of row " + (i / dim) + " is not finite: " + values[i]);
            }
        }
        if (weights != null) {
            if (weights.length != values.length / dim) {
                throw new IllegalArgumentException("data: " + weights.length + " weights for " + values.length / dim + " rows");
            }
            for (int i = 0; i < weights.length; i++) {
                if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
                    throw new IllegalArgumentException("data: weight of row " + i + " must be finite and > 0, got " + weights[i]);
                }
            }
        }
        return new VaeData(name, dim, values, weights);
    }

    /** Rows given as arrays of the same length (copied), weight 1 each. */
    public static VaeData of(String name, float[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("data: the data set is empty");
        }
        int d = rows[0].length;
        float[] v = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("data: row " + i + " has " + rows[i].length + " values, row 0 has " + d);
            }
            System.arraycopy(rows[i], 0, v, i * d, d);
        }
        return owning(name, d, v, null);
    }

    /** The 2-D points of a data set (x, y as floats), with their weights. */
    public static VaeData of(Dataset2D data, String name) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("data: the data set is empty");
        }
        int n = data.size();
        float[] v = new float[2 * n];
        double[] w = data.hasUnitWeights() ? null : new double[n];
        for (int i = 0; i < n; i++) {
            v[2 * i] = (float) data.x(i);
            v[2 * i + 1] = (float) data.y(i);
            if (w != null) {
                w[i] = data.weight(i);
            }
        }
        return owning(name, 2, v, w);
    }

    /** The data set's name (stored in a model file: {@code shapes}, or a CSV file's name). */
    public String name() {
        return name;
    }

    /** Values per row. */
    public int dim() {
        return dim;
    }

    /** Number of rows. */
    public int size() {
        return values.length / dim;
    }

    /** Row i (a new array). */
    public float[] row(int i) {
        return Arrays.copyOfRange(values, i * dim, (i + 1) * dim);
    }

    /** Weight of row i. */
    public double weight(int i) {
        return weights == null ? 1 : weights[i];
    }

    /** Whether every weight is 1. */
    public boolean unitWeights() {
        return weights == null;
    }

    /** The first {@code n} rows (all if n is at least the size). */
    public VaeData head(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: must be at least 1, got " + n);
        }
        if (n >= size()) {
            return this;
        }
        return new VaeData(name, dim, Arrays.copyOf(values, n * dim), weights == null ? null : Arrays.copyOf(weights, n));
    }

    /** Copies row i into {@code dst} at {@code off}. */
    void copyRow(int i, float[] dst, int off) {
        System.arraycopy(values, i * dim, dst, off, dim);
    }

    /** The values, row-major (not copied: package use only). */
    float[] values() {
        return values;
    }
}
