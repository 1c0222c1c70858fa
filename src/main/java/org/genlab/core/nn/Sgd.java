package org.genlab.core.nn;

/** Stochastic gradient descent with optional (heavy-ball) momentum, one instance per network. */
public final class Sgd implements Optimizer {
    private final float lr;
    private final float momentum;
    private float[] velocity;

    /** Plain SGD: p -= lr g. */
    public Sgd(double lr) {
        this(lr, 0);
    }

    /** SGD with momentum mu in [0, 1): v = mu v + g; p -= lr v. */
    public Sgd(double lr, double momentum) {
        if (!(lr > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("need lr > 0 and momentum in [0, 1), got " + lr + ", " + momentum);
        }
        this.lr = (float) lr;
        this.momentum = (float) momentum;
    }

    @Override
    public void step(Mlp net) {
        if (velocity == null) {
            velocity = new float[net.parameterCount()];
        } else if (velocity.length != net.parameterCount()) {
            throw new IllegalArgumentException("this optimiser belongs to a network with " + velocity.length + " parameters");
        }
        float[] p = net.params, g = net.grads;
        for (int i = 0; i < p.length; i++) {
            // v = mu v + g; p -= lr v
            velocity[i] = momentum * velocity[i] + g[i];
            p[i] -= lr * velocity[i];
        }
        net.parametersChanged();
    }
}
