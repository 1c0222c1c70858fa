package org.genlab.compute;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Bounded waits with generous timeouts: they only bound a hang, they never decide an assertion. */
final class Await {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    static void latch(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("latch released").isTrue();
    }

    /**
     * Waits until every task queued on a pool before this call has finished; exact for a
     * one-thread pool, whose queue is FIFO.
     */
    static void quiesce(ComputePool singleThreadPool) throws Exception {
        assertThat(singleThreadPool.size()).isEqualTo(1);
        singleThreadPool.submit(() -> { }).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for a latch ignoring interrupts (restoring the flag), like a non-interruptible step. */
    static void uninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("latch never released");
                }
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
