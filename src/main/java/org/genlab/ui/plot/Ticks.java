package org.genlab.ui.plot;

import java.math.BigDecimal;

/**
 * Axis ticks on a 1-2-5 grid with clean labels (no {@code 0.30000000000000004}).
 *
 * @param values tick positions in world units, increasing
 * @param labels one label per value
 * @param step distance between ticks
 */
public record Ticks(double[] values, String[] labels, double step) {

    /**
     * Ticks covering [min, max] with at most about {@code maxTicks} intervals.
     *
     * <p>step = m * 10^e with m in {1, 2, 5} the smallest such that (max - min) / step &lt;= maxTicks;
     * ticks are k * step for integer k inside the range. Values and labels are computed from the
     * exact decimal k * m * 10^e, so labels carry exactly max(0, -e) decimals.
     */
    public static Ticks nice(double min, double max, int maxTicks) {
        if (!(max > min) || Double.isInfinite(max - min) || maxTicks < 1) {
            return new Ticks(new double[0], new String[0], Double.NaN);
        }
        double raw = (max - min) / maxTicks;
        int e = (int) Math.floor(Math.log10(raw));
        double f = raw / Math.pow(10, e);
        int m;
        if (f <= 1 + 1e-9) {
            m = 1;
        } else if (f <= 2 + 1e-9) {
            m = 2;
        } else if (f <= 5 + 1e-9) {
            m = 5;
        } else {
            m = 1;
            e += 1;
        }
        BigDecimal step = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
        double stepD = step.doubleValue();
        long kmin = (long) Math.ceil(min / stepD - 1e-9);
        long kmax = (long) Math.floor(max / stepD + 1e-9);
        int n = (int) Math.max(0, kmax - kmin + 1);
        double[] values = new double[n];
        String[] labels = new String[n];
        boolean scientific = e < -5 || e > 6;
        for (int i = 0; i < n; i++) {
            BigDecimal v = step.multiply(BigDecimal.valueOf(kmin + i));
            values[i] = v.doubleValue();
            labels[i] = format(v, e, scientific);
        }
        return new Ticks(values, labels, stepD);
    }

    private static String format(BigDecimal v, int e, boolean scientific) {
        if (scientific) {
            if (v.signum() == 0) {
                return "0";
            }
            return v.stripTrailingZeros().toString().replace("E+", "e").replace('E', 'e');
        }
        return v.setScale(Math.max(0, -e), java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
