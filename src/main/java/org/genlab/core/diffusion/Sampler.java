package org.genlab.core.diffusion;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which reverse sampler to run, driven by the optimal ε*: DDPM's ancestral sampler over all T
 * steps, DDIM (deterministic, S evenly strided steps) or the probability-flow ODE (Heun, S
 * steps). Immutable; run it with {@link ExactDiffusion#sample}.
 */
public final class Sampler {
    /** The default number of steps for DDIM and the ODE. */
    public static final int DEFAULT_STEPS = 100;

    /** The sampler family. */
    public enum Kind {
        /** Ancestral sampling, x_{t−1} ~ N(μ(x_t, t), σ_t² I), t = T..1. */
        DDPM("ddpm"),
        /** DDIM with η = 0: x_{t'} = √ᾱ_{t'} x̂_0 + √(1 − ᾱ_{t'}) ε*. */
        DDIM("ddim"),
        /** The probability-flow ODE, dy/dσ = ε*(x, t) with y = x/√ᾱ, σ = √((1 − ᾱ)/ᾱ), by Heun's method. */
        ODE("ode");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The lower-case name used on the command line. */
        public String id() {
            return id;
        }

        /** The kind with this {@link #id()}, case-insensitive. */
        public static Optional<Kind> byName(String name) {
            return Arrays.stream(values()).filter(k -> k.id.equals(name.toLowerCase(Locale.ROOT))).findFirst();
        }
    }

    /** DDPM's reverse variance σ_t². */
    public enum Variance {
        /** σ_t² = β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) β_t, the true posterior's (the default). */
        POSTERIOR("posterior"),
        /** σ_t² = β_t. */
        BETA("beta");

        private final String id;

        Variance(String id) {
            this.id = id;
        }

        /** The lower-case name used on the command line. */
        public String id() {
            return id;
        }

        /** The variance with this {@link #id()}, case-insensitive. */
        public static Optional<Variance> byName(String name) {
            return Arrays.stream(values()).filter(v -> v.id.equals(name.toLowerCase(Locale.ROOT))).findFirst();
        }
    }

    private final Kind kind;
    private final int steps;
    private final Variance variance;

    private Sampler(Kind kind, int steps, Variance variance) {
        this.kind = kind;
        this.steps = steps;
        this.variance = variance;
    }

    /** DDPM's ancestral sampler over all T steps, with the given reverse variance. */
    public static Sampler ddpm(Variance variance) {
        return new Sampler(Kind.DDPM, 0, java.util.Objects.requireNonNull(variance, "variance"));
    }

    /**
     * DDIM over {@code steps} evenly strided steps (1..T).
     *
     * @throws IllegalArgumentException if steps &lt; 1 (the upper bound T is checked when run)
     */
    public static Sampler ddim(int steps) {
        return new Sampler(Kind.DDIM, requireSteps(steps), null);
    }

    /**
     * The probability-flow ODE by Heun's method over {@code steps} evenly strided steps (1..T).
     *
     * @throws IllegalArgumentException if steps &lt; 1 (the upper bound T is checked when run)
     */
    public static Sampler ode(int steps) {
        return new Sampler(Kind.ODE, requireSteps(steps), null);
    }

    /**
     * The sampler of this kind: {@code steps} applies to DDIM and the ODE, {@code variance} to DDPM.
     *
     * @throws IllegalArgumentException if DDIM or the ODE gets steps &lt; 1
     */
    public static Sampler of(Kind kind, int steps, Variance variance) {
        return switch (kind) {
            case DDPM -> ddpm(variance);
            case DDIM -> ddim(steps);
            case ODE -> ode(steps);
        };
    }

    private static int requireSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps: must be at least 1, got " + steps);
        }
        return steps;
    }

    /** The sampler family. */
    public Kind kind() {
        return kind;
    }

    /** The number of steps S asked for (DDPM: 0, it always walks all T). */
    public int steps() {
        return steps;
    }

    /** DDPM's reverse variance; null for DDIM and the ODE. */
    public Variance variance() {
        return variance;
    }

    /**
     * The schedule indices the sampler visits, from T down to 0: DDPM visits every one; DDIM
     * and the ODE visit t_k = ⌊k T / S⌋ for k = S..0, S + 1 distinct indices (T/S ≥ 1), the
     * last step landing at t = 0, ᾱ = 1.
     *
     * @throws IllegalArgumentException if S is greater than T (the message names {@code steps})
     */
    public int[] timesteps(int totalSteps) {
        int s = kind == Kind.DDPM ? totalSteps : steps;
        if (s > totalSteps) {
            throw new IllegalArgumentException("steps: must be in 1.." + totalSteps + " (T = " + totalSteps + "), got " + s);
        }
        int[] grid = new int[s + 1];
        for (int k = s; k >= 0; k--) {
            grid[s - k] = (int) ((long) k * totalSteps / s);
        }
        return grid;
    }

    /** E.g. {@code Sampler[ddim, steps=100]} or {@code Sampler[ddpm, posterior]}. */
    @Override
    public String toString() {
        return kind == Kind.DDPM ? "Sampler[ddpm, " + variance.id() + "]" : "Sampler[" + kind.id() + ", steps=" + steps + "]";
    }
}
