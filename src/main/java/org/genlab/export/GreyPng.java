package org.genlab.export;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genlab.core.io.AtomicFiles;

/**
 * Grey images (values in [0, 1], row-major, row 0 at the top) side by side in one PNG, each
 * pixel enlarged to a {@code scale} x {@code scale} block: value v is grey level round(255 v)
 * (0 black, 1 white), values outside [0, 1] clipped. Plain {@code javax.imageio}, no JavaFX.
 */
public final class GreyPng {
    private GreyPng() {
    }

    /** The images as one picture, {@code images.length * width * scale} wide and {@code height * scale} high. */
    public static BufferedImage image(float[][] images, int width, int height, int scale) {
        if (images.length == 0 || width < 1 || height < 1 || scale < 1) {
            throw new IllegalArgumentException("need at least one image and positive sizes");
        }
        BufferedImage img = new BufferedImage(images.length * width * scale, height * scale, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int k = 0; k < images.length; k++) {
            if (images[k].length != width * height) {
                throw new IllegalArgumentException("image " + k + " has " + images[k].length + " values, not " + width + "x" + height);
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float v = images[k][y * width + x];
                    int g = (int) Math.round(255 * Math.max(0, Math.min(1, Float.isNaN(v) ? 0 : v)));
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            r.setSample((k * width + x) * scale + dx, y * scale + dy, 0, g);
                        }
                    }
                }
            }
        }
        return img;
    }

    /** Writes {@link #image} to {@code file} as a PNG, atomically. */
    public static void write(float[][] images, int width, int height, int scale, Path file) throws IOException {
        BufferedImage img = image(images, width, height, scale);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }
}
