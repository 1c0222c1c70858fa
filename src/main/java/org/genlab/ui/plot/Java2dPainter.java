package org.genlab.ui.plot;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@link Painter} over a {@link Graphics2D} with antialiasing: for PNG export (paint into a
 * {@link BufferedImage}) and SVG export (paint into an SVG library's Graphics2D). No JavaFX needed.
 */
public final class Java2dPainter implements Painter {
    private static final String FONT_FAMILY = Font.SANS_SERIF;

    private final Deque<State> stack = new ArrayDeque<>();
    private final Deque<Graphics2D> stackG = new ArrayDeque<>();
    private Graphics2D g;
    private State state = new State();
    private double pixelScale = Double.POSITIVE_INFINITY;

    /** Mutable drawing state; copied on {@link #save()}. */
    private static final class State {
        java.awt.Color stroke = java.awt.Color.BLACK;
        java.awt.Color fill = java.awt.Color.BLACK;
        float width = 1f;
        float[] dashes;

        State copy() {
            State s = new State();
            s.stroke = stroke;
            s.fill = fill;
            s.width = width;
            s.dashes = dashes;
            return s;
        }
    }

    /** Wraps {@code g} and switches on antialiasing for shapes and text. */
    public Java2dPainter(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        applyStroke();
    }

    /** @return the wrapped graphics */
    public Graphics2D graphics() {
        return g;
    }

    private static java.awt.Color awt(int argb) {
        return new java.awt.Color(argb, true);
    }

    private void applyStroke() {
        g.setStroke(new BasicStroke(state.width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                state.dashes, 0f));
    }

    @Override
    public void setStroke(int argb) {
        state.stroke = awt(argb);
    }

    @Override
    public void setFill(int argb) {
        state.fill = awt(argb);
    }

    @Override
    public void setLineWidth(double width) {
        state.width = (float) width;
        applyStroke();
    }

    @Override
    public void setDashes(double... dashes) {
        if (dashes == null || dashes.length == 0) {
            state.dashes = null;
        } else {
            state.dashes = new float[dashes.length];
            for (int i = 0; i < dashes.length; i++) {
                state.dashes[i] = (float) dashes[i];
            }
        }
        applyStroke();
    }

    private void stroke(Shape s) {
        g.setColor(state.stroke);
        g.draw(s);
    }

    private void fill(Shape s) {
        g.setColor(state.fill);
        g.fill(s);
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        stroke(new Line2D.Double(x1, y1, x2, y2));
    }

    private static Path2D path(double[] xs, double[] ys, int n, boolean close) {
        Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO, n);
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        if (close) {
            p.closePath();
        }
        return p;
    }

    @Override
    public void strokePolyline(double[] xs, double[] ys, int n) {
        if (n >= 2) {
            stroke(path(xs, ys, n, false));
        }
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
        if (n >= 3) {
            fill(path(xs, ys, n, true));
        }
    }

    private static Shape ellipse(double cx, double cy, double rx, double ry, double angle) {
        Shape e = new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry);
        return angle == 0 ? e : AffineTransform.getRotateInstance(angle, cx, cy).createTransformedShape(e);
    }

    @Override
    public void fillEllipse(double cx, double cy, double rx, double ry, double angle) {
        fill(ellipse(cx, cy, rx, ry, angle));
    }

    @Override
    public void strokeEllipse(double cx, double cy, double rx, double ry, double angle) {
        stroke(ellipse(cx, cy, rx, ry, angle));
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        stroke(new Rectangle2D.Double(x, y, w, h));
    }

    private static Font font(double size, boolean bold) {
        return new Font(FONT_FAMILY, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    }

    @Override
    public void text(String s, double x, double y, double size, HAlign h, VAlign v, boolean bold) {
        Font f = font(size, bold);
        g.setFont(f);
        FontMetrics fm = g.getFontMetrics(f);
        double w = fm.getStringBounds(s, g).getWidth();
        double dx = switch (h) {
            case LEFT -> 0;
            case CENTER -> -w / 2;
            case RIGHT -> -w;
        };
        double dy = switch (v) {
            case TOP -> fm.getAscent();
            case CENTER -> (fm.getAscent() - fm.getDescent()) / 2.0;
            case BASELINE -> 0;
            case BOTTOM -> -fm.getDescent();
        };
        g.setColor(state.fill);
        g.drawString(s, (float) (x + dx), (float) (y + dy));
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        Font f = font(size, bold);
        return g.getFontMetrics(f).getStringBounds(s, g).getWidth();
    }

    /**
     * Tells layers the device scale this graphics is drawn at (see {@link Painter#pixelScale()}):
     * a finite scale for a pixel image (layers may then draw their screen rasters), infinity (the
     * default) for vector output such as SVG, where layers draw vectors.
     */
    public Java2dPainter withPixelScale(double scale) {
        pixelScale = scale;
        return this;
    }

    @Override
    public double pixelScale() {
        return pixelScale;
    }

    /** Vector output unless {@link #withPixelScale} gave a finite scale. */
    @Override
    public boolean isVector() {
        return pixelScale == Double.POSITIVE_INFINITY;
    }

    @Override
    public void drawImage(RasterImage image, double x, double y, double w, double h) {
        // TYPE_INT_ARGB_PRE has the RasterImage layout, so Java2D reads the raster's own pixels.
        AffineTransform at = new AffineTransform(w / image.width(), 0, 0, h / image.height(), x, y);
        g.drawImage(image.asBufferedImage(), at, null);
    }

    @Override
    public void save() {
        stack.push(state);
        state = state.copy();
        Graphics2D child = (Graphics2D) g.create();
        stackG.push(g);
        g = child;
    }

    @Override
    public void restore() {
        if (stack.isEmpty()) {
            return;
        }
        state = stack.pop();
        g.dispose();
        g = stackG.pop();
        applyStroke();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.clip(new Rectangle2D.Double(x, y, w, h));
    }
}
