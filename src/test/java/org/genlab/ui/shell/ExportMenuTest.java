package org.genlab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.genlab.app.AppSettings;
import org.genlab.app.GenLabApp;
import org.genlab.compute.ComputeJob;
import org.genlab.export.GifExporter;
import org.genlab.export.GifWriterTest;
import org.genlab.ui.topic.PaneTime;
import org.genlab.ui.topic.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window's export menu: SVG, animated GIF (with progress and cancel) and the pane's tables as CSV. */
@ExtendWith(ApplicationExtension.class)
class ExportMenuTest {
    @TempDir
    static Path home;

    private GenLabApp app;

    @Start
    void start(Stage stage) {
        app = new GenLabApp();
        Scene scene = app.createScene(GenLabApp.GuiOptions.parse(List.of("--pane", "em")), new AppSettings(home));
        stage.setScene(scene);
        stage.show();
    }

    private Topic settled(FxRobot robot, String pane) throws Exception {
        MainWindow w = app.window();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        robot.interact(() -> w.open(pane).whenSettled().whenComplete((v, e) -> ready.complete(null)));
        ready.get(120, TimeUnit.SECONDS);
        return w.currentTopic().get();
    }

    /** The export menu's item texts after it has opened (when it lists the pane's tables). */
    private List<String> menu(FxRobot robot) {
        SplitMenuButton b = robot.lookup("#export-button").queryAs(SplitMenuButton.class);
        robot.interact(b::show);
        List<String> items = b.getItems().stream().map(i -> i.getText() + (i.isDisable() ? " [off]" : "")).toList();
        robot.interact(b::hide);
        return items;
    }

    @Test
    void theMenuOffersSvgGifAndThePanesTables(FxRobot robot) throws Exception {
        settled(robot, "em");
        List<String> em = menu(robot);
        assertThat(em).contains("SVG (vector: shapes and text)…", "Animated GIF…");
        assertThat(em).anyMatch(s -> s.startsWith("CSV: the data set (200 points)"));
        settled(robot, "data");
        List<String> data = menu(robot);
        assertThat(data).contains("Animated GIF… [off]"); // the data pane has no time
        assertThat(data).anyMatch(s -> s.startsWith("CSV: the data set"));
    }

    @Test
    void savesTheFigureAsSvg(FxRobot robot) throws Exception {
        Topic t = settled(robot, "em");
        Path out = home.resolve("em.svg");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> app.window().saveSvg(t, out, done::complete));
        assertThat(done.get(30, TimeUnit.SECONDS)).startsWith("Saved").contains("SVG");
        String svg = Files.readString(out);
        assertThat(svg).startsWith("<?xml").contains("<svg").contains(">x₁</text>").contains("<ellipse");
    }

    @Test
    void writesAGifAsAJobAndCancelsOne(FxRobot robot) throws Exception {
        Topic t = settled(robot, "em");
        PaneTime time = t.time().orElseThrow();
        Path out = home.resolve("em.gif");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> app.window().saveGif(t, time, new GifExporter.Options(0, 6, 4, 5, 0, 0.5), out, done::complete));
        assertThat(done.get(120, TimeUnit.SECONDS)).startsWith("Saved").contains("4 frames");
        GifWriterTest.Gif g = GifWriterTest.read(out);
        assertThat(g.frames()).hasSize(4);
        assertThat(g.delays()).containsOnly(20);

        Path never = home.resolve("long.gif");
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        ComputeJob<?>[] job = new ComputeJob<?>[1];
        robot.interact(() -> job[0] = app.window().saveGif(t, time, new GifExporter.Options(0, 400, 400, 10, 0, 0.5), never,
                cancelled::complete));
        // the job is in the status bar, with its progress and Cancel
        robot.interact(() -> assertThat(app.window().context().jobs().jobs()).anyMatch(j -> j.name().contains("long.gif")));
        robot.interact(job[0]::cancel);
        assertThat(cancelled.get(120, TimeUnit.SECONDS)).contains("cancelled");
        assertThat(Files.exists(never)).isFalse();
    }

    @Test
    void theGifDialogChecksEveryFieldAsItIsTyped(FxRobot robot) throws Exception {
        PaneTime time = new PaneTime("step t", 0, 1000, 1000, true, v -> CompletableFuture.completedFuture(null));
        GifDialog[] d = new GifDialog[1];
        robot.interact(() -> d[0] = new GifDialog(null, "Diffusion", time, 800, 600));
        var pane = d[0].dialog().getDialogPane();
        TextField from = (TextField) pane.lookup("#gif-from"), frames = (TextField) pane.lookup("#gif-frames");
        javafx.scene.control.Label problem = (javafx.scene.control.Label) pane.lookup("#gif-problem");
        assertThat(from.getText()).isEqualTo("0");
        assertThat(((TextField) pane.lookup("#gif-to")).getText()).isEqualTo("1000");
        assertThat(pane.lookupButton(ButtonType.OK).isDisable()).isFalse();
        robot.interact(() -> from.setText("abc"));
        assertThat(problem.getText()).isEqualTo("From: 'abc' is not a number.");
        assertThat(pane.lookupButton(ButtonType.OK).isDisable()).isTrue();
        robot.interact(() -> from.setText("2000"));
        assertThat(problem.getText()).contains("runs from 0 to 1000; 2000 is outside it");
        robot.interact(() -> {
            from.setText("10");
            frames.setText("12");
        });
        assertThat(problem.getText()).isEmpty();
        GifExporter.Options o = d[0].options().orElseThrow();
        assertThat(o.from()).isEqualTo(10);
        assertThat(o.to()).isEqualTo(1000);
        assertThat(o.frames()).isEqualTo(12);
        assertThat(o.fps()).isEqualTo(10);
        assertThat(o.loops()).isZero();
        assertThat(o.scale()).isEqualTo(1);
    }
}
