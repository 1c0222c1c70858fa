package org.genlab.core.flow;

/**
 * The exact marginal velocity at one point x and time t, with what a pane shows beside it.
 *
 * @param t the time, in [0, 1)
 * @param vx first coordinate of v_t(x) = Σ_i w_i (x1_i − x) / (1 − t)
 * @param vy second coordinate of v_t(x)
 * @param x1X first coordinate of the prediction E[x1 | x_t = x] = Σ_i w_i x1_i
 * @param x1Y second coordinate of E[x1 | x_t = x]
 * @param posterior the posterior weights w_i = P(x1_i | x_t = x), in data-row order, summing
 *     to 1 (the accessor returns a copy)
 */
public record FlowPrediction(double t, double vx, double vy, double x1X, double x1Y, double[] posterior) {
    /** Copies the posterior weights. */
    public FlowPrediction {
        posterior = posterior.clone();
    }

    /** A copy of the posterior weights, in data-row order. */
    @Override
    public double[] posterior() {
        return posterior.clone();
    }
}
