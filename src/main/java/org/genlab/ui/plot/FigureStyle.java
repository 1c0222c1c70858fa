package org.genlab.ui.plot;

import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * How figures are drawn right now: the {@link Palette} (light or dark, normal or high contrast)
 * and the presentation scale (1 normally; about 1.75 in presentation mode, so tick labels,
 * legends and lines read from the back row).
 *
 * <p>There is one current style for the whole application ({@link #currentProperty()}, FX
 * thread); {@link PlotCanvas} and {@link LineChart} capture it when a frame starts and paint
 * through {@link #wrap(Painter)}, which scales text, line widths, dashes and markers and maps
 * neutral colours to the palette. A layer therefore draws as on a white page at scale 1: grey
 * and black ink, chromatic colours as given; it reads {@link Painter#style()} only to scale its
 * own spacing (a legend's rows, a label's offset), as {@link Axes} and {@link Legend} do.
 *
 * @param palette the colours
 * @param scale   text and line scale, in [1, 3]
 */
public record FigureStyle(Palette palette, double scale) {
    /** Light, scale 1: the figure as exported and as rendered by the command line. */
    public static final FigureStyle DEFAULT = new FigureStyle(Palette.LIGHT, 1);
    /** The scale presentation mode uses. */
    public static final double PRESENTATION_SCALE = 1.75;

    private static final ObjectProperty<FigureStyle> CURRENT = new SimpleObjectProperty<>(FigureStyle.class, "current", DEFAULT);
    /** The current style as any thread may read it. */
    private static volatile FigureStyle current = DEFAULT;

    static {
        // The first invalidation listener, so it runs before any canvas's (which read current()).
        CURRENT.addListener((javafx.beans.Observable o) -> current = CURRENT.get());
    }

    public FigureStyle {
        Objects.requireNonNull(palette);
        if (!(scale >= 1 && scale <= 3)) {
            throw new IllegalArgumentException("scale must be in [1, 3], got " + scale);
        }
    }

    /** The application's current style; listen to it to redraw (FX thread). */
    public static ObjectProperty<FigureStyle> currentProperty() {
        return CURRENT;
    }

    /** The current style (any thread). */
    public static FigureStyle current() {
        return current;
    }

    public FigureStyle withPalette(Palette p) {
        return new FigureStyle(p, scale);
    }

    public FigureStyle withScale(double s) {
        return new FigureStyle(palette, s);
    }

    /** The scale of point markers: grows half as fast as text, so dense scatters stay readable. */
    public double markerScale() {
        return 1 + (scale - 1) / 2;
    }

    /** {@code p} drawing in this style ({@code p} itself for the default style). */
    public Painter wrap(Painter p) {
        return equals(DEFAULT) ? p : new StyledPainter(p, this);
    }

    /**
     * The colours of a figure. Layers draw in light-theme colours; {@link #ink} maps a neutral
     * (grey, black or white) colour to this palette and leaves chromatic colours alone, so
     * Okabe-Ito categories and colour maps keep their meaning in every theme.
     *
     * @param dark     light ink on a dark page
     * @param contrast high contrast (presentation mode): dark greys drawn darker (lighter on a
     *                 dark page), grid lines stronger
     */
    public record Palette(boolean dark, boolean contrast) {
        public static final Palette LIGHT = new Palette(false, false);
        public static final Palette DARK = new Palette(true, false);
        /** The dark page's background (AtlantaFX Primer Dark's default background) and ink. */
        static final int DARK_PAGE = 0x0D1117, DARK_INK = 0xF0F3F6;

        public Palette withContrast(boolean c) {
            return new Palette(dark, c);
        }

        /** The page colour (what white becomes), opaque ARGB. */
        public int background() {
            return ink(0xFFFFFFFF);
        }

        /** The main text colour, opaque ARGB. */
        public int text() {
            return ink(0xFF222222);
        }

        /** Maps a light-theme colour (ARGB) to this palette: neutrals follow, others stay. */
        public int ink(int argb) {
            int r = (argb >>> 16) & 0xFF, g = (argb >>> 8) & 0xFF, b = argb & 0xFF;
            if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 12 || (!dark && !contrast)) {
                return argb;
            }
            double l = (r + g + b) / 3.0 / 255; // 0 black ink .. 1 white page
            if (contrast) {
                // darks darker (text, frames), light greys (grid) a little darker too, white stays
                l = l < 0.5 ? l * 0.4 : (l < 0.97 ? Math.min(l, 0.78) : l);
            }
            int out;
            if (dark) {
                out = lerp(DARK_INK, DARK_PAGE, l);
            } else {
                int v = (int) Math.round(l * 255);
                out = v << 16 | v << 8 | v;
            }
            return (argb & 0xFF000000) | out;
        }

        private static int lerp(int from, int to, double t) {
            int r = (int) Math.round(((from >> 16) & 0xFF) * (1 - t) + ((to >> 16) & 0xFF) * t);
            int g = (int) Math.round(((from >> 8) & 0xFF) * (1 - t) + ((to >> 8) & 0xFF) * t);
            int b = (int) Math.round((from & 0xFF) * (1 - t) + (to & 0xFF) * t);
            return r << 16 | g << 8 | b;
        }
    }
}
