package org.genlab.export;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.genlab.core.io.AtomicFiles;
import org.genlab.ui.plot.CanvasRegion;
import org.genlab.ui.plot.Java2dPainter;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a figure as SVG, vector where the screen is vector.
 *
 * <p>The figure's node tree is walked in paint order. Every plot ({@link CanvasRegion}) is
 * painted again through its own layers into an SVG {@link Graphics2D} (JFreeSVG) by the same
 * {@link Java2dPainter} that draws PNG frames, so its points, lines, ellipses and arrows
 * become SVG shapes and its labels SVG text; heatmaps and large scatters, which are rasters on
 * screen too, are embedded as images. Around the plots: text nodes (labels, captions) become
 * SVG text in their own font and colour, region backgrounds and borders become rectangles,
 * image views are embedded, and any other control (a button or a slider shown in a figure)
 * is embedded as a snapshot of itself, so the file looks like the screen.
 *
 * <p>Call on the FX thread, after the figure has settled ({@code Topic.whenSettled}).
 */
public final class SvgExporter {
    /** Snapshots of non-vector nodes are taken at this scale so they stay sharp when zoomed. */
    private static final double SNAPSHOT_SCALE = 2;

    private final Node root;
    private final SVGGraphics2D g;

    private SvgExporter(Node root, SVGGraphics2D g) {
        this.root = root;
        this.g = g;
    }

    /**
     * The figure under {@code root} as an SVG document, {@code root}'s layout bounds giving the
     * page, on a white background like the PNG export.
     */
    public static String toSvg(Node root) {
        // a snapshot runs a CSS and layout pass first; so must this walk, which reads the result
        root.applyCss();
        if (root instanceof Parent p) {
            p.layout();
        }
        Bounds b = root.getLayoutBounds();
        int w = Math.max(1, (int) Math.ceil(b.getWidth())), h = Math.max(1, (int) Math.ceil(b.getHeight()));
        SVGGraphics2D g = new SVGGraphics2D(w, h);
        g.setPaint(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.translate(-b.getMinX(), -b.getMinY());
        new SvgExporter(root, g).walk(root);
        return g.getSVGDocument();
    }

    /** Writes {@link #toSvg} to {@code out} atomically (FX thread: the walk reads the scene). */
    public static void write(Node root, Path out) throws IOException {
        byte[] bytes = toSvg(root).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(out, os -> os.write(bytes));
    }

    private void walk(Node n) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof CanvasRegion c) {
            paintCanvas(c);
        } else if (n instanceof Text t) {
            paintText(t);
        } else if (n instanceof ImageView iv) {
            paintImageView(iv);
        } else if (n instanceof Control ctl && !(ctl instanceof Label)) {
            paintSnapshot(n);
        } else if (n instanceof Parent p) {
            if (p instanceof Region r) {
                paintRegion(r);
            }
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child);
            }
        } else {
            // shapes and anything else drawn by JavaFX alone
            paintSnapshot(n);
        }
    }

    // ---- geometry -----------------------------------------------------------------------------

    /** A point of {@code n}'s local space in the root's space. */
    private Point2D toRoot(Node n, double x, double y) {
        return root.sceneToLocal(n.localToScene(x, y));
    }

    /** {@code n}'s horizontal scale relative to the root (presentation mode, zoomed cards). */
    private double scaleOf(Node n) {
        Point2D a = toRoot(n, 0, 0), b = toRoot(n, 1, 0);
        double s = a.distance(b);
        return s > 0 ? s : 1;
    }

    /** Runs {@code draw} with the graphics translated and scaled into {@code n}'s local space. */
    private void inLocal(Node n, java.util.function.Consumer<Graphics2D> draw) {
        Point2D o = toRoot(n, 0, 0);
        double s = scaleOf(n);
        Graphics2D local = (Graphics2D) g.create();
        try {
            local.translate(o.getX(), o.getY());
            local.scale(s, s);
            draw.accept(local);
        } finally {
            local.dispose();
        }
    }

    // ---- plots --------------------------------------------------------------------------------

    private void paintCanvas(CanvasRegion c) {
        double w = c.getWidth(), h = c.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        inLocal(c, local -> {
            local.clip(new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
            c.paintExport(new Java2dPainter(local));
        });
    }

    // ---- regions ------------------------------------------------------------------------------

    private void paintRegion(Region r) {
        double w = r.getWidth(), h = r.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        Background bg = r.getBackground();
        Border border = r.getBorder();
        boolean hasFill = bg != null && !bg.getFills().isEmpty();
        boolean hasBorder = border != null && !border.getStrokes().isEmpty();
        if (!hasFill && !hasBorder) {
            return;
        }
        inLocal(r, local -> {
            if (hasFill) {
                for (BackgroundFill f : bg.getFills()) {
                    java.awt.Color c = awt(f.getFill());
                    if (c == null) {
                        continue;
                    }
                    var in = f.getInsets();
                    double arc = 2 * f.getRadii().getTopLeftHorizontalRadius();
                    local.setPaint(c);
                    local.fill(new RoundRectangle2D.Double(in.getLeft(), in.getTop(),
                            w - in.getLeft() - in.getRight(), h - in.getTop() - in.getBottom(), arc, arc));
                }
            }
            if (hasBorder) {
                for (BorderStroke s : border.getStrokes()) {
                    java.awt.Color c = awt(s.getTopStroke());
                    double width = s.getWidths().getTop();
                    if (c == null || !(width > 0)) {
                        continue;
                    }
                    var in = s.getInsets();
                    double arc = 2 * s.getRadii().getTopLeftHorizontalRadius();
                    local.setPaint(c);
                    local.setStroke(new BasicStroke((float) width));
                    double half = width / 2;
                    local.draw(new RoundRectangle2D.Double(in.getLeft() + half, in.getTop() + half,
                            w - in.getLeft() - in.getRight() - width, h - in.getTop() - in.getBottom() - width, arc, arc));
                }
            }
        });
    }

    /** A solid colour as AWT, or null for a gradient or a transparent paint (left out). */
    private static java.awt.Color awt(Paint paint) {
        if (!(paint instanceof Color c) || c.getOpacity() == 0) {
            return null;
        }
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
    }

    // ---- text ---------------------------------------------------------------------------------

    private void paintText(Text t) {
        String s = t.getText();
        java.awt.Color colour = awt(t.getFill());
        if (s == null || s.isBlank() || colour == null) {
            return;
        }
        Font f = t.getFont();
        List<String> lines = lines(t, s, f);
        Bounds lb = t.getLayoutBounds();
        double lineHeight = lb.getHeight() / lines.size();
        double boxWidth = t.getWrappingWidth() > 0 ? t.getWrappingWidth() : lb.getWidth();
        java.awt.Font font = awtFont(f);
        inLocal(t, local -> {
            local.setPaint(colour);
            local.setFont(font);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                double dx = switch (t.getTextAlignment() == null ? TextAlignment.LEFT : t.getTextAlignment()) {
                    case CENTER -> (boxWidth - width(line, f)) / 2;
                    case RIGHT -> boxWidth - width(line, f);
                    default -> 0;
                };
                double baseline = lb.getMinY() + t.getBaselineOffset() + i * lineHeight;
                local.drawString(line, (float) (lb.getMinX() + dx), (float) baseline);
            }
        });
    }

    /** The lines JavaFX shows: the text's own line breaks, then greedy wrapping at its width. */
    private static List<String> lines(Text t, String s, Font f) {
        List<String> out = new ArrayList<>();
        double wrap = t.getWrappingWidth();
        for (String para : s.split("\n", -1)) {
            if (!(wrap > 0) || width(para, f) <= wrap) {
                out.add(para);
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && width(candidate, f) > wrap) {
                    out.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    /** The width JavaFX gives {@code s} in font {@code f}, so wrapping matches the screen. */
    private static double width(String s, Font f) {
        Text probe = new Text(s);
        probe.setFont(f);
        return probe.getLayoutBounds().getWidth();
    }

    private static java.awt.Font awtFont(Font f) {
        String style = f.getStyle() == null ? "" : f.getStyle().toLowerCase(java.util.Locale.ROOT);
        int awtStyle = (style.contains("bold") || style.contains("semibold") ? java.awt.Font.BOLD : 0)
                | (style.contains("italic") || style.contains("oblique") ? java.awt.Font.ITALIC : 0);
        String family = f.getFamily();
        // JavaFX's "System" font is the platform's sans serif; name it so any viewer finds one.
        if (family == null || family.equalsIgnoreCase("System")) {
            family = java.awt.Font.SANS_SERIF;
        }
        return new java.awt.Font(family, awtStyle, 1).deriveFont((float) f.getSize());
    }

    // ---- images -------------------------------------------------------------------------------

    private void paintImageView(ImageView iv) {
        Image img = iv.getImage();
        if (img == null || img.getWidth() <= 0) {
            return;
        }
        BufferedImage bi = SwingFXUtils.fromFXImage(img, null);
        Rectangle2D vp = iv.getViewport();
        if (vp != null) {
            bi = bi.getSubimage((int) vp.getMinX(), (int) vp.getMinY(), (int) vp.getWidth(), (int) vp.getHeight());
        }
        Bounds lb = iv.getLayoutBounds();
        BufferedImage image = bi;
        inLocal(iv, local -> local.drawImage(image, (int) Math.round(lb.getMinX()), (int) Math.round(lb.getMinY()),
                (int) Math.round(lb.getWidth()), (int) Math.round(lb.getHeight()), null));
    }

    /** Embeds a picture of a node JavaFX alone can draw (a control, a shape). */
    private void paintSnapshot(Node n) {
        Bounds lb = n.getLayoutBounds();
        if (lb.getWidth() <= 0 || lb.getHeight() <= 0) {
            return;
        }
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        params.setViewport(new Rectangle2D(lb.getMinX() * SNAPSHOT_SCALE, lb.getMinY() * SNAPSHOT_SCALE,
                lb.getWidth() * SNAPSHOT_SCALE, lb.getHeight() * SNAPSHOT_SCALE));
        WritableImage shot = snapshotLocal(n, params);
        BufferedImage bi = SwingFXUtils.fromFXImage(shot, null);
        inLocal(n, local -> local.drawImage(bi, (int) Math.round(lb.getMinX()), (int) Math.round(lb.getMinY()),
                (int) Math.round(lb.getWidth()), (int) Math.round(lb.getHeight()), null));
    }

    /**
     * {@code n} snapshotted in its own local space. {@link Node#snapshot} draws in the parent's
     * space (the node's layout position and transforms applied), so the position is taken back
     * off through the parameters' transform.
     */
    private static WritableImage snapshotLocal(Node n, SnapshotParameters params) {
        javafx.scene.transform.Transform toParent = n.getLocalToParentTransform();
        try {
            params.setTransform(javafx.scene.transform.Transform.scale(SNAPSHOT_SCALE, SNAPSHOT_SCALE)
                    .createConcatenation(toParent.createInverse()));
        } catch (javafx.scene.transform.NonInvertibleTransformException e) {
            return new WritableImage(1, 1);
        }
        return n.snapshot(params, null);
    }
}
