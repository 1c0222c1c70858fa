package org.genlab.core.em;

import java.util.concurrent.Executor;
import org.genlab.core.math.Chunks;

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
 * threads. The inner loops allocate nothing: each chunk has its own small workspace, and
 * works through its points in blocks. The loops over a chunk are an {@link EmKernel}: the
 * scalar reference or its Vector API twin, which give the same bits.
 */
final class FusedEm {
    /** Points per chunk. */
    static final int CHUNK = 4096;
    /** Points per block inside a chunk: a block's workspace (K x BLOCK doubles) stays in the L1/L2 cache. */
    static final int BLOCK = 256;
    /**
     * A component whose l_z is more than this below the point's largest gets responsibility 0:
     * e^−50 ≈ 2e−22 is far below the rounding of Σ_z exp(l_z − m) ≥ 1, so no point's
     * likelihood changes, and the skipped share of any M-step sum is below 2e−22 of the
     * point's weight. (A component that every point gives less than that is starved: its
     * weight becomes 0 and it stays where it was, where the plain path gives it a weight below
     * 2e−22 and moves it.)
     */
    static final double NEGLIGIBLE = 50;
    private static final int SLOTS = EmKernel.SLOTS;
    private static final int LANES = EmKernel.LANES;

    private FusedEm() {
    }

    /** The result of one pass: ℓ(θ) and the M-step sums under Q = P(z | x, θ). */
    record Pass(double logLikelihood, ComponentSums[] sums) {
    }

    static Pass run(double[] xc, double[] yc, double[] w, double cx, double cy, Mixture m,
                    Executor executor, int parallelism) {
        return run(xc, yc, w, cx, cy, m, executor, parallelism, EmKernel.best());
    }

    static Pass run(double[] xc, double[] yc, double[] w, double cx, double cy, Mixture m,
                    Executor executor, int parallelism, EmKernel kernel) {
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
        EmKernel.Components comps = new EmKernel.Components(k, mux, muy, ln, ixx, ixy, iyy);
        int chunks = Math.max(1, (n + CHUNK - 1) / CHUNK);
        double[][] partial = new double[chunks][];
        Chunks.run(chunks, executor, parallelism, c -> {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            double[] acc = new double[SLOTS * k + 1];
            acc[SLOTS * k] = kernel.chunk(xc, yc, w, from, to, comps, acc);
            partial[c] = acc;
        });
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

    /**
     * log P(x_i | θ) = m_i + log s_i,  s_i = Σ_z exp(l_z − m_i);  scale_i = w_i / s_i, so that
     * w_i Q(z|x_i) = exp(l_z − m_i) · scale_i. Returns Σ_i w_i log P(x_i | θ) over the block's
     * points b .. b + nb − 1, summed in point order (both kernels share this loop).
     */
    static double logLikelihoodAndScale(double[] w, int b, int nb, double[] max, double[] sum, double[] scale) {
        double ll = 0;
        for (int j = 0; j < nb; j++) {
            double wi = w[b + j];
            ll += wi * (max[j] + Math.log(sum[j]));
            scale[j] = wi / sum[j];
        }
        return ll;
    }

    /**
     * The end of one block's sums for one component, shared by both kernels: the points
     * {@code groups .. nb − 1} that fill no group of four are summed in order into a tail
     * (r = w Q, S0 += r, S1 += r d, S2 += r d dᵀ), and each accumulator gets
     * ((lane 0 + lane 1) + (lane 2 + lane 3)) + tail, lanes[slot * LANES + l] holding lane l.
     */
    static void combine(double[] xc, double[] yc, int b, int groups, int nb, double mxz, double myz, double[] e, int o,
                        double[] scale, double[] lanes, double[] acc, int a) {
        double s0 = 0, s1x = 0, s1y = 0, sxx = 0, sxy = 0, syy = 0;
        for (int j = groups; j < nb; j++) {
            double r = e[o + j] * scale[j], dx = xc[b + j] - mxz, dy = yc[b + j] - myz;
            double rx = r * dx, ry = r * dy;
            s0 += r;
            s1x += rx;
            s1y += ry;
            sxx += rx * dx;
            sxy += rx * dy;
            syy += ry * dy;
        }
        acc[a] += lanes(lanes, 0) + s0;
        acc[a + 1] += lanes(lanes, 1) + s1x;
        acc[a + 2] += lanes(lanes, 2) + s1y;
        acc[a + 3] += lanes(lanes, 3) + sxx;
        acc[a + 4] += lanes(lanes, 4) + sxy;
        acc[a + 5] += lanes(lanes, 5) + syy;
    }

    /** (lane 0 + lane 1) + (lane 2 + lane 3) of one slot's partial sums. */
    private static double lanes(double[] lanes, int slot) {
        int l = slot * LANES;
        return (lanes[l] + lanes[l + 1]) + (lanes[l + 2] + lanes[l + 3]);
    }
}
