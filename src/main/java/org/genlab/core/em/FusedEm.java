package org.genlab.core.em;

import java.util.concurrent.Executor;

/**
 * The fast path: one fused pass over the data that does the E-step and accumulates the
 * M-step's sums, multi-threaded over fixed chunks. Its plain reference is
 * {@link Em#responsibilities} + {@link Em#sums} + {@link Em#logLikelihood} (a test checks they
 * agree within 1e-10 relative).
 *
 * <p>For each point (in coordinates centred on the data mean c, so data far from the origin
 * keeps its digits) and each component, with d = x_i − μ_z:
 *
 * <pre>
 *   l_z   = log p_z − log 2π − ½ log det Σ_z − ½ dᵀ Σ_z⁻¹ d
 *   log P(x_i | θ) = m + log Σ_z exp(l_z − m),  m = max_z l_z
 *   Q(z|x_i) = exp(l_z − m) / Σ_z' exp(l_z' − m)
 *   S0_z += w_i Q,  S1_z += w_i Q d,  S2_z += w_i Q d dᵀ
 * </pre>
 *
 * The sums are shifted by the old mean μ_z (d is needed for l_z anyway), and the new
 * parameters follow without cancellation trouble:
 *
 * <pre>
 *   μ̂_z = μ_z + S1_z / S0_z,   scatter_z = S2_z − S1_z S1_zᵀ / S0_z
 * </pre>
 *
 * Chunks are fixed by the data size alone ({@value #CHUNK} points) and each chunk's
 * accumulators are added in chunk order, so the result is bitwise the same on any number of
 * threads. The inner loop allocates nothing: each chunk has its own small workspace.
 */
final class FusedEm {
    /** Points per chunk. */
    static final int CHUNK = 4096;
    /**
     * A component whose l_z is more than this below the point's largest gets responsibility 0:
     * e^−50 ≈ 2e−22 is far below the rounding of Σ_z exp(l_z − m) ≥ 1, so no point's
     * likelihood changes, and the skipped share of any M-step sum is below 2e−22 of the
     * point's weight. (A component that every point gives less than that is starved: its
     * weight becomes 0 and it stays where it was, where the plain path gives it a weight below
     * 2e−22 and moves it.)
     */
    static final double NEGLIGIBLE = 50;
    /** Accumulator slots per component: S0, S1x, S1y, S2xx, S2xy, S2yy. */
    private static final int SLOTS = 6;

    private FusedEm() {
    }

    /** The result of one pass: ℓ(θ) and the M-step sums under Q = P(z | x, θ). */
    record Pass(double logLikelihood, ComponentSums[] sums) {
    }

    static Pass run(double[] xc, double[] yc, double[] w, double cx, double cy, Mixture m,
                    Executor executor, int parallelism) {
        int n = xc.length;
        int k = m.k();
        double[] mux = new double[k], muy = new double[k], ln = new double[k];
        double[] ixx = new double[k], ixy = new double[k], iyy = new double[k];
        for (int z = 0; z < k; z++) {
            mux[z] = m.meanX(z) - cx;
            muy[z] = m.meanY(z) - cy;
            ln[z] = m.logNorm(z);
            ixx[z] = m.invXX(z);
            ixy[z] = 2 * m.invXY(z);
            iyy[z] = m.invYY(z);
        }
        int chunks = Math.max(1, (n + CHUNK - 1) / CHUNK);
        double[][] partial = new double[chunks][];
        ChunkLoop.run(chunks, c -> {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            double[] acc = new double[SLOTS * k + 1];
            double[] l = new double[k], ddx = new double[k], ddy = new double[k];
            double ll = 0;
            for (int i = from; i < to; i++) {
                double x = xc[i], y = yc[i];
                double max = Double.NEGATIVE_INFINITY;
                for (int z = 0; z < k; z++) {
                    double dx = x - mux[z], dy = y - muy[z];
                    double q = ixx[z] * dx * dx + ixy[z] * dx * dy + iyy[z] * dy * dy;
                    double lz = ln[z] - 0.5 * Math.min(q, Mixture.MAX_MAHALANOBIS);
                    l[z] = lz;
                    ddx[z] = dx;
                    ddy[z] = dy;
                    if (lz > max) {
                        max = lz;
                    }
                }
                double s = 0;
                for (int z = 0; z < k; z++) {
                    // exp(l_z − m); 0 when negligible (see NEGLIGIBLE)
                    double t = l[z] - max;
                    double e = t > -NEGLIGIBLE ? FastExp.exp(t) : 0;
                    l[z] = e;
                    s += e;
                }
                double wi = w[i];
                ll += wi * (max + Math.log(s));
                double scale = wi / s;
                for (int z = 0, o = 0; z < k; z++, o += SLOTS) {
                    double r = l[z] * scale;
                    if (r == 0) {
                        continue;
                    }
                    double rx = r * ddx[z], ry = r * ddy[z];
                    acc[o] += r;
                    acc[o + 1] += rx;
                    acc[o + 2] += ry;
                    acc[o + 3] += rx * ddx[z];
                    acc[o + 4] += rx * ddy[z];
                    acc[o + 5] += ry * ddy[z];
                }
            }
            acc[SLOTS * k] = ll;
            partial[c] = acc;
        }, executor, parallelism);
        double[] total = partial[0];
        for (int c = 1; c < chunks; c++) {
            for (int j = 0; j < total.length; j++) {
                total[j] += partial[c][j];
            }
        }
        ComponentSums[] sums = new ComponentSums[k];
        for (int z = 0, o = 0; z < k; z++, o += SLOTS) {
            double s0 = total[o], s1x = total[o + 1], s1y = total[o + 2];
            // μ̂_z = μ_z + S1/S0 (in centred coordinates, then shifted back by c)
            double meanX = cx + (mux[z] + s1x / s0);
            double meanY = cy + (muy[z] + s1y / s0);
            // scatter about μ̂_z = S2 − S1 S1ᵀ / S0
            double sxx = total[o + 3] - s1x * s1x / s0;
            double sxy = total[o + 4] - s1x * s1y / s0;
            double syy = total[o + 5] - s1y * s1y / s0;
            sums[z] = new ComponentSums(s0, s0 * meanX, s0 * meanY, meanX, meanY, sxx, sxy, syy);
        }
        return new Pass(total[SLOTS * k], sums);
    }
}
