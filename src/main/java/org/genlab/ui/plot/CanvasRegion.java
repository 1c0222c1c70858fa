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
        canvas.getGraphicsContext2D().clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        paint(painter, currentViewport());
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
        double w = Math.max(1, snapSizeX(getWidth())), h = Math.max(1, snapSizeY(getHeight()));
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            resized(w, h);
            requestRedraw();
        }
        canvas.relocate(0, 0);
    }
}
