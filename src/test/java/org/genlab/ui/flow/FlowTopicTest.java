package org.genlab.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.diffusion.Particles;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.shell.ShortcutHandler;
import org.genlab.ui.topic.TopicContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The flow-matching pane through its keys, settings, shadings, 1-D view and training. */
@ExtendWith(ApplicationExtension.class)
class FlowTopicTest {
    private FlowTopic topic;

    @Start
    void start(Stage stage) {
        TopicContext context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        topic = new FlowTopic(context);
        BorderPane root = new BorderPane(topic.view());
        root.setRight(topic.controls());
        Scene scene = new Scene(root, 1200, 850);
        ShortcutHandler.install(scene, topic::onShortcut);
        stage.setScene(scene);
        stage.show();
        topic.figure().requestFocus();
    }

    private void settle(FxRobot robot) throws Exception {
        topic.whenSettled().get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void defaultDemoFlowsNoiseOntoTheDataWithDensityAndTrajectoriesDrawn(FxRobot robot) throws Exception {
        settle(robot);
        assertThat(topic.exactFlow().data().size()).isEqualTo(256);
        assertThat(topic.lastRun()).isNotNull();
        assertThat(topic.lastRun().samples().size()).isEqualTo(1000);
        assertThat(topic.shadingLayer().isVisible()).isTrue();
        assertThat(topic.shadingLayer().raster().current()).as("the density is drawn").isNotNull();
        assertThat(topic.pathsLayer().getPaths()).hasSize(30);
        assertThat(topic.readout()).contains("samples within 0.01 of a data point");
        robot.type(KeyCode.RIGHT);
        assertThat((Double) topic.values().get("t")).isEqualTo(0.55, org.assertj.core.api.Assertions.within(1e-12));
        robot.type(KeyCode.HOME);
        assertThat(topic.values()).containsEntry("t", 0.0);
    }

    @Test
    void thePrintedLoopOvershootsWithFiftyStepsAndLandsWithFortyNine(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("data", "two-point", "solver", "printed", "steps", 50L, "n", 400L)));
        settle(robot);
        double median50 = medianDistance(topic.lastRun().samples());
        assertThat(median50).isBetween(0.02, 0.2);
        robot.interact(() -> topic.apply(Map.of("steps", 49L)));
        settle(robot);
        assertThat(medianDistance(topic.lastRun().samples())).isLessThan(1e-3);
        assertThat(topic.readout()).contains("printed").contains("m = 49");
    }

    private static double medianDistance(Particles p) {
        double[] d = new double[p.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.min(Math.hypot(p.x(i) - 1, p.y(i)), Math.hypot(p.x(i), p.y(i) - 1));
        }
        java.util.Arrays.sort(d);
        return d[d.length / 2];
    }

    @Test
    void residualShadingReportsASmallContinuityResidual(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("data", "two-point", "shade", "residual", "t", 0.4)));
        settle(robot);
        String text = topic.readout();
        assertThat(text).contains("Continuity residual");
        double relative = Double.parseDouble(text.replaceAll("(?s).*\\(([0-9.eE+-]+) relative\\).*", "$1"));
        assertThat(relative).isLessThan(1e-3);
        assertThat(topic.shadingLayer().raster().current()).isNotNull();
    }

    @Test
    void lineViewShowsTheDensityOverTimeAndTheOneDimensionalResidual(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("data", "two-point", "view", "line", "t", 0.3)));
        settle(robot);
        assertThat(((BorderPane) topic.figure()).getCenter()).isInstanceOf(PlotCanvas.class)
                .isNotSameAs(topic.shadingLayer());
        assertThat(topic.readout()).contains("1-D continuity residual");
    }

    @Test
    void trainingLowersTheLossAndTheLearnedFieldCanBeSampledAndCompared(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("train-steps", 400L, "hidden", 32L)));
        // Settle first: the apply re-lays out the controls, and a click aimed at where the button
        // was before that landed elsewhere once in the full suite (training never started).
        settle(robot);
        robot.clickOn("#flow-train");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> topic.learnedField() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var loss = topic.loss();
        assertThat(loss.size()).isGreaterThanOrEqualTo(2);
        assertThat(loss.y(loss.size() - 1)).isLessThan(loss.y(0));
        robot.interact(() -> topic.apply(Map.of("field", "learned", "shade", "error")));
        settle(robot);
        assertThat(topic.values()).containsEntry("field", "learned");
        assertThat(topic.readout()).contains("Error |v_θ − v_t|");
        assertThat(topic.readout()).contains("learned field");
    }

    @Test
    void emptyDataChangesNothingAndCustomDataIsUsed(FxRobot robot) throws Exception {
        settle(robot);
        Dataset2D before = topic.exactFlow().data();
        robot.interact(() -> topic.useData(Dataset2D.EMPTY));
        assertThat(topic.exactFlow().data()).isSameAs(before);
        assertThat(topic.message().get()).contains("empty");
        Dataset2D mine = Dataset2D.of(new double[] {2, -2, 0}, new double[] {0, 0, 2});
        robot.interact(() -> topic.useData(mine));
        assertThat(topic.exactFlow().data()).isEqualTo(mine);
        assertThat(topic.values()).containsEntry("data", "custom");
        robot.interact(() -> topic.apply(Map.of("field", "learned")));
        assertThat(topic.values()).as("no network yet").containsEntry("field", "exact");
    }

    @Test
    void csvTablesHoldTheParticlesAtTheTimeShownTheSamplesAndTheTrajectories(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("data", "two-point", "n", 300L, "t", 0.5)));
        settle(robot);
        var tables = topic.tables();
        assertThat(tables).extracting(org.genlab.core.io.CsvTable::name).containsExactly("data", "particles", "samples", "trajectories");
        assertThat(tables.get(0).rows()).containsExactly(new double[] {1, 0}, new double[] {0, 1});
        assertThat(tables.get(1).title()).isEqualTo("particles at t = 0.500");
        assertThat(tables.get(1).rows()).hasSize(300);
        assertThat(tables.get(2).rows()).hasSize(300);
        var traj = tables.get(3);
        assertThat(traj.columns()).containsExactly("particle", "t", "x", "y");
        // every trajectory starts at t = 0 and ends at t = 1
        assertThat(traj.rows().get(0)[1]).isZero();
        assertThat(traj.rows().get(traj.rows().size() - 1)[1]).isEqualTo(1.0);
    }
}
