package org.genlab.core.vae;

/**
 * A one-hidden-layer tanh network y = W₂ tanh(W₁ u + b₁) + b₂ in double, written out so its
 * vector-Jacobian products (for the parameters and for the input) are plain to read. The
 * parameters are one flat array: W₁ (hidden × in, row-major), b₁, W₂ (out × hidden, row-major),
 * b₂. Stateless: the parameters are passed to each call. Used by {@link TinyVae}.
 */
public record TinyNet(int in, int hidden, int out) {
    /**
     * @throws IllegalArgumentException ("in: ...", "hidden: ...", "out: ...") for a width below 1
     */
    public TinyNet {
        if (in < 1) {
            throw new IllegalArgumentException("in: must be >= 1, got " + in);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden: must be >= 1, got " + hidden);
        }
        if (out < 1) {
            throw new IllegalArgumentException("out: must be >= 1, got " + out);
        }
    }

    /** The number of parameters. */
    public int parameterCount() {
        return hidden * in + hidden + out * hidden + out;
    }

    /** The hidden activations tanh(W₁ u + b₁) and the output of one pass. */
    public record Pass(double[] hiddenActivation, double[] output) {
    }

    /** The forward pass at input u. */
    public Pass forward(double[] p, double[] u) {
        double[] h = new double[hidden];
        int b1 = hidden * in, w2 = b1 + hidden, b2 = w2 + out * hidden;
        for (int j = 0; j < hidden; j++) {
            double s = p[b1 + j];
            for (int i = 0; i < in; i++) {
                s += p[j * in + i] * u[i];
            }
            h[j] = Math.tanh(s);
        }
        double[] y = new double[out];
        for (int k = 0; k < out; k++) {
            double s = p[b2 + k];
            for (int j = 0; j < hidden; j++) {
                s += p[w2 + k * hidden + j] * h[j];
            }
            y[k] = s;
        }
        return new Pass(h, y);
    }

    /** The output at input u. */
    public double[] apply(double[] p, double[] u) {
        return forward(p, u).output();
    }

    /** (∂y/∂p)ᵀ v at input u: the parameter gradient of v · y. */
    public double[] parameterVjp(double[] p, double[] u, double[] v) {
        double[] h = forward(p, u).hiddenActivation();
        double[] g = new double[parameterCount()];
        int b1 = hidden * in, w2 = b1 + hidden, b2 = w2 + out * hidden;
        for (int k = 0; k < out; k++) {
            g[b2 + k] = v[k];
            for (int j = 0; j < hidden; j++) {
                g[w2 + k * hidden + j] = v[k] * h[j];
            }
        }
        for (int j = 0; j < hidden; j++) {
            double back = 0;
            for (int k = 0; k < out; k++) {
                back += p[w2 + k * hidden + j] * v[k];
            }
            double pre = back * (1 - h[j] * h[j]);
            g[b1 + j] = pre;
            for (int i = 0; i < in; i++) {
                g[j * in + i] = pre * u[i];
            }
        }
        return g;
    }

    /** (∂y/∂u)ᵀ v at input u: the input gradient of v · y. */
    public double[] inputVjp(double[] p, double[] u, double[] v) {
        double[] h = forward(p, u).hiddenActivation();
        int b1 = hidden * in, w2 = b1 + hidden;
        double[] g = new double[in];
        for (int j = 0; j < hidden; j++) {
            double back = 0;
            for (int k = 0; k < out; k++) {
                back += p[w2 + k * hidden + j] * v[k];
            }
            double pre = back * (1 - h[j] * h[j]);
            for (int i = 0; i < in; i++) {
                g[i] += p[j * in + i] * pre;
            }
        }
        return g;
    }
}
