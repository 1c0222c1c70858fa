package org.genlab.core.vae;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.special.Erf;

/**
 * A 1-D target distribution p(x) with its CDF F and inverse CDF F⁻¹ (question 3(b)): the
 * homework's option of turning a latent z into x = F⁻¹(u) needs all three, and the pane plots
 * them. Immutable.
 *
 * <p>F⁻¹ is the generalised inverse F⁻¹(u) = inf{x : F(x) ≥ u} for u in (0, 1). At the ends it
 * is defined only where the support ends: F⁻¹(0) is the support's lower end and F⁻¹(1) its
 * upper end when they are finite (uniform: 0 and 1; exponential: F⁻¹(0) = 0 but F⁻¹(1) is
 * undefined); outside [0, 1], or for NaN, it is undefined. Undefined is an empty
 * {@link OptionalDouble}, never NaN or an infinity.
 */
public abstract sealed class Target permits Target.Mixture, Target.Exponential, Target.Uniform, Target.Histogram {
    /** The names of the built-in targets, as the command line spells them. */
    public static final List<String> NAMES = List.of("mixture", "exponential", "uniform");

    Target() {
    }

    /** The lower-case name ({@code mixture}, {@code exponential}, {@code uniform}, {@code histogram}). */
    public abstract String id();

    /** The density p(x). */
    public abstract double density(double x);

    /** The CDF F(x) = P(X ≤ x). */
    public abstract double cdf(double x);

    /** The lower end of the support (may be −∞). */
    public abstract double lower();

    /** The upper end of the support (may be +∞). */
    public abstract double upper();

    /**
     * F⁻¹(u), or empty where it is undefined: u outside [0, 1] or NaN, or u = 0 (u = 1) when the
     * support has no finite lower (upper) end.
     */
    public final OptionalDouble inverseCdf(double u) {
        if (!(u >= 0 && u <= 1)) {
            return OptionalDouble.empty();
        }
        if (u == 0) {
            return Double.isFinite(lower()) ? OptionalDouble.of(lower()) : OptionalDouble.empty();
        }
        if (u == 1) {
            return Double.isFinite(upper()) ? OptionalDouble.of(upper()) : OptionalDouble.empty();
        }
        return OptionalDouble.of(inverseInside(u));
    }

    /** F⁻¹(u) for 0 &lt; u &lt; 1. */
    abstract double inverseInside(double u);

    /**
     * A range [lo, hi] that holds all but about 0.1% of the mass, widened by 5% each side, for
     * the axes of a plot.
     */
    public final double[] plotRange() {
        double lo = Double.isFinite(lower()) ? lower() : inverseInside(5e-4);
        double hi = Double.isFinite(upper()) ? upper() : inverseInside(1 - 5e-4);
        double pad = 0.05 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    /** The homework-style mixture 0.3 N(−2, 0.5²) + 0.7 N(1.5, 1). */
    public static Target mixture() {
        return new Mixture(new double[] {0.3, 0.7}, new double[] {-2, 1.5}, new double[] {0.5, 1});
    }

    /** The exponential distribution with rate 1. */
    public static Target exponential() {
        return new Exponential();
    }

    /** The uniform distribution on (0, 1). */
    public static Target uniform() {
        return new Uniform();
    }

    /**
     * A piecewise-constant density on [lo, hi] with equal-width bins whose heights are
     * proportional to {@code heights} (a histogram the user draws); the heights are normalised
     * so the density integrates to 1.
     *
     * @throws IllegalArgumentException ("lo: ...", "heights: ...") if lo ≥ hi or either is not
     *     finite, if there are no bins, if a height is negative or not finite, or if every height
     *     is zero
     */
    public static Target histogram(double lo, double hi, double[] heights) {
        return new Histogram(lo, hi, heights);
    }

    /** The built-in target with this name ({@link #NAMES}), case-insensitive. */
    public static Optional<Target> byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mixture" -> Optional.of(mixture());
            case "exponential" -> Optional.of(exponential());
            case "uniform" -> Optional.of(uniform());
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return "Target[" + id() + "]";
    }

    /** Standard normal CDF Φ, accurate in both tails (through erfc). */
    static double phi(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    /** Standard normal density φ. */
    static double phiDensity(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** A finite mixture of normals; F⁻¹ by safeguarded Newton inside a bisection bracket. */
    public static final class Mixture extends Target {
        private final double[] weight, mean, sd;

        Mixture(double[] weight, double[] mean, double[] sd) {
            this.weight = weight.clone();
            this.mean = mean.clone();
            this.sd = sd.clone();
        }

        @Override
        public String id() {
            return "mixture";
        }

        /** The component weights (a copy). */
        public double[] weights() {
            return weight.clone();
        }

        /** The component means (a copy). */
        public double[] means() {
            return mean.clone();
        }

        /** The component standard deviations (a copy). */
        public double[] sds() {
            return sd.clone();
        }

        @Override
        public double density(double x) {
            double p = 0;
            for (int k = 0; k < weight.length; k++) {
                p += weight[k] * phiDensity((x - mean[k]) / sd[k]) / sd[k];
            }
            return p;
        }

        @Override
        public double cdf(double x) {
            double f = 0;
            for (int k = 0; k < weight.length; k++) {
                f += weight[k] * phi((x - mean[k]) / sd[k]);
            }
            return Math.min(1, f);
        }

        @Override
        public double lower() {
            return Double.NEGATIVE_INFINITY;
        }

        @Override
        public double upper() {
            return Double.POSITIVE_INFINITY;
        }

        /**
         * Solves F(x) = u: a bracket [lo, hi] with F(lo) &lt; u ≤ F(hi) found by stepping out from
         * the components' range, then Newton steps that fall back to bisection whenever they leave
         * the bracket (F is increasing and smooth, so this always converges).
         */
        @Override
        double inverseInside(double u) {
            double lo = Arrays.stream(mean).min().orElseThrow() - 1;
            double hi = Arrays.stream(mean).max().orElseThrow() + 1;
            double step = Arrays.stream(sd).max().orElseThrow();
            // at most 64 doublings each way: rounding can keep F a hair from 0 or 1, and the
            // bisection below then converges on the bracket's end rather than loop forever
            for (int i = 0; i < 64 && cdf(lo) >= u; i++) {
                lo -= step;
                step *= 2;
            }
            step = Arrays.stream(sd).max().orElseThrow();
            for (int i = 0; i < 64 && cdf(hi) < u; i++) {
                hi += step;
                step *= 2;
            }
            double x = 0.5 * (lo + hi);
            for (int it = 0; it < 200; it++) {
                double f = cdf(x) - u;
                if (f < 0) {
                    lo = x;
                } else {
                    hi = x;
                }
                double d = density(x);
                double next = d > 0 ? x - f / d : Double.NaN;
                if (!(next > lo && next < hi)) {
                    next = 0.5 * (lo + hi);
                }
                if (Math.abs(next - x) <= 1e-15 * (1 + Math.abs(x)) || hi - lo <= 1e-15 * (1 + Math.abs(x))) {
                    return next;
                }
                x = next;
            }
            return x;
        }
    }

    /** Exponential with rate 1: F(x) = 1 − e^(−x) on [0, ∞). */
    public static final class Exponential extends Target {
        Exponential() {
        }

        @Override
        public String id() {
            return "exponential";
        }

        @Override
        public double density(double x) {
            return x < 0 ? 0 : Math.exp(-x);
        }

        @Override
        public double cdf(double x) {
            return x <= 0 ? 0 : -Math.expm1(-x);
        }

        @Override
        public double lower() {
            return 0;
        }

        @Override
        public double upper() {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        double inverseInside(double u) {
            return -Math.log1p(-u);
        }
    }

    /** Uniform on (0, 1): F(x) = x there. */
    public static final class Uniform extends Target {
        Uniform() {
        }

        @Override
        public String id() {
            return "uniform";
        }

        @Override
        public double density(double x) {
            return x >= 0 && x <= 1 ? 1 : 0;
        }

        @Override
        public double cdf(double x) {
            return Math.max(0, Math.min(1, x));
        }

        @Override
        public double lower() {
            return 0;
        }

        @Override
        public double upper() {
            return 1;
        }

        @Override
        double inverseInside(double u) {
            return u;
        }
    }

    /** A piecewise-constant density over equal bins of [lo, hi]; its CDF is piecewise linear. */
    public static final class Histogram extends Target {
        private final double lo, hi, width;
        private final double[] density;   // per bin, integrates to 1
        private final double[] cum;       // cum[k] = F(lo + k width), cum[0] = 0, cum[bins] = 1

        Histogram(double lo, double hi, double[] heights) {
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
                throw new IllegalArgumentException("lo: the interval must be finite with lo < hi, got [" + lo + ", " + hi + "]");
            }
            if (heights.length == 0) {
                throw new IllegalArgumentException("heights: no bins");
            }
            double total = 0;
            for (int k = 0; k < heights.length; k++) {
                if (!(heights[k] >= 0) || !Double.isFinite(heights[k])) {
                    throw new IllegalArgumentException("heights: bin " + k + " must be finite and >= 0, got " + heights[k]);
                }
                total += heights[k];
            }
            if (total == 0) {
                throw new IllegalArgumentException("heights: every bin is zero, so there is no density; draw at least one bar");
            }
            this.lo = lo;
            this.hi = hi;
            int bins = heights.length;
            this.width = (hi - lo) / bins;
            this.density = new double[bins];
            this.cum = new double[bins + 1];
            for (int k = 0; k < bins; k++) {
                double mass = heights[k] / total;
                density[k] = mass / width;
                cum[k + 1] = cum[k] + mass;
            }
            cum[bins] = 1;
        }

        @Override
        public String id() {
            return "histogram";
        }

        /** The number of bins. */
        public int bins() {
            return density.length;
        }

        /** The normalised density of each bin (a copy). */
        public double[] binDensities() {
            return density.clone();
        }

        private int bin(double x) {
            return Math.min(density.length - 1, (int) Math.floor((x - lo) / width));
        }

        @Override
        public double density(double x) {
            return x < lo || x > hi ? 0 : density[bin(x)];
        }

        @Override
        public double cdf(double x) {
            if (x <= lo) {
                return 0;
            }
            if (x >= hi) {
                return 1;
            }
            int k = bin(x);
            return Math.min(1, cum[k] + density[k] * (x - (lo + k * width)));
        }

        @Override
        public double lower() {
            return lo;
        }

        @Override
        public double upper() {
            return hi;
        }

        /** The first bin whose cumulative mass reaches u, then linear inside it (empty bins are skipped). */
        @Override
        double inverseInside(double u) {
            int k = 0;
            while (k < density.length - 1 && cum[k + 1] < u) {
                k++;
            }
            // cum[k] < u <= cum[k + 1], so bin k has mass > 0
            double x = lo + k * width + (u - cum[k]) / density[k];
            return Math.min(hi, Math.max(lo, x));
        }
    }
}
