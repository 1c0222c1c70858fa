package org.genlab.core.em;

/**
 * exp(t) for t in [−700, 0], within 2 ulp of {@link Math#exp}: the fused E-step calls it K
 * times per point and it dominates the pass.
 *
 * <pre>
 *   t = k ln2 + r,  k = round(t / ln2),  |r| ≤ ln2/2
 *   exp(t) = 2^k · e^r,  e^r ≈ Σ_{n=0..13} rⁿ/n!   (Horner: p = (…(r/13! + 1/12!) r + …) r + 1)
 * </pre>
 *
 * No table: every step is a multiply, an add or a bit operation on the whole double, so
 * {@code VectorEmKernel} computes the very same bits lane by lane on the Vector API (no
 * gather, no fused multiply-add, which the scalar twin would have to match). The truncation
 * error of the polynomial is below (ln2/2)¹⁴/14! · √2 ≈ 6e−18 relative. ln2 is split in a
 * high part with trailing zero bits and a low part, so k · LN2_HI is exact and r is exact
 * enough. 2^k is built from its bits: adding 1.5 · 2^52 to t/ln2 leaves round(t/ln2) in the
 * low bits of the sum, and (bits + 1023) shifted up by 52 is the double 2^k (its low 12 bits
 * are k + 1023 mod 2^12, which for −1022 ≤ k ≤ 0 is the biased exponent). A test compares
 * it with {@link Math#exp} over the domain, and the vector twin with this one bit for bit.
 */
final class FastExp {
    static final double INV_LN2 = 1 / Math.log(2);
    /** fdlibm's ln2 split: the high part has 32 significant bits, so k · LN2_HI is exact for |k| < 2^21. */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5 · 2^52: adding it rounds a double of magnitude below 2^51 to an integer. */
    static final double ROUNDER = 0x1.8p52;
    /** The Taylor coefficients 1/n!, n = 2..13 (those of n = 0, 1 are 1). */
    static final double C2 = 1.0 / 2, C3 = 1.0 / 6, C4 = 1.0 / 24, C5 = 1.0 / 120, C6 = 1.0 / 720, C7 = 1.0 / 5040,
            C8 = 1.0 / 40320, C9 = 1.0 / 362880, C10 = 1.0 / 3628800, C11 = 1.0 / 39916800, C12 = 1.0 / 479001600,
            C13 = 1.0 / 6227020800L;

    private FastExp() {
    }

    /** exp(t), for −700 ≤ t ≤ 0 (outside that range the result is not specified). */
    static double exp(double t) {
        // k = round(t / ln2), left in the low bits of kd's representation
        double kd = t * INV_LN2 + ROUNDER;
        long bits = Double.doubleToRawLongBits(kd);
        kd -= ROUNDER;
        // r = t − k ln2
        double r = (t - kd * LN2_HI) - kd * LN2_LO;
        // e^r ≈ Σ_{n ≤ 13} rⁿ/n!, by Horner
        double p = r * C13 + C12;
        p = p * r + C11;
        p = p * r + C10;
        p = p * r + C9;
        p = p * r + C8;
        p = p * r + C7;
        p = p * r + C6;
        p = p * r + C5;
        p = p * r + C4;
        p = p * r + C3;
        p = p * r + C2;
        p = p * r + 1;
        p = p * r + 1;
        // 2^k from its biased exponent k + 1023
        return p * Double.longBitsToDouble((bits + 1023) << 52);
    }
}
