package org.genlab.ui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.genlab.app.AppSettings;
import org.genlab.app.GenLabApp;
import org.genlab.core.data.Dataset2D;
import org.genlab.lesson.LessonProgress;
import org.genlab.ui.data.DataTopic;
import org.genlab.ui.shell.MainWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Lessons in the real window: the list, stepping, settings applied, quizzes, progress. */
@ExtendWith(ApplicationExtension.class)
class LessonPanelTest {
    @TempDir
    Path dir;
    Path home;
    Path lessons;

    static final String LESSON = """
            ---
            id: test-steps
            title: Test steps
            topic: data
            question: 8
            ---
            Intro with $x_1$.

            ## First
            Exactly the two points.
            ```genlab
            preset: two-point
            hide: [n, noise]
            ```
            ```quiz
            ask: How many points?
            choices: [one, two, three]
            answer: b
            explain: The homework's set has $n = 2$ points.
            ```

            ## Second
            ```genlab
            preset: two-blobs
            n: 40
            seed: 3
            show: [ellipses]
            ```
            """;

    static final String BROKEN = """
            ---
            id: broken
            title: Broken
            topic: data
            ---
            ## Only step
            ```genlab
            preset: two-point
            wobble: 3
            ```
            """;

    private GenLabApp app;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        lessons = Files.createDirectories(dir.resolve("lessons"));
        Files.writeString(lessons.resolve("steps.md"), LESSON);
        Files.writeString(lessons.resolve("broken.md"), BROKEN);
        app = new GenLabApp();
        Scene scene = app.createScene(GenLabApp.GuiOptions.parse(List.of("--lessons", lessons.toString())), new AppSettings(home));
        stage.setScene(scene);
        stage.show();
    }

    private MainWindow window() {
        return app.window();
    }

    private LessonPanel panel() {
        return window().lessons();
    }

    private DataTopic data() {
        return (DataTopic) window().currentTopic().get();
    }

    @Test
    void listsShippedAndAddedLessonsAndTheBrokenOneWithItsLine(FxRobot robot) {
        assertThat(panel().find("data-tour")).isPresent();
        assertThat(panel().find("test-steps")).isPresent();
        assertThat(panel().find("broken")).isEmpty();
        assertThat(robot.lookup("#lesson-test-steps").tryQuery()).isPresent();
        assertThat(robot.lookup(".lesson-problem").queryAll()).anySatisfy(n ->
                assertThat(((javafx.scene.control.Label) n).getText()).contains("broken.md:9").contains("wobble"));
        assertThat(window().bannerCount()).isEqualTo(1);
    }

    @Test
    void openingAppliesStepOneAndPageKeysStep(FxRobot robot) {
        robot.clickOn("#lesson-test-steps");
        assertThat(panel().currentStep()).isEqualTo(1);
        assertThat(data().viewModel().data()).isEqualTo(Dataset2D.of(new double[] {1, 0}, new double[] {0, 1}));
        Node n = robot.lookup("#param-n").query();
        assertThat(n.isVisible()).isFalse();

        robot.type(KeyCode.PAGE_DOWN);
        assertThat(panel().currentStep()).isEqualTo(2);
        assertThat(data().viewModel().data().size()).isEqualTo(40);
        assertThat(data().values()).containsEntry("seed", 3L).containsEntry("ellipses", true);
        assertThat(n.isVisible()).isTrue();
        assertThat(robot.lookup("#lesson-step-title").queryLabeled().getText()).contains("Step 2 of 2").contains("Second");

        robot.type(KeyCode.PAGE_DOWN);
        assertThat(panel().currentStep()).isEqualTo(2);
        robot.type(KeyCode.PAGE_UP);
        assertThat(panel().currentStep()).isEqualTo(1);
        robot.clickOn("All lessons");
        assertThat(panel().currentLesson()).isEmpty();
        assertThat(n.isVisible()).isTrue();
    }

    @Test
    void studentQuizShowsTheVerdictAtOnceAndIsSaved(FxRobot robot) {
        robot.interact(() -> panel().open("test-steps", OptionalInt.of(1)));
        QuizView quiz = panel().quizViews().get(0);
        assertThat(quiz.isExplanationShown()).isFalse();
        robot.interact(() -> quiz.choose(0));
        assertThat(quiz.verdictText()).contains("Not quite").contains("b");
        assertThat(quiz.isExplanationShown()).isTrue();
        assertThat(new LessonProgress(home).answer("test-steps", 1, 0)).hasValue(0);

        // Reopening the step shows the saved answer.
        robot.interact(() -> panel().open("test-steps", OptionalInt.of(1)));
        assertThat(panel().quizViews().get(0).session().chosen()).hasValue(0);
    }

    @Test
    void lecturerModeHidesTheAnswerUntilR(FxRobot robot) {
        robot.interact(() -> {
            panel().lecturerModeProperty().set(true);
            panel().open("test-steps", OptionalInt.of(1));
        });
        QuizView quiz = panel().quizViews().get(0);
        robot.interact(() -> quiz.choose(2));
        robot.interact(() -> quiz.choose(1));
        assertThat(quiz.isExplanationShown()).isFalse();
        assertThat(quiz.verdictText()).contains("Vote taken");
        robot.interact(() -> window().root().requestFocus());
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(quiz.isExplanationShown()).isTrue();
        assertThat(quiz.verdictText()).contains("Right");
        assertThat(new LessonProgress(home).answer("test-steps", 1, 0)).as("class votes are not the student's").isEmpty();
    }

    @Test
    void rRevealsNothingInStudentMode(FxRobot robot) {
        robot.interact(() -> panel().open("test-steps", OptionalInt.of(1)));
        QuizView quiz = panel().quizViews().get(0);
        robot.interact(() -> window().root().requestFocus());
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(quiz.isExplanationShown()).isFalse();
        assertThat(quiz.session().isRevealed()).isFalse();
    }

    @Test
    void flagsAreCompleteForEachStepSoGoingBackShowsTheStepAsItWas(FxRobot robot) {
        robot.interact(() -> panel().open("test-steps", OptionalInt.of(2)));
        assertThat(data().values()).containsEntry("ellipses", true);
        robot.type(KeyCode.PAGE_UP);
        assertThat(data().values()).containsEntry("ellipses", false);
    }

    @Test
    void progressIsKeptAndCanBeReset(FxRobot robot) {
        robot.interact(() -> panel().open("test-steps", OptionalInt.of(2)));
        assertThat(new LessonProgress(home).step("test-steps")).hasValue(2);
        robot.interact(() -> {
            panel().close();
            panel().open("test-steps", OptionalInt.empty());
        });
        assertThat(panel().currentStep()).isEqualTo(2);
        robot.clickOn("Reset progress");
        assertThat(panel().currentStep()).isEqualTo(1);
        assertThat(new LessonProgress(home).answer("test-steps", 1, 0)).isEmpty();
    }

    @Test
    void aGeneratedQuizShowsThePanesPicturesAndRevealingPlaysTheStep(FxRobot robot) throws Exception {
        robot.interact(() -> panel().open("em-one-step", OptionalInt.of(1)));
        assertThat(window().currentTopic().get().id()).isEqualTo("em");
        QuizView quiz = panel().quizViews().get(0);
        int answer = quiz.session().choiceCount();
        assertThat(answer).isEqualTo(4);
        robot.interact(() -> quiz.choose(0));
        assertThat(quiz.isExplanationShown()).isTrue();
        var em = (org.genlab.ui.em.EmTopic) window().currentTopic().get();
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> em.state().iteration() == 1 && em.state().phase() == org.genlab.core.em.EmState.Phase.M);
    }

    @Test
    void aStepOutsideTheLessonIsRefused(FxRobot robot) {
        assertThat(panel().open("test-steps", OptionalInt.of(3))).isFalse();
        assertThat(panel().open("nope", OptionalInt.empty())).isFalse();
    }
}
