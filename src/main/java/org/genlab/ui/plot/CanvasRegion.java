package org.genlab.ui.plot;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * A resizable region that draws itself on a canvas through a {@link Painter}: the base of
 * {@link PlotCanvas} and {@link LineChart}. Redraws are coalesced: {@link #requestRedraw()}
 * (safe from any thread) schedules one redraw on the FX thread however often it is called
 * before that runs; a resize redraws too.
 */
public abstract class CanvasRegion extends Region {
    private final Canvas canvas = new Canvas();
    private final FxPainter painter = new FxPainter(canvas.getGraphicsContext2D());
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicLong redraws = new AtomicLong();
    /** Device pixels per logical pixel of the canvas: 1 on screen, 2 or 4 while exporting. */
    private double renderScale = 1;

    protected CanvasRegion() {
        getChildren().add(canvas);
    }

    /** The viewport to draw with now. */
    protected abstract Viewport currentViewport();

    /** Paints the whole figure with any painter (the canvas's, or a Java2D one for export). */
    public abstract void paint(Painter p, Viewport v);

    /** Called when the canvas takes a new size, before the redraw it triggers. */
    protected void resized(double width, double height) {
    }

    /** Schedules one redraw on the FX thread; coalesces repeated calls. Safe from any thread. */
    public void requestRedraw() {
        if (dirty.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                if (dirty.getAndSet(false)) {
                    redrawNow();
                }
            });
        }
    }

    /** Redraws immediately (FX thread). Prefer {@link #requestRedraw()}. */
    public void redrawNow() {
        redraws.incrementAndGet();
        javafx.scene.canvas.GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setTransform(new javafx.scene.transform.Affine());
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        gc.save();
        gc.scale(renderScale, renderScale);
        paint(painter, currentViewport());
        gc.restore();
    }

    /**
     * Draws the canvas at {@code scale} device pixels per logical pixel while keeping its
     * logical size on screen, so a snapshot at that scale is drawn anew (crisp text and lines)
     * rather than enlarged. Export sets 2 or 4, takes its snapshot and sets 1 again.
     */
    public void setRenderScale(double scale) {
        if (!(scale >= 1 && scale <= 8)) {
            throw new IllegalArgumentException("render scale must be in [1, 8], got " + scale);
        }
        if (scale == renderScale) {
            return;
        }
        renderScale = scale;
        painter.setPixelScale(scale);
        canvas.getTransforms().setAll(scale == 1 ? java.util.List.of() : java.util.List.of(new javafx.scene.transform.Scale(1 / scale, 1 / scale, 0, 0)));
        sizeCanvas();
        redrawNow();
    }

    public double getRenderScale() {
        return renderScale;
    }

    /** @return how many redraws ran (diagnostics and tests) */
    public long getRedrawCount() {
        return redraws.get();
    }

    /** @return the canvas inside (for tests) */
    public Canvas getCanvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        if (sizeCanvas()) {
            requestRedraw();
        }
        canvas.relocate(0, 0);
    }

    /** Gives the canvas this region's size times the render scale; true if it changed. */
    private boolean sizeCanvas() {
        double w = Math.max(1, snapSizeX(getWidth())), h = Math.max(1, snapSizeY(getHeight()));
        double cw = Math.ceil(w * renderScale), ch = Math.ceil(h * renderScale);
        if (canvas.getWidth() == cw && canvas.getHeight() == ch) {
            return false;
        }
        canvas.setWidth(cw);
        canvas.setHeight(ch);
        resized(w, h);
        return true;
    }
}
