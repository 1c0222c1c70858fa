package org.genlab.compute;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for the FX thread: queues hand-offs until the test drains them on its own thread. */
final class ManualExecutor implements Executor {
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger maxPending = new AtomicInteger();

    @Override
    public void execute(Runnable command) {
        queue.add(command);
        maxPending.accumulateAndGet(queue.size(), Math::max);
    }

    /** Hand-offs queued and not yet run. */
    int pending() {
        return queue.size();
    }

    /** The most hand-offs ever queued at once. */
    int maxPending() {
        return maxPending.get();
    }

    /** Runs queued hand-offs, including ones they queue, until none is left; returns how many ran. */
    int drain() {
        int ran = 0;
        for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
            r.run();
            ran++;
        }
        return ran;
    }
}
