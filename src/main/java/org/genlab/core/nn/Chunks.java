package org.genlab.core.nn;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs numbered chunks of work, on the caller alone or shared with helpers on an executor.
 * Every chunk writes only its own outputs, so the result never depends on which thread ran
 * which chunk. The caller works too and waits only for chunks, never for a helper to start,
 * so a busy executor slows the work down but cannot deadlock it.
 */
final class Chunks {
    private Chunks() {
    }

    /** Runs {@code body} for chunks 0 to {@code n - 1}; sequentially when {@code executor} is null or {@code parallelism <= 1}. */
    static void run(int n, Executor executor, int parallelism, IntConsumer body) {
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
                    body.accept(c);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int h = 1; h < Math.min(parallelism, n); h++) {
            executor.execute(worker);
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
