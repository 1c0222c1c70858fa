package org.genlab.ui.plot;

import java.util.Arrays;

/**
 * A plain pixel buffer: {@code width * height} ints, row-major, row 0 at the top.
 *
 * <p>Pixels are <b>premultiplied</b> ARGB ({@code 0xAARRGGBB} with each colour channel already
 * multiplied by alpha), the layout of JavaFX's {@code PixelFormat.getIntArgbPreInstance()} and of
 * {@code BufferedImage.TYPE_INT_ARGB_PRE}, so both painters can show it without conversion.
 * Rasters published by layers are not modified afterwards; treat them as read-only.
 */
public final class RasterImage {
    private final int width;
    private final int height;
    private final int[] pixels;
    /** The Java2D view of the pixels, made on first use (any thread; a race makes two equal views). */
    private volatile java.awt.image.BufferedImage awt;

    /** Creates a fully transparent raster. */
    public RasterImage(int width, int height) {
        this(width, height, new int[checkedSize(width, height)]);
    }

    /** Wraps {@code pixels} (not copied), which must hold {@code width * height} premultiplied ARGB ints. */
    public RasterImage(int width, int height, int[] pixels) {
        if (pixels.length != checkedSize(width, height)) {
            throw new IllegalArgumentException("pixels.length != width * height");
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    private static int checkedSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        return Math.multiplyExact(width, height);
    }

    /** @return width in pixels */
    public int width() {
        return width;
    }

    /** @return height in pixels */
    public int height() {
        return height;
    }

    /** @return the backing array (premultiplied ARGB, row-major), not a copy */
    public int[] pixels() {
        return pixels;
    }

    /**
     * A {@code TYPE_INT_ARGB_PRE} image that shares these pixels, for Java2D to draw: made once
     * per raster, so a raster drawn in every frame neither copies nor allocates. Read-only like
     * the raster.
     */
    public java.awt.image.BufferedImage asBufferedImage() {
        java.awt.image.BufferedImage view = awt;
        if (view == null) {
            // the colour model of BufferedImage.TYPE_INT_ARGB_PRE
            java.awt.image.DirectColorModel cm = new java.awt.image.DirectColorModel(
                    java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), 32,
                    0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000, true, java.awt.image.DataBuffer.TYPE_INT);
            java.awt.image.SinglePixelPackedSampleModel sm = new java.awt.image.SinglePixelPackedSampleModel(
                    java.awt.image.DataBuffer.TYPE_INT, width, height, cm.getMasks());
            java.awt.image.WritableRaster raster = java.awt.image.Raster.createWritableRaster(
                    sm, new java.awt.image.DataBufferInt(pixels, pixels.length), null);
            view = new java.awt.image.BufferedImage(cm, raster, true, null);
            awt = view;
        }
        return view;
    }

    /** @return the premultiplied ARGB pixel at column x, row y */
    public int get(int x, int y) {
        return pixels[y * width + x];
    }

    /** Fills every pixel with a non-premultiplied ARGB colour. */
    public void fill(int argb) {
        Arrays.fill(pixels, premultiply(argb));
    }

    /**
     * Premultiplies a non-premultiplied ARGB colour: {@code c' = round(c * a / 255)} per channel.
     *
     * @return premultiplied ARGB
     */
    public static int premultiply(int argb) {
        int a = argb >>> 24;
        if (a == 255) {
            return argb;
        }
        int r = div255(((argb >>> 16) & 0xFF) * a);
        int g = div255(((argb >>> 8) & 0xFF) * a);
        int b = div255((argb & 0xFF) * a);
        return (a << 24) | (r << 16) | (g << 8) | b;
    }

    /**
     * Exact {@code round(x / 255)} for {@code 0 <= x <= 255 * 255}, without a division:
     * {@code t = x + 128; (t + (t >> 8)) >> 8}.
     */
    static int div255(int x) {
        int t = x + 128;
        return (t + (t >> 8)) >> 8;
    }
}
