package org.genlab.core.nn;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's defaults and bias correction, one instance per
 * network: m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2,
 * p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
 */
public final class Adam implements Optimizer {
    private final float lr, beta1, beta2, eps;
    private float[] m, v;
    private long t;

    /** Adam with beta1 0.9, beta2 0.999, eps 1e-8. */
    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8);
    }

    /** Adam with explicit hyperparameters (lr > 0, betas in [0, 1), eps > 0). */
    public Adam(double lr, double beta1, double beta2, double eps) {
        if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("bad Adam settings: lr " + lr + ", betas " + beta1 + ", " + beta2 + ", eps " + eps);
        }
        this.lr = (float) lr;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
    }

    /** Updates taken so far. */
    public long steps() {
        return t;
    }

    @Override
    public void step(Mlp net) {
        if (m == null) {
            m = new float[net.parameterCount()];
            v = new float[net.parameterCount()];
        } else if (m.length != net.parameterCount()) {
            throw new IllegalArgumentException("this optimiser belongs to a network with " + m.length + " parameters");
        }
        t++;
        // bc1 = 1 - b1^t, bc2 = 1 - b2^t
        float bc1 = (float) (1 - Math.pow(beta1, t));
        float bc2 = (float) (1 - Math.pow(beta2, t));
        net.kernels.adam(0, m.length, net.params, net.grads, m, v, lr, beta1, beta2, eps, bc1, bc2);
        net.parametersChanged();
    }
}
