package org.genlab.core.em;

import java.util.List;

/**
 * Question 7 on one line through parameter space: after an E-step at θ₀ (so Q = P(z|x, θ₀)),
 * the log-likelihood ℓ(θ₀ + t d) and the bound ELBO(Q; θ₀ + t d) for t around 0. They are equal
 * at t = 0 and have the same slope there, because the KL term and its gradient vanish at θ₀;
 * away from 0 the ELBO is below.
 */
public final class Tangency {
    /** Which parameter of component 1 moves. */
    public enum Direction {
        /** The x coordinate of μ₁. */
        MEAN_X("x of μ₁"),
        /** The y coordinate of μ₁. */
        MEAN_Y("y of μ₁"),
        /** The variance of component 1 (both diagonal entries of Σ₁, so every type stays valid). */
        VARIANCE("variance of component 1"),
        /** The weight p₁, the other weights scaled so all still sum to 1. */
        WEIGHT("weight p₁");

        private final String label;

        Direction(String label) {
            this.label = label;
        }

        /** How the direction is shown to the student. */
        public String label() {
            return label;
        }
    }

    /**
     * The two curves on t in [−h, h], and both slopes at t = 0 by central differences.
     *
     * @param t       the offsets
     * @param logLik  ℓ(θ₀ + t d)
     * @param elbo    ELBO(Q_θ₀; θ₀ + t d)
     */
    public record Curves(Direction direction, double[] t, double[] logLik, double[] elbo, double slopeLogLik,
                         double slopeElbo) {
    }

    private Tangency() {
    }

    /**
     * Evaluates both curves at {@code points} (odd, at least 3) evenly spaced offsets.
     *
     * @param theta0 the mixture of the E-step (Q is its posterior)
     * @throws IllegalArgumentException if the mixture has fewer than 2 components for WEIGHT
     */
    public static Curves curves(Em em, Mixture theta0, Direction d, int points) {
        if (points < 3 || points % 2 == 0) {
            throw new IllegalArgumentException("points must be odd and at least 3, got " + points);
        }
        if (d == Direction.WEIGHT && theta0.k() < 2) {
            throw new IllegalArgumentException("moving a weight needs at least two components");
        }
        Responsibilities q = em.responsibilities(theta0);
        double h = halfWidth(theta0, d);
        double[] t = new double[points], ll = new double[points], elbo = new double[points];
        for (int j = 0; j < points; j++) {
            t[j] = -h + 2 * h * j / (points - 1);
            Mixture m = moved(theta0, d, t[j]);
            ll[j] = em.logLikelihood(m);
            elbo[j] = em.elbo(q, m);
        }
        // central differences with a step much smaller than the plotted range
        double e = h * 1e-4;
        Mixture plus = moved(theta0, d, e), minus = moved(theta0, d, -e);
        double sLl = (em.logLikelihood(plus) - em.logLikelihood(minus)) / (2 * e);
        double sElbo = (em.elbo(q, plus) - em.elbo(q, minus)) / (2 * e);
        return new Curves(d, t, ll, elbo, sLl, sElbo);
    }

    /** Half the plotted range: half a standard deviation for a mean, and so on, so curves stay readable. */
    static double halfWidth(Mixture m, Direction d) {
        return switch (d) {
            case MEAN_X, MEAN_Y -> 0.75 * Math.sqrt(m.maxEigenvalue(0));
            case VARIANCE -> 0.5 * m.minEigenvalue(0);
            case WEIGHT -> 0.5 * Math.min(m.weight(0), 1 - m.weight(0));
        };
    }

    /** θ₀ moved by t along d; the result has the same covariance type. */
    static Mixture moved(Mixture m, Direction d, double t) {
        int k = m.k();
        double[] w = m.weights();
        double[][] mu = m.means();
        double[][][] cov = m.covariances();
        switch (d) {
            case MEAN_X -> mu[0][0] += t;
            case MEAN_Y -> mu[0][1] += t;
            case VARIANCE -> {
                cov[0][0][0] += t;
                cov[0][1][1] += t;
            }
            case WEIGHT -> {
                // p_1 + t, and every other p_z scaled by (1 − p_1 − t) / (1 − p_1)
                double scale = (1 - w[0] - t) / (1 - w[0]);
                for (int z = 1; z < k; z++) {
                    w[z] *= scale;
                }
                w[0] += t;
                double sum = 0;
                for (double v : w) {
                    sum += v;
                }
                for (int z = 0; z < k; z++) {
                    w[z] /= sum; // remove rounding so the weights sum to 1 exactly enough
                }
            }
        }
        return Mixture.of(m.type(), w, mu, cov);
    }

    /** The directions that apply to a mixture of k components. */
    public static List<Direction> directions(int k) {
        return k < 2 ? List.of(Direction.MEAN_X, Direction.MEAN_Y, Direction.VARIANCE) : List.of(Direction.values());
    }
}
