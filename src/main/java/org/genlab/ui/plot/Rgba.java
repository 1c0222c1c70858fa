package org.genlab.ui.plot;

/**
 * A colour with 8-bit channels, not premultiplied. Convenience for code that prefers named
 * channels over packed {@code 0xAARRGGBB} ints; the {@link Painter} API itself takes packed ints.
 *
 * @param r red 0..255
 * @param g green 0..255
 * @param b blue 0..255
 * @param a alpha 0..255 (255 = opaque)
 */
public record Rgba(int r, int g, int b, int a) {

    /** Validates the channel ranges. */
    public Rgba {
        if ((r | g | b | a) < 0 || r > 255 || g > 255 || b > 255 || a > 255) {
            throw new IllegalArgumentException("channels must be in 0..255");
        }
    }

    /** @return the colour of a packed non-premultiplied {@code 0xAARRGGBB} int */
    public static Rgba of(int argb) {
        return new Rgba((argb >>> 16) & 0xFF, (argb >>> 8) & 0xFF, argb & 0xFF, argb >>> 24);
    }

    /** @return packed non-premultiplied {@code 0xAARRGGBB} */
    public int argb() {
        return (a << 24) | (r << 16) | (g << 8) | b;
    }

    /** @return this colour with alpha replaced */
    public Rgba withAlpha(int alpha) {
        return new Rgba(r, g, b, alpha);
    }

    /** @return {@code argb} with its alpha channel replaced by {@code alpha} (0..255) */
    public static int withAlpha(int argb, int alpha) {
        return (argb & 0x00FFFFFF) | (alpha << 24);
    }
}
