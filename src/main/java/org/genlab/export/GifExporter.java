package org.genlab.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import org.genlab.compute.ProgressSink;
import org.genlab.core.io.AtomicFiles;
import org.genlab.ui.topic.PaneTime;

/**
 * Animates a pane along its own time into a GIF: for each frame the pane is asked to show
 * that time ({@link PaneTime#seek}), and once it has drawn, its figure is snapshotted exactly
 * as the PNG export does. The frames are therefore the screen's frames.
 *
 * <p>{@link #write} runs on a thread of its own (never the FX thread, and not the compute
 * pool, whose threads the pane needs to draw its rasters); the seeks and snapshots run on the
 * FX thread through {@code fx}, the encoding on the calling thread, one frame at a time. A
 * cancelled or failed export leaves no file behind (and an existing file untouched).
 */
public final class GifExporter {
    /** How long one frame may take to settle before the export gives up. */
    private static final long FRAME_TIMEOUT_SECONDS = 120;

    /**
     * What to animate.
     *
     * @param from   the first frame's time, in the pane's own time
     * @param to     the last frame's time (may be below {@code from})
     * @param frames how many frames, evenly spaced from {@code from} to {@code to} inclusive
     * @param fps    frames per second, 1 to 50
     * @param loops  how many times the GIF plays: 0 for ever
     * @param scale  pixels per logical pixel of the figure (above 0, at most 8)
     */
    public record Options(double from, double to, int frames, double fps, int loops, double scale) {
        public Options {
            if (frames < 1 || frames > 2000) {
                throw new IllegalArgumentException("frames must be 1 to 2000, got " + frames);
            }
            if (!(fps >= 1 && fps <= 50)) {
                throw new IllegalArgumentException("fps must be 1 to 50, got " + fps);
            }
            if (loops < 0) {
                throw new IllegalArgumentException("loops must be 0 (for ever) or more, got " + loops);
            }
            if (!(scale > 0 && scale <= 8)) {
                throw new IllegalArgumentException("scale must be in (0, 8], got " + scale);
            }
        }

        /** The same animation at another scale. */
        public Options withScale(double s) {
            return new Options(from, to, frames, fps, loops, s);
        }
    }

    /** What was written. */
    public record Result(int frames, int width, int height, int delayCentis) {
    }

    private GifExporter() {
    }

    /**
     * Writes the animation to {@code out}. Reports progress per frame and stops at the next
     * frame once {@code sink} is cancelled (throwing {@link org.genlab.compute.CancelledException}).
     *
     * @throws IllegalArgumentException if {@code from} or {@code to} is outside the pane's time
     */
    public static Result write(Node figure, PaneTime time, Options o, Executor fx, ProgressSink sink, Path out)
            throws IOException, InterruptedException {
        if (!time.contains(o.from()) || !time.contains(o.to())) {
            throw new IllegalArgumentException("the pane's " + time.name() + " runs from " + fmt(time.min()) + " to "
                    + fmt(time.max()) + "; " + fmt(o.from()) + " to " + fmt(o.to()) + " is outside it");
        }
        double[] times = time.frameTimes(o.from(), o.to(), o.frames());
        int[] size = new int[2];
        int[] delay = new int[1];
        AtomicFiles.write(out, os -> {
            try (GifWriter gif = new GifWriter(os, o.fps(), o.loops())) {
                delay[0] = gif.delayCentis();
                for (int i = 0; i < times.length; i++) {
                    sink.checkCancelled();
                    sink.report((double) i / times.length,
                            "GIF frame " + (i + 1) + " of " + times.length + " (" + time.name() + " " + fmt(times[i]) + ")");
                    BufferedImage frame = frameAt(figure, time, times[i], o.scale(), fx);
                    if (i == 0) {
                        size[0] = frame.getWidth();
                        size[1] = frame.getHeight();
                    }
                    gif.add(frame);
                }
                sink.checkCancelled();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("GIF export interrupted");
            }
        });
        sink.report(1, "GIF written");
        return new Result(times.length, size[0], size[1], delay[0]);
    }

    /** Seeks on the FX thread, waits for the frame to be drawn, and returns its snapshot. */
    private static BufferedImage frameAt(Node figure, PaneTime time, double t, double scale, Executor fx)
            throws IOException, InterruptedException {
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        fx.execute(() -> {
            try {
                time.seek().apply(t).whenComplete((v, err) -> fx.execute(() -> {
                    if (err != null) {
                        shot.completeExceptionally(err);
                        return;
                    }
                    try {
                        shot.complete(PngExporter.snapshot(figure, scale));
                    } catch (RuntimeException e) {
                        shot.completeExceptionally(e);
                    }
                }));
            } catch (RuntimeException e) {
                shot.completeExceptionally(e);
            }
        });
        try {
            return PngExporter.toBufferedImage(shot.get(FRAME_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null
                    ? ce.getCause() : e.getCause();
            throw new IOException("the frame at " + time.name() + " " + fmt(t) + " could not be drawn: " + c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new IOException("the frame at " + time.name() + " " + fmt(t) + " did not finish drawing within "
                    + FRAME_TIMEOUT_SECONDS + " s");
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
