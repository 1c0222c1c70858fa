package org.genlab.ui.plot;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The default executor for off-FX-thread rasterisation. */
public final class PlotExecutors {
    private PlotExecutors() {
    }

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "genlab-plot-raster");
        t.setDaemon(true);
        return t;
    });

    /**
     * @return a shared single daemon thread; rasterisers split their own work across the common
     *     fork-join pool, so one job thread is enough
     */
    public static ExecutorService background() {
        return BACKGROUND;
    }
}
