package org.genlab.core.math;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs numbered chunks of work, on the caller alone or shared with helpers on an executor.
 * Every chunk writes only its own outputs (and draws from its own {@link Rng#forStream}
 * stream), and the caller combines them in chunk order, so the result never depends on the
 * number of threads or on which thread ran which chunk.
 *
 * <p>The core layer cannot use {@code org.genlab.compute.ParallelChunks} (core depends on no
 * outer layer), so this is the minimal version of its scheme: chunks are claimed from a
 * shared counter, the caller works too and waits only for chunks, never for a helper to
 * start (a saturated, rejecting or one-thread pool slows the work down but cannot deadlock
 * it), and the first failure is rethrown.
 */
public final class Chunks {
    private Chunks() {
    }

    /**
     * Runs {@code body} for chunks 0 to {@code n − 1}; on the caller alone when
     * {@code executor} is null or {@code parallelism <= 1}, else with up to
     * {@code parallelism − 1} helpers.
     */
    public static void run(int n, Executor executor, int parallelism, IntConsumer body) {
        Objects.requireNonNull(body, "body");
        if (executor == null || parallelism <= 1 || n <= 1) {
            for (int c = 0; c < n; c++) {
                body.accept(c);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int c; (c = next.getAndIncrement()) < n; ) {
                try {
                    if (failure.get() == null) {
                        body.accept(c);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int h = 1; h < Math.min(parallelism, n); h++) {
            try {
                executor.execute(worker);
            } catch (RejectedExecutionException e) {
                break; // the caller does the rest
            }
        }
        worker.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
