package org.genlab.ui.topic;

import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleFunction;

/**
 * A pane's own time, the axis an animation steps along: EM's half-steps, the diffusion
 * step t, flow-matching time t in [0, 1]. The GIF export ({@code genlab animate} and the
 * window's "Animated GIF") asks the pane to show each frame's time and waits for it to be
 * drawn, so the frames are the screen's.
 *
 * @param name     what the time is called, for messages and the dialog ("half-step", "step t")
 * @param min      the smallest time
 * @param max      the largest time
 * @param usualTo  where an animation usually ends (the window's dialog starts there)
 * @param integral whether only whole numbers are times (frames are then rounded)
 * @param seek     shows the figure at a time within [min, max] and completes when it is drawn
 *                 (FX thread)
 * @param now      where the pane is on its time now (NaN if it does not say)
 */
public record PaneTime(String name, double min, double max, double usualTo, boolean integral,
                       DoubleFunction<CompletableFuture<Void>> seek, java.util.function.DoubleSupplier now) {

    public PaneTime {
        if (!(min <= max)) {
            throw new IllegalArgumentException("time range " + min + " to " + max + " is empty");
        }
        usualTo = Math.max(min, Math.min(max, usualTo));
        now = now == null ? () -> Double.NaN : now;
    }

    /** A time that does not say where the pane is on it now. */
    public PaneTime(String name, double min, double max, double usualTo, boolean integral,
                    DoubleFunction<CompletableFuture<Void>> seek) {
        this(name, min, max, usualTo, integral, seek, null);
    }

    /** The same time, saying where the pane is on it now ({@code now}, FX thread). */
    public PaneTime withNow(java.util.function.DoubleSupplier current) {
        return new PaneTime(name, min, max, usualTo, integral, seek, current);
    }

    /** Where the pane is on its time now, if it says (the A/B view's timeline starts there). */
    public java.util.OptionalDouble current() {
        double v = now.getAsDouble();
        return Double.isFinite(v) && contains(v) ? java.util.OptionalDouble.of(v) : java.util.OptionalDouble.empty();
    }

    /** Whether {@code t} is a time of this pane. */
    public boolean contains(double t) {
        return t >= min && t <= max;
    }

    /**
     * The times of {@code frames} frames evenly spaced from {@code from} to {@code to}
     * inclusive (rounded for an integral time), in order; {@code from} may be above {@code to}
     * to run backwards.
     */
    public double[] frameTimes(double from, double to, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, got " + frames);
        }
        double[] t = new double[frames];
        for (int i = 0; i < frames; i++) {
            // the last frame is exactly `to`, not from + (to - from) * 1 with rounding error
            double v = frames == 1 ? from : i == frames - 1 ? to : from + (to - from) * i / (frames - 1);
            t[i] = integral ? Math.round(v) : v;
        }
        return t;
    }
}
