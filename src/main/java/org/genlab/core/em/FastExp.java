package org.genlab.core.em;

/**
 * exp(t) for t in [−700, 0], within 2 ulp of {@link Math#exp}, about twice as fast: the
 * fused E-step calls it K times per point and it dominates the pass.
 *
 * <pre>
 *   t = (64 k' + j) ln2/64 + r,  |r| ≤ ln2/128,  j = k mod 64
 *   exp(t) = 2^k' · 2^(j/64) · e^r,  e^r ≈ 1 + r + r²/2 + r³/6 + r⁴/24 + r⁵/120
 * </pre>
 *
 * 2^(j/64) comes from a 64-entry table; the truncation error of the polynomial is below
 * r⁶/720 ≈ 4e−17. ln2/64 is split in a high part with trailing zero bits and a low part,
 * so r is exact enough. A test compares it with {@link Math#exp} over the domain.
 */
final class FastExp {
    private static final double[] TABLE = new double[64];
    private static final double INV_LN2_64 = 64 / Math.log(2);
    /** fdlibm's ln2 split, divided by 64: the high part has 32 significant bits, so k · LN2_64_HI is exact for |k| < 2^21. */
    private static final double LN2_64_HI = 6.93147180369123816490e-01 / 64;
    private static final double LN2_64_LO = 1.90821492927058770002e-10 / 64;
    /** 1.5 · 2^52: adding it rounds a double of magnitude below 2^51 to an integer. */
    private static final double ROUNDER = 0x1.8p52;

    static {
        for (int j = 0; j < 64; j++) {
            TABLE[j] = Math.pow(2, j / 64.0);
        }
    }

    private FastExp() {
    }

    /** exp(t), for −700 ≤ t ≤ 0 (outside that range the result is not specified). */
    static double exp(double t) {
        double kd = t * INV_LN2_64 + ROUNDER;
        long k = Double.doubleToRawLongBits(kd); // low bits hold round(t · 64/ln2) in two's complement
        kd -= ROUNDER;
        double r = (t - kd * LN2_64_HI) - kd * LN2_64_LO;
        double p = 1 + r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))));
        int j = (int) (k & 63);
        long e = (k << 12 >> 18) + 1023; // k' = floor(k / 64), sign-extended from the low 52 bits
        return TABLE[j] * Double.longBitsToDouble(e << 52) * p;
    }
}
