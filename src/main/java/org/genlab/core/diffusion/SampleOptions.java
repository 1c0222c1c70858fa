package org.genlab.core.diffusion;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * How to run a sampler: how many particles, the seed, the threads, what to record, and how to
 * stop. Make one with {@link #of(int, long)} and adjust it with the {@code with} methods.
 *
 * <p>Particles are cut into fixed chunks of {@value ExactDiffusion#CHUNK}, chunk c drawing from
 * {@code Rng.forStream(seed, c)}, so the samples are bitwise the same whatever the executor and
 * parallelism.
 *
 * @param n the number of particles (at least 1)
 * @param seed the seed of every random draw
 * @param executor where helper threads run (the CLI passes the shared compute pool's); null:
 *     everything on the caller
 * @param parallelism how many threads work on each step, the caller included (at least 1)
 * @param recordEvery record the state every this many steps (and always the first and the
 *     last); 0 records nothing
 * @param listener called with each recorded state; null for none
 * @param cancelled checked before every step; when it returns true, sampling stops with a
 *     {@link java.util.concurrent.CancellationException}
 * @param reference use the plain per-point formula for ε* instead of the fast kernel (for
 *     tests and benchmarks: slower, the same numbers to rounding)
 */
public record SampleOptions(int n, long seed, Executor executor, int parallelism, int recordEvery,
        StepListener listener, BooleanSupplier cancelled, boolean reference) {
    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException naming {@code n}, {@code parallelism} or {@code recordEvery}
     */
    public SampleOptions {
        if (n < 1) {
            throw new IllegalArgumentException("n: the number of particles must be at least 1, got " + n);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: must be at least 1, got " + parallelism);
        }
        if (recordEvery < 0) {
            throw new IllegalArgumentException("recordEvery: must be >= 0, got " + recordEvery);
        }
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** n particles from this seed, on the caller alone, recording nothing, never cancelled. */
    public static SampleOptions of(int n, long seed) {
        return new SampleOptions(n, seed, null, 1, 0, null, () -> false, false);
    }

    /** The same with helper threads on {@code executor}, {@code parallelism} threads in all. */
    public SampleOptions withExecutor(Executor executor, int parallelism) {
        return new SampleOptions(n, seed, executor, parallelism, recordEvery, listener, cancelled, reference);
    }

    /** The same, recording every {@code every}-th state (0: none) and handing each to {@code listener} (may be null). */
    public SampleOptions withRecording(int every, StepListener listener) {
        return new SampleOptions(n, seed, executor, parallelism, every, listener, cancelled, reference);
    }

    /** The same, stopping when {@code cancelled} returns true. */
    public SampleOptions withCancel(BooleanSupplier cancelled) {
        return new SampleOptions(n, seed, executor, parallelism, recordEvery, listener, cancelled, reference);
    }

    /** The same, with the plain reference formula for ε* ({@code true}) or the fast kernel. */
    public SampleOptions withReference(boolean reference) {
        return new SampleOptions(n, seed, executor, parallelism, recordEvery, listener, cancelled, reference);
    }
}
