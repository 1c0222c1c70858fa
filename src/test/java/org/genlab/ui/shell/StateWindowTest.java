package org.genlab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.genlab.app.AppSettings;
import org.genlab.app.GenLabApp;
import org.genlab.core.state.StateFile;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicStates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's state menu: save and open, copy and paste, recent files, a refused file that
 * changes nothing, the A/B comparison, and the last states kept for the next start.
 */
@ExtendWith(ApplicationExtension.class)
class StateWindowTest {
    @TempDir
    Path home;

    private GenLabApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private MainWindow window(FxRobot robot, String pane, String... more) {
        robot.interact(() -> {
            app = new GenLabApp();
            List<String> args = new java.util.ArrayList<>(List.of("--pane", pane));
            args.addAll(List.of(more));
            Scene scene = app.createScene(GenLabApp.GuiOptions.parse(args), new AppSettings(home));
            stage.setScene(scene);
            stage.show();
        });
        return app.window();
    }

    private static void settle(FxRobot robot, Topic t) throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        robot.interact(() -> t.whenSettled().whenComplete((v, e) -> ready.complete(null)));
        ready.get(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The em pane of {@code w}, set to {@code params} and settled. */
    private static Topic settledEm(FxRobot robot, MainWindow w, Map<String, Object> params) throws Exception {
        Topic em = w.currentTopic().get();
        robot.interact(() -> em.apply(params));
        settle(robot, em);
        return em;
    }

    private static void waitFor(java.util.function.BooleanSupplier done) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, done::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String json(FxRobot robot, Topic t) {
        String[] out = new String[1];
        robot.interact(() -> out[0] = StateFile.toJson(TopicStates.capture(t)));
        return out[0];
    }

    @Test
    void aSavedStateOpensAsTheSamePaneAndGoesOnTheRecentList(FxRobot robot) throws Exception {
        MainWindow w = window(robot, "em");
        Topic em = settledEm(robot, w, Map.of("k", 3L, "init", "q5-2", "seed", 11L));
        String saved = json(robot, em);
        Path file = home.resolve("three.genlab.json");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> w.states().save(em, file, done::complete));
        assertThat(done.get(30, TimeUnit.SECONDS)).startsWith("Saved the state of the");
        assertThat(StateFile.read(file).params()).containsEntry("k", 3L);

        robot.interact(() -> em.apply(Map.of("k", 2L)));
        robot.interact(() -> w.openStateFile(file));
        waitFor(() -> w.currentTopic().get() != em);
        Topic opened = w.currentTopic().get();
        settle(robot, opened);
        assertThat(json(robot, opened)).isEqualTo(saved);
        assertThat(opened.values()).containsEntry("k", 3L).containsEntry("seed", 11L);

        MenuButton menu = robot.lookup("#state-menu").queryAs(MenuButton.class);
        robot.interact(menu::show);
        javafx.scene.control.Menu recent = (javafx.scene.control.Menu) menu.getItems().stream()
                .filter(i -> "state-recent".equals(i.getId())).findFirst().orElseThrow();
        assertThat(recent.getItems()).extracting(MenuItem::getText).anyMatch(s -> s.startsWith("three.genlab.json"));
        robot.interact(menu::hide);
    }

    @Test
    void aBadStateIsRefusedWithItsReasonAndThePaneIsUntouched(FxRobot robot) throws Exception {
        MainWindow w = window(robot, "em");
        Topic em = settledEm(robot, w, Map.of("k", 3L));
        String before = json(robot, em);
        Path bad = home.resolve("bad.genlab.json");
        Files.writeString(bad, before.replace("\"k\" : 3", "\"k\" : 99"));
        int banners = w.bannerCount();
        robot.interact(() -> w.openStateFile(bad));
        waitFor(() -> w.bannerCount() > banners);
        assertThat(w.currentTopic().get()).isSameAs(em);
        assertThat(json(robot, em)).isEqualTo(before);
        javafx.scene.control.Label msg = robot.lookup(".banner-text").queryAllAs(javafx.scene.control.Label.class).stream()
                .reduce((a, b) -> b).orElseThrow();
        assertThat(msg.getText()).contains("bad.genlab.json", "params.k", "99", "unchanged");
    }

    @Test
    void everyFileOfTheBadCorpusIsRefusedByTheWindowAndChangesNothing(FxRobot robot) throws Exception {
        MainWindow w = window(robot, "em");
        Topic em = settledEm(robot, w, Map.of("k", 3L, "seed", 5L));
        String before = json(robot, em);
        for (org.genlab.testing.BadStates.Entry bad : org.genlab.testing.BadStates.all()) {
            int banners = w.bannerCount();
            robot.interact(() -> w.openStateFile(bad.path()));
            waitFor(() -> w.bannerCount() > banners);
            javafx.scene.control.Label msg = robot.lookup(".banner-text").queryAllAs(javafx.scene.control.Label.class).stream()
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(msg.getText()).as(bad.file()).contains(bad.file(), bad.where(), bad.reason());
            assertThat(w.currentTopic().get()).as(bad.file()).isSameAs(em);
        }
        assertThat(json(robot, em)).isEqualTo(before);
        MenuButton menu = robot.lookup("#state-menu").queryAs(MenuButton.class);
        robot.interact(menu::show);
        javafx.scene.control.Menu recent = (javafx.scene.control.Menu) menu.getItems().stream()
                .filter(i -> "state-recent".equals(i.getId())).findFirst().orElseThrow();
        assertThat(recent.getItems()).as("a refused file is not a recent state").isEmpty();
        robot.interact(menu::hide);
    }

    @Test
    void copyAndPasteCarryTheStateAsText(FxRobot robot) throws Exception {
        MainWindow w = window(robot, "diffusion");
        Topic d = w.currentTopic().get();
        robot.interact(() -> d.apply(Map.of("t", 300L, "schedule", "cosine")));
        settle(robot, d);
        String before = json(robot, d);
        robot.interact(() -> w.states().copy());
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        assertThat(clip[0]).isEqualTo(before);
        robot.interact(() -> d.apply(Map.of("t", 10L)));
        robot.interact(() -> w.states().paste());
        waitFor(() -> w.currentTopic().get() != d);
        Topic pasted = w.currentTopic().get();
        settle(robot, pasted);
        assertThat(json(robot, pasted)).isEqualTo(before);

        // text that is not a state: refused, nothing changes
        robot.interact(() -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString("{\"genlab\": \"pane-state\", \"version\": 1, \"pane\": \"diffusion\", \"params\": {\"t\": \"late\"}}");
            Clipboard.getSystemClipboard().setContent(c);
        });
        int banners = w.bannerCount();
        robot.interact(() -> w.states().paste());
        waitFor(() -> w.bannerCount() > banners);
        assertThat(w.currentTopic().get()).isSameAs(pasted);
    }

    @Test
    void thePinnedRunAndTheLiveOneShowSideBySideWithTheirDifferencesAndLinkedZoom(FxRobot robot) throws Exception {
        MainWindow w = window(robot, "em");
        Topic b = w.currentTopic().get();
        settle(robot, b);
        robot.interact(w::togglePinned);
        assertThat(w.isPinned()).isTrue();
        ComparisonView c = w.comparison();
        Topic a = c.pinned();
        assertThat(a).isNotSameAs(b);
        assertThat(robot.lookup("#comparison-a").tryQuery()).isPresent();
        assertThat(robot.lookup("#comparison-b").tryQuery()).isPresent();
        assertThat(a.view().getScene()).isNotNull();
        assertThat(b.view().getScene()).isNotNull();
        assertThat(c.differenceLines()).singleElement().asString().startsWith("Nothing yet");

        // (K = 3 with the Q4 start would start no run for the timeline to move)
        robot.interact(() -> b.apply(Map.of("seed", 3L, "covariance", "full")));
        robot.interact(c::refresh);
        assertThat(c.differenceLines()).contains("• seed: 0 → 3").anyMatch(s -> s.startsWith("• covariance: "));
        assertThat(a.values()).containsEntry("seed", 0L);

        PlotCanvas pb = TopicStates.plots(b.figure()).get(0), pa = TopicStates.plots(a.figure()).get(0);
        robot.interact(() -> pb.setView(-1, 1, -0.5, 0.5));
        assertThat(pa.getViewport().requestedWorld()).containsExactly(-1, 1, -0.5, 0.5);

        // one timeline moves both runs
        javafx.scene.control.Slider s = robot.lookup("#comparison-timeline").queryAs(javafx.scene.control.Slider.class);
        assertThat(s.getMax()).as("spans the runs, not EM's 2,000 half-steps").isEqualTo(20);
        robot.interact(() -> s.setValue(5));
        settle(robot, a);
        settle(robot, b);
        waitFor(() -> a.time().get().current().orElse(-1) == 5 && b.time().get().current().orElse(-1) == 5);

        robot.interact(w::togglePinned);
        assertThat(w.isPinned()).isFalse();
        assertThat(b.view().getScene()).isNotNull();
        assertThat(robot.lookup("#comparison").tryQuery()).isEmpty();
    }

    @Test
    void eachPanesLastStateIsKeptAtCloseAndRestoredAtStartUnlessTurnedOff(FxRobot robot) throws Exception {
        MainWindow w = window(robot, "em");
        Topic em = settledEm(robot, w, Map.of("k", 4L, "seed", 5L));
        String before = json(robot, em);
        robot.interact(w::dispose);
        assertThat(home.resolve("last-states/em.genlab.json")).exists();
        // (the data pane opened first was kept too)
        assertThat(home.resolve("last-states/data.genlab.json")).exists();

        MainWindow again = window(robot, "em");
        Topic restored = again.currentTopic().get();
        settle(robot, restored);
        assertThat(json(robot, restored)).isEqualTo(before);
        robot.interact(again::dispose);

        new AppSettings(home).put("state.restoreLast", "false");
        MainWindow fresh = window(robot, "em");
        assertThat(fresh.currentTopic().get().values()).containsEntry("k", 2L);
        robot.interact(fresh::dispose);
    }

    @Test
    void aLessonStepWithAStateBuildsItsPaneFromIt(FxRobot robot) throws Exception {
        Path lessons = Files.createDirectories(home.resolve("my-lessons"));
        Path states = Files.createDirectories(lessons.resolve("states"));
        StateFile.write(org.genlab.core.state.PaneState.of("em", Map.of("k", 4L, "seed", 9L, "heatmap", true), List.of(),
                org.genlab.core.state.StateWriter.create(), "four components"), states.resolve("four.genlab.json"));
        Files.writeString(lessons.resolve("four.md"), "---\nid: four\ntitle: Four\ntopic: em\n---\n## One\ntext\n"
                + "## Two\n```genlab\nstate: states/four.genlab.json\nseed: 3\n```\nFour components.\n");
        MainWindow w = window(robot, "em", "--lessons", lessons.toString(), "--lesson", "four", "--step", "2");
        Topic t = w.currentTopic().get();
        settle(robot, t);
        assertThat(w.bannerCount()).isZero();
        assertThat(t.values()).containsEntry("k", 4L).containsEntry("seed", 3L).containsEntry("heatmap", true);
        robot.interact(() -> w.lessons().previous());
        assertThat(w.currentTopic().get().values()).containsEntry("k", 4L); // step 1 names nothing: the pane stays
    }
}
