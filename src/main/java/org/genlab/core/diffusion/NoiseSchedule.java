package org.genlab.core.diffusion;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The forward process's noise variances β_t over the steps t = 1..T, with α_t = 1 − β_t and
 * ᾱ_t = Π_{s ≤ t} α_s (the homework's question 8(a)). Index 0 means clean data: ᾱ_0 = 1.
 *
 * <p>ᾱ_t is always the running product of the (clipped) α_s, never a closed form, so the
 * forward kernel and the samplers agree with the step-by-step process exactly. Immutable.
 */
public final class NoiseSchedule {
    /** Default number of steps T. */
    public static final int DEFAULT_STEPS = 1000;
    /** Default β_1 of the linear schedule (and the constant schedule's β). */
    public static final double DEFAULT_BETA_START = 1e-4;
    /** Default β_T of the linear schedule. */
    public static final double DEFAULT_BETA_END = 0.02;
    /** The cosine schedule's offset s (Nichol and Dhariwal 2021). */
    public static final double COSINE_OFFSET = 0.008;
    /** The cosine schedule's largest β_t. */
    public static final double COSINE_MAX_BETA = 0.999;

    /** The shape of the schedule. */
    public enum Kind {
        /** β_t evenly spaced from β_start (t = 1) to β_end (t = T), both included. */
        LINEAR("linear"),
        /** Nichol and Dhariwal's: β_t = min(1 − f(t)/f(t−1), 0.999), f(t) = cos²(((t/T) + s)/(1 + s) · π/2). */
        COSINE("cosine"),
        /** β_t = β_start for every t. */
        CONSTANT("constant");

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

    private final Kind kind;
    private final double[] beta;      // beta[t], t = 1..T; beta[0] unused (0)
    private final double[] alphaBar;  // alphaBar[t], t = 0..T; alphaBar[0] = 1

    private NoiseSchedule(Kind kind, double[] beta) {
        this.kind = kind;
        this.beta = beta;
        int steps = beta.length - 1;
        this.alphaBar = new double[steps + 1];
        alphaBar[0] = 1;
        for (int t = 1; t <= steps; t++) {
            // ᾱ_t = Π_{s ≤ t} α_s = ᾱ_{t−1} (1 − β_t)
            alphaBar[t] = alphaBar[t - 1] * (1 - beta[t]);
        }
    }

    /**
     * The schedule of the given kind. {@code betaStart} and {@code betaEnd} are used by
     * {@link Kind#LINEAR}, {@code betaStart} alone by {@link Kind#CONSTANT}; {@link Kind#COSINE}
     * ignores both.
     *
     * @throws IllegalArgumentException if T &lt; 1, or a β that the kind uses is not in (0, 1);
     *     the message starts with the field's name ({@code T}, {@code betaStart}, {@code betaEnd})
     */
    public static NoiseSchedule of(Kind kind, int steps, double betaStart, double betaEnd) {
        return switch (kind) {
            case LINEAR -> linear(steps, betaStart, betaEnd);
            case COSINE -> cosine(steps);
            case CONSTANT -> constant(steps, betaStart);
        };
    }

    /** The linear schedule with the defaults: T = 1000, β from 1e-4 to 0.02. */
    public static NoiseSchedule linear() {
        return linear(DEFAULT_STEPS, DEFAULT_BETA_START, DEFAULT_BETA_END);
    }

    /**
     * β_t = β_start + (t − 1)/(T − 1) · (β_end − β_start), t = 1..T (β_1 = β_start when T = 1).
     *
     * @throws IllegalArgumentException if T &lt; 1 or a β is not in (0, 1)
     */
    public static NoiseSchedule linear(int steps, double betaStart, double betaEnd) {
        requireSteps(steps);
        requireBeta("betaStart", betaStart);
        requireBeta("betaEnd", betaEnd);
        double[] beta = new double[steps + 1];
        for (int t = 1; t <= steps; t++) {
            beta[t] = steps == 1 ? betaStart : betaStart + (t - 1) * (betaEnd - betaStart) / (steps - 1);
        }
        return new NoiseSchedule(Kind.LINEAR, beta);
    }

    /**
     * Nichol and Dhariwal's cosine schedule with s = 0.008:
     * f(t) = cos²(((t/T) + s)/(1 + s) · π/2), β_t = min(1 − f(t)/f(t−1), 0.999).
     *
     * @throws IllegalArgumentException if T &lt; 1
     */
    public static NoiseSchedule cosine(int steps) {
        requireSteps(steps);
        double[] beta = new double[steps + 1];
        for (int t = 1; t <= steps; t++) {
            beta[t] = Math.min(1 - cosineF(t, steps) / cosineF(t - 1, steps), COSINE_MAX_BETA);
        }
        return new NoiseSchedule(Kind.COSINE, beta);
    }

    /** f(t) = cos²(((t/T) + s)/(1 + s) · π/2). */
    private static double cosineF(int t, int steps) {
        double c = Math.cos(((double) t / steps + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2);
        return c * c;
    }

    /**
     * β_t = β for every t = 1..T.
     *
     * @throws IllegalArgumentException if T &lt; 1 or β is not in (0, 1)
     */
    public static NoiseSchedule constant(int steps, double beta) {
        requireSteps(steps);
        requireBeta("betaStart", beta);
        double[] b = new double[steps + 1];
        Arrays.fill(b, 1, steps + 1, beta);
        return new NoiseSchedule(Kind.CONSTANT, b);
    }

    private static void requireSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("T: the number of steps must be at least 1, got " + steps);
        }
    }

    private static void requireBeta(String field, double beta) {
        if (!(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException(field + ": must be in (0, 1), got " + beta);
        }
    }

    /** The kind of schedule. */
    public Kind kind() {
        return kind;
    }

    /** T, the number of steps. */
    public int steps() {
        return beta.length - 1;
    }

    /**
     * β_t, for t = 1..T.
     *
     * @throws IllegalArgumentException if t is not in 1..T
     */
    public double beta(int t) {
        requireStep(t);
        return beta[t];
    }

    /**
     * α_t = 1 − β_t, for t = 1..T.
     *
     * @throws IllegalArgumentException if t is not in 1..T
     */
    public double alpha(int t) {
        return 1 - beta(t);
    }

    /**
     * ᾱ_t = Π_{s ≤ t} α_s, for t = 0..T (ᾱ_0 = 1: clean data).
     *
     * @throws IllegalArgumentException if t is not in 0..T
     */
    public double alphaBar(int t) {
        if (t < 0 || t > steps()) {
            throw new IllegalArgumentException("t: must be in 0.." + steps() + ", got " + t);
        }
        return alphaBar[t];
    }

    /**
     * The variance of the reverse posterior q(x_{t−1} | x_t, x_0):
     * β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t, for t = 1..T (β̃_1 = 0).
     *
     * @throws IllegalArgumentException if t is not in 1..T
     */
    public double posteriorVariance(int t) {
        requireStep(t);
        return (1 - alphaBar[t - 1]) / (1 - alphaBar[t]) * beta[t];
    }

    /**
     * Checks that t is a noisy step, 1..T.
     *
     * @throws IllegalArgumentException naming {@code t} and the range otherwise
     */
    public void requireStep(int t) {
        if (t < 1 || t > steps()) {
            throw new IllegalArgumentException("t: must be in 1.." + steps() + " (T = " + steps() + "), got " + t);
        }
    }

    /** E.g. {@code NoiseSchedule[linear, T=1000]}. */
    @Override
    public String toString() {
        return "NoiseSchedule[" + kind.id() + ", T=" + steps() + "]";
    }
}
