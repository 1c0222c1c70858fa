package org.genlab.ui.plot;

/**
 * One legend row: a swatch and a label.
 *
 * @param label text
 * @param argb swatch colour (non-premultiplied ARGB)
 * @param kind swatch shape
 */
public record LegendEntry(String label, int argb, Kind kind) {
    /** Swatch shape. */
    public enum Kind { POINT, LINE, DASHED_LINE, BOX }

    /** @return a point entry */
    public static LegendEntry point(String label, int argb) {
        return new LegendEntry(label, argb, Kind.POINT);
    }

    /** @return a line entry */
    public static LegendEntry line(String label, int argb) {
        return new LegendEntry(label, argb, Kind.LINE);
    }
}
