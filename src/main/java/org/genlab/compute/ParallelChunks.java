package org.genlab.compute;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;

import org.genlab.core.math.Rng;

/**
 * Deterministic parallel loops over {@code [0, n)}.
 *
 * <p>The range is cut into chunks fixed by {@code (n, chunkSize)} alone: chunk {@code c}
 * covers {@code [c * chunkSize, min(n, (c + 1) * chunkSize))} and draws from its own
 * generator {@code Rng.forStream(seed, c)}. Partial results are combined in chunk order as
 * a left fold, {@code combine(combine(r0, r1), r2) ...}. The result is therefore bitwise
 * identical whatever the number of threads or their timing (floating-point sums included),
 * and equal to a sequential loop over the chunks with the same streams. An empty range
 * ({@code n == 0}) is one empty chunk {@code [0, 0)}, so the function supplies the neutral
 * value itself.
 *
 * <p><b>Never deadlocks, even when nested.</b> The calling thread works too: it and up to
 * {@code parallelism - 1} helper tasks on the executor claim chunks from a shared counter.
 * The caller keeps claiming until no chunk is left, then waits only for chunks already being
 * computed by helpers that are running. So when the pool is saturated (e.g. {@code reduce}
 * called from inside a task on a one-thread pool) the caller simply does all the chunks;
 * helpers that start late find nothing left. Blocking, so call it from a compute thread
 * (a {@link StepFunction} or {@link JobTask}), never from the UI thread.
 *
 * <p>If a chunk throws, the remaining chunks are skipped and the first failure is rethrown
 * to the caller. If the calling thread is interrupted, remaining chunks are skipped and a
 * {@link CancelledException} is thrown (with the interrupt flag kept).
 */
public final class ParallelChunks {
    private ParallelChunks() {
    }

    /**
     * Computes a partial result for one chunk.
     *
     * @param <A> the partial result type
     */
    @FunctionalInterface
    public interface ChunkFn<A> {
        /**
         * @param chunkIndex which chunk, from 0
         * @param from       first index, inclusive
         * @param to         last index, exclusive
         * @param rng        this chunk's own generator, {@code Rng.forStream(seed, chunkIndex)}
         */
        A apply(int chunkIndex, int from, int to, Rng rng);
    }

    /** Does the work of one chunk, typically writing to {@code [from, to)} of output arrays. */
    @FunctionalInterface
    public interface ChunkAction {
        /** Same parameters as {@link ChunkFn#apply}. */
        void run(int chunkIndex, int from, int to, Rng rng);
    }

    /** Number of chunks {@code [0, n)} is cut into: {@code max(1, ceil(n / chunkSize))}. */
    public static int chunkCount(int n, int chunkSize) {
        if (n < 0) {
            throw new IllegalArgumentException("negative n: " + n);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1: " + chunkSize);
        }
        return Math.max(1, (int) ((n + (long) chunkSize - 1) / chunkSize));
    }

    /** {@link #reduce(int, int, long, ChunkFn, BinaryOperator, Executor, int)} on {@code pool}. */
    public static <A> A reduce(int n, int chunkSize, long seed, ChunkFn<A> fn, BinaryOperator<A> combine,
                               ComputePool pool) {
        return reduce(n, chunkSize, seed, fn, combine, pool.executor(), pool.size());
    }

    /**
     * Maps every chunk with {@code fn} and folds the partial results left to right.
     *
     * @param parallelism how many threads may work at once, the caller included (typically
     *                    the pool size); 1 runs everything on the caller
     */
    public static <A> A reduce(int n, int chunkSize, long seed, ChunkFn<A> fn, BinaryOperator<A> combine,
                               Executor executor, int parallelism) {
        Objects.requireNonNull(combine, "combine");
        Object[] partials = run(n, chunkSize, seed, fn, executor, parallelism);
        @SuppressWarnings("unchecked")
        A result = (A) partials[0];
        for (int c = 1; c < partials.length; c++) {
            @SuppressWarnings("unchecked")
            A partial = (A) partials[c];
            result = combine.apply(result, partial);
        }
        return result;
    }

    /** {@link #forEach(int, int, long, ChunkAction, Executor, int)} on {@code pool}. */
    public static void forEach(int n, int chunkSize, long seed, ChunkAction action, ComputePool pool) {
        forEach(n, chunkSize, seed, action, pool.executor(), pool.size());
    }

    /**
     * Runs {@code action} on every chunk, e.g. filling disjoint slices of output arrays;
     * returns when all are done (their writes are then visible to the caller).
     */
    public static void forEach(int n, int chunkSize, long seed, ChunkAction action,
                               Executor executor, int parallelism) {
        Objects.requireNonNull(action, "action");
        run(n, chunkSize, seed, (c, from, to, rng) -> {
            action.run(c, from, to, rng);
            return null;
        }, executor, parallelism);
    }

    private static Object[] run(int n, int chunkSize, long seed, ChunkFn<?> fn,
                                Executor executor, int parallelism) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(executor, "executor");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
        Batch batch = new Batch(n, chunkSize, seed, fn);
        int helpers = Math.min(parallelism, batch.partials.length) - 1;
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(batch::work);
            } catch (RejectedExecutionException e) {
                break; // pool closed or full: the caller does the rest
            }
        }
        batch.work();
        batch.awaitAndRethrow();
        return batch.partials;
    }

    /** The shared state of one call: chunks are claimed from {@code next}. */
    private static final class Batch {
        final int n;
        final int chunkSize;
        final long seed;
        final ChunkFn<?> fn;
        final Object[] partials;
        final AtomicInteger next = new AtomicInteger();
        final CountDownLatch finished;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Batch(int n, int chunkSize, long seed, ChunkFn<?> fn) {
            this.n = n;
            this.chunkSize = chunkSize;
            this.seed = seed;
            this.fn = fn;
            this.partials = new Object[chunkCount(n, chunkSize)];
            this.finished = new CountDownLatch(partials.length);
        }

        /** Claims and computes chunks until none is left; run by the caller and the helpers. */
        void work() {
            for (int c = next.getAndIncrement(); c < partials.length; c = next.getAndIncrement()) {
                try {
                    if (Thread.currentThread().isInterrupted()) {
                        failure.compareAndSet(null, new CancelledException("parallel loop interrupted"));
                    }
                    if (failure.get() == null) {
                        int from = (int) Math.min(n, (long) c * chunkSize);
                        int to = (int) Math.min(n, (long) from + chunkSize);
                        partials[c] = fn.apply(c, from, to, Rng.forStream(seed, c));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    finished.countDown(); // publishes partials[c] to the waiting caller
                }
            }
        }

        void awaitAndRethrow() {
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException("parallel loop interrupted");
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
        }
    }
}
