package org.genlab.core.flow;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * How to run a sampler: how many particles, the seed, the threads, what to record and how to
 * stop. Make one with {@link #of(int, long)} and adjust it with the {@code with} methods.
 *
 * <p>Particles start at x0 ~ N(0, I), drawn in fixed chunks of {@value FlowSampler#CHUNK},
 * chunk c from {@code Rng.forStream(seed, c)}, so the samples are bitwise the same whatever the
 * executor and parallelism.
 *
 * @param n the number of particles (at least 1)
 * @param seed the seed of the starting points
 * @param executor where helper threads run (null: everything on the caller)
 * @param parallelism how many threads work on each step, the caller included (at least 1)
 * @param snapshotEvery record every particle every this many steps (and always at the first
 *     and the last step); 0 records none
 * @param pathParticles record the paths of the first this many particles (at most n); 0 none
 * @param pathEvery the paths' stride in steps (their first and last points are always kept)
 * @param listener hears progress and snapshots; null for none
 * @param cancelled checked before every step; when it returns true, sampling stops with a
 *     {@link java.util.concurrent.CancellationException}
 */
public record FlowSampleOptions(int n, long seed, Executor executor, int parallelism, int snapshotEvery,
        int pathParticles, int pathEvery, FlowListener listener, BooleanSupplier cancelled) {
    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException naming the field ({@code n}, {@code parallelism},
     *     {@code snapshotEvery}, {@code pathParticles} or {@code pathEvery})
     */
    public FlowSampleOptions {
        if (n < 1) {
            throw new IllegalArgumentException("n: the number of particles must be at least 1, got " + n);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: must be at least 1, got " + parallelism);
        }
        if (snapshotEvery < 0) {
            throw new IllegalArgumentException("snapshotEvery: must be >= 0, got " + snapshotEvery);
        }
        if (pathParticles < 0) {
            throw new IllegalArgumentException("pathParticles: must be >= 0, got " + pathParticles);
        }
        if (pathEvery < 1) {
            throw new IllegalArgumentException("pathEvery: must be at least 1, got " + pathEvery);
        }
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** n particles from this seed, on the caller alone, recording nothing, never cancelled. */
    public static FlowSampleOptions of(int n, long seed) {
        return new FlowSampleOptions(n, seed, null, 1, 0, 0, 1, null, () -> false);
    }

    /** The same with helper threads on {@code executor}, {@code parallelism} threads in all. */
    public FlowSampleOptions withExecutor(Executor executor, int parallelism) {
        return new FlowSampleOptions(n, seed, executor, parallelism, snapshotEvery, pathParticles, pathEvery, listener, cancelled);
    }

    /** The same, recording every particle every {@code every} steps (0: never). */
    public FlowSampleOptions withSnapshots(int every) {
        return new FlowSampleOptions(n, seed, executor, parallelism, every, pathParticles, pathEvery, listener, cancelled);
    }

    /** The same, recording the paths of the first {@code particles} particles (capped at n) every {@code every} steps. */
    public FlowSampleOptions withPaths(int particles, int every) {
        return new FlowSampleOptions(n, seed, executor, parallelism, snapshotEvery, Math.min(particles, n), every, listener, cancelled);
    }

    /** The same, telling {@code listener} (may be null) about progress and snapshots. */
    public FlowSampleOptions withListener(FlowListener listener) {
        return new FlowSampleOptions(n, seed, executor, parallelism, snapshotEvery, pathParticles, pathEvery, listener, cancelled);
    }

    /** The same, stopping when {@code cancelled} returns true. */
    public FlowSampleOptions withCancel(BooleanSupplier cancelled) {
        return new FlowSampleOptions(n, seed, executor, parallelism, snapshotEvery, pathParticles, pathEvery, listener, cancelled);
    }
}
