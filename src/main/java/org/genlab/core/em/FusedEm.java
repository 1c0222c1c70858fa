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
 * works through its points in blocks, component by component.
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
        Chunks.run(chunks, executor, parallelism, c -> {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            double[] acc = new double[SLOTS * k + 1];
            // Workspace for one block of points, component-major: lw[z * BLOCK + j] holds l_z of
            // point b + j, then exp(l_z − m). Loops over j are short, branch-free and in cache.
            double[] lw = new double[k * BLOCK];
            double[] max = new double[BLOCK], sum = new double[BLOCK], scale = new double[BLOCK];
            double ll = 0;
            for (int b = from; b < to; b += BLOCK) {
                int nb = Math.min(BLOCK, to - b);
                java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
                java.util.Arrays.fill(sum, 0);
                // l_z = log p_z − log 2π − ½ log det Σ_z − ½ dᵀ Σ_z⁻¹ d,  d = x_i − μ_z;  m_i = max_z l_z
                for (int z = 0; z < k; z++) {
                    double mxz = mux[z], myz = muy[z], a = ixx[z], bb = ixy[z], cc = iyy[z], lnz = ln[z];
                    int o = z * BLOCK;
                    for (int j = 0; j < nb; j++) {
                        double dx = xc[b + j] - mxz, dy = yc[b + j] - myz;
                        double lz = lnz - 0.5 * Math.min(a * dx * dx + bb * dx * dy + cc * dy * dy, Mixture.MAX_MAHALANOBIS);
                        lw[o + j] = lz;
                        max[j] = Math.max(max[j], lz);
                    }
                }
                // exp(l_z − m_i), 0 when negligible (see NEGLIGIBLE)
                for (int z = 0; z < k; z++) {
                    int o = z * BLOCK;
                    for (int j = 0; j < nb; j++) {
                        double t = lw[o + j] - max[j];
                        double e = t > -NEGLIGIBLE ? FastExp.exp(t) : 0;
                        lw[o + j] = e;
                        sum[j] += e;
                    }
                }
                // log P(x_i | θ) = m_i + log Σ_z exp(l_z − m_i);  w_i Q(z|x_i) = exp(l_z − m_i) · w_i / Σ_z' exp(l_z' − m_i)
                for (int j = 0; j < nb; j++) {
                    double wi = w[b + j];
                    ll += wi * (max[j] + Math.log(sum[j]));
                    scale[j] = wi / sum[j];
                }
                for (int z = 0; z < k; z++) {
                    accumulate(xc, yc, b, nb, mux[z], muy[z], lw, z * BLOCK, scale, acc, z * SLOTS);
                }
            }
            acc[SLOTS * k] = ll;
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
     * S0 += w Q, S1 += w Q d, S2 += w Q d dᵀ (d = x_i − μ_z) over one block, for one
     * component, with r_j = e[o + j] · scale[j] = w_j Q(z|x_j). Two interleaved sets of
     * register accumulators halve the add latency chain; they are combined in a fixed order.
     */
    private static void accumulate(double[] xc, double[] yc, int b, int nb, double mxz, double myz, double[] e, int o,
                                   double[] scale, double[] acc, int a) {
        double s0 = 0, s1x = 0, s1y = 0, sxx = 0, sxy = 0, syy = 0;
        double t0 = 0, t1x = 0, t1y = 0, txx = 0, txy = 0, tyy = 0;
        int j = 0;
        for (; j + 1 < nb; j += 2) {
            double r = e[o + j] * scale[j], dx = xc[b + j] - mxz, dy = yc[b + j] - myz;
            double rx = r * dx, ry = r * dy;
            s0 += r;
            s1x += rx;
            s1y += ry;
            sxx += rx * dx;
            sxy += rx * dy;
            syy += ry * dy;
            double r2 = e[o + j + 1] * scale[j + 1], dx2 = xc[b + j + 1] - mxz, dy2 = yc[b + j + 1] - myz;
            double rx2 = r2 * dx2, ry2 = r2 * dy2;
            t0 += r2;
            t1x += rx2;
            t1y += ry2;
            txx += rx2 * dx2;
            txy += rx2 * dy2;
            tyy += ry2 * dy2;
        }
        if (j < nb) {
            double r = e[o + j] * scale[j], dx = xc[b + j] - mxz, dy = yc[b + j] - myz;
            double rx = r * dx, ry = r * dy;
            s0 += r;
            s1x += rx;
            s1y += ry;
            sxx += rx * dx;
            sxy += rx * dy;
            syy += ry * dy;
        }
        acc[a] += s0 + t0;
        acc[a + 1] += s1x + t1x;
        acc[a + 2] += s1y + t1y;
        acc[a + 3] += sxx + txx;
        acc[a + 4] += sxy + txy;
        acc[a + 5] += syy + tyy;
    }
}
