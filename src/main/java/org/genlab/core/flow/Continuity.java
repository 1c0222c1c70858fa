package org.genlab.core.flow;

/**
 * A numerical check of Q9 f: the exact p_t and v_t satisfy the continuity equation
 *
 * <pre>
 *   ∂p_t(x)/∂t + ∇·(p_t(x) v_t(x)) = 0.
 * </pre>
 *
 * Both terms are computed by second-order finite differences of {@link ExactFlow#density} and
 * {@link ExactFlow#velocity} (and their 1-D twins), with steps h = 10⁻⁴ (1 − t) in t and in x:
 * central differences, or one-sided three-point differences in t at t &lt; h. The residual is
 * then of the order of the differences' error (about h² times third derivatives), far below
 * ∂p/∂t, which {@link ContinuityGrid#maxAbsDpdt()} gives for comparison.
 */
public final class Continuity {
    private static final double REL_STEP = 1e-4;

    private Continuity() {
    }

    /**
     * The residual on an nx × ny grid over [minX, maxX] × [minY, maxY] (end points included).
     *
     * @throws IllegalArgumentException if t is not in [0, 1) ({@code t:}), a grid size is below
     *     2 ({@code nx:}, {@code ny:}) or the box is empty or not finite ({@code box:})
     */
    public static ContinuityGrid residual(ExactFlow flow, double t, double minX, double maxX, double minY, double maxY,
            int nx, int ny) {
        FlowTime.require(t);
        double[] xs = axis("nx", minX, maxX, nx);
        double[] ys = axis("ny", minY, maxY, ny);
        double h = REL_STEP * (1 - t);
        double[][] res = new double[ny][nx];
        double[][] dp = new double[ny][nx];
        double maxRes = 0;
        double maxDp = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double x = xs[i];
                double y = ys[j];
                double dpdt = dt(s -> flow.density(s, x, y), t, h);
                // ∇·(p v) = ∂(p vx)/∂x + ∂(p vy)/∂y, central differences
                double fxp = flow.density(t, x + h, y) * flow.velocity(t, x + h, y)[0];
                double fxm = flow.density(t, x - h, y) * flow.velocity(t, x - h, y)[0];
                double fyp = flow.density(t, x, y + h) * flow.velocity(t, x, y + h)[1];
                double fym = flow.density(t, x, y - h) * flow.velocity(t, x, y - h)[1];
                double div = (fxp - fxm) / (2 * h) + (fyp - fym) / (2 * h);
                dp[j][i] = dpdt;
                res[j][i] = dpdt + div;
                maxRes = Math.max(maxRes, Math.abs(res[j][i]));
                maxDp = Math.max(maxDp, Math.abs(dpdt));
            }
        }
        return new ContinuityGrid(t, xs, ys, res, dp, maxRes, maxDp);
    }

    /**
     * The 1-D residual ∂p_t/∂t + ∂(p_t v_t)/∂x on nx points over [minX, maxX].
     *
     * @throws IllegalArgumentException if t is not in [0, 1), nx &lt; 2 or the interval is empty
     */
    public static ContinuityGrid residual(ExactFlow1D flow, double t, double minX, double maxX, int nx) {
        FlowTime.require(t);
        double[] xs = axis("nx", minX, maxX, nx);
        double h = REL_STEP * (1 - t);
        double[][] res = new double[1][nx];
        double[][] dp = new double[1][nx];
        double maxRes = 0;
        double maxDp = 0;
        for (int i = 0; i < nx; i++) {
            double x = xs[i];
            double dpdt = dt(s -> flow.density(s, x), t, h);
            double fp = flow.density(t, x + h) * flow.velocity(t, x + h);
            double fm = flow.density(t, x - h) * flow.velocity(t, x - h);
            dp[0][i] = dpdt;
            res[0][i] = dpdt + (fp - fm) / (2 * h);
            maxRes = Math.max(maxRes, Math.abs(res[0][i]));
            maxDp = Math.max(maxDp, Math.abs(dpdt));
        }
        return new ContinuityGrid(t, xs, new double[] {0}, res, dp, maxRes, maxDp);
    }

    /** d/dt of f at t: central, or one-sided (−3 f(t) + 4 f(t+h) − f(t+2h))/(2h) near t = 0. */
    private static double dt(java.util.function.DoubleUnaryOperator f, double t, double h) {
        if (t >= h) {
            return (f.applyAsDouble(t + h) - f.applyAsDouble(t - h)) / (2 * h);
        }
        return (-3 * f.applyAsDouble(t) + 4 * f.applyAsDouble(t + h) - f.applyAsDouble(t + 2 * h)) / (2 * h);
    }

    private static double[] axis(String name, double lo, double hi, int n) {
        if (n < 2) {
            throw new IllegalArgumentException(name + ": the grid needs at least 2 points, got " + n);
        }
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("box: need finite bounds with min < max, got [" + lo + ", " + hi + "]");
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * i / (n - 1);
        }
        return a;
    }
}
