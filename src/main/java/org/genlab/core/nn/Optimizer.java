package org.genlab.core.nn;

/** Updates a network's parameters from its accumulated gradients. */
public interface Optimizer {
    /** One update of {@code net}'s parameters from {@link Mlp#gradients()}; the gradients are left as they are. */
    void step(Mlp net);
}
