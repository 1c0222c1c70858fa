package org.genlab.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

/**
 * Renders a node to a PNG at 1x, 2x or 4x. The node is snapshotted with a scale transform,
 * so text and lines are drawn again at the higher resolution (crisp), not enlarged.
 * Used alike by Ctrl+S, the clipboard copy and {@code genlab render}.
 */
public final class PngExporter {
    /** The scales offered in the user interface. */
    public static final int[] SCALES = {1, 2, 4};

    private PngExporter() {
    }

    /** Snapshot of {@code node} at {@code scale}; call on the FX thread. */
    public static WritableImage snapshot(Node node, double scale) {
        if (!(scale > 0 && scale <= 8)) {
            throw new IllegalArgumentException("scale must be in (0, 8], got " + scale);
        }
        Bounds b = node.getLayoutBounds();
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.WHITE);
        params.setTransform(Transform.scale(scale, scale));
        int w = (int) Math.round(b.getWidth() * scale);
        int h = (int) Math.round(b.getHeight() * scale);
        return node.snapshot(params, new WritableImage(Math.max(1, w), Math.max(1, h)));
    }

    /** The image as an opaque RGB {@link BufferedImage}, ready for ImageIO. */
    public static BufferedImage toBufferedImage(WritableImage image) {
        BufferedImage argb = SwingFXUtils.fromFXImage(image, null);
        BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(argb, 0, 0, null);
        return rgb;
    }

    /**
     * Writes the image as PNG to {@code out} atomically: to a temporary file beside it, then
     * moved into place, so a failed export never leaves a half-written file.
     */
    public static void write(BufferedImage image, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, ".genlab-", ".png.part");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                if (!ImageIO.write(image, "png", os)) {
                    throw new IOException("no PNG writer available");
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
