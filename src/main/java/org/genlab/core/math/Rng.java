package org.genlab.core.math;

import java.util.SplittableRandom;

/**
 * A seeded random number generator, passed explicitly to everything that draws.
 *
 * <p>GenLab never uses a global random source: one seed per pane state reproduces every
 * number and picture. Parallel work does not share one generator between threads (the
 * order in which threads draw would then change the numbers); it derives one independent
 * stream per fixed chunk with {@link #forStream(long, long)}, so the result is the same
 * whatever the number of threads or their timing.
 *
 * <p>Not thread-safe: one instance per thread or per chunk.
 */
public final class Rng {
    private final SplittableRandom random;
    private final long seed;
    private double spareGaussian;
    private boolean hasSpare;

    public Rng(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The seed this generator started from. */
    public long seed() {
        return seed;
    }

    /**
     * An independent stream number {@code stream} derived from {@code seed}: the same pair
     * always gives the same stream, and different streams do not overlap in practice
     * (the pair is mixed through SplitMix64's finaliser before seeding).
     */
    public static Rng forStream(long seed, long stream) {
        return new Rng(mix64(seed ^ mix64(stream + 0x9E3779B97F4A7C15L)));
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public long nextLong() {
        return random.nextLong();
    }

    /**
     * Standard normal draw by the polar Box-Muller method. Written out here (rather than
     * {@code Random.nextGaussian}) so the sequence is fixed by this class alone and never
     * changes with the JDK version.
     */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /** Normal draw with the given mean and standard deviation. */
    public double gaussian(double mean, double sd) {
        return mean + sd * nextGaussian();
    }

    /** SplitMix64's output function: a bijective 64-bit mix. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
