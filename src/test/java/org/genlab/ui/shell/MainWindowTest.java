package org.genlab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.genlab.app.AppSettings;
import org.genlab.app.GenLabApp;
import org.genlab.ui.data.DataTopic;
import org.genlab.ui.topic.Topic;
import org.genlab.testing.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless: navigation, banners, side panel, help, export. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    static Path home;

    private GenLabApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new GenLabApp();
        Scene scene = app.createScene(GenLabApp.GuiOptions.parse(List.of("--pane", "nope", "--bogus")), new AppSettings(home));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void opensOnTheDataPaneAndShowsBadOptionsAsBanners(FxRobot robot) {
        MainWindow w = app.window();
        assertThat(w.currentTopic().get()).isInstanceOf(DataTopic.class);
        assertThat(w.bannerCount()).isEqualTo(2);
        assertThat(robot.lookup(".banner-text").queryAll().stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()))
                .anySatisfy(t -> assertThat(t).contains("no pane named 'nope'").contains("data"))
                .anySatisfy(t -> assertThat(t).contains("--bogus"));
        robot.clickOn("Dismiss");
        assertThat(w.bannerCount()).isEqualTo(1);
        assertThat(robot.lookup("#nav-data").tryQuery()).isPresent();
    }

    @Test
    void theFigureHasTheFocusSoKeysWorkAtOnce(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Topic t = app.window().currentTopic().get();
        assertThat(stage.getScene().getFocusOwner()).isSameAs(t.figure());
    }

    @Test
    void f9TogglesTheSidePanelAndF1ShowsTheShortcuts(FxRobot robot) {
        MainWindow w = app.window();
        assertThat(w.isSidePanelShown()).isTrue();
        robot.type(KeyCode.F9);
        assertThat(w.isSidePanelShown()).isFalse();
        robot.type(KeyCode.F9);
        assertThat(w.isSidePanelShown()).isTrue();

        int before = Window.getWindows().size();
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Window.getWindows().size()).isEqualTo(before + 1);
        assertThat(robot.lookup("#shortcut-EXPORT_PNG").tryQuery()).isPresent();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Window.getWindows().size()).isEqualTo(before);
    }

    @Test
    void aNarrowWindowFoldsTheSidePanelAwayAndBringsItBack(FxRobot robot) {
        MainWindow w = app.window();
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.isSidePanelShown()).isFalse();
        Topic t = w.currentTopic().get();
        assertThat(t.figure().getLayoutBounds().getWidth()).isGreaterThan(450);
        robot.interact(() -> stage.setWidth(1440));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.isSidePanelShown()).isTrue();
    }

    @Test
    void backgroundWorkShowsInTheStatusBarAndCanBeCancelled(FxRobot robot) throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
        org.genlab.compute.JobTracker tracker = trackerOf(app);
        robot.interact(() -> org.genlab.compute.ComputeJob.<Void>builder("Training", sink -> {
            sink.report(0.25, "epoch 1 of 4");
            started.countDown();
            while (true) {
                sink.checkCancelled();
                Thread.sleep(5);
            }
        }).tracker(tracker).onCancelled(() -> cancelled.complete(true))
                .start(org.genlab.compute.ComputePool.shared().executor(), javafx.application.Platform::runLater));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#status-job").queryLabeled().getText().contains("Training: epoch 1 of 4"));
        robot.clickOn("Cancel");
        assertThat(cancelled.get(10, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#status-job").query().getParent().isVisible());
    }

    private static org.genlab.compute.JobTracker trackerOf(GenLabApp app) {
        return app.window().context().jobs();
    }

    @Test
    void savesTheFigureAsPngAtTwiceItsSize(FxRobot robot) throws Exception {
        MainWindow w = app.window();
        Topic t = w.currentTopic().get();
        Path out = home.resolve("figure.png");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> w.savePng(t, 2, out, done::complete));
        String msg = done.get(30, TimeUnit.SECONDS);
        assertThat(msg).startsWith("Saved");
        BufferedImage img = ImageIO.read(out.toFile());
        double fw = t.figure().getLayoutBounds().getWidth(), fh = t.figure().getLayoutBounds().getHeight();
        assertThat(img.getWidth()).isEqualTo((int) Math.round(fw * 2));
        assertThat(img.getHeight()).isEqualTo((int) Math.round(fh * 2));
        assertThat(Images.distinctColours(img)).isGreaterThan(20);
        assertThat(Files.list(home).filter(p -> p.toString().endsWith(".part")).count()).isZero();
    }

    @Test
    void aFailedSaveSaysWhyAndLeavesNoFile(FxRobot robot) throws Exception {
        MainWindow w = app.window();
        Path blocker = home.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        Path out = blocker.resolve("figure.png");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> w.savePng(w.currentTopic().get(), 1, out, done::complete));
        assertThat(done.get(30, TimeUnit.SECONDS)).startsWith("Could not save");
        assertThat(Files.exists(out)).isFalse();
    }
}
