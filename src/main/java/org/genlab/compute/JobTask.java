package org.genlab.compute;

/**
 * The work of a {@link ComputeJob}, run once on a compute thread.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface JobTask<T> {
    /**
     * Does the work, reporting to {@code progress} and polling
     * {@link ProgressSink#checkCancelled()} so that a cancel stops it promptly.
     */
    T run(ProgressSink progress) throws Exception;
}
