package org.genlab.ui.plot;

/**
 * A colour map from [0, 1] to opaque colours through a 256-entry lookup table.
 */
public final class Colormap {
    /** Number of entries in the lookup table. */
    public static final int SIZE = 256;

    private final String name;
    private final int[] lut;

    private Colormap(String name, int[] lut) {
        this.name = name;
        this.lut = lut;
    }

    /**
     * Builds a map by linear interpolation in RGB between evenly spaced anchors.
     *
     * @param anchorsRgb at least two {@code 0xRRGGBB} colours, first at t = 0, last at t = 1
     */
    public static Colormap fromAnchors(String name, int... anchorsRgb) {
        if (anchorsRgb.length < 2) {
            throw new IllegalArgumentException("need at least two anchors");
        }
        int[] lut = new int[SIZE];
        int segments = anchorsRgb.length - 1;
        for (int i = 0; i < SIZE; i++) {
            // position u = t * segments; interpolate anchors floor(u) and floor(u) + 1 with weight frac(u)
            double u = (double) i / (SIZE - 1) * segments;
            int k = Math.min(segments - 1, (int) u);
            double w = u - k;
            int c0 = anchorsRgb[k], c1 = anchorsRgb[k + 1];
            int r = lerp(c0 >> 16 & 0xFF, c1 >> 16 & 0xFF, w);
            int g = lerp(c0 >> 8 & 0xFF, c1 >> 8 & 0xFF, w);
            int b = lerp(c0 & 0xFF, c1 & 0xFF, w);
            lut[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return new Colormap(name, lut);
    }

    private static int lerp(int a, int b, double w) {
        return (int) Math.round(a + (b - a) * w);
    }

    /** @return the name, e.g. "viridis" */
    public String name() {
        return name;
    }

    /** @return a copy of the 256-entry table of opaque ARGB colours */
    public int[] lut() {
        return lut.clone();
    }

    /** @return LUT entry {@code i} (0..255), opaque ARGB; no copy */
    public int entry(int i) {
        return lut[i];
    }

    /** @return the opaque ARGB colour at t (clamped to [0, 1]); NaN gives transparent 0 */
    public int argb(double t) {
        if (Double.isNaN(t)) {
            return 0;
        }
        return lut[index(t)];
    }

    /** @return round(t * 255) with t clamped to [0, 1] */
    public static int index(double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return SIZE - 1;
        }
        return (int) (t * (SIZE - 1) + 0.5);
    }

    @Override
    public String toString() {
        return "Colormap[" + name + "]";
    }
}
