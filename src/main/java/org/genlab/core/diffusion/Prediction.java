package org.genlab.core.diffusion;

/**
 * The optimal noise predictor at one point x and step t (the homework's question 8(c, d)),
 * with what the pane shows beside it.
 *
 * @param t the step, 1..T
 * @param alphaBar ᾱ_t
 * @param epsX first coordinate of ε*(x, t) = Σ_i w_i ε_i
 * @param epsY second coordinate of ε*(x, t)
 * @param scoreX first coordinate of the score ∇ log q_t(x) = −ε*(x, t) / √(1 − ᾱ_t)
 * @param scoreY second coordinate of the score
 * @param x0X first coordinate of E[x_0 | x_t = x] = Σ_i w_i x0_i
 * @param x0Y second coordinate of E[x_0 | x_t = x]
 * @param posterior the posterior weights w_i = P(x0_i | x_t = x), in data-row order, summing
 *     to 1 (the accessor returns a copy)
 */
public record Prediction(int t, double alphaBar, double epsX, double epsY, double scoreX, double scoreY,
        double x0X, double x0Y, double[] posterior) {
    /** Copies the posterior weights. */
    public Prediction {
        posterior = posterior.clone();
    }

    /** A copy of the posterior weights, in data-row order. */
    @Override
    public double[] posterior() {
        return posterior.clone();
    }
}
