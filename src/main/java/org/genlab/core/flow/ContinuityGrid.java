package org.genlab.core.flow;

/**
 * The continuity equation checked on a grid at one time t: residual[j][i] is
 * ∂p_t/∂t + ∇·(p_t v_t) at (xs[i], ys[j]), both terms by finite differences of the exact p_t
 * and v_t. For 1-D data there is one row and ys is {0}. The arrays are the grid's own; treat
 * them as read-only.
 *
 * @param t the time
 * @param xs the grid's x coordinates
 * @param ys the grid's y coordinates ({0} in 1-D)
 * @param residual the residual at each grid point, [row j][column i]
 * @param dpdt ∂p_t/∂t at each grid point, the scale to compare the residual with
 * @param maxAbsResidual max |residual| over the grid
 * @param maxAbsDpdt max |∂p_t/∂t| over the grid
 */
public record ContinuityGrid(double t, double[] xs, double[] ys, double[][] residual, double[][] dpdt,
        double maxAbsResidual, double maxAbsDpdt) {
    /** max |residual| / max |∂p/∂t| (0 when both are 0). */
    public double relativeResidual() {
        return maxAbsDpdt == 0 ? (maxAbsResidual == 0 ? 0 : Double.POSITIVE_INFINITY) : maxAbsResidual / maxAbsDpdt;
    }
}
