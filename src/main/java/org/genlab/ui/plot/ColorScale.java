package org.genlab.ui.plot;

/**
 * How a heatmap maps values to colours.
 *
 * @param colormap the colour map
 * @param log map log(value) instead of value (values &lt;= 0 get the lowest colour)
 * @param min value at the low end; NaN = automatic (minimum of the finite values, or for log
 *     scales max(smallest positive value, max * {@link #LOG_AUTO_FLOOR}))
 * @param max value at the high end; NaN = automatic (maximum of the finite values)
 * @param alpha opacity 0..255 applied to the whole heatmap
 */
public record ColorScale(Colormap colormap, boolean log, double min, double max, int alpha) {
    /** Lowest value of an automatic log range relative to the maximum. */
    public static final double LOG_AUTO_FLOOR = 1e-6;

    /** @return a linear, automatic-range, opaque scale */
    public static ColorScale auto(Colormap colormap) {
        return new ColorScale(colormap, false, Double.NaN, Double.NaN, 255);
    }

    /** @return this scale with log mapping on or off */
    public ColorScale withLog(boolean log) {
        return new ColorScale(colormap, log, min, max, alpha);
    }

    /** @return this scale with a fixed range (NaN for automatic ends) */
    public ColorScale withRange(double min, double max) {
        return new ColorScale(colormap, log, min, max, alpha);
    }

    /** @return this scale with another opacity */
    public ColorScale withAlpha(int alpha) {
        return new ColorScale(colormap, log, min, max, alpha);
    }
}
