package org.genlab.compute;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComputePoolTest {
    @Test
    void runsTasksOnNamedLowPriorityDaemonThreads() throws Exception {
        try (ComputePool pool = new ComputePool(2)) {
            Future<Thread> thread = pool.submit(Thread::currentThread);
            Thread t = thread.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(t.getName()).matches("genlab-compute-[12]");
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.getPriority()).as("compute yields to the FX thread and the renderer").isEqualTo(Thread.MIN_PRIORITY);
            assertThat(pool.size()).isEqualTo(2);
        }
    }

    @Test
    void theSharedPoolIsOneInstanceSizedByTheProcessors() {
        assertThat(ComputePool.shared()).isSameAs(ComputePool.shared());
        assertThat(ComputePool.shared().size()).isEqualTo(ComputePool.defaultSize()).isPositive();
    }

    @Test
    void uncaughtFailuresReachTheHandlerWhetherExecutedOrSubmitted() {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (ComputePool pool = new ComputePool(1, failures::add)) {
            pool.executor().execute(() -> {
                throw new IllegalStateException("executed");
            });
            pool.submit(() -> {
                throw new IllegalArgumentException("submitted, never got");
            });
            Await.until("both failures reported", () -> failures.size() == 2);
        }
        assertThat(failures).extracting(Throwable::getMessage)
                .containsExactlyInAnyOrder("executed", "submitted, never got");
    }
}
