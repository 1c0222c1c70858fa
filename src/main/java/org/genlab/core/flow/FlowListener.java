package org.genlab.core.flow;

/**
 * Hears how a sampling run goes, on the thread that called {@link FlowSampler#sample}. Keep
 * both methods quick: the next step waits for them.
 */
public interface FlowListener {
    /** Called after every step with the number of steps taken so far and the total m. */
    default void onProgress(int step, int steps) {
    }

    /** Called with each recorded snapshot, in step order. */
    default void onSnapshot(FlowSnapshot snapshot) {
    }
}
