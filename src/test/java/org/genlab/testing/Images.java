package org.genlab.testing;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Checks that an image has real content, not one flat colour. */
public final class Images {
    private Images() {
    }

    /** Number of distinct RGB values on a 3-pixel grid over the image. */
    public static int distinctColours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
