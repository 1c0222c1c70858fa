package org.genlab.ui.plot;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Computes rasters off the FX thread and keeps the newest one to show.
 *
 * <p>Every {@link #request} with a new key gets the next generation number and runs its job on
 * the executor. A finished raster is published only if its generation is still the latest
 * requested one, so a stale raster (older generation finishing late) is never shown; until the
 * new raster is ready, {@link #current()} keeps returning the previous one, which callers draw
 * mapped to the current viewport.
 */
public final class AsyncRaster {

    /**
     * A published raster.
     *
     * @param image the pixels
     * @param viewport the viewport the raster was computed for (its plot area)
     * @param generation the request generation that produced it
     */
    public record Frame(RasterImage image, Viewport viewport, long generation) {
    }

    private final Executor executor;
    private final Runnable onPublish;
    private long requested;          // guarded by this
    private Object requestedKey;     // guarded by this
    /** The newest generation whose job ended: published, failed, or returned nothing. */
    private long done;               // guarded by this
    private volatile Frame current;
    private CompletableFuture<Void> settled = CompletableFuture.completedFuture(null); // guarded by this

    /**
     * @param executor runs raster jobs (not the FX thread)
     * @param onPublish called (on the executor's thread) after a new frame is published
     */
    public AsyncRaster(Executor executor, Runnable onPublish) {
        this.executor = Objects.requireNonNull(executor);
        this.onPublish = Objects.requireNonNull(onPublish);
    }

    /**
     * Starts computing a raster for {@code key} unless the latest request had an equal key.
     *
     * @param key identifies the inputs (e.g. viewport and data version)
     * @param viewport the viewport the raster will be drawn for
     * @param job computes the raster; runs on the executor; may return null for "nothing to show"
     * @return whether a new job was submitted
     */
    public boolean request(Object key, Viewport viewport, Supplier<RasterImage> job) {
        long gen;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        synchronized (this) {
            if (Objects.equals(key, requestedKey)) {
                return false;
            }
            requestedKey = key;
            gen = ++requested;
            // Whoever waits for an older request is served when this newer one settles.
            CompletableFuture<Void> older = settled;
            mine.whenComplete((v, e) -> {
                if (e != null) {
                    older.completeExceptionally(e);
                } else {
                    older.complete(null);
                }
            });
            settled = mine;
        }
        executor.execute(() -> {
            if (gen != latestRequested()) {
                return; // superseded before it started; the newer request settles `mine`
            }
            RasterImage img;
            try {
                img = job.get();
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    if (gen == requested) {
                        requestedKey = null; // let the next paint try again
                        done = gen;
                    }
                }
                mine.completeExceptionally(e);
                return;
            }
            if (publish(new Frame(img, viewport, gen))) {
                onPublish.run();
                mine.complete(null);
            }
        });
        return true;
    }

    /**
     * Completes when the latest request's raster is published (at once if there is none), or
     * exceptionally if its job failed. Newer requests made meanwhile are waited for too.
     */
    public synchronized CompletableFuture<Void> whenSettled() {
        return settled;
    }

    /** Forgets the last key, so the next request recomputes even with an equal key. */
    public synchronized void invalidate() {
        requestedKey = null;
    }

    private synchronized boolean publish(Frame f) {
        if (f.generation() != requested) {
            return false; // stale: a newer request exists
        }
        current = f.image() == null ? null : f;
        done = f.generation();
        return true;
    }

    /**
     * @return whether the latest request's raster is still being computed (its publish will
     *     call {@code onPublish}); false once it is published or its job failed
     */
    public synchronized boolean isPending() {
        return requested != done;
    }

    /** @return the generation of the raster still being computed, or 0 if none is */
    public synchronized long pendingGeneration() {
        return requested != done ? requested : 0;
    }

    /** @return the generation of the latest request */
    public synchronized long latestRequested() {
        return requested;
    }

    /** @return the newest published frame, or null */
    public Frame current() {
        return current;
    }

    /**
     * Draws the current frame, if any. A frame's image covers exactly the plot area of the
     * viewport it was computed for; that world rectangle is mapped into {@code v}, so while a new
     * raster is computing the old one follows pans and zooms (a 1:1 draw when the viewports match).
     */
    public void draw(Painter p, Viewport v) {
        Frame f = current;
        if (f == null) {
            return;
        }
        Viewport fv = f.viewport();
        double x0 = v.toScreenX(fv.xmin()), x1 = v.toScreenX(fv.xmax());
        double y0 = v.toScreenY(fv.ymax()), y1 = v.toScreenY(fv.ymin());
        p.save();
        p.clip(v.plotLeft(), v.plotTop(), v.plotWidth(), v.plotHeight());
        p.drawImage(f.image(), x0, y0, x1 - x0, y1 - y0);
        p.restore();
    }
}
