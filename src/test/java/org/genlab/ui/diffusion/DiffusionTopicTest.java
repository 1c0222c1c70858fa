package org.genlab.ui.diffusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.diffusion.Particles;
import org.genlab.ui.shell.ShortcutHandler;
import org.genlab.ui.topic.TopicContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The diffusion pane through its keys, slider, sampler and a click. */
@ExtendWith(ApplicationExtension.class)
class DiffusionTopicTest {
    private DiffusionTopic topic;

    @Start
    void start(Stage stage) {
        TopicContext context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        topic = new DiffusionTopic(context);
        BorderPane root = new BorderPane(topic.view());
        root.setRight(topic.controls());
        Scene scene = new Scene(root, 1200, 850);
        ShortcutHandler.install(scene, topic::onShortcut);
        stage.setScene(scene);
        stage.show();
        topic.figure().requestFocus();
    }

    @Test
    void defaultsAreTheHomeworksTwoPointsAndKeysMoveT(FxRobot robot) {
        assertThat(topic.model().data()).isEqualTo(Dataset2D.of(new double[] {1, 0}, new double[] {0, 1}));
        assertThat(topic.values()).containsEntry("t", 250L);
        robot.type(KeyCode.RIGHT);
        assertThat(topic.values()).containsEntry("t", 260L);
        robot.type(KeyCode.HOME);
        assertThat(topic.values()).containsEntry("t", 0L);
        robot.interact(() -> topic.apply(Map.of("T", 100L, "t", 500L)));
        assertThat(topic.values()).as("t is kept within 0..T").containsEntry("t", 100L);
    }

    @Test
    void ddimSamplesFromTheExactDenoiserLandOnTheTwoPoints(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("sampler", "ddim", "steps", 100L, "n", 200L)));
        robot.clickOn("#diffusion-sample");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> topic.reverse() != null);
        Particles p = topic.reverse().samples();
        assertThat(p.size()).isEqualTo(200);
        for (int i = 0; i < p.size(); i++) {
            double d = Math.min(Math.hypot(p.x(i) - 1, p.y(i)), Math.hypot(p.x(i), p.y(i) - 1));
            assertThat(d).isLessThan(1e-3);
        }
        assertThat(topic.message().get()).contains("memorises");
        assertThat(topic.reverse().trajectory()).isNotEmpty();
    }

    @Test
    void clickingShowsTheCandidatesAndTheirPosteriors(FxRobot robot) {
        var plot = (org.genlab.ui.plot.PlotCanvas) ((javafx.scene.layout.VBox) topic.figure()).getChildren().get(0);
        robot.clickOn(plot.localToScreen(plot.worldToScreen(0.8, 0.1)));
        String text = robot.lookup(".stat-value").queryAll().stream().filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).filter(s -> s.contains("posterior")).findFirst().orElse("");
        assertThat(text).contains("ε*(x, t)").contains("ε_1").contains("ε_2");
        // The point nearer [1, 0] gives that data point the larger posterior.
        double w1 = Double.parseDouble(text.replaceAll("(?s).*ε_1 = \\([^)]*\\)\\s+posterior ([0-9.]+).*", "$1"));
        assertThat(w1).isGreaterThan(0.5);
    }

    @Test
    void csvTablesAreTheDataTheParticlesAndAfterSamplingTheTrajectories(FxRobot robot) throws Exception {
        var before = topic.tables();
        assertThat(before).extracting(org.genlab.core.io.CsvTable::name).containsExactly("data", "particles");
        assertThat(before.get(0).rows()).containsExactly(new double[] {1, 0}, new double[] {0, 1});
        robot.interact(() -> topic.apply(Map.of("sampler", "ddim", "steps", 20L, "n", 50L)));
        robot.clickOn("#diffusion-sample");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> topic.reverse() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var after = topic.tables();
        assertThat(after).extracting(org.genlab.core.io.CsvTable::name).containsExactly("data", "samples", "trajectories");
        var samples = after.get(1);
        assertThat(samples.rows()).hasSize(50);
        var p = topic.reverse().samples();
        assertThat(samples.rows().get(7)).containsExactly(p.x(7), p.y(7));
        var traj = after.get(2);
        assertThat(traj.columns()).containsExactly("particle", "step", "t", "alphaBar", "x", "y");
        assertThat(traj.rows()).hasSize(50 * topic.reverse().trajectory().size());
        // the last recorded step of each particle is its sample
        double[] last = traj.rows().get(traj.rows().size() - 1);
        assertThat(last[0]).isEqualTo(49);
        assertThat(last[4]).isEqualTo(p.x(49));
    }
}
