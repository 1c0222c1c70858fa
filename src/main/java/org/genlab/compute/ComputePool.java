package org.genlab.compute;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one bounded pool of compute threads that every pane shares.
 *
 * <p>Threads are daemons named {@code genlab-compute-1}, {@code genlab-compute-2}, ... so a
 * thread dump shows GenLab's work at a glance and the JVM can exit with work still queued.
 * The queue is unbounded; the number of threads is fixed, so panes competing for the CPU
 * share it instead of oversubscribing it.
 *
 * <p>The threads run at {@link Thread#MIN_PRIORITY}: compute yields the processor to the FX
 * thread and the renderer, so a window that computes on every core still paints on time. On
 * Windows and macOS the JVM maps Java priorities to the operating system's by default; on Linux
 * it does only when started with {@code -XX:ThreadPriorityPolicy=1} (then MIN_PRIORITY is a
 * nice value, 10 with {@code -XX:JavaPriority1_To_OSPriority=10}), which {@code mvn javafx:run}
 * and the installer pass (README, "Smooth on two cores"). Measured under Xvfb's software
 * renderer on 2 cores while the flow pane plays: 17-21 pulses of 296 over 16 ms without it,
 * 0-2 with it.
 *
 * <p>Uncaught failures never vanish: an exception thrown by a task given to
 * {@link #executor()}, and a failure captured in a {@link Future} returned by
 * {@code submit}, are both passed to the pool's failure handler (by default logged at
 * {@code WARNING} through {@link System.Logger}), even if nobody ever calls
 * {@link Future#get()}.
 *
 * <p>Panes use {@link #shared()}; tests create their own pool of an explicit size and
 * {@link #close()} it.
 */
public final class ComputePool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ComputePool.class.getName());

    private final int size;
    private final Consumer<Throwable> failureHandler;
    private final ThreadPoolExecutor pool;
    private final Executor executor;

    /** A pool with {@link #defaultSize()} threads that logs uncaught failures. */
    public ComputePool() {
        this(defaultSize());
    }

    /** A pool with {@code size} threads that logs uncaught failures. */
    public ComputePool(int size) {
        this(size, ComputePool::logFailure);
    }

    /**
     * A pool with {@code size} threads whose uncaught task failures go to
     * {@code failureHandler} (called on the failing pool thread).
     */
    public ComputePool(int size, Consumer<Throwable> failureHandler) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be >= 1: " + size);
        }
        this.size = size;
        this.failureHandler = Objects.requireNonNull(failureHandler, "failureHandler");
        this.pool = new ThreadPoolExecutor(size, size, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), new NamedDaemonThreads()) {
            @Override
            protected void afterExecute(Runnable task, Throwable thrown) {
                // thrown != null: the thread's UncaughtExceptionHandler reports it.
                if (thrown == null) {
                    reportFailureOf(task);
                }
            }
        };
        this.executor = pool::execute; // hides the ExecutorService: callers cannot shut it down
    }

    /** {@code max(1, availableProcessors)}. */
    public static int defaultSize() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The application-wide pool, created with {@link #defaultSize()} threads on first use. */
    public static ComputePool shared() {
        return SharedHolder.INSTANCE;
    }

    /** The number of threads. */
    public int size() {
        return size;
    }

    /**
     * This pool as a plain {@link Executor}, to hand to {@link SimulationRunner},
     * {@link ComputeJob} and {@link ParallelChunks}.
     */
    public Executor executor() {
        return executor;
    }

    /** Runs {@code task} on the pool; a failure is both kept in the future and reported. */
    public Future<?> submit(Runnable task) {
        return pool.submit(task);
    }

    /** Runs {@code task} on the pool; a failure is both kept in the future and reported. */
    public <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return pool.isShutdown();
    }

    /**
     * Interrupts running tasks, drops queued ones and refuses new ones; does not wait.
     * For tests and application shutdown: never close {@link #shared()} from a pane.
     */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private void reportFailureOf(Runnable task) {
        if (!(task instanceof Future<?>) || !((Future<?>) task).isDone()) {
            return;
        }
        try {
            ((Future<?>) task).get();
        } catch (CancellationException e) {
            // cancelled on purpose: not a failure
        } catch (ExecutionException e) {
            failureHandler.accept(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void logFailure(Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, "uncaught failure in a compute task", failure);
    }

    private final class NamedDaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable body) {
            Thread thread = new Thread(body, "genlab-compute-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.setUncaughtExceptionHandler((t, failure) -> failureHandler.accept(failure));
            return thread;
        }
    }

    private static final class SharedHolder {
        static final ComputePool INSTANCE = new ComputePool();
    }
}
