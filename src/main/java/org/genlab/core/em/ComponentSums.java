package org.genlab.core.em;

/**
 * The M-step's intermediate sums for one component z, for showing the homework's Q6 with live
 * numbers. Every sum is weighted by the point weights w_i (a point of weight 2 counts twice):
 *
 * <pre>
 *   sumQ        = Σ_i w_i Q(z|x_i)                       (N_z, the effective number of points)
 *   sumQx, sumQy = Σ_i w_i Q(z|x_i) x_i                  (the numerator of μ_z)
 *   meanX, meanY = μ̂_z = Σ_i w_i Q x_i / Σ_i w_i Q
 *   scatterXX, scatterXY, scatterYY = Σ_i w_i Q (x_i − μ̂_z)(x_i − μ̂_z)ᵀ
 * </pre>
 *
 * so that σ̂_z² = (scatterXX + scatterYY) / (d sumQ) with d = 2, and p̂_z = sumQ / n with n
 * the total weight. The fast path accumulates shifted sums and reports these same quantities
 * (the mean is then computed as shift + shifted sum / sumQ, equal up to rounding).
 */
public record ComponentSums(double sumQ, double sumQx, double sumQy, double meanX, double meanY,
                            double scatterXX, double scatterXY, double scatterYY) {

    /** Σ_i w_i Q(z|x_i) ||x_i − μ̂_z||², the numerator of the spherical variance. */
    public double sumQSquaredDistance() {
        return scatterXX + scatterYY;
    }
}
