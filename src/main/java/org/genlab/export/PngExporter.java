package org.genlab.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javafx.embed.swing.SwingFXUtils;
import org.genlab.core.io.AtomicFiles;
import org.genlab.ui.plot.CanvasRegion;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
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

    /**
     * Snapshot of {@code node} at {@code scale}; call on the FX thread. Canvases (every plot)
     * are drawn anew at that scale for the snapshot, so text, lines and points stay sharp;
     * other nodes (labels, shapes) are vector and scale by themselves.
     */
    public static WritableImage snapshot(Node node, double scale) {
        if (!(scale > 0 && scale <= 8)) {
            throw new IllegalArgumentException("scale must be in (0, 8], got " + scale);
        }
        // Lay out first and draw every plot for the layout it now has: text that changed since
        // the last pulse (a fit finishing) can move and resize plots, whose canvases would
        // otherwise show the frame drawn for their old size.
        node.applyCss();
        if (node instanceof Parent p) {
            p.layout();
        }
        List<CanvasRegion> canvases = new ArrayList<>();
        collect(node, canvases);
        try {
            if (scale > 1) {
                canvases.forEach(c -> c.setRenderScale(scale));
            } else {
                canvases.forEach(CanvasRegion::redrawNow);
            }
            Bounds b = node.getLayoutBounds();
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.WHITE);
            params.setTransform(Transform.scale(scale, scale));
            int w = (int) Math.round(b.getWidth() * scale);
            int h = (int) Math.round(b.getHeight() * scale);
            return node.snapshot(params, new WritableImage(Math.max(1, w), Math.max(1, h)));
        } finally {
            canvases.forEach(c -> c.setRenderScale(1));
        }
    }

    private static void collect(Node node, List<CanvasRegion> out) {
        if (node instanceof CanvasRegion c) {
            out.add(c);
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, out));
        }
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
        AtomicFiles.write(out, os -> {
            if (!ImageIO.write(image, "png", os)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
