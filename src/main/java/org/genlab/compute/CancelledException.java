package org.genlab.compute;

/**
 * Thrown by {@link ProgressSink#checkCancelled()} when the job was cancelled, and by
 * {@link ParallelChunks} when its calling thread is interrupted; it unwinds the work and is
 * reported as a cancellation, not a failure.
 */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }

    public CancelledException(String message) {
        super(message);
    }
}
