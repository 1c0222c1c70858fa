package org.genlab.ui.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * A resizable region that draws itself on a canvas through a {@link Painter}: the base of
 * {@link PlotCanvas} and {@link LineChart}. Redraws are coalesced: {@link #requestRedraw()}
 * (safe from any thread) schedules one redraw on the FX thread however often it is called
 * before that runs; a resize redraws too.
 *
 * <p><b>Composited mode</b> ({@link #setComposited}): Prism's software renderer (CI, virtual
 * machines, laptops without a usable GPU) replays a canvas's drawing commands on the render thread
 * in every pulse that shows it, and antialiased, dashed strokes and text are slow there (a
 * figure with a dozen ellipses, axes and a chart costs 10-20 ms a frame). In composited mode a
 * redraw captures the figure's state on the FX thread ({@link #frame}), paints it with Java2D
 * into an image on the given executor, and the FX thread then shows that image with a single
 * {@code drawImage}. At most one such job runs per region; requests made meanwhile are merged
 * into one more job, and a job overtaken by a direct {@link #redrawNow()} is dropped. Direct
 * redraws (export at 2x or 4x, {@code whenSettled}) still paint with the canvas's own painter.
 */
public abstract class CanvasRegion extends Region {
    private final Canvas canvas = new Canvas();
    private final FxPainter painter = new FxPainter(canvas.getGraphicsContext2D());
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicLong redraws = new AtomicLong();
    /** Device pixels per logical pixel of the canvas: 1 on screen, 2 or 4 while exporting. */
    private double renderScale = 1;

    private static final Logger LOG = Logger.getLogger(CanvasRegion.class.getName());
    /** Runs composited frames; null paints directly on the FX thread. */
    private Executor compositor;
    /** FX thread only: a composited frame is being painted; another was asked for meanwhile. */
    private boolean composing, recompose;
    /** FX thread only: bumped by every frame started, so an overtaken one is not shown. */
    private long frameGeneration;
    private final AtomicLong composites = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    /**
     * The image composited frames are painted into, reused while the size holds: a new one per
     * frame was about 1.5 MB of garbage 15 times a second for a figure, and the young
     * collections it caused landed in pulses. Only the one running job touches it (at most one
     * runs per region, and its pixels are copied out on the FX thread before the next starts).
     */
    private BufferedImage frameImage;
    /**
     * FX thread only: the last composited frame was not shown because rasters it asked for were on
     * their way; {@code skippedFor} identifies them ({@link #rastersPending}).
     */
    private boolean skippedLast;
    private long skippedFor;

    /**
     * Shows a composited frame. An image view, not a draw on the canvas: in Prism's software
     * pipeline a canvas that draws an image first renders it into the canvas's own texture and
     * then paints that texture, two full-size passes per frame; the view paints the pixels once.
     */
    private final javafx.scene.image.ImageView composite = new javafx.scene.image.ImageView();
    private javafx.scene.image.PixelBuffer<java.nio.IntBuffer> compositeBuffer;

    /** Redraws when the application's {@link FigureStyle} changes (held here: the property holds it weakly). */
    private final javafx.beans.InvalidationListener onStyle = o -> styleChanged();

    protected CanvasRegion() {
        composite.setManaged(false);
        composite.setMouseTransparent(true);
        composite.setSmooth(false);
        composite.setVisible(false);
        getChildren().addAll(canvas, composite);
        FigureStyle.currentProperty().addListener(new javafx.beans.WeakInvalidationListener(onStyle));
    }

    /**
     * Called on the FX thread when the application's {@link FigureStyle} (theme or presentation
     * scale) changes; the default redraws.
     */
    protected void styleChanged() {
        requestRedraw();
    }

    /** The viewport to draw with now. */
    protected abstract Viewport currentViewport();

    /** Paints the whole figure with any painter (the canvas's, or a Java2D one for export). */
    public abstract void paint(Painter p, Viewport v);

    /**
     * Paints the figure as it is now with {@code p}, in this region's logical pixels: the
     * vector export's entry (FX thread). Raster layers draw their latest finished raster.
     */
    public void paintExport(Painter p) {
        frame(currentViewport()).accept(p);
    }

    /** Called when the canvas takes a new size, before the redraw it triggers. */
    protected void resized(double width, double height) {
    }

    /**
     * The figure as it is now, captured on the FX thread, as work that any thread may run later
     * (composited mode runs it on the executor). The default paints with {@link #paint}, which is
     * right when everything it reads is immutable or volatile; a region whose state is mutable
     * (e.g. growing arrays) overrides this to copy what it paints.
     */
    protected Consumer<Painter> frame(Viewport v) {
        return p -> paint(p, v);
    }

    /**
     * Paints on {@code executor} off the FX thread and shows the result as one image (see the
     * class comment); null paints directly on the FX thread (the default). FX thread.
     */
    public void setComposited(Executor executor) {
        compositor = executor;
        requestRedraw();
    }

    /** @return whether redraws are composited off the FX thread */
    public boolean isComposited() {
        return compositor != null;
    }

    /** @return how many composited frames were held back for a raster on its way (diagnostics and tests) */
    public long getSkippedCompositeCount() {
        return skipped.get();
    }

    /** @return how many composited frames were shown (diagnostics and tests) */
    public long getCompositeCount() {
        return composites.get();
    }

    /** Schedules one redraw on the FX thread; coalesces repeated calls. Safe from any thread. */
    public void requestRedraw() {
        if (dirty.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                if (dirty.getAndSet(false)) {
                    if (compositor != null && renderScale == 1) {
                        compose();
                    } else {
                        redrawNow();
                    }
                }
            });
        }
    }

    /** Starts a composited frame, or asks for one more after the running one (FX thread). */
    private void compose() {
        if (composing) {
            recompose = true;
            return;
        }
        double w = Math.max(1, snapSizeX(getWidth())), h = Math.max(1, snapSizeY(getHeight()));
        double scale = outputScale();
        int pw = (int) Math.ceil(w * scale), ph = (int) Math.ceil(h * scale);
        Consumer<Painter> work = frame(currentViewport());
        long gen = ++frameGeneration;
        composing = true;
        Executor ex = compositor;
        if (frameImage == null || frameImage.getWidth() != pw || frameImage.getHeight() != ph) {
            frameImage = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_ARGB_PRE);
        }
        BufferedImage target = frameImage;
        try {
            ex.execute(() -> {
                RasterImage img = null;
                long pending = 0;
                try {
                    img = paintInto(target, work, scale);
                    pending = rastersPending();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, "composited frame failed; drawing directly", e);
                }
                RasterImage done = img;
                long waiting = pending;
                Platform.runLater(() -> composed(gen, done, waiting, w, h));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            composing = false;
            redrawNow();
        }
    }

    /**
     * Identifies the layers' off-thread rasters that the frame just painted asked for and that are
     * still being computed, or 0 if there are none (any thread; called right after painting a
     * composited frame). The default: none.
     */
    protected long rastersPending() {
        return 0;
    }

    /**
     * Shows a finished composited frame unless a newer one was started (FX thread). A frame that
     * asked for a raster still on its way (new data for a big scatter, a heatmap at a new t) is
     * not shown: it would show the old raster, and the new one's publish redraws in a moment, so
     * the figure is painted once per change instead of twice. Frames are held back in a row only
     * while they wait for the same rasters: a pane that asks for a new raster with every frame
     * still shows every second one.
     */
    private void composed(long gen, RasterImage img, long waiting, double w, double h) {
        composing = false;
        if (gen == frameGeneration) {
            if (img == null) {
                redrawNow();
            } else if (waiting != 0 && (!skippedLast || waiting == skippedFor)) {
                skippedLast = true;
                skippedFor = waiting;
                skipped.incrementAndGet();
                holdUntilRasters(composites.get(), System.nanoTime());
            } else {
                skippedLast = false;
                showComposite(img, w, h);
                composites.incrementAndGet();
            }
        }
        if (recompose) {
            recompose = false;
            if (compositor != null && renderScale == 1) {
                compose();
            } else {
                redrawNow();
            }
        }
    }

    /**
     * After a held-back frame: if no frame has been shown 100 ms later and the rasters are no
     * longer on their way (a job failed, so no publish will redraw), or after a second of
     * waiting for a slow one, redraws anyway (FX thread).
     */
    private void holdUntilRasters(long shown, long since) {
        javafx.animation.PauseTransition check = new javafx.animation.PauseTransition(javafx.util.Duration.millis(100));
        check.setOnFinished(e -> {
            if (composites.get() != shown) {
                return;
            }
            if (rastersPending() != 0 && System.nanoTime() - since < 1_000_000_000L) {
                holdUntilRasters(shown, since);
            } else {
                skippedLast = true; // so this redraw is shown even if a raster is still pending
                skippedFor = 0;
                requestRedraw();
            }
        });
        check.play();
    }

    /** Puts a finished frame's pixels into the image view, reusing its buffer while the size holds (FX thread). */
    private void showComposite(RasterImage img, double w, double h) {
        int pw = img.width(), ph = img.height();
        if (compositeBuffer == null || compositeBuffer.getWidth() != pw || compositeBuffer.getHeight() != ph) {
            compositeBuffer = new javafx.scene.image.PixelBuffer<>(pw, ph, java.nio.IntBuffer.allocate(pw * ph),
                    javafx.scene.image.PixelFormat.getIntArgbPreInstance());
            composite.setImage(new javafx.scene.image.WritableImage(compositeBuffer));
        }
        int[] px = img.pixels();
        compositeBuffer.updateBuffer(b -> {
            java.nio.IntBuffer buf = b.getBuffer();
            buf.clear();
            buf.put(px);
            buf.rewind();
            return null;
        });
        composite.setFitWidth(w);
        composite.setFitHeight(h);
        composite.relocate(0, 0);
        composite.setVisible(true);
        canvas.setVisible(false);
    }

    /**
     * Clears {@code img} (TYPE_INT_ARGB_PRE) and paints {@code work} into it with Java2D (any
     * thread); the raster returned shares its pixels.
     */
    static RasterImage paintInto(BufferedImage img, Consumer<Painter> work, double scale) {
        int pw = img.getWidth(), ph = img.getHeight();
        int[] data = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(data, 0);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(scale, scale);
            work.accept(new Java2dPainter(g).withPixelScale(scale));
        } finally {
            g.dispose();
        }
        return new RasterImage(pw, ph, data);
    }

    /** Device pixels per logical pixel of the screen the region is on (1 when not shown). */
    private double outputScale() {
        javafx.scene.Scene scene = getScene();
        javafx.stage.Window win = scene == null ? null : scene.getWindow();
        double s = win == null ? 1 : win.getOutputScaleX();
        return s >= 1 && s <= 8 ? s : 1;
    }

    /** Redraws immediately (FX thread). Prefer {@link #requestRedraw()}. */
    public void redrawNow() {
        frameGeneration++; // a composited frame started before this one is now stale
        redraws.incrementAndGet();
        composite.setVisible(false);
        canvas.setVisible(true);
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
