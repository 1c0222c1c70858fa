package org.genlab.ui.em;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.em.EmEvent;
import org.genlab.core.em.EmState;
import org.genlab.ui.shell.ShortcutHandler;
import org.genlab.ui.topic.TopicContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The EM pane driven through its keys, buttons and timeline. */
@ExtendWith(ApplicationExtension.class)
class EmTopicTest {
    private EmTopic topic;
    private TopicContext context;

    @Start
    void start(Stage stage) {
        context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        topic = new EmTopic(context);
        BorderPane root = new BorderPane(topic.view());
        root.setRight(topic.controls());
        Scene scene = new Scene(root, 1200, 800);
        ShortcutHandler.install(scene, topic::onShortcut);
        stage.setScene(scene);
        stage.show();
        topic.figure().requestFocus();
    }

    private EmState state() {
        return topic.state();
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void rightStepsHalfStepsAlternatingEAndM(FxRobot robot) throws Exception {
        assertThat(state().phase()).isEqualTo(EmState.Phase.INITIAL);
        robot.type(KeyCode.RIGHT);
        waitFor(() -> state().phase() == EmState.Phase.E);
        // After an E-step the ELBO equals the log-likelihood.
        assertThat(state().elbo().getAsDouble()).isCloseTo(state().logLikelihood(), org.assertj.core.data.Offset.offset(1e-9 * Math.abs(state().logLikelihood())));
        robot.type(KeyCode.RIGHT);
        waitFor(() -> state().phase() == EmState.Phase.M);
        assertThat(state().iteration()).isEqualTo(1);
        assertThat(state().elbo().getAsDouble()).isLessThanOrEqualTo(state().logLikelihood() + 1e-9);
        robot.type(KeyCode.LEFT);
        waitFor(() -> state().phase() == EmState.Phase.E);
        robot.type(KeyCode.HOME);
        waitFor(() -> state().phase() == EmState.Phase.INITIAL);
    }

    @Test
    void theIterationButtonDoesEThenM(FxRobot robot) throws Exception {
        robot.clickOn("Iteration");
        waitFor(() -> state().phase() == EmState.Phase.M && state().iteration() == 1);
        robot.clickOn("Iteration");
        waitFor(() -> state().phase() == EmState.Phase.M && state().iteration() == 2);
        assertThat(topic.runner().snapshot().lastIndex()).isEqualTo(4);
    }

    @Test
    void theTimelineScrubsThroughEveryHalfStep(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("iterations", 5L)));
        waitFor(() -> state().iteration() == 5 && !topic.runner().snapshot().playing());
        Slider timeline = robot.lookup("#em-timeline").queryAs(Slider.class);
        assertThat(timeline.getMax()).isEqualTo(10);
        robot.interact(() -> timeline.setValue(3));
        waitFor(() -> topic.runner().snapshot().index() == 3);
        assertThat(state().phase()).isEqualTo(EmState.Phase.E); // 0 start, 1 E, 2 M, 3 E: odd indices are E-steps
    }

    @Test
    void logLikelihoodNeverDecreasesInTheRun(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("init", "q5-2", "k", 3L, "iterations", 25L)));
        waitFor(() -> !topic.runner().snapshot().playing() && state().iteration() >= 1
                && (state().iteration() == 25 || state().converged()));
        var h = topic.runner().history();
        for (int i = h.firstIndex() + 1; i <= h.lastIndex(); i++) {
            double before = h.get(i - 1).state().logLikelihood(), after = h.get(i).state().logLikelihood();
            assertThat(after).isGreaterThanOrEqualTo(before - 1e-9 * Math.abs(before));
        }
    }

    @Test
    void identicalStartsAreReportedAndNewDataRestartsTheRun(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("init", "q5-1", "k", 3L)));
        assertThat(state().events()).extracting(EmEvent::kind).contains(EmEvent.Kind.IDENTICAL);
        Dataset2D moons = Preset.TWO_MOONS.generate(100, 0.05, 1);
        robot.interact(() -> topic.useData(moons));
        assertThat(state().phase()).isEqualTo(EmState.Phase.INITIAL);
        assertThat(topic.message().get()).contains("New data").contains("100 points");
    }

    @Test
    void q4WithThreeComponentsIsRefusedAndTheRunIsKept(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("init", "q4", "k", 2L)));
        EmState before = state();
        robot.interact(() -> topic.apply(Map.of("k", 3L)));
        assertThat(topic.message().get()).contains("Q4 start is for K = 2");
        assertThat(state()).isSameAs(before);
    }

    @Test
    void afterAnEStepTheTangencyViewShowsEqualSlopes(FxRobot robot) throws Exception {
        assertThat(topic.tangency().slopesText()).contains("Take an E-step");
        robot.type(KeyCode.RIGHT);
        waitFor(() -> topic.tangency().slopesText().contains("dELBO/dt"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/dt = (\\S+)").matcher(topic.tangency().slopesText());
        assertThat(m.find()).isTrue();
        double a = Double.parseDouble(m.group(1));
        assertThat(m.find()).isTrue();
        double b = Double.parseDouble(m.group(1));
        assertThat(b).isCloseTo(a, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(a))));
    }

    @Test
    void q4QuizHasFourPicturesOneOfThemTheRealStepAndRevealPlaysIt(FxRobot robot) throws Exception {
        robot.interact(() -> topic.useData(Preset.TIGHT_AND_WIDE.generate(200, 0.4, 0)));
        java.util.concurrent.atomic.AtomicReference<org.genlab.ui.topic.GeneratedQuiz> g = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> g.set(topic.generateQuiz().orElseThrow()));
        assertThat(g.get().choices()).hasSize(4);
        // Same seed, same order.
        java.util.concurrent.atomic.AtomicReference<org.genlab.ui.topic.GeneratedQuiz> again = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> again.set(topic.generateQuiz().orElseThrow()));
        assertThat(again.get().answer()).isEqualTo(g.get().answer());
        robot.interact(() -> g.get().onReveal().run());
        waitFor(() -> state().phase() == EmState.Phase.M && state().iteration() == 1);
    }

    private javafx.geometry.Point2D screen(double x, double y) {
        var plot = (org.genlab.ui.plot.PlotCanvas) ((javafx.scene.layout.VBox) topic.figure()).getChildren().get(0);
        return plot.localToScreen(plot.worldToScreen(x, y));
    }

    @Test
    void draggingAMeanOrASpreadHandleStartsEmFromTheEditedMixture(FxRobot robot) throws Exception {
        var m = state().mixture();
        robot.drag(screen(m.meanX(0), m.meanY(0)), javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(screen(m.meanX(0) - 0.5, m.meanY(0) + 0.25)).moveTo(screen(-2, 0.5))
                .release(javafx.scene.input.MouseButton.PRIMARY);
        waitFor(() -> state().phase() == EmState.Phase.INITIAL && Math.abs(state().mixture().meanX(0) + 2) < 0.1); // a pixel is about 0.07 here
        assertThat(state().mixture().meanY(0)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.1));
        assertThat(topic.values()).containsEntry("init", "manual");
        assertThat(state().mixture().meanX(1)).isEqualTo(m.meanX(1));

        var m2 = state().mixture();
        double s0 = Math.sqrt(m2.variance(1));
        robot.drag(screen(m2.meanX(1) + s0, m2.meanY(1)), javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(screen(m2.meanX(1) + 1.5 * s0, m2.meanY(1))).moveTo(screen(m2.meanX(1) + 2 * s0, m2.meanY(1)))
                .release(javafx.scene.input.MouseButton.PRIMARY);
        waitFor(() -> Math.abs(Math.sqrt(state().mixture().variance(1)) - 2 * s0) < 0.1 * s0);
    }

    @Test
    void typedWeightsAreNormalisedAndBadOnesRefused(FxRobot robot) throws Exception {
        var field = robot.lookup("#em-weights").queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> {
            field.setText("1, x");
            field.fireEvent(new javafx.event.ActionEvent());
        });
        assertThat(state().mixture().weight(0)).isEqualTo(0.5);
        robot.interact(() -> {
            field.setText("1, 3");
            field.fireEvent(new javafx.event.ActionEvent());
        });
        waitFor(() -> Math.abs(state().mixture().weight(0) - 0.25) < 1e-12);
        assertThat(topic.values()).containsEntry("init", "manual");
    }

    @Test
    void degenerateDataGivesMessagesAndFiniteNumbersNeverAnException(FxRobot robot) throws Throwable {
        Dataset2D same = Dataset2D.of(new double[] {1, 1, 1, 1}, new double[] {2, 2, 2, 2});
        Dataset2D line = Dataset2D.of(new double[] {0, 1, 2, 3, 4, 5}, new double[] {0, 2, 4, 6, 8, 10});
        Dataset2D huge = Dataset2D.of(new double[] {1e12, 1e12 + 1, 1e12 + 2, -1e12}, new double[] {0, 1, 0, 1});
        Dataset2D two = Dataset2D.of(new double[] {0, 1}, new double[] {0, 1});
        for (Dataset2D d : java.util.List.of(same, line, huge, two)) {
            for (String cov : java.util.List.of("spherical", "full")) {
                robot.interact(() -> {
                    topic.useData(d);
                    topic.apply(Map.of("k", 3L, "init", "kmeans++", "covariance", cov, "iterations", 5L));
                });
                waitFor(() -> !topic.runner().snapshot().playing());
                EmState s = state();
                assertThat(topic.message().get()).as("%s %s", d, cov).isNotBlank();
                for (int z = 0; z < s.mixture().k(); z++) {
                    assertThat(Double.isFinite(s.mixture().meanX(z)) && Double.isFinite(s.mixture().covXX(z))
                            && Double.isFinite(s.mixture().weight(z))).as("%s %s component %d", d, cov, z).isTrue();
                }
                assertThat(Double.isFinite(s.logLikelihood()) || s.logLikelihood() == Double.POSITIVE_INFINITY).isTrue();
            }
        }
        WaitForAsyncUtils.checkException();
    }

    @Test
    void spaceStartsAndStopsPlay(FxRobot robot) throws Exception {
        robot.type(KeyCode.SPACE);
        waitFor(() -> topic.runner().snapshot().playing());
        waitFor(() -> state().iteration() >= 1);
        robot.type(KeyCode.SPACE);
        waitFor(() -> !topic.runner().snapshot().playing());
    }

    @Test
    void csvTablesAreTheDataAndTheResponsibilitiesOfTheHalfStepShown(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("iterations", 3L)));
        topic.whenSettled().get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        var tables = topic.tables();
        assertThat(tables).extracting(org.genlab.core.io.CsvTable::name).containsExactly("data", "responsibilities");
        var q = tables.get(1);
        assertThat(q.columns()).containsExactly("x", "y", "weight", "Q1", "Q2");
        assertThat(q.rows()).hasSize(tables.get(0).rows().size());
        for (double[] r : q.rows()) {
            assertThat(r[3] + r[4]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        }
        var resp = topic.state().responsibilities().orElseThrow();
        assertThat(q.rows().get(11)[3]).isEqualTo(resp.q(11, 0));
    }
}
