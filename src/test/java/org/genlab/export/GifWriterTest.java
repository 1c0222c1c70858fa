package org.genlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** The GIF encoder's frames, timing and looping, read back with the JDK's own GIF reader. */
public class GifWriterTest {

    /** A GIF read back: its frames, each frame's delay (1/100 s) and the NETSCAPE loop count (-1 if none). */
    public record Gif(List<BufferedImage> frames, List<Integer> delays, int loopCount) {
    }

    public static Gif read(Path file) throws Exception {
        return read(Files.readAllBytes(file));
    }

    public static Gif read(byte[] bytes) throws Exception {
        ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            r.setInput(in);
            int n = r.getNumImages(true);
            List<BufferedImage> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            int loop = -1;
            for (int i = 0; i < n; i++) {
                frames.add(r.read(i));
                IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                var gce = root.getElementsByTagName("GraphicControlExtension");
                delays.add(Integer.parseInt(((IIOMetadataNode) gce.item(0)).getAttribute("delayTime")));
                var apps = root.getElementsByTagName("ApplicationExtension");
                for (int a = 0; a < apps.getLength(); a++) {
                    IIOMetadataNode app = (IIOMetadataNode) apps.item(a);
                    if (app.getAttribute("applicationID").equals("NETSCAPE")) {
                        byte[] b = (byte[]) app.getUserObject();
                        loop = (b[1] & 0xFF) | (b[2] & 0xFF) << 8;
                    }
                }
            }
            return new Gif(frames, delays, loop);
        } finally {
            r.dispose();
        }
    }

    public static boolean sameImage(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static BufferedImage square(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(c);
        g.fillRect(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        return img;
    }

    private static byte[] write(double fps, int loops, BufferedImage... frames) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GifWriter w = new GifWriter(out, fps, loops)) {
            for (BufferedImage f : frames) {
                w.add(f);
            }
            assertThat(w.frames()).isEqualTo(frames.length);
        }
        return out.toByteArray();
    }

    @Test
    void framesComeBackWithTheirColoursAndDelay() throws Exception {
        Gif g = read(write(4, 0, square(40, 30, Color.BLUE), square(40, 30, Color.ORANGE), square(40, 30, Color.BLACK)));
        assertThat(g.frames()).hasSize(3);
        assertThat(g.delays()).containsExactly(25, 25, 25);
        assertThat(g.loopCount()).isZero();
        // flat colours survive the palette exactly
        assertThat(new Color(g.frames().get(0).getRGB(20, 15))).isEqualTo(Color.BLUE);
        assertThat(new Color(g.frames().get(1).getRGB(20, 15))).isEqualTo(Color.ORANGE);
        assertThat(new Color(g.frames().get(2).getRGB(1, 1))).isEqualTo(Color.WHITE);
    }

    @Test
    void loopCountsFollowTheNetscapeConvention() throws Exception {
        assertThat(read(write(10, 1, square(8, 8, Color.RED))).loopCount()).isEqualTo(-1); // once: no extension
        assertThat(read(write(10, 3, square(8, 8, Color.RED))).loopCount()).isEqualTo(2); // plays 3 times = 2 repeats
        assertThat(read(write(10, 0, square(8, 8, Color.RED))).loopCount()).isZero();
    }

    @Test
    void aFrameOfAnotherSizeIsScaledToTheFirst() throws Exception {
        Gif g = read(write(10, 0, square(40, 30, Color.BLUE), square(80, 60, Color.BLUE)));
        assertThat(g.frames().get(1).getWidth()).isEqualTo(40);
        assertThat(g.frames().get(1).getHeight()).isEqualTo(30);
    }

    @Test
    void delaysAreWholeHundredths() throws Exception {
        assertThat(new GifWriter(new ByteArrayOutputStream(), 10, 0).delayCentis()).isEqualTo(10);
        assertThat(new GifWriter(new ByteArrayOutputStream(), 3, 0).delayCentis()).isEqualTo(33);
        assertThat(new GifWriter(new ByteArrayOutputStream(), 50, 0).delayCentis()).isEqualTo(2);
        assertThatThrownBy(() -> new GifWriter(new ByteArrayOutputStream(), 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GifWriter(new ByteArrayOutputStream(), 10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
