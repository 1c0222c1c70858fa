package org.genlab.core.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.genlab.core.math.Rng;

/**
 * Draws from the latent-variable models of question 3(b) ii-iii: z from the latent, then x from
 * p(x | z) as the option says, and tests the x against the target with Kolmogorov-Smirnov.
 */
public final class InverseCdfSampler {
    /** The largest number of draws. */
    public static final int MAX_N = 1_000_000;

    private InverseCdfSampler() {
    }

    /**
     * n draws (z, x). Each draw takes its z from {@code rng}, then (option c only) one Gaussian.
     *
     * @throws IllegalArgumentException ("n: ...") if n is not in 1..{@link #MAX_N}
     */
    public static InverseCdfResult draw(Target target, Latent latent, InverseCdfOption option, int n, Rng rng) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n: must be in 1.." + MAX_N + ", got " + n);
        }
        List<Draw> draws = new ArrayList<>(n);
        int undefined = 0;
        for (int i = 0; i < n; i++) {
            double z = latent.sample(rng);
            OptionalDouble x = option.apply(target, latent, z, rng);
            if (x.isEmpty()) {
                undefined++;
            }
            draws.add(new Draw(z, x));
        }
        InverseCdfResult partial = new InverseCdfResult(target, latent, option, draws, undefined, Optional.empty());
        return new InverseCdfResult(target, latent, option, draws, undefined, ks(target, partial.definedSamples()));
    }

    /**
     * The one-sample Kolmogorov-Smirnov test (Commons Math) of {@code samples} against the
     * target's CDF; empty when there are no samples. (One sample, which Commons Math refuses, is
     * tested in closed form.)
     */
    public static Optional<KsResult> ks(Target target, double[] samples) {
        if (samples.length == 0) {
            return Optional.empty();
        }
        if (samples.length == 1) {
            // Commons Math wants two samples; for one, D = max(F(x), 1 − F(x)) and P(D ≥ d) = 2 − 2d
            double f = target.cdf(samples[0]);
            double d = Math.max(f, 1 - f);
            return Optional.of(new KsResult(d, Math.min(1, 2 - 2 * d), 1));
        }
        KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
        TargetDistribution dist = new TargetDistribution(target);
        double d = test.kolmogorovSmirnovStatistic(dist, samples);
        double p = test.kolmogorovSmirnovTest(dist, samples, false);
        return Optional.of(new KsResult(d, p, samples.length));
    }

    /**
     * A histogram of {@code values} over [lo, hi] with equal bins, as a density (each bin's
     * count / (n · width), n counting every value, also those outside), to lay over p(x).
     *
     * @throws IllegalArgumentException ("bins: ...", "lo: ...") for bins &lt; 1 or lo ≥ hi
     */
    public static double[] histogram(double[] values, double lo, double hi, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins: must be >= 1, got " + bins);
        }
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("lo: the interval must be finite with lo < hi, got [" + lo + ", " + hi + "]");
        }
        double[] h = new double[bins];
        if (values.length == 0) {
            return h;
        }
        double width = (hi - lo) / bins;
        for (double v : values) {
            if (v >= lo && v <= hi) {
                h[Math.min(bins - 1, (int) ((v - lo) / width))]++;
            }
        }
        for (int k = 0; k < bins; k++) {
            h[k] /= values.length * width;
        }
        return h;
    }

    /** The target as a Commons Math distribution, for its KS test (only the CDF is used). */
    static final class TargetDistribution extends AbstractRealDistribution {
        private static final long serialVersionUID = 1L;
        private final transient Target target;

        TargetDistribution(Target target) {
            super(null);
            this.target = target;
        }

        @Override
        public double density(double x) {
            return target.density(x);
        }

        @Override
        public double cumulativeProbability(double x) {
            return target.cdf(x);
        }

        /**
         * E[X] and Var[X] by the midpoint rule on the quantile function, E[g(X)] = ∫₀¹ g(F⁻¹(u)) du
         * (4,000 points: enough for a distribution object the KS test never asks for moments).
         */
        private double[] moments() {
            int n = 4000;
            double m = 0, m2 = 0;
            for (int i = 0; i < n; i++) {
                double x = target.inverseCdf((i + 0.5) / n).orElse(Double.NaN);
                m += x / n;
                m2 += x * x / n;
            }
            return new double[] {m, m2 - m * m};
        }

        @Override
        public double getNumericalMean() {
            return moments()[0];
        }

        @Override
        public double getNumericalVariance() {
            return moments()[1];
        }

        @Override
        public double getSupportLowerBound() {
            return target.lower();
        }

        @Override
        public double getSupportUpperBound() {
            return target.upper();
        }

        @Override
        public boolean isSupportLowerBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportUpperBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportConnected() {
            return true;
        }
    }
}
