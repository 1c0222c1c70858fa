package org.genlab.ui.plot;

/**
 * Minimal drawing surface in screen coordinates (pixels, origin top-left, y down).
 *
 * <p>Colours are packed non-premultiplied {@code 0xAARRGGBB} ints (see {@link Rgba}), so
 * implementations need no JavaFX. State (colours, line width, dashes, clip) is kept until changed
 * or until {@link #restore()} pops it.
 */
public interface Painter {

    /** Horizontal text anchor. */
    enum HAlign { LEFT, CENTER, RIGHT }

    /** Vertical text anchor; {@code BASELINE} anchors at the font baseline. */
    enum VAlign { TOP, CENTER, BASELINE, BOTTOM }

    /** Sets the colour for stroke operations and text outlines (text uses the fill colour). */
    void setStroke(int argb);

    /** Sets the colour for fill operations and text. */
    void setFill(int argb);

    /** Sets the stroke width in pixels. */
    void setLineWidth(double width);

    /** Sets a dash pattern in pixels (on, off, on, ...); {@code null} or empty means solid. */
    void setDashes(double... dashes);

    /** Strokes a segment. */
    void strokeLine(double x1, double y1, double x2, double y2);

    /** Strokes an open polyline through the first {@code n} points. */
    void strokePolyline(double[] xs, double[] ys, int n);

    /** Fills a polygon through the first {@code n} points (e.g. an arrow head). */
    void fillPolygon(double[] xs, double[] ys, int n);

    /** Fills a circle of radius {@code r} centred on (cx, cy). */
    default void fillCircle(double cx, double cy, double r) {
        fillEllipse(cx, cy, r, r, 0);
    }

    /** Strokes a circle of radius {@code r} centred on (cx, cy). */
    default void strokeCircle(double cx, double cy, double r) {
        strokeEllipse(cx, cy, r, r, 0);
    }

    /**
     * Fills an ellipse with semi-axes {@code rx}, {@code ry}, rotated by {@code angle} radians in
     * screen coordinates (positive turns +x towards +y, i.e. clockwise on screen).
     */
    void fillEllipse(double cx, double cy, double rx, double ry, double angle);

    /** Strokes an ellipse; see {@link #fillEllipse}. */
    void strokeEllipse(double cx, double cy, double rx, double ry, double angle);

    /** Fills an axis-aligned rectangle. */
    void fillRect(double x, double y, double w, double h);

    /** Strokes an axis-aligned rectangle. */
    void strokeRect(double x, double y, double w, double h);

    /**
     * Draws text with the fill colour.
     *
     * @param size font size in pixels
     */
    void text(String s, double x, double y, double size, HAlign h, VAlign v, boolean bold);

    /** @return the advance width of {@code s} in pixels at the given font size */
    double textWidth(String s, double size, boolean bold);

    /** Draws a raster scaled into the rectangle (x, y, w, h). */
    void drawImage(RasterImage image, double x, double y, double w, double h);

    /**
     * Device pixels per logical pixel this painter draws at: 1 on screen, 2 or 4 for an
     * export. A layer that would show a screen-resolution raster may draw vectors instead
     * when it is above 1, so the export stays sharp.
     */
    default double pixelScale() {
        return 1;
    }

    /**
     * Whether this painter writes vector output (SVG). A layer that shows a large data set as a
     * raster on screen embeds that raster here rather than writing one shape per point, so the
     * file stays small; everything else is drawn as shapes and text.
     */
    default boolean isVector() {
        return false;
    }

    /**
     * The style this painter draws in ({@link FigureStyle#DEFAULT} unless it was wrapped by
     * {@link FigureStyle#wrap}). Text sizes and line widths are already scaled by the painter; a
     * layer reads the scale only to space its own parts (rows, offsets, margins).
     */
    default FigureStyle style() {
        return FigureStyle.DEFAULT;
    }

    /** Pushes the drawing state (colours, line width, dashes, clip). */
    void save();

    /** Pops the state pushed by the matching {@link #save()}. */
    void restore();

    /** Intersects the clip with a rectangle; undo with {@link #save()}/{@link #restore()}. */
    void clip(double x, double y, double w, double h);
}
