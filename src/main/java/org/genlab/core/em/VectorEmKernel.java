package org.genlab.core.em;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused pass's chunk on the Vector API ({@code jdk.incubator.vector}), the only EM class
 * that touches it; loaded by {@link EmKernel#best()} only when the module is present. Four
 * points per 256-bit vector (fixed, not the CPU's preferred width, so the partial sums and
 * hence the bits are the same on every machine); each step is the multiply, add, min, max or
 * bit operation that {@link ScalarEmKernel} and {@link FastExp#exp} do for one point, in the
 * same order, so the two give the same bits (a test checks it). Lane l of each accumulator
 * sums the points j ≡ l (mod 4) of a block; the tail of a block that fills no vector is done
 * one point at a time by the same formulas.
 */
final class VectorEmKernel implements EmKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    @Override
    public boolean vector() {
        // 256-bit vectors are emulated (and very slow) where the CPU has narrower ones
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= S.vectorBitSize();
    }

    @Override
    public double chunk(double[] xc, double[] yc, double[] w, int from, int to, Components c, double[] acc) {
        int k = c.k();
        int block = FusedEm.BLOCK;
        double[] mux = c.mux(), muy = c.muy(), ln = c.ln(), ixx = c.ixx(), ixy = c.ixy(), iyy = c.iyy();
        // lw[z * BLOCK + j] holds l_z of point b + j, then exp(l_z − m)
        double[] lw = new double[k * block];
        double[] max = new double[block], sum = new double[block], scale = new double[block];
        double[] lanes = new double[SLOTS * LANES];
        double ll = 0;
        for (int b = from; b < to; b += block) {
            int nb = Math.min(block, to - b);
            int groups = nb - nb % LANES;
            for (int j = 0; j < groups; j += LANES) {
                DoubleVector x = DoubleVector.fromArray(S, xc, b + j), y = DoubleVector.fromArray(S, yc, b + j);
                // l_z = log p_z − log 2π − ½ log det Σ_z − ½ dᵀ Σ_z⁻¹ d,  d = x_i − μ_z;  m = max_z l_z
                DoubleVector m = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
                for (int z = 0; z < k; z++) {
                    DoubleVector dx = x.sub(mux[z]), dy = y.sub(muy[z]);
                    DoubleVector q = dx.mul(ixx[z]).mul(dx).add(dx.mul(ixy[z]).mul(dy)).add(dy.mul(iyy[z]).mul(dy));
                    DoubleVector lz = DoubleVector.broadcast(S, ln[z]).sub(q.min(Mixture.MAX_MAHALANOBIS).mul(0.5));
                    lz.intoArray(lw, z * block + j);
                    m = m.max(lz);
                }
                // exp(l_z − m), 0 when negligible (see FusedEm.NEGLIGIBLE);  s = Σ_z exp(l_z − m)
                DoubleVector s = DoubleVector.zero(S);
                for (int z = 0; z < k; z++) {
                    int o = z * block + j;
                    DoubleVector t = DoubleVector.fromArray(S, lw, o).sub(m);
                    VectorMask<Double> kept = t.compare(VectorOperators.GT, -FusedEm.NEGLIGIBLE);
                    DoubleVector e = DoubleVector.zero(S).blend(exp(t), kept);
                    e.intoArray(lw, o);
                    s = s.add(e);
                }
                m.intoArray(max, j);
                s.intoArray(sum, j);
            }
            for (int j = groups; j < nb; j++) {
                tailPoint(xc[b + j], yc[b + j], j, c, lw, max, sum);
            }
            ll += FusedEm.logLikelihoodAndScale(w, b, nb, max, sum, scale);
            for (int z = 0; z < k; z++) {
                accumulate(xc, yc, b, groups, nb, mux[z], muy[z], lw, z * block, scale, lanes, acc, z * SLOTS);
            }
        }
        return ll;
    }

    /** One point of a block's tail: the scalar kernel's formulas for l_z, m, exp(l_z − m) and s. */
    private static void tailPoint(double px, double py, int j, Components c, double[] lw, double[] max, double[] sum) {
        int block = FusedEm.BLOCK;
        double m = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < c.k(); z++) {
            double dx = px - c.mux()[z], dy = py - c.muy()[z];
            double lz = c.ln()[z] - 0.5 * Math.min(c.ixx()[z] * dx * dx + c.ixy()[z] * dx * dy + c.iyy()[z] * dy * dy,
                    Mixture.MAX_MAHALANOBIS);
            lw[z * block + j] = lz;
            m = Math.max(m, lz);
        }
        double s = 0;
        for (int z = 0; z < c.k(); z++) {
            double t = lw[z * block + j] - m;
            double e = t > -FusedEm.NEGLIGIBLE ? FastExp.exp(t) : 0;
            lw[z * block + j] = e;
            s += e;
        }
        max[j] = m;
        sum[j] = s;
    }

    /**
     * S0 += w Q, S1 += w Q d, S2 += w Q d dᵀ (d = x_i − μ_z) over the block's groups of four
     * for one component, r_j = e[o + j] · scale[j] = w_j Q(z|x_j), one lane per point of a
     * group; then the tail and the lanes are added by {@link FusedEm#combine}.
     */
    private static void accumulate(double[] xc, double[] yc, int b, int groups, int nb, double mxz, double myz, double[] e,
                                   int o, double[] scale, double[] lanes, double[] acc, int a) {
        DoubleVector s0 = DoubleVector.zero(S), s1x = s0, s1y = s0, sxx = s0, sxy = s0, syy = s0;
        for (int j = 0; j < groups; j += LANES) {
            DoubleVector r = DoubleVector.fromArray(S, e, o + j).mul(DoubleVector.fromArray(S, scale, j));
            DoubleVector dx = DoubleVector.fromArray(S, xc, b + j).sub(mxz), dy = DoubleVector.fromArray(S, yc, b + j).sub(myz);
            DoubleVector rx = r.mul(dx), ry = r.mul(dy);
            s0 = s0.add(r);
            s1x = s1x.add(rx);
            s1y = s1y.add(ry);
            sxx = sxx.add(rx.mul(dx));
            sxy = sxy.add(rx.mul(dy));
            syy = syy.add(ry.mul(dy));
        }
        s0.intoArray(lanes, 0);
        s1x.intoArray(lanes, LANES);
        s1y.intoArray(lanes, 2 * LANES);
        sxx.intoArray(lanes, 3 * LANES);
        sxy.intoArray(lanes, 4 * LANES);
        syy.intoArray(lanes, 5 * LANES);
        FusedEm.combine(xc, yc, b, groups, nb, mxz, myz, e, o, scale, lanes, acc, a);
    }

    /** {@link FastExp#exp} lane by lane: the same operations, so the same bits. */
    static DoubleVector exp(DoubleVector t) {
        // k = round(t / ln2), left in the low bits of kd's representation
        DoubleVector kd = t.mul(FastExp.INV_LN2).add(FastExp.ROUNDER);
        LongVector bits = (LongVector) kd.viewAsIntegralLanes();
        kd = kd.sub(FastExp.ROUNDER);
        // r = t − k ln2
        DoubleVector r = t.sub(kd.mul(FastExp.LN2_HI)).sub(kd.mul(FastExp.LN2_LO));
        // e^r ≈ Σ_{n ≤ 13} rⁿ/n!, by Horner
        DoubleVector p = r.mul(FastExp.C13).add(FastExp.C12);
        p = p.mul(r).add(FastExp.C11);
        p = p.mul(r).add(FastExp.C10);
        p = p.mul(r).add(FastExp.C9);
        p = p.mul(r).add(FastExp.C8);
        p = p.mul(r).add(FastExp.C7);
        p = p.mul(r).add(FastExp.C6);
        p = p.mul(r).add(FastExp.C5);
        p = p.mul(r).add(FastExp.C4);
        p = p.mul(r).add(FastExp.C3);
        p = p.mul(r).add(FastExp.C2);
        p = p.mul(r).add(1);
        p = p.mul(r).add(1);
        // 2^k from its biased exponent k + 1023
        DoubleVector twoK = (DoubleVector) bits.add(1023).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
        return p.mul(twoK);
    }
}
