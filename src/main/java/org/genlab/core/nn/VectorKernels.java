package org.genlab.core.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the Vector API ({@code jdk.incubator.vector}), the only class that touches
 * it; loaded by {@link Kernels#best()} only when the module is present. Each method computes
 * what its {@link ScalarKernels} twin computes, a test checks they agree.
 *
 * <p>The matrix product keeps a 4-row by 4-vector block of C in registers (16 accumulators,
 * 64 floats wide with 512-bit vectors) while it runs over k: per step of k it loads four
 * vectors of a row of Y, broadcasts four elements of X and does 16 fused multiply-adds.
 * Narrower column remainders use 4x1 blocks, and the last columns that fill no vector are
 * done in scalar code.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void gemm(int m, int n, int k, float[] x, int xOff, int xRs, int xCs, float[] y, int yOff, int ldy,
                     float[] bias, int biasOff, float[] c, int cOff, int ldc, boolean accumulate) {
        int nv = n - n % L;
        int j = 0;
        for (; j + 4 * L <= nv; j += 4 * L) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                block4x4(i, j, k, x, xOff, xRs, xCs, y, yOff, ldy, bias, biasOff, c, cOff, ldc, accumulate);
            }
            for (; i < m; i++) {
                for (int jj = j; jj < j + 4 * L; jj += L) {
                    block1x1(i, jj, k, x, xOff, xRs, xCs, y, yOff, ldy, bias, biasOff, c, cOff, ldc, accumulate);
                }
            }
        }
        for (; j < nv; j += L) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                block4x1(i, j, k, x, xOff, xRs, xCs, y, yOff, ldy, bias, biasOff, c, cOff, ldc, accumulate);
            }
            for (; i < m; i++) {
                block1x1(i, j, k, x, xOff, xRs, xCs, y, yOff, ldy, bias, biasOff, c, cOff, ldc, accumulate);
            }
        }
        if (nv < n) {
            scalarColumns(m, nv, n, k, x, xOff, xRs, xCs, y, yOff, ldy, bias, biasOff, c, cOff, ldc, accumulate);
        }
    }

    private static FloatVector init(float[] bias, int biasOff, float[] c, int ci, int j, boolean accumulate) {
        if (accumulate) {
            return FloatVector.fromArray(S, c, ci);
        }
        return bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff + j);
    }

    // c[i..i+3][j..j+4L) (+)= sum_p x(i.., p) y(p, j..)
    private static void block4x4(int i, int j, int k, float[] x, int xOff, int xRs, int xCs, float[] y, int yOff, int ldy,
                                 float[] bias, int biasOff, float[] c, int cOff, int ldc, boolean acc) {
        int c0 = cOff + i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector a00 = init(bias, biasOff, c, c0, j, acc), a01 = init(bias, biasOff, c, c0 + L, j + L, acc);
        FloatVector a02 = init(bias, biasOff, c, c0 + 2 * L, j + 2 * L, acc), a03 = init(bias, biasOff, c, c0 + 3 * L, j + 3 * L, acc);
        FloatVector a10 = init(bias, biasOff, c, c1, j, acc), a11 = init(bias, biasOff, c, c1 + L, j + L, acc);
        FloatVector a12 = init(bias, biasOff, c, c1 + 2 * L, j + 2 * L, acc), a13 = init(bias, biasOff, c, c1 + 3 * L, j + 3 * L, acc);
        FloatVector a20 = init(bias, biasOff, c, c2, j, acc), a21 = init(bias, biasOff, c, c2 + L, j + L, acc);
        FloatVector a22 = init(bias, biasOff, c, c2 + 2 * L, j + 2 * L, acc), a23 = init(bias, biasOff, c, c2 + 3 * L, j + 3 * L, acc);
        FloatVector a30 = init(bias, biasOff, c, c3, j, acc), a31 = init(bias, biasOff, c, c3 + L, j + L, acc);
        FloatVector a32 = init(bias, biasOff, c, c3 + 2 * L, j + 2 * L, acc), a33 = init(bias, biasOff, c, c3 + 3 * L, j + 3 * L, acc);
        int xi = xOff + i * xRs;
        for (int p = 0; p < k; p++) {
            int yp = yOff + p * ldy + j;
            FloatVector y0 = FloatVector.fromArray(S, y, yp);
            FloatVector y1 = FloatVector.fromArray(S, y, yp + L);
            FloatVector y2 = FloatVector.fromArray(S, y, yp + 2 * L);
            FloatVector y3 = FloatVector.fromArray(S, y, yp + 3 * L);
            int xp = xi + p * xCs;
            FloatVector x0 = FloatVector.broadcast(S, x[xp]);
            a00 = y0.fma(x0, a00);
            a01 = y1.fma(x0, a01);
            a02 = y2.fma(x0, a02);
            a03 = y3.fma(x0, a03);
            FloatVector x1 = FloatVector.broadcast(S, x[xp + xRs]);
            a10 = y0.fma(x1, a10);
            a11 = y1.fma(x1, a11);
            a12 = y2.fma(x1, a12);
            a13 = y3.fma(x1, a13);
            FloatVector x2 = FloatVector.broadcast(S, x[xp + 2 * xRs]);
            a20 = y0.fma(x2, a20);
            a21 = y1.fma(x2, a21);
            a22 = y2.fma(x2, a22);
            a23 = y3.fma(x2, a23);
            FloatVector x3 = FloatVector.broadcast(S, x[xp + 3 * xRs]);
            a30 = y0.fma(x3, a30);
            a31 = y1.fma(x3, a31);
            a32 = y2.fma(x3, a32);
            a33 = y3.fma(x3, a33);
        }
        a00.intoArray(c, c0);
        a01.intoArray(c, c0 + L);
        a02.intoArray(c, c0 + 2 * L);
        a03.intoArray(c, c0 + 3 * L);
        a10.intoArray(c, c1);
        a11.intoArray(c, c1 + L);
        a12.intoArray(c, c1 + 2 * L);
        a13.intoArray(c, c1 + 3 * L);
        a20.intoArray(c, c2);
        a21.intoArray(c, c2 + L);
        a22.intoArray(c, c2 + 2 * L);
        a23.intoArray(c, c2 + 3 * L);
        a30.intoArray(c, c3);
        a31.intoArray(c, c3 + L);
        a32.intoArray(c, c3 + 2 * L);
        a33.intoArray(c, c3 + 3 * L);
    }

    // c[i..i+3][j..j+L) (+)= sum_p x(i.., p) y(p, j..)
    private static void block4x1(int i, int j, int k, float[] x, int xOff, int xRs, int xCs, float[] y, int yOff, int ldy,
                                 float[] bias, int biasOff, float[] c, int cOff, int ldc, boolean acc) {
        int c0 = cOff + i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector a0 = init(bias, biasOff, c, c0, j, acc), a1 = init(bias, biasOff, c, c1, j, acc);
        FloatVector a2 = init(bias, biasOff, c, c2, j, acc), a3 = init(bias, biasOff, c, c3, j, acc);
        int xi = xOff + i * xRs;
        for (int p = 0; p < k; p++) {
            FloatVector y0 = FloatVector.fromArray(S, y, yOff + p * ldy + j);
            int xp = xi + p * xCs;
            a0 = y0.fma(FloatVector.broadcast(S, x[xp]), a0);
            a1 = y0.fma(FloatVector.broadcast(S, x[xp + xRs]), a1);
            a2 = y0.fma(FloatVector.broadcast(S, x[xp + 2 * xRs]), a2);
            a3 = y0.fma(FloatVector.broadcast(S, x[xp + 3 * xRs]), a3);
        }
        a0.intoArray(c, c0);
        a1.intoArray(c, c1);
        a2.intoArray(c, c2);
        a3.intoArray(c, c3);
    }

    // c[i][j..j+L) (+)= sum_p x(i, p) y(p, j..)
    private static void block1x1(int i, int j, int k, float[] x, int xOff, int xRs, int xCs, float[] y, int yOff, int ldy,
                                 float[] bias, int biasOff, float[] c, int cOff, int ldc, boolean acc) {
        int c0 = cOff + i * ldc + j;
        FloatVector a0 = init(bias, biasOff, c, c0, j, acc);
        int xi = xOff + i * xRs;
        for (int p = 0; p < k; p++) {
            a0 = FloatVector.fromArray(S, y, yOff + p * ldy + j).fma(FloatVector.broadcast(S, x[xi + p * xCs]), a0);
        }
        a0.intoArray(c, c0);
    }

    // columns [from, to) that fill no vector: c_ij (+)= sum_p x_ip y_pj, four rows at a time
    private static void scalarColumns(int m, int from, int to, int k, float[] x, int xOff, int xRs, int xCs, float[] y, int yOff,
                                      int ldy, float[] bias, int biasOff, float[] c, int cOff, int ldc, boolean acc) {
        for (int j = from; j < to; j++) {
            float b = bias == null ? 0 : bias[biasOff + j];
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                int ci = cOff + i * ldc + j;
                float s0 = acc ? c[ci] : b, s1 = acc ? c[ci + ldc] : b, s2 = acc ? c[ci + 2 * ldc] : b, s3 = acc ? c[ci + 3 * ldc] : b;
                int xi = xOff + i * xRs;
                for (int p = 0; p < k; p++) {
                    float ypj = y[yOff + p * ldy + j];
                    int xp = xi + p * xCs;
                    s0 = Math.fma(x[xp], ypj, s0);
                    s1 = Math.fma(x[xp + xRs], ypj, s1);
                    s2 = Math.fma(x[xp + 2 * xRs], ypj, s2);
                    s3 = Math.fma(x[xp + 3 * xRs], ypj, s3);
                }
                c[ci] = s0;
                c[ci + ldc] = s1;
                c[ci + 2 * ldc] = s2;
                c[ci + 3 * ldc] = s3;
            }
            for (; i < m; i++) {
                int ci = cOff + i * ldc + j;
                float s = acc ? c[ci] : b;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(x[xOff + i * xRs + p * xCs], y[yOff + p * ldy + j], s);
                }
                c[ci] = s;
            }
        }
    }

    @Override
    public void activate(Activation f, float[] z, float[] aux, int off, int len) {
        if (f == Activation.IDENTITY) {
            return;
        }
        int end = off + len;
        int i = off;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i + L <= end; i += L) {
            FloatVector v = FloatVector.fromArray(S, z, i);
            switch (f) {
                case RELU:
                    v = v.max(0f);
                    break;
                case SILU: {
                    // s = 1 / (1 + e^-z); f = z s
                    FloatVector s = one.div(one.add(exp(v.neg())));
                    if (aux != null) {
                        s.intoArray(aux, i);
                    }
                    v = v.mul(s);
                    break;
                }
                default:
                    v = tanh(v);
                    break;
            }
            v.intoArray(z, i);
        }
        Kernels.scalar().activate(f, z, aux, i, end - i);
    }

    // e^x and tanh from +, *, fused multiply-add, division and bit moves only. Each of those is
    // rounded exactly as IEEE 754 says, in compiled code and in the interpreter alike, so a
    // network gives the same bits before and after the JIT compiles it. The Vector API's own
    // EXP and TANH do not: compiled, they run a vector math library whose last bit differs
    // from the interpreter's, and a pane restored from a state file (or any second run of the
    // same seed) drew different samples depending on how warm the JVM was.
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float below 2^22 in magnitude to a whole number. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

    /**
     * e^x, within about 2 ulp for x in [-87.3, 88] (clamped outside: e^x is then the smallest
     * normal float or e^88). Cody and Waite's reduction with Cephes' polynomial:
     * e^x = 2^n e^r, n = round(x / ln 2), r = x - n ln 2 (ln 2 in two parts), |r| &lt;= ln 2 / 2,
     * e^r = 1 + r + r^2 P(r).
     */
    static FloatVector exp(FloatVector x) {
        x = x.max(-87.33654f).min(88f);
        FloatVector t = x.fma(LOG2E, ROUND);  // ROUND + n: n sits in the low mantissa bits
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, 1.9875691500e-4f).fma(r, FloatVector.broadcast(S, 1.3981999507e-3f))
                .fma(r, FloatVector.broadcast(S, 8.3334519073e-3f)).fma(r, FloatVector.broadcast(S, 4.1665795894e-2f))
                .fma(r, FloatVector.broadcast(S, 1.6666665459e-1f)).fma(r, FloatVector.broadcast(S, 5.0000001201e-1f));
        FloatVector er = p.fma(r.mul(r), r.add(1f));
        // 2^n: n + 127 in the exponent field
        IntVector bits = ((IntVector) t.reinterpretAsInts()).sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return er.mul(bits.reinterpretAsFloats());
    }

    /**
     * tanh x, within a few ulp: Cephes' odd polynomial x + x^3 P(x^2) for |x| &lt; 0.625, where
     * the identity below would cancel, and sign(x) (1 - 2 / (e^(2|x|) + 1)) beyond.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector z = x.mul(x);
        FloatVector small = FloatVector.broadcast(S, -5.70498872745e-3f).fma(z, FloatVector.broadcast(S, 2.06390887954e-2f))
                .fma(z, FloatVector.broadcast(S, -5.37397155531e-2f)).fma(z, FloatVector.broadcast(S, 1.33314422036e-1f))
                .fma(z, FloatVector.broadcast(S, -3.33332819422e-1f)).mul(z).fma(x, x);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector large = one.sub(FloatVector.broadcast(S, 2f).div(exp(ax.add(ax)).add(one)));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        VectorMask<Float> isSmall = ax.compare(VectorOperators.LT, 0.625f);
        return large.blend(small, isSmall);
    }

    @Override
    public void activationGrad(Activation f, float[] a, float[] aux, float[] g, int off, int len) {
        if (f == Activation.IDENTITY) {
            return;
        }
        int end = off + len;
        int i = off;
        for (; i + L <= end; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector av = FloatVector.fromArray(S, a, i);
            switch (f) {
                case RELU:
                    // f'(z) = [a > 0]
                    gv = gv.blend(0f, av.compare(VectorOperators.LE, 0f));
                    break;
                case SILU: {
                    // f'(z) = s + a (1 - s)
                    FloatVector s = FloatVector.fromArray(S, aux, i);
                    gv = gv.mul(av.fma(s.neg().add(1f), s));
                    break;
                }
                default:
                    // f'(z) = 1 - a^2
                    gv = gv.mul(av.neg().fma(av, FloatVector.broadcast(S, 1f)));
                    break;
            }
            gv.intoArray(g, i);
        }
        Kernels.scalar().activationGrad(f, a, aux, g, i, end - i);
    }

    @Override
    public void columnSums(int m, int n, float[] x, int off, int ld, float[] out, int outOff, boolean accumulate) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector s = accumulate ? FloatVector.fromArray(S, out, outOff + j) : FloatVector.zero(S);
            for (int i = 0; i < m; i++) {
                s = s.add(FloatVector.fromArray(S, x, off + i * ld + j));
            }
            s.intoArray(out, outOff + j);
        }
        if (j < n) {
            Kernels.scalar().columnSums(m, n - j, x, off + j, ld, out, outOff + j, accumulate);
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        Kernels.scalar().axpy(n - i, alpha, x, xOff + i, y, yOff + i);
    }

    @Override
    public void adam(int off, int n, float[] p, float[] g, float[] m, float[] v, float lr, float b1, float b2, float eps, float bc1, float bc2) {
        int end = off + n;
        int i = off;
        float step = lr / bc1;
        float invBc2 = 1 / bc2;
        for (; i + L <= end; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            // m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2
            FloatVector mv = FloatVector.fromArray(S, m, i).mul(b1).add(gv.mul(1 - b1));
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(b2).add(gv.mul(gv).mul(1 - b2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            // p -= lr (m / bc1) / (sqrt(v / bc2) + eps)
            FloatVector den = vv.mul(invBc2).sqrt().add(eps);
            FloatVector.fromArray(S, p, i).sub(mv.mul(step).div(den)).intoArray(p, i);
        }
        Kernels.scalar().adam(i, end - i, p, g, m, v, lr, b1, b2, eps, bc1, bc2);
    }

    @Override
    public boolean vector() {
        return true;
    }
}
