package org.genlab.core.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.genlab.core.math.Rng;

/**
 * Question 3(d)'s reparameterization trick on a visible 2-D example: estimates of
 * ∇_φ E_q[f(z)] for q = N(μ, diag(σ²)), φ = (μ₁, μ₂, σ₁, σ₂), with f chosen so that the exact
 * gradient is known in closed form.
 *
 * <ul>
 *   <li>{@link Estimator#REPARAMETERIZED}: z = μ + σ ⊙ ε, ε ~ N(0, I), so
 *       ∇_μ f(z) = ∇f(z) and ∇_σ f(z) = ∇f(z) ⊙ ε;</li>
 *   <li>{@link Estimator#SCORE_FUNCTION} (REINFORCE, no baseline): f(z) ∇_φ log q(z), with
 *       ∂/∂μ_i log q = ε_i/σ_i and ∂/∂σ_i log q = (ε_i² − 1)/σ_i.</li>
 * </ul>
 *
 * Both are unbiased; the pane shows how much more the score-function estimate spreads.
 * Gradients are 4-vectors in the order of {@link #PARAMETERS}.
 */
public final class GradientEstimators {
    /** The names of the gradient's entries, in order. */
    public static final List<String> PARAMETERS = List.of("mu1", "mu2", "sigma1", "sigma2");
    /** The largest number of samples per estimate. */
    public static final int MAX_SAMPLES = 1_000_000;
    /** The largest number of repeats in {@link #compare}. */
    public static final int MAX_REPEATS = 10_000;

    private GradientEstimators() {
    }

    /** The two gradient estimators. */
    public enum Estimator {
        /** Pathwise: the gradient of f(μ + σ ⊙ ε) for fixed ε. */
        REPARAMETERIZED("reparameterized"),
        /** REINFORCE: f(z) times the score ∇_φ log q(z). */
        SCORE_FUNCTION("score-function");

        private final String id;

        Estimator(String id) {
            this.id = id;
        }

        /** The lower-case name. */
        public String id() {
            return id;
        }

        /** The estimator with this {@link #id()}, case-insensitive. */
        public static Optional<Estimator> byName(String name) {
            return Arrays.stream(values()).filter(e -> e.id.equals(name.toLowerCase(Locale.ROOT))).findFirst();
        }
    }

    /** q = N((mu1, mu2), diag(sigma1², sigma2²)). */
    public record DiagGaussian2(double mu1, double mu2, double sigma1, double sigma2) {
        /**
         * @throws IllegalArgumentException ("sigma1: ...", "mu1: ...") for σ ≤ 0 or numbers that
         *     are not finite
         */
        public DiagGaussian2 {
            if (!Double.isFinite(mu1) || !Double.isFinite(mu2)) {
                throw new IllegalArgumentException((Double.isFinite(mu1) ? "mu2" : "mu1") + ": must be finite");
            }
            if (!(sigma1 > 0) || !Double.isFinite(sigma1)) {
                throw new IllegalArgumentException("sigma1: must be > 0 and finite, got " + sigma1);
            }
            if (!(sigma2 > 0) || !Double.isFinite(sigma2)) {
                throw new IllegalArgumentException("sigma2: must be > 0 and finite, got " + sigma2);
            }
        }
    }

    /** Test functions f(z₁, z₂) whose Gaussian expectation and its gradient are closed forms. */
    public enum TestFunction {
        /** f = z₁² + 2 z₂² + z₁ z₂; E_q f = μ₁² + σ₁² + 2(μ₂² + σ₂²) + μ₁ μ₂. */
        QUADRATIC("quadratic"),
        /** f = sin z₁ + cos z₂; E_q f = sin μ₁ e^(−σ₁²/2) + cos μ₂ e^(−σ₂²/2). */
        TRIG("trig");

        private final String id;

        TestFunction(String id) {
            this.id = id;
        }

        /** The lower-case name. */
        public String id() {
            return id;
        }

        /** f(z). */
        public double value(double z1, double z2) {
            return this == QUADRATIC ? z1 * z1 + 2 * z2 * z2 + z1 * z2 : Math.sin(z1) + Math.cos(z2);
        }

        /** ∇f(z). */
        public double[] gradient(double z1, double z2) {
            return this == QUADRATIC ? new double[] {2 * z1 + z2, 4 * z2 + z1} : new double[] {Math.cos(z1), -Math.sin(z2)};
        }

        /** E_q[f(z)] in closed form. */
        public double expectation(DiagGaussian2 q) {
            if (this == QUADRATIC) {
                return q.mu1() * q.mu1() + q.sigma1() * q.sigma1() + 2 * (q.mu2() * q.mu2() + q.sigma2() * q.sigma2()) + q.mu1() * q.mu2();
            }
            return Math.sin(q.mu1()) * Math.exp(-0.5 * q.sigma1() * q.sigma1()) + Math.cos(q.mu2()) * Math.exp(-0.5 * q.sigma2() * q.sigma2());
        }

        /** ∇_φ E_q[f(z)] in closed form, φ = (μ₁, μ₂, σ₁, σ₂). */
        public double[] expectationGradient(DiagGaussian2 q) {
            double m1 = q.mu1(), m2 = q.mu2(), s1 = q.sigma1(), s2 = q.sigma2();
            if (this == QUADRATIC) {
                return new double[] {2 * m1 + m2, 4 * m2 + m1, 2 * s1, 4 * s2};
            }
            double e1 = Math.exp(-0.5 * s1 * s1), e2 = Math.exp(-0.5 * s2 * s2);
            return new double[] {Math.cos(m1) * e1, -Math.sin(m2) * e2, -s1 * Math.sin(m1) * e1, -s2 * Math.cos(m2) * e2};
        }
    }

    /**
     * The spread of an estimator over R repeats at one number of samples.
     *
     * @param mean per parameter, the mean of the R estimates
     * @param sd per parameter, their standard deviation (R − 1 in the denominator; 0 for R = 1)
     */
    public record Spread(Estimator estimator, int samples, int repeats, double[] mean, double[] sd) {
        /** Keeps its own copies. */
        public Spread {
            mean = mean.clone();
            sd = sd.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] sd() {
            return sd.clone();
        }
    }

    /**
     * n single-sample gradient estimates (n rows of 4), each from one ε = two standard normals
     * drawn from {@code rng}: the cloud the pane draws. Both estimators read the same ε from the
     * same seed.
     *
     * @throws IllegalArgumentException ("samples: ...") if n is not in 1..{@link #MAX_SAMPLES}
     */
    public static double[][] perSample(Estimator estimator, TestFunction f, DiagGaussian2 q, int samples, Rng rng) {
        requireSamples(samples);
        double[][] out = new double[samples][];
        for (int i = 0; i < samples; i++) {
            double e1 = rng.nextGaussian(), e2 = rng.nextGaussian();
            double z1 = q.mu1() + q.sigma1() * e1, z2 = q.mu2() + q.sigma2() * e2;
            if (estimator == Estimator.REPARAMETERIZED) {
                double[] g = f.gradient(z1, z2);
                out[i] = new double[] {g[0], g[1], g[0] * e1, g[1] * e2};
            } else {
                double v = f.value(z1, z2);
                out[i] = new double[] {v * e1 / q.sigma1(), v * e2 / q.sigma2(), v * (e1 * e1 - 1) / q.sigma1(),
                    v * (e2 * e2 - 1) / q.sigma2()};
            }
        }
        return out;
    }

    /** The estimate from n samples: the mean of {@link #perSample}. */
    public static double[] estimate(Estimator estimator, TestFunction f, DiagGaussian2 q, int samples, Rng rng) {
        double[][] g = perSample(estimator, f, q, samples, rng);
        double[] mean = new double[4];
        for (double[] row : g) {
            for (int k = 0; k < 4; k++) {
                mean[k] += row[k];
            }
        }
        for (int k = 0; k < 4; k++) {
            mean[k] /= samples;
        }
        return mean;
    }

    /**
     * Both estimators' mean and spread over R repeats for each number of samples. Repeat r at
     * the k-th sample count draws from {@code Rng.forStream(seed, k · R + r)}, the same stream
     * for both estimators (common random numbers). The list holds, for each count in order,
     * the reparameterized then the score-function spread.
     *
     * @throws IllegalArgumentException ("samples: ...", "repeats: ...") out of range
     */
    public static List<Spread> compare(TestFunction f, DiagGaussian2 q, int[] sampleCounts, int repeats, long seed) {
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new IllegalArgumentException("repeats: must be in 1.." + MAX_REPEATS + ", got " + repeats);
        }
        for (int n : sampleCounts) {
            requireSamples(n);
        }
        List<Spread> out = new ArrayList<>();
        for (int k = 0; k < sampleCounts.length; k++) {
            for (Estimator e : Estimator.values()) {
                double[][] est = new double[repeats][];
                for (int r = 0; r < repeats; r++) {
                    est[r] = estimate(e, f, q, sampleCounts[k], Rng.forStream(seed, (long) k * repeats + r));
                }
                double[] mean = new double[4], sd = new double[4];
                for (int p = 0; p < 4; p++) {
                    double s = 0;
                    for (double[] g : est) {
                        s += g[p];
                    }
                    mean[p] = s / repeats;
                    double ss = 0;
                    for (double[] g : est) {
                        ss += (g[p] - mean[p]) * (g[p] - mean[p]);
                    }
                    sd[p] = repeats > 1 ? Math.sqrt(ss / (repeats - 1)) : 0;
                }
                out.add(new Spread(e, sampleCounts[k], repeats, mean, sd));
            }
        }
        return out;
    }

    private static void requireSamples(int samples) {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples: must be in 1.." + MAX_SAMPLES + ", got " + samples);
        }
    }
}
