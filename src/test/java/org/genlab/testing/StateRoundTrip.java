package org.genlab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import org.genlab.app.GenLabApp;
import org.genlab.app.TopicRegistry;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.io.CsvTable;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateFile;
import org.genlab.export.PngExporter;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;
import org.genlab.ui.topic.TopicInfo;
import org.genlab.ui.topic.TopicStates;

/**
 * The round trip every pane's state must survive: a pane is set up, settled and captured;
 * its state goes through the text of a state file; a fresh pane is built from that text and
 * settled; the two must agree in every number (the captured state again, and every table
 * the pane can save) and every pixel of the figure.
 */
public final class StateRoundTrip {
    public static final int W = 1000, H = 680;

    /** A pane off-screen in a scene of its own (as {@code genlab render} builds one). */
    public record Opened(Topic topic, StackPane root) {
        public void dispose() {
            FxTestSupport.onFx(topic::dispose);
        }
    }

    /** What the two sides are compared by. */
    public record Look(String json, BufferedImage image, List<String> tables) {
    }

    private StateRoundTrip() {
    }

    /** A fresh pane {@code id}, on screen-sized scene, not yet settled. */
    public static Opened open(String id) {
        FxTestSupport.start();
        TopicInfo info = TopicRegistry.byId(id).orElseThrow();
        return FxTestSupport.onFx(() -> place(info.factory().apply(context())));
    }

    /** A pane built from {@code state} as the window's "Open state" builds it. */
    public static Opened restore(PaneState state) throws Exception {
        FxTestSupport.start();
        TopicInfo info = TopicRegistry.byId(state.pane()).orElseThrow();
        CompletableFuture<Opened> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(place(TopicStates.build(info, context(), state)));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static TopicContext context() {
        return new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
    }

    private static Opened place(Topic topic) {
        GenLabApp.applyTheme();
        StackPane root = new StackPane(topic.figure());
        root.getStyleClass().add("genlab-root");
        Scene scene = new Scene(root, W, H);
        scene.getStylesheets().add(GenLabApp.stylesheet());
        root.applyCss();
        root.layout();
        return new Opened(topic, root);
    }

    /** Runs {@code work} on the FX thread and waits for the future it returns (a training run, a seek). */
    public static void run(Opened o, Function<Topic, CompletableFuture<?>> work) throws Exception {
        CompletableFuture<CompletableFuture<?>> started = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                CompletableFuture<?> r = work.apply(o.topic());
                started.complete(r == null ? CompletableFuture.completedFuture(null) : r);
            } catch (Throwable t) {
                started.completeExceptionally(t);
            }
        });
        started.get(60, TimeUnit.SECONDS).get(120, TimeUnit.SECONDS);
    }

    /** Waits until the pane has drawn everything it was asked for. */
    public static void settle(Opened o) throws Exception {
        for (int i = 0; i < 2; i++) { // a settled pane may lay out once more (new text) and redraw
            FxTestSupport.drain();
            // lay out as a pulse on screen would: this scene has no window, so nothing else does until
            // the snapshot, and plots whose size changed meanwhile (an enlarged zoo card) would be
            // snapshotted with rasters drawn for their old size
            FxTestSupport.onFx(() -> {
                o.root().applyCss();
                o.root().layout();
            });
            FxTestSupport.onFx(() -> o.topic().whenSettled()).get(120, TimeUnit.SECONDS);
            FxTestSupport.drain();
        }
    }

    /** The state, the pixels and the tables of a settled pane. */
    public static Look look(Opened o) {
        return FxTestSupport.onFx(() -> {
            String json = StateFile.toJson(TopicStates.capture(o.topic()));
            BufferedImage img = PngExporter.toBufferedImage(PngExporter.snapshot(o.root(), 1));
            List<String> tables = o.topic().tables().stream().map(StateRoundTrip::csv).toList();
            return new Look(json, img, tables);
        });
    }

    private static String csv(CsvTable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            t.write(w);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return t.name() + "\n" + w;
    }

    /**
     * Sets up pane {@code id} with {@code setup}, and checks that a pane built from its state
     * file text is the same in numbers and pixels.
     *
     * @return the state file text, for further checks
     */
    /** Checks that the restored pane's look {@code b} is the saved one's {@code a}: state, tables and pixels. */
    public static void assertSame(String name, Look a, Look b) throws Exception {
        assertThat(b.json()).as("the state of the restored %s pane", name).isEqualTo(a.json());
        assertThat(b.tables()).as("the tables of the restored %s pane", name).isEqualTo(a.tables());
        assertSamePixels(name, a.image(), b.image());
    }

    /** The state file text of pane {@code id} after {@code setup}, once settled (the pane is closed again). */
    public static String stateOf(String id, Function<Topic, CompletableFuture<?>> setup) throws Exception {
        Opened a = open(id);
        try {
            run(a, setup);
            settle(a);
            return look(a).json();
        } finally {
            a.dispose();
        }
    }

    public static String assertRoundTrip(String id, Function<Topic, CompletableFuture<?>> setup) throws Exception {
        Opened a = open(id);
        Opened b = null;
        try {
            run(a, setup);
            settle(a);
            Look la = look(a);
            PaneState parsed = StateFile.parse(la.json());
            b = restore(parsed);
            settle(b);
            Look lb = look(b);
            assertSame(id, la, lb);
            return la.json();
        } finally {
            a.dispose();
            if (b != null) {
                b.dispose();
            }
        }
    }

    /** Fails, saving both images under target/state-roundtrip, unless they are the same pixel for pixel. */
    public static void assertSamePixels(String name, BufferedImage a, BufferedImage b) throws Exception {
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        long differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        if (differing > 0) {
            Path dir = Path.of("target", "state-roundtrip");
            Files.createDirectories(dir);
            javax.imageio.ImageIO.write(a, "png", dir.resolve(name + "-saved.png").toFile());
            javax.imageio.ImageIO.write(b, "png", dir.resolve(name + "-restored.png").toFile());
        }
        assertThat(differing).as("pixels that differ between the saved and the restored %s figure (see target/state-roundtrip)", name)
                .isZero();
    }

    /**
     * Edits the state text {@code json} as a hand might ({@code edit} on its JSON tree) and
     * checks that restoring it is refused at {@code where} with a reason containing
     * {@code reasonPart}.
     */
    public static void assertRefused(String json, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit,
                                     String where, String reasonPart) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        edit.accept(root);
        org.genlab.core.state.StateException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> restore(StateFile.parse(root.toString())), org.genlab.core.state.StateException.class);
        assertThat(e).as("refused: %s", where).isNotNull();
        assertThat(e.where()).isEqualTo(where);
        assertThat(e.reason()).contains(reasonPart);
    }
}
