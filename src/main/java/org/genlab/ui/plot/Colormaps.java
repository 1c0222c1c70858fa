package org.genlab.ui.plot;

/**
 * Colour maps and the categorical palette. Use viridis (or cividis) for densities, the diverging
 * map for signed quantities, and Okabe-Ito for categories; none relies on red versus green alone.
 */
public final class Colormaps {
    private Colormaps() {
    }

    /** Matplotlib's viridis, from its values at t = 0, 0.1, ..., 1 (#440154 to #FDE725). */
    public static final Colormap VIRIDIS = Colormap.fromAnchors("viridis",
            0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C,
            0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725);

    /** Cividis (optimised for colour-vision deficiency), #00224E to #FEE838. */
    public static final Colormap CIVIDIS = Colormap.fromAnchors("cividis",
            0x00224E, 0x123570, 0x3B496C, 0x575D6D, 0x707173,
            0x8A8779, 0xA69D75, 0xC4B56C, 0xE4CF5B, 0xFEE838);

    /** Diverging blue-grey-red (Moreland's cool-warm); centre t = 0.5 is neutral grey. */
    public static final Colormap COOLWARM = Colormap.fromAnchors("coolwarm",
            0x3B4CC0, 0x8DB0FE, 0xDDDDDD, 0xF49A7B, 0xB40426);

    /**
     * Okabe-Ito categorical palette (opaque ARGB): orange, sky blue, bluish green, yellow, blue,
     * vermillion, reddish purple, black.
     */
    private static final int[] OKABE_ITO_COLORS = {
        0xFFE69F00, 0xFF56B4E9, 0xFF009E73, 0xFFF0E442,
        0xFF0072B2, 0xFFD55E00, 0xFFCC79A7, 0xFF000000,
    };

    /** Number of Okabe-Ito colours. */
    public static final int OKABE_ITO_SIZE = OKABE_ITO_COLORS.length;

    /** @return a copy of the 8 Okabe-Ito colours as opaque ARGB */
    public static int[] okabeIto() {
        return OKABE_ITO_COLORS.clone();
    }

    /** @return Okabe-Ito colour {@code i} modulo 8 (opaque ARGB), for category i */
    public static int category(int i) {
        return OKABE_ITO_COLORS[Math.floorMod(i, OKABE_ITO_COLORS.length)];
    }
}
