package org.genlab.core.em;

import java.util.Arrays;

/**
 * The fused pass's chunk in plain Java: the reference for {@code VectorEmKernel}, and the
 * path when the JVM lacks the Vector API. Works through the chunk in blocks of
 * {@link FusedEm#BLOCK} points with a component-major workspace; loops over a block are
 * short, branch-free and in cache. Sums over a block's points go to {@link EmKernel#LANES}
 * partial sums (point j to lane j mod 4, the tail of a block that fills no group of four to
 * a fifth), added as ((lane 0 + lane 1) + (lane 2 + lane 3)) + tail: the order the vector
 * kernel adds in.
 */
final class ScalarEmKernel implements EmKernel {
    static final ScalarEmKernel INSTANCE = new ScalarEmKernel();

    @Override
    public boolean vector() {
        return false;
    }

    @Override
    public double chunk(double[] xc, double[] yc, double[] w, int from, int to, Components c, double[] acc) {
        int k = c.k();
        int block = FusedEm.BLOCK;
        // lw[z * BLOCK + j] holds l_z of point b + j, then exp(l_z − m)
        double[] lw = new double[k * block];
        double[] max = new double[block], sum = new double[block], scale = new double[block];
        double[] lanes = new double[SLOTS * LANES];
        double ll = 0;
        for (int b = from; b < to; b += block) {
            int nb = Math.min(block, to - b);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            Arrays.fill(sum, 0);
            // l_z = log p_z − log 2π − ½ log det Σ_z − ½ dᵀ Σ_z⁻¹ d,  d = x_i − μ_z;  m_i = max_z l_z
            for (int z = 0; z < k; z++) {
                double mxz = c.mux()[z], myz = c.muy()[z], a = c.ixx()[z], bb = c.ixy()[z], cc = c.iyy()[z], lnz = c.ln()[z];
                int o = z * block;
                for (int j = 0; j < nb; j++) {
                    double dx = xc[b + j] - mxz, dy = yc[b + j] - myz;
                    double lz = lnz - 0.5 * Math.min(a * dx * dx + bb * dx * dy + cc * dy * dy, Mixture.MAX_MAHALANOBIS);
                    lw[o + j] = lz;
                    max[j] = Math.max(max[j], lz);
                }
            }
            // exp(l_z − m_i), 0 when negligible (see FusedEm.NEGLIGIBLE);  s_i = Σ_z exp(l_z − m_i)
            for (int z = 0; z < k; z++) {
                int o = z * block;
                for (int j = 0; j < nb; j++) {
                    double t = lw[o + j] - max[j];
                    double e = t > -FusedEm.NEGLIGIBLE ? FastExp.exp(t) : 0;
                    lw[o + j] = e;
                    sum[j] += e;
                }
            }
            ll += FusedEm.logLikelihoodAndScale(w, b, nb, max, sum, scale);
            for (int z = 0; z < k; z++) {
                accumulate(xc, yc, b, nb, c.mux()[z], c.muy()[z], lw, z * block, scale, lanes, acc, z * SLOTS);
            }
        }
        return ll;
    }

    /**
     * S0 += w Q, S1 += w Q d, S2 += w Q d dᵀ (d = x_i − μ_z) over one block, for one
     * component, with r_j = e[o + j] · scale[j] = w_j Q(z|x_j): lane by lane over the groups
     * of four, then the tail, combined as {@link FusedEm#combine} does.
     */
    private static void accumulate(double[] xc, double[] yc, int b, int nb, double mxz, double myz, double[] e, int o,
                                   double[] scale, double[] lanes, double[] acc, int a) {
        int groups = nb - nb % LANES;
        for (int l = 0; l < LANES; l++) {
            double s0 = 0, s1x = 0, s1y = 0, sxx = 0, sxy = 0, syy = 0;
            for (int j = l; j < groups; j += LANES) {
                double r = e[o + j] * scale[j], dx = xc[b + j] - mxz, dy = yc[b + j] - myz;
                double rx = r * dx, ry = r * dy;
                s0 += r;
                s1x += rx;
                s1y += ry;
                sxx += rx * dx;
                sxy += rx * dy;
                syy += ry * dy;
            }
            lanes[l] = s0;
            lanes[LANES + l] = s1x;
            lanes[2 * LANES + l] = s1y;
            lanes[3 * LANES + l] = sxx;
            lanes[4 * LANES + l] = sxy;
            lanes[5 * LANES + l] = syy;
        }
        FusedEm.combine(xc, yc, b, groups, nb, mxz, myz, e, o, scale, lanes, acc, a);
    }
}
