package org.genlab.core.flow;

import java.util.concurrent.Executor;

/**
 * A time-dependent velocity field v_t(x) in the plane, evaluated for many particles at once:
 * the exact marginal field of a data set ({@link ExactFlow#field()}) or a trained network
 * ({@link LearnedField}). The solvers in {@link FlowSampler} work with either.
 *
 * <p>Implementations must give each particle a result that depends only on its own position
 * and t (not on the executor, the parallelism or the other particles), so that sampling is
 * the same on any number of threads.
 */
public interface VelocityField {
    /**
     * Writes v_t at (xs[i], ys[i]) to (vx[i], vy[i]) for every i in 0..xs.length − 1.
     *
     * @param t the time, in [0, 1)
     * @param executor where helper threads run (null: everything on the caller)
     * @param parallelism threads in all, the caller included (at least 1)
     * @throws IllegalArgumentException if t is not in [0, 1) (the message starts with {@code t:})
     *     or the arrays differ in length
     */
    void velocity(double t, double[] xs, double[] ys, double[] vx, double[] vy, Executor executor, int parallelism);

    /**
     * v_t at one point as {@code {vx, vy}}, on the caller.
     *
     * @throws IllegalArgumentException if t is not in [0, 1)
     */
    default double[] velocity(double t, double x, double y) {
        double[] vx = new double[1];
        double[] vy = new double[1];
        velocity(t, new double[] {x}, new double[] {y}, vx, vy, null, 1);
        return new double[] {vx[0], vy[0]};
    }

    /** Checks that the four arrays have one length. */
    static void checkLengths(double[] xs, double[] ys, double[] vx, double[] vy) {
        int n = xs.length;
        if (ys.length != n || vx.length != n || vy.length != n) {
            throw new IllegalArgumentException("arrays differ in length: xs " + n + ", ys " + ys.length
                    + ", vx " + vx.length + ", vy " + vy.length);
        }
    }
}
