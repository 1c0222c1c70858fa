package org.genlab.ui.plot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * {@link Painter} over a JavaFX {@link GraphicsContext}. Use on the FX thread only.
 *
 * <p>{@link #drawImage} shows a {@link RasterImage} through a {@link WritableImage} backed by a
 * {@link PixelBuffer}; the buffers are cached (a few, least recently used) and reused when a new
 * raster of the same size arrives, so showing a raster costs one copy of its pixels (only when the
 * raster instance changed) plus one {@code drawImage}.
 */
public final class FxPainter implements Painter {
    private static final int CACHE_SIZE = 4;
    private static final String FONT_FAMILY = "System";

    private final GraphicsContext gc;
    /** Keyed by raster identity (RasterImage does not override equals). */
    private final LinkedHashMap<RasterImage, Backing> cache = new LinkedHashMap<>(8, 0.75f, true);
    private final Text measure = new Text();

    /** Wraps a graphics context; sets round caps and joins. */
    public FxPainter(GraphicsContext gc) {
        this.gc = gc;
        gc.setLineCap(StrokeLineCap.ROUND);
        gc.setLineJoin(StrokeLineJoin.ROUND);
    }

    /** @return the wrapped context */
    public GraphicsContext context() {
        return gc;
    }

    /** Converts packed non-premultiplied ARGB to a JavaFX colour. */
    public static Color toColor(int argb) {
        return Color.rgb((argb >>> 16) & 0xFF, (argb >>> 8) & 0xFF, argb & 0xFF, (argb >>> 24) / 255.0);
    }

    @Override
    public void setStroke(int argb) {
        gc.setStroke(toColor(argb));
    }

    @Override
    public void setFill(int argb) {
        gc.setFill(toColor(argb));
    }

    @Override
    public void setLineWidth(double width) {
        gc.setLineWidth(width);
    }

    @Override
    public void setDashes(double... dashes) {
        gc.setLineDashes(dashes == null || dashes.length == 0 ? null : dashes);
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        gc.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void strokePolyline(double[] xs, double[] ys, int n) {
        if (n >= 2) {
            gc.strokePolyline(xs, ys, n);
        }
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
        if (n >= 3) {
            gc.fillPolygon(xs, ys, n);
        }
    }

    @Override
    public void fillCircle(double cx, double cy, double r) {
        gc.fillOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    @Override
    public void strokeCircle(double cx, double cy, double r) {
        gc.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    @Override
    public void fillEllipse(double cx, double cy, double rx, double ry, double angle) {
        gc.save();
        gc.translate(cx, cy);
        gc.rotate(Math.toDegrees(angle));
        gc.fillOval(-rx, -ry, 2 * rx, 2 * ry);
        gc.restore();
    }

    @Override
    public void strokeEllipse(double cx, double cy, double rx, double ry, double angle) {
        gc.save();
        gc.translate(cx, cy);
        gc.rotate(Math.toDegrees(angle));
        gc.strokeOval(-rx, -ry, 2 * rx, 2 * ry);
        gc.restore();
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        gc.strokeRect(x, y, w, h);
    }

    private static Font font(double size, boolean bold) {
        return Font.font(FONT_FAMILY, bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
    }

    @Override
    public void text(String s, double x, double y, double size, HAlign h, VAlign v, boolean bold) {
        gc.setFont(font(size, bold));
        gc.setTextAlign(switch (h) {
            case LEFT -> TextAlignment.LEFT;
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
        });
        gc.setTextBaseline(switch (v) {
            case TOP -> VPos.TOP;
            case CENTER -> VPos.CENTER;
            case BASELINE -> VPos.BASELINE;
            case BOTTOM -> VPos.BOTTOM;
        });
        gc.fillText(s, x, y);
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        measure.setFont(font(size, bold));
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    private double pixelScale = 1;

    /** Tells layers the device scale the context is drawn at (see {@link Painter#pixelScale()}). */
    public void setPixelScale(double scale) {
        pixelScale = scale;
    }

    @Override
    public double pixelScale() {
        return pixelScale;
    }

    @Override
    public void drawImage(RasterImage image, double x, double y, double w, double h) {
        gc.drawImage(backingFor(image).image, x, y, w, h);
    }

    @Override
    public void save() {
        gc.save();
    }

    @Override
    public void restore() {
        gc.restore();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        gc.beginPath();
        gc.rect(x, y, w, h);
        gc.clip();
        gc.beginPath();
    }

    /**
     * Returns the backing image of {@code raster}. On a miss with a full cache the least recently
     * used entry is evicted, and its buffer reused when it has the same size.
     */
    private Backing backingFor(RasterImage raster) {
        Backing b = cache.get(raster);
        if (b != null) {
            return b;
        }
        Backing reuse = null;
        if (cache.size() >= CACHE_SIZE) {
            Iterator<Map.Entry<RasterImage, Backing>> eldest = cache.entrySet().iterator();
            Backing victim = eldest.next().getValue();
            eldest.remove();
            reuse = victim.fits(raster) ? victim : null;
        }
        Backing backing = reuse != null ? reuse : new Backing(raster.width(), raster.height());
        backing.upload(raster);
        cache.put(raster, backing);
        return backing;
    }

    /** One reusable PixelBuffer-backed image. */
    private static final class Backing {
        final IntBuffer buffer;
        final PixelBuffer<IntBuffer> pixelBuffer;
        final WritableImage image;

        Backing(int w, int h) {
            buffer = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            pixelBuffer = new PixelBuffer<>(w, h, buffer, PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
        }

        boolean fits(RasterImage r) {
            return pixelBuffer.getWidth() == r.width() && pixelBuffer.getHeight() == r.height();
        }

        void upload(RasterImage r) {
            pixelBuffer.updateBuffer(pb -> {
                // absolute put: never touches the buffer position, which the renderer also uses
                buffer.put(0, r.pixels());
                return null; // whole image dirty
            });
        }
    }
}
