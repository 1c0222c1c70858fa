package org.genlab.compute;

/**
 * Given to a {@link JobTask}: where it reports progress and learns of cancellation.
 * Both methods are cheap enough to call in an inner loop; reports are coalesced
 * (latest-wins) before they reach the UI.
 */
public interface ProgressSink {
    /** A sink for work nobody watches or cancels (the command line). */
    ProgressSink NONE = new ProgressSink() {
        @Override
        public void report(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * Reports progress; ignored once the job is cancelled.
     *
     * @param fraction in [0, 1]
     * @param message  shown in the status bar; {@code null} means empty
     * @throws IllegalArgumentException if {@code fraction} is outside [0, 1]
     */
    void report(double fraction, String message);

    /** Whether {@link ComputeJob#cancel()} was called. */
    boolean isCancelled();

    /**
     * Throws if the job was cancelled; call it regularly, cancellation is cooperative.
     *
     * @throws CancelledException if cancelled
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
