package org.genlab.core.diffusion;

/**
 * Receives a sampler's recorded states as they are made, on the thread that called
 * {@link ExactDiffusion#sample}. Keep it quick: the next step waits for it.
 */
@FunctionalInterface
public interface StepListener {
    /** Called with each recorded state, in step order. */
    void onStep(Snapshot snapshot);
}
