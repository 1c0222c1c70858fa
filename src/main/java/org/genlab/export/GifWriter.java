package org.genlab.export;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes an animated GIF frame by frame with the JDK's own GIF encoder (ImageIO), so a long
 * animation never holds more than one frame in memory. Each frame is reduced to the encoder's
 * 256-colour palette; frames that arrive at another size are scaled to the first frame's, so
 * a window resized mid-export still gives a valid file.
 *
 * <p>Timing and looping are GIF metadata: the frame delay in hundredths of a second (the
 * Graphic Control Extension) and the loop count (the NETSCAPE2.0 application extension,
 * which every browser and slide program honours).
 */
public final class GifWriter implements AutoCloseable {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final ImageWriter writer;
    private final ImageOutputStream ios;
    private final int delayCentis;
    private final int loops;
    private int width = -1, height = -1;
    private int frames;

    /**
     * @param out   where the GIF goes (not closed by {@link #close})
     * @param fps   frames per second, 1 to 50 (GIF delays are whole hundredths of a second)
     * @param loops how many times the animation plays: 0 for ever, 1 once, n that many times
     */
    public GifWriter(OutputStream out, double fps, int loops) throws IOException {
        if (!(fps >= 1 && fps <= 50)) {
            throw new IllegalArgumentException("fps must be 1 to 50, got " + fps);
        }
        if (loops < 0 || loops > 65_536) {
            throw new IllegalArgumentException("loops must be 0 (for ever) to 65536, got " + loops);
        }
        var writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java has no GIF encoder");
        }
        this.writer = writers.next();
        // memory-cached: no temporary file of ImageIO's beside the one AtomicFiles writes
        this.ios = new javax.imageio.stream.MemoryCacheImageOutputStream(out);
        this.delayCentis = (int) Math.max(2, Math.round(100 / fps));
        this.loops = loops;
        writer.setOutput(ios);
        writer.prepareWriteSequence(null);
    }

    /** The delay written per frame, in hundredths of a second. */
    public int delayCentis() {
        return delayCentis;
    }

    /** Frames written so far. */
    public int frames() {
        return frames;
    }

    /** Appends one frame. */
    public void add(BufferedImage image) throws IOException {
        BufferedImage rgb = toRgb(image);
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb), param);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCentis));
        gce.setAttribute("transparentColorIndex", "0");
        if (frames == 0 && loops != 1) {
            // NETSCAPE2.0: sub-block 1, then the repeat count (0 = for ever) little-endian
            int repeat = loops == 0 ? 0 : loops - 1;
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, (byte) (repeat & 0xFF), (byte) ((repeat >> 8) & 0xFF)});
            apps.appendChild(app);
        }
        meta.setFromTree(FORMAT, root);
        writer.writeToSequence(new IIOImage(rgb, null, meta), param);
        frames++;
    }

    /** The frame as opaque RGB at the first frame's size. */
    private BufferedImage toRgb(BufferedImage image) {
        if (width < 0) {
            width = image.getWidth();
            height = image.getHeight();
        }
        if (image.getType() == BufferedImage.TYPE_INT_RGB && image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** Ends the GIF (the trailer byte) and flushes it; the output stream stays open. */
    @Override
    public void close() throws IOException {
        try {
            if (frames > 0) {
                writer.endWriteSequence();
            }
            ios.flush();
        } finally {
            writer.dispose();
            ios.close();
        }
    }
}
