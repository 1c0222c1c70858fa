package org.genlab.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import org.genlab.testing.FxTestSupport;
import org.genlab.ui.plot.PlotCanvas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exports are drawn anew at their scale: sharp edges, not an enlarged screen bitmap. */
class PngExporterTest {
    @BeforeAll
    static void fx() {
        FxTestSupport.start();
    }

    /** Width in pixels of the soft edge where the plot's left frame line meets the white margin. */
    private static int softEdge(BufferedImage img) {
        int y = img.getHeight() / 2;
        int x = 0;
        while (x < img.getWidth() && (img.getRGB(x, y) & 0xFF) > 200) {
            x++;
        }
        // The frame line is dark; count the pixels around it that are neither white nor dark.
        int soft = 0;
        for (int i = Math.max(0, x - 12); i < Math.min(img.getWidth(), x + 12); i++) {
            int v = img.getRGB(i, y) & 0xFF;
            if (v > 90 && v < 235) {
                soft++;
            }
        }
        return soft;
    }

    private static BufferedImage export(double scale) {
        return FxTestSupport.onFx(() -> {
            PlotCanvas plot = new PlotCanvas();
            plot.setView(-1, 1, -1, 1);
            StackPane root = new StackPane(plot);
            new Scene(root, 400, 300);
            root.applyCss();
            root.layout();
            plot.redrawNow();
            BufferedImage img = PngExporter.toBufferedImage(PngExporter.snapshot(plot, scale));
            assertThat(plot.getRenderScale()).as("the screen canvas is back at 1x").isEqualTo(1.0);
            return img;
        });
    }

    @Test
    void a4xExportIsDrawnAt4xNotEnlarged() {
        BufferedImage one = export(1), four = export(4);
        assertThat(four.getWidth()).isEqualTo(4 * one.getWidth());
        assertThat(four.getHeight()).isEqualTo(4 * one.getHeight());
        // An enlarged 1x bitmap smears each edge over about 4 pixels on each side.
        assertThat(softEdge(four)).isLessThanOrEqualTo(softEdge(one) + 2);
    }
}
