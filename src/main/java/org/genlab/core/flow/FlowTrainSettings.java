package org.genlab.core.flow;

import java.util.Objects;
import org.genlab.core.nn.Activation;

/**
 * The settings of {@link FlowTrainer}: the network (hidden width, hidden layers, activation)
 * and the training (batch size, planned steps, Adam's learning rate, seed).
 *
 * @param hidden hidden width (1..4096)
 * @param layers hidden layers (1..64)
 * @param activation the hidden layers' activation
 * @param batch rows per step (at least 1)
 * @param steps the planned number of steps (at least 1; {@link FlowTrainer#remaining()} counts down from it)
 * @param lr Adam's learning rate (finite, &gt; 0)
 * @param seed seeds the initial weights and every batch
 */
public record FlowTrainSettings(int hidden, int layers, Activation activation, int batch, int steps, double lr, long seed) {
    /** The defaults: hidden 64, 3 layers, SiLU, batch 256, 5000 steps, lr 1e-3, seed 0. */
    public static final FlowTrainSettings DEFAULTS = new FlowTrainSettings(64, 3, Activation.SILU, 256, 5000, 1e-3, 0);

    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException naming the field, e.g. {@code lr: must be finite and > 0, got 0.0}
     */
    public FlowTrainSettings {
        if (hidden < 1 || hidden > 4096) {
            throw new IllegalArgumentException("hidden: must be in 1..4096, got " + hidden);
        }
        if (layers < 1 || layers > 64) {
            throw new IllegalArgumentException("layers: must be in 1..64, got " + layers);
        }
        Objects.requireNonNull(activation, "activation");
        if (batch < 1) {
            throw new IllegalArgumentException("batch: must be at least 1, got " + batch);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps: must be at least 1, got " + steps);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr: must be finite and > 0, got " + lr);
        }
    }

    /** The same with another seed. */
    public FlowTrainSettings withSeed(long seed) {
        return new FlowTrainSettings(hidden, layers, activation, batch, steps, lr, seed);
    }

    /** The same with another number of steps. */
    public FlowTrainSettings withSteps(int steps) {
        return new FlowTrainSettings(hidden, layers, activation, batch, steps, lr, seed);
    }

    /** The same with another learning rate. */
    public FlowTrainSettings withLr(double lr) {
        return new FlowTrainSettings(hidden, layers, activation, batch, steps, lr, seed);
    }
}
