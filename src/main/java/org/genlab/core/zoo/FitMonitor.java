package org.genlab.core.zoo;

import java.util.concurrent.CancellationException;

/**
 * Where a long computation (a fit, a density grid) reports progress and learns it should stop.
 * Both methods are called from the worker thread, often; keep them cheap.
 */
public interface FitMonitor {
    /** A monitor that ignores progress and never cancels. */
    FitMonitor NONE = new FitMonitor() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /**
     * Reports progress.
     *
     * @param fraction in [0, 1]
     * @param message  what is being done ("step 400 of 2000, loss 1.93"), or null
     */
    void progress(double fraction, String message);

    /** Whether the caller wants the computation to stop. */
    boolean cancelled();

    /**
     * Throws if {@link #cancelled()}; call it between steps.
     *
     * @throws CancellationException if cancelled
     */
    default void checkCancelled() {
        if (cancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
