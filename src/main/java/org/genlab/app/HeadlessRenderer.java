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
import org.genlab.export.PngExporter;
import org.genlab.lesson.LessonStep;
import org.genlab.ui.lesson.StepApplier;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;
import org.genlab.ui.topic.TopicInfo;

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
     * What to render. {@code steps} are the lesson steps to apply first, in order (empty for a
     * plain pane); {@code data} and {@code seed} may be null.
     */
    public record Request(String pane, java.util.List<LessonStep> steps, Dataset2D data, Long seed, int width, int height,
                          double scale, Path out) {
    }

    /** The image written, in pixels. */
    public record Result(int width, int height) {
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
        TopicInfo info = TopicRegistry.byId(req.pane())
                .orElseThrow(() -> new Cli.BadInput("--pane: unknown pane '" + req.pane() + "'; panes: " + TopicRegistry.names()));
        startToolkit();
        CompletableFuture<WritableImage> image = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                build(info, req, image);
            } catch (Throwable t) {
                image.completeExceptionally(t);
            }
        });
        WritableImage img;
        try {
            img = image.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Cli.BadInput bad) {
                throw bad;
            }
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the figure did not finish rendering within " + TIMEOUT_SECONDS + " s");
        }
        PngExporter.write(PngExporter.toBufferedImage(img), req.out());
        return new Result((int) img.getWidth(), (int) img.getHeight());
    }

    private static void build(TopicInfo info, Request req, CompletableFuture<WritableImage> result) throws Cli.BadInput {
        GenLabApp.applyTheme();
        // the command line draws every figure as exported: light, at scale 1
        org.genlab.ui.plot.FigureStyle.currentProperty().set(org.genlab.ui.plot.FigureStyle.DEFAULT);
        TopicContext context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        Topic topic = info.factory().apply(context);
        try {
            StepApplier.applyThrough(topic, req.steps(), req.steps().size());
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
            try {
                if (err != null) {
                    result.completeExceptionally(err);
                    return;
                }
                root.layout();
                result.complete(PngExporter.snapshot(root, req.scale()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                topic.dispose();
            }
        }));
    }
}
