package org.genlab.ui.plot;

import org.genlab.testing.FxTestSupport;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaintersTest {
    private static final int FILL = 0xFF0072B2;

    @BeforeAll
    static void fx() {
        FxTestSupport.start();
    }

    /** Draws a white background, a filled circle at (50, 40), a line, text and a raster. */
    private static void draw(Painter p) {
        p.setFill(0xFFFFFFFF);
        p.fillRect(0, 0, 120, 100);
        p.setFill(FILL);
        p.fillCircle(50, 40, 10);
        p.setStroke(0xFFD55E00);
        p.setLineWidth(2);
        p.setDashes(4, 2);
        p.strokeLine(0, 90, 120, 90);
        p.setDashes();
        p.strokeEllipse(50, 40, 20, 10, 0.5);
        p.setFill(0xFF000000);
        p.text("Hi", 5, 5, 14, Painter.HAlign.LEFT, Painter.VAlign.TOP, true);
        RasterImage r = new RasterImage(4, 4);
        r.fill(0xFF009E73);
        p.save();
        p.clip(100, 0, 10, 10);
        p.drawImage(r, 100, 0, 20, 20);
        p.restore();
    }

    @Test
    void java2dPainterDrawsVisibleContent() {
        BufferedImage img = new BufferedImage(120, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        Java2dPainter p = new Java2dPainter(g);
        draw(p);
        g.dispose();
        assertThat(img.getRGB(50, 40)).isEqualTo(FILL);
        assertThat(img.getRGB(105, 5)).isEqualTo(0xFF009E73); // raster inside the clip
        assertThat(img.getRGB(115, 15)).isEqualTo(0xFFFFFFFF); // raster clipped away
        assertThat(p.textWidth("Hello", 14, false)).isPositive();
        assertThat(countNot(img, 0xFFFFFFFF)).isGreaterThan(300);
    }

    /**
     * The raster's Java2D view shares its pixels (no copy) and draws exactly as a copy into a
     * TYPE_INT_ARGB_PRE image did: translucent, premultiplied pixels, scaled and offset.
     */
    @Test
    void aRasterDrawsThroughItsSharedViewAsACopyDid() {
        RasterImage r = new RasterImage(7, 5);
        for (int i = 0; i < r.pixels().length; i++) {
            r.pixels()[i] = RasterImage.premultiply(((i * 37) % 256) << 24 | (i * 9973) & 0xFFFFFF);
        }
        BufferedImage view = r.asBufferedImage();
        assertThat(view).isSameAs(r.asBufferedImage());
        assertThat(((java.awt.image.DataBufferInt) view.getRaster().getDataBuffer()).getData()).isSameAs(r.pixels());
        assertThat(view.getType()).as("Java2D's fast loops know the type").isEqualTo(BufferedImage.TYPE_INT_ARGB_PRE);

        BufferedImage copy = new BufferedImage(7, 5, BufferedImage.TYPE_INT_ARGB_PRE);
        System.arraycopy(r.pixels(), 0, ((java.awt.image.DataBufferInt) copy.getRaster().getDataBuffer()).getData(), 0, 35);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertThat(view.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(copy.getRGB(x, y));
            }
        }
        BufferedImage viaPainter = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = viaPainter.createGraphics();
        new Java2dPainter(g).drawImage(r, 3.5, 2, 21, 15);
        g.dispose();
        BufferedImage viaCopy = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB_PRE);
        g = viaCopy.createGraphics();
        new Java2dPainter(g); // the same rendering hints as the painter sets
        g.drawImage(copy, new java.awt.geom.AffineTransform(3, 0, 0, 3, 3.5, 2), null);
        g.dispose();
        assertThat(((java.awt.image.DataBufferInt) viaPainter.getRaster().getDataBuffer()).getData())
                .containsExactly(((java.awt.image.DataBufferInt) viaCopy.getRaster().getDataBuffer()).getData());
    }

    private static int countNot(BufferedImage img, int bg) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += img.getRGB(x, y) != bg ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void fxPainterDrawsVisibleContent() {
        WritableImage snap = FxTestSupport.onFx(() -> {
            Canvas c = new Canvas(120, 100);
            FxPainter p = new FxPainter(c.getGraphicsContext2D());
            draw(p);
            assertThat(p.textWidth("Hello", 14, false)).isPositive();
            return c.snapshot(null, null);
        });
        assertThat(snap.getPixelReader().getArgb(50, 40)).isEqualTo(FILL);
        assertThat(snap.getPixelReader().getArgb(105, 5)).isEqualTo(0xFF009E73);
        assertThat(snap.getPixelReader().getArgb(115, 15)).isEqualTo(0xFFFFFFFF);
        int n = 0;
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 120; x++) {
                n += snap.getPixelReader().getArgb(x, y) != 0xFFFFFFFF ? 1 : 0;
            }
        }
        assertThat(n).isGreaterThan(300);
    }

    @Test
    void fxPainterReusesBufferForNewRasterOfSameSize() {
        WritableImage snap = FxTestSupport.onFx(() -> {
            Canvas c = new Canvas(8, 8);
            FxPainter p = new FxPainter(c.getGraphicsContext2D());
            for (int i = 0; i < 6; i++) { // more rasters than the cache holds
                RasterImage r = new RasterImage(8, 8);
                r.fill(i % 2 == 0 ? 0xFF56B4E9 : 0xFFE69F00);
                p.drawImage(r, 0, 0, 8, 8);
            }
            return c.snapshot(null, null);
        });
        assertThat(snap.getPixelReader().getArgb(4, 4)).isEqualTo(0xFFE69F00);
    }
}
