package org.genlab.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.param.ParamException;
import org.genlab.compute.ProgressSink;
import org.genlab.export.GifExporter;
import org.genlab.export.PngExporter;
import org.genlab.export.SvgExporter;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.lesson.LessonStep;
import org.genlab.ui.lesson.StepApplier;
import org.genlab.ui.topic.PaneTime;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;
import org.genlab.ui.topic.TopicInfo;
import org.genlab.ui.topic.TopicStates;

/**
 * Renders a pane's figure with no display: JavaFX runs on Monocle's headless platform with
 * the software renderer, the pane is built off-screen at the requested logical size, and its
 * figure is snapshotted at the requested scale. The same code path as Ctrl+S in the window.
 */
public final class HeadlessRenderer {
    private static final long TIMEOUT_SECONDS = 120;
    /** Held so the level set on it is not lost to garbage collection. */
    private static final java.util.logging.Logger QUIET =
            java.util.logging.Logger.getLogger("javafx");

    /**
     * What to render. {@code state}, if not null, is where the pane starts (a state of {@code pane};
     * {@code stateOrigin} names it in messages, as "--state FILE"); {@code steps} are the lesson steps to apply first, in order (empty for a
     * plain pane); {@code data} and {@code seed} may be null; {@code format} is png or svg.
     */
    public record Request(String pane, PaneState state, String stateOrigin, java.util.List<LessonStep> steps, Dataset2D data, Long seed,
                          Map<String, String> settings, int width, int height, double scale, String format, Path out) {
        public Request {
            settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
            if (state != null && !state.pane().equals(pane)) {
                throw new IllegalArgumentException("a state of the " + state.pane() + " pane for pane " + pane);
            }
        }

        /** A request that starts from the pane as it opens (no state file). */
        public Request(String pane, java.util.List<LessonStep> steps, Dataset2D data, Long seed,
                       Map<String, String> settings, int width, int height, double scale, String format, Path out) {
            this(pane, null, null, steps, data, seed, settings, width, height, scale, format, out);
        }
    }

    /** The image written, in pixels (logical units for SVG). */
    public record Result(int width, int height) {
    }

    /** A pane built off-screen, settled, in its scene (FX thread only). */
    private record Opened(Topic topic, StackPane root) {
    }

    private HeadlessRenderer() {
    }

    /**
     * Starts the JavaFX toolkit on the headless platform, unless it is running already (as in
     * the tests). Safe to call more than once.
     */
    public static synchronized void startToolkit() {
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("java.awt.headless", "true");
        // JavaFX warns on the classpath ("unsupported configuration"); stderr is for our messages.
        QUIET.setLevel(java.util.logging.Level.SEVERE);
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // The toolkit is up already.
        }
        Platform.setImplicitExit(false);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Renders and writes the figure; call from any thread but the FX thread. */
    public static Result render(Request req) throws Cli.BadInput, Exception {
        return withSettledPane(req, root -> write(root, req.format(), req.scale(), req.out()));
    }

    /** Writes the settled figure {@code root} as png or svg (FX thread; the PNG is encoded there too). */
    static Result write(StackPane root, String format, double scale, Path out) throws java.io.IOException {
        if (format.equals("svg")) {
            SvgExporter.write(root, out);
            return new Result((int) Math.ceil(root.getWidth()), (int) Math.ceil(root.getHeight()));
        }
        WritableImage img = PngExporter.snapshot(root, scale);
        PngExporter.write(PngExporter.toBufferedImage(img), out);
        return new Result((int) img.getWidth(), (int) img.getHeight());
    }

    /** Something done with a settled figure on the FX thread. */
    @FunctionalInterface
    interface FigureWork<T> {
        T apply(StackPane root) throws Exception;
    }

    /**
     * Opens the pane of {@code req} off-screen, waits until it has settled, runs {@code work}
     * on the FX thread with its figure, and disposes of the pane; call from any thread but the
     * FX thread.
     */
    static <T> T withSettledPane(Request req, FigureWork<T> work) throws Cli.BadInput, Exception {
        Opened pane = open(req);
        try {
            return onFx(() -> work.apply(pane.root()));
        } finally {
            Platform.runLater(() -> pane.topic().dispose());
        }
    }

    /**
     * Animates the pane along its own time into a GIF at {@code req.out()}; call from any
     * thread but the FX thread. Progress goes to {@code sink}.
     */
    public static GifExporter.Result animate(Request req, GifExporter.Options options, ProgressSink sink)
            throws Cli.BadInput, Exception {
        Opened pane = open(req);
        try {
            PaneTime time = pane.topic().time().orElseThrow(() -> new Cli.BadInput("pane '" + req.pane()
                    + "' has no time to animate; panes that have one: " + animatable()));
            if (!time.contains(options.from()) || !time.contains(options.to())) {
                throw new Cli.BadInput("--from/--to: the " + req.pane() + " pane's " + time.name() + " runs from "
                        + number(time.min()) + " to " + number(time.max()) + "; " + number(options.from()) + " to "
                        + number(options.to()) + " is outside it");
            }
            return GifExporter.write(pane.root(), time, options, Platform::runLater, sink, req.out());
        } finally {
            Platform.runLater(() -> pane.topic().dispose());
        }
    }

    /**
     * The whole state of the pane of {@code req} once it has settled, as the window's "Save
     * state" takes it; call from any thread but the FX thread.
     */
    public static PaneState capture(Request req) throws Cli.BadInput, Exception {
        Opened pane = open(req);
        try {
            return onFx(() -> TopicStates.capture(pane.topic()));
        } finally {
            Platform.runLater(() -> pane.topic().dispose());
        }
    }

    /** What a pane built from a state shows, for {@code genlab state check}. */
    public record Built(int plots, java.util.Optional<PaneTime> time) {
    }

    /**
     * Builds the pane of {@code req} (which carries a state) off-screen and lets it settle, as
     * "Open state" would, then closes it: a state that restores here restores in the window.
     */
    public static Built check(Request req) throws Cli.BadInput, Exception {
        Opened pane = open(req);
        try {
            return onFx(() -> new Built(TopicStates.plots(pane.topic().figure()).size(), pane.topic().time()));
        } finally {
            Platform.runLater(() -> pane.topic().dispose());
        }
    }

    /** The panes with a time of their own, for messages. */
    static String animatable() {
        return "em (half-steps), diffusion (step t), flow (time t in [0, 1]), vae with --set view=latent (training steps)";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Builds the pane off-screen, applies the request and waits until it has settled. */
    private static Opened open(Request req) throws Cli.BadInput, Exception {
        TopicInfo info = TopicRegistry.byId(req.pane())
                .orElseThrow(() -> new Cli.BadInput("--pane: unknown pane '" + req.pane() + "'; panes: " + TopicRegistry.names()));
        startToolkit();
        CompletableFuture<Opened> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                build(info, req, opened);
            } catch (Throwable t) {
                opened.completeExceptionally(t);
            }
        });
        return await(opened, "the figure did not finish rendering within " + TIMEOUT_SECONDS + " s");
    }

    /** Runs {@code work} on the FX thread and waits for it. */
    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return await(f, "the FX thread did not answer within " + TIMEOUT_SECONDS + " s");
    }

    private static <T> T await(CompletableFuture<T> f, String timeoutMessage) throws Exception {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Cli.BadInput bad) {
                throw bad;
            }
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException(timeoutMessage);
        }
    }

    private static void build(TopicInfo info, Request req, CompletableFuture<Opened> result) throws Cli.BadInput {
        GenLabApp.applyTheme();
        // the command line draws every figure as exported: light, at scale 1
        org.genlab.ui.plot.FigureStyle.currentProperty().set(org.genlab.ui.plot.FigureStyle.DEFAULT);
        TopicContext context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        // A lesson step with a state starts its pane from that state (as LessonPanel does), and
        // the steps after it apply on top; a --state file is the start before any step.
        PaneState start = req.state();
        String origin = req.state() == null ? null : req.stateOrigin();
        int from = 0;
        for (int i = 0; i < req.steps().size(); i++) {
            if (req.steps().get(i).state().isPresent()) {
                start = req.steps().get(i).state().get();
                origin = "--lesson: step " + (i + 1) + "'s state";
                from = i;
            }
        }
        Topic topic;
        if (start == null) {
            topic = info.factory().apply(context);
        } else {
            try {
                topic = TopicStates.build(info, context, start);
            } catch (StateException e) {
                throw new Cli.BadInput(e.within(origin).getMessage());
            }
        }
        try {
            for (int i = from; i < req.steps().size(); i++) {
                StepApplier.apply(topic, req.steps().get(i));
            }
            if (req.seed() != null) {
                if (topic.parameters().get("seed").isEmpty()) {
                    throw new Cli.BadInput("--seed: pane '" + req.pane() + "' has no seed");
                }
                try {
                    topic.apply(topic.parameters().validate(Map.of("seed", req.seed())));
                } catch (ParamException e) {
                    throw new Cli.BadInput("--seed: " + e.reason());
                }
            }
            if (!req.settings().isEmpty()) {
                try {
                    // all checked before any is applied, then applied together as a lesson block is
                    Map<String, Object> v = topic.parameters().validate(req.settings());
                    topic.apply(v);
                } catch (ParamException e) {
                    throw new Cli.BadInput("--set " + e.param() + ": " + e.reason());
                }
            }
            // After the seed: on the data pane the seed redraws its preset, and --data wins.
            if (req.data() != null && !topic.useData(req.data())) {
                throw new Cli.BadInput("--data: pane '" + req.pane() + "' does not take a 2-D data set");
            }
        } catch (Cli.BadInput e) {
            topic.dispose();
            throw e;
        }
        StackPane root = new StackPane(topic.figure());
        root.getStyleClass().add("genlab-root");
        Scene scene = new Scene(root, req.width(), req.height());
        scene.getStylesheets().add(GenLabApp.stylesheet());
        root.applyCss();
        root.layout();
        topic.whenSettled().whenComplete((ok, err) -> Platform.runLater(() -> {
            if (err != null) {
                topic.dispose();
                result.completeExceptionally(err);
                return;
            }
            root.layout();
            result.complete(new Opened(topic, root));
        }));
    }
}
