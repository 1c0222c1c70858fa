package org.genlab.ui.plot;

import java.util.List;

/**
 * One drawable part of a plot (points, a heatmap, ellipses, ...). Layers paint in screen
 * coordinates through a {@link Painter}, using the {@link Viewport} to map world coordinates.
 *
 * <p>{@link #paint} is called on the FX thread for on-screen plots (or on any single thread for
 * export). A layer whose content changes calls its repaint listener, which a
 * {@link PlotCanvas} wires to {@link PlotCanvas#requestRedraw()}; the listener may be called from
 * any thread.
 */
public interface PlotLayer {

    /** Paints the layer. Invisible layers are not asked to paint. */
    void paint(Painter p, Viewport v);

    /** @return the entries this layer contributes to the legend (default none) */
    default List<LegendEntry> legendEntries() {
        return List.of();
    }

    /** @return whether the layer is painted */
    boolean isVisible();

    /** Shows or hides the layer (and requests a repaint). */
    void setVisible(boolean visible);

    /** Sets the callback to run when the layer needs repainting; {@code null} clears it. */
    void setRepaintListener(Runnable listener);

    /**
     * @return the generation (from 1) of a raster this layer asked for while painting that is
     *     still being computed, whose publish will repaint the layer; 0 if there is none, as for
     *     layers that draw directly
     */
    default long pendingRaster() {
        return 0;
    }

    /**
     * Completes when what this layer computes off the FX thread (a raster) is up to date with
     * its latest request; at once for layers that draw directly.
     */
    default java.util.concurrent.CompletableFuture<Void> whenSettled() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
}
