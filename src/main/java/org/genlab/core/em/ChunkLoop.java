package org.genlab.core.em;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs chunk bodies 0 .. chunks−1 on the caller and up to {@code parallelism − 1} helpers on
 * an executor. Each body writes its own slot of a result array, and the caller combines the
 * slots in chunk order, so results never depend on the number of threads.
 *
 * <p>The core layer cannot use {@code org.genlab.compute.ParallelChunks} (core depends on no
 * outer layer), so this is the minimal version of its scheme: chunks are claimed from a
 * shared counter, the caller works too (so a saturated or one-thread pool never deadlocks),
 * and the first failure is rethrown.
 */
final class ChunkLoop {
    private ChunkLoop() {
    }

    static void run(int chunks, IntConsumer body, Executor executor, int parallelism) {
        Objects.requireNonNull(body, "body");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
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
        int helpers = executor == null ? 0 : Math.min(parallelism, chunks) - 1;
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(work);
            } catch (RejectedExecutionException e) {
                break; // the caller does the rest
            }
        }
        work.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("EM pass interrupted", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }
}
