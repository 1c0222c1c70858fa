package org.genlab.core.nn;

import java.util.Arrays;
import org.genlab.core.math.Rng;

/**
 * The architecture of a multilayer perceptron: the widths of its layers, input first and
 * output last, and the activation after each affine layer.
 *
 * <p>Layer {@code l} (1 to {@link #layers()}) maps a row {@code a} of width
 * {@code width(l-1)} to {@code f_l(a W_l + b_l)}, with {@code W_l} of shape
 * {@code width(l-1) x width(l)}. The parameters of every network of this shape are laid out
 * in one flat array, layer by layer, each layer's {@code W_l} (row-major) followed by its
 * {@code b_l}; the fast and the reference networks, the optimisers and the file format all
 * share this layout.
 */
public final class MlpShape {
    private final int[] widths;
    private final Activation[] activations;
    private final int[] weightOffsets;
    private final int parameterCount;

    /**
     * @param widths      the layer widths, input first, output last (at least two, each at least 1)
     * @param activations the activation after each layer ({@code widths.length - 1} of them)
     */
    public MlpShape(int[] widths, Activation... activations) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output width, got " + Arrays.toString(widths));
        }
        if (activations.length != widths.length - 1) {
            throw new IllegalArgumentException("need " + (widths.length - 1) + " activations (one per layer), got " + activations.length);
        }
        long count = 0;
        weightOffsets = new int[widths.length];
        for (int l = 0; l < widths.length; l++) {
            if (widths[l] < 1) {
                throw new IllegalArgumentException("layer width " + widths[l] + " is not positive: " + Arrays.toString(widths));
            }
            if (l > 0) {
                weightOffsets[l] = (int) count;
                count += (long) widths[l - 1] * widths[l] + widths[l];
            }
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many parameters: " + count);
        }
        for (Activation a : activations) {
            if (a == null) {
                throw new IllegalArgumentException("an activation is null");
            }
        }
        this.widths = widths.clone();
        this.activations = activations.clone();
        this.parameterCount = (int) count;
    }

    /**
     * The common case: {@code hiddenLayers} hidden layers of width {@code hidden} with the
     * activation {@code f}, and a linear output layer.
     */
    public static MlpShape of(int inputs, int hidden, int hiddenLayers, int outputs, Activation f) {
        if (hiddenLayers < 0) {
            throw new IllegalArgumentException("hiddenLayers is negative: " + hiddenLayers);
        }
        int[] w = new int[hiddenLayers + 2];
        Activation[] a = new Activation[hiddenLayers + 1];
        Arrays.fill(w, hidden);
        Arrays.fill(a, f);
        w[0] = inputs;
        w[w.length - 1] = outputs;
        a[a.length - 1] = Activation.IDENTITY;
        return new MlpShape(w, a);
    }

    /** The number of affine layers. */
    public int layers() {
        return widths.length - 1;
    }

    /** Width of layer {@code l}: 0 is the input, {@link #layers()} the output. */
    public int width(int l) {
        return widths[l];
    }

    /** The widths, input first. */
    public int[] widths() {
        return widths.clone();
    }

    /** The activation after layer {@code l} (1 to {@link #layers()}). */
    public Activation activation(int l) {
        return activations[l - 1];
    }

    /** The activations after each layer, first layer first. */
    public Activation[] activations() {
        return activations.clone();
    }

    /** Input width. */
    public int inputs() {
        return widths[0];
    }

    /** Output width. */
    public int outputs() {
        return widths[widths.length - 1];
    }

    /** The widest layer, input and output included. */
    public int maxWidth() {
        return Arrays.stream(widths).max().getAsInt();
    }

    /** Total number of weights and biases. */
    public int parameterCount() {
        return parameterCount;
    }

    /** Offset of {@code W_l} (row-major, {@code width(l-1) x width(l)}) in the flat parameter array. */
    public int weightOffset(int l) {
        return weightOffsets[l];
    }

    /** Offset of {@code b_l} (length {@code width(l)}) in the flat parameter array. */
    public int biasOffset(int l) {
        return weightOffsets[l] + widths[l - 1] * widths[l];
    }

    /**
     * Seeded initial parameters, PyTorch's default for a linear layer: every weight and bias
     * of layer l uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)], fan_in = width(l-1), drawn
     * layer by layer in the flat layout's order.
     */
    public double[] initialParameters(Rng rng) {
        double[] p = new double[parameterCount];
        for (int l = 1; l <= layers(); l++) {
            // bound = 1 / sqrt(fan_in)
            double bound = 1 / Math.sqrt(widths[l - 1]);
            int from = weightOffset(l);
            int to = biasOffset(l) + widths[l];
            for (int i = from; i < to; i++) {
                p[i] = rng.uniform(-bound, bound);
            }
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpShape s && Arrays.equals(widths, s.widths) && Arrays.equals(activations, s.activations);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(widths) + Arrays.hashCode(activations);
    }

    /** For example {@code 3-64-64-2 (SILU, SILU, IDENTITY)}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            b.append(i == 0 ? "" : "-").append(widths[i]);
        }
        return b.append(' ').append(Arrays.toString(activations).replace('[', '(').replace(']', ')')).toString();
    }
}
