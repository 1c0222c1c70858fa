package org.genlab.ui.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.data.DataCsv;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.ui.shell.ShortcutHandler;
import org.genlab.ui.topic.TopicContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The data pane driven as a user would: mouse, keys, the parameter form and files. */
@ExtendWith(ApplicationExtension.class)
class DataTopicTest {
    @TempDir
    Path dir;

    private DataTopic topic;
    private TopicContext context;

    @Start
    void start(Stage stage) {
        context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        topic = new DataTopic(context);
        BorderPane root = new BorderPane(topic.view());
        root.setRight(topic.controls());
        Scene scene = new Scene(root, 1100, 700);
        ShortcutHandler.install(scene, topic::onShortcut);
        stage.setScene(scene);
        stage.show();
    }

    private Point2D screenOf(double x, double y) {
        Point2D local = topic.plot().worldToScreen(x, y);
        return topic.plot().localToScreen(local);
    }

    private DataViewModel vm() {
        return topic.viewModel();
    }

    private void useData(Dataset2D d) {
        WaitForAsyncUtils.asyncFx(() -> topic.useData(d));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void startsWithTwoMoonsAndPublishesItsData() {
        assertThat(vm().data()).isEqualTo(Preset.TWO_MOONS.generate(200, 0.05, 0));
        assertThat(context.sharedData().get()).isEqualTo(vm().data());
    }

    @Test
    void clickAddsRightClickRemovesAndUndoRestores(FxRobot robot) {
        useData(Dataset2D.of(new double[] {0, 1}, new double[] {0, 1}));
        robot.clickOn(screenOf(0.5, 0.8), MouseButton.PRIMARY);
        assertThat(vm().data().size()).isEqualTo(3);
        assertThat(vm().data().x(2)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
        assertThat(context.sharedData().get().size()).isEqualTo(3);

        robot.clickOn(screenOf(0, 0), MouseButton.SECONDARY);
        assertThat(vm().data().size()).isEqualTo(2);
        assertThat(vm().data().x(0)).isEqualTo(1.0);

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(vm().data().size()).isEqualTo(3);
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        assertThat(vm().data().size()).isEqualTo(2);
    }

    @Test
    void dragMovesAPointAsOneUndoStep(FxRobot robot) {
        useData(Dataset2D.of(new double[] {0, 1}, new double[] {0, 1}));
        robot.drag(screenOf(1, 1), MouseButton.PRIMARY).moveTo(screenOf(0.8, 0.6)).moveTo(screenOf(0.5, 0.5)).release(MouseButton.PRIMARY);
        assertThat(vm().data().x(1)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
        assertThat(vm().data().y(1)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
        assertThat(vm().data().x(0)).isEqualTo(0.0);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(vm().data().x(1)).isEqualTo(1.0);
        assertThat(vm().canUndoProperty().get()).isTrue(); // the useData step is still there
    }

    @Test
    void aPointCanBeDraggedFromAnywhereInItsFortyFourPixelTargetWhileAClickThereStillAddsAPoint(FxRobot robot) {
        useData(Dataset2D.of(new double[] {0, 1}, new double[] {0, 1}));
        double off = (DataTopic.HIT_RADIUS + DataTopic.DRAG_RADIUS) / 2; // 17 px: outside the click radius, inside the drag target
        Point2D p = screenOf(1, 1);
        Point2D near = new Point2D(p.getX() - off, p.getY());
        robot.drag(near, MouseButton.PRIMARY).moveTo(screenOf(0.8, 0.6)).moveTo(screenOf(0.5, 0.5)).release(MouseButton.PRIMARY);
        // the point moved with the mouse (it keeps the offset it was grabbed at)
        assertThat(vm().data().size()).isEqualTo(2);
        assertThat(topic.plot().worldToScreen(vm().data().x(1), vm().data().y(1)).getX())
                .isCloseTo(topic.plot().worldToScreen(0.5, 0.5).getX() + off, org.assertj.core.data.Offset.offset(2.0));
        assertThat(vm().data().x(0)).isEqualTo(0.0);

        vm().clearSelection();
        Point2D q = screenOf(0, 0);
        robot.clickOn(new Point2D(q.getX() + off, q.getY()), MouseButton.PRIMARY);
        assertThat(vm().data().size()).as("a still click near a point adds one").isEqualTo(3);
        assertThat(vm().data().x(0)).isEqualTo(0.0);

        // beyond the drag target a press starts a box selection, as before
        robot.drag(new Point2D(q.getX() + DataTopic.DRAG_RADIUS + 15, q.getY() + DataTopic.DRAG_RADIUS + 15), MouseButton.PRIMARY)
                .moveTo(new Point2D(q.getX() - 10, q.getY() - 10)).release(MouseButton.PRIMARY);
        assertThat(vm().data().x(0)).isEqualTo(0.0);
        assertThat(vm().selection()).contains(0);
    }

    @Test
    void anEditInTheMiddleOfADragEndsTheDragQuietly(FxRobot robot) throws Throwable {
        useData(Dataset2D.of(new double[] {0, 1}, new double[] {0, 1}));
        robot.drag(screenOf(1, 1), MouseButton.PRIMARY).moveTo(screenOf(0.8, 0.8));
        robot.interact(() -> vm().undo());
        robot.moveTo(screenOf(0.5, 0.5)).release(MouseButton.PRIMARY);
        assertThat(vm().isDragging()).isFalse();
        WaitForAsyncUtils.checkException();
    }

    @Test
    void importCanBeCancelledAndAnOlderImportNeverWins() throws Exception {
        Path big = dir.resolve("big.csv");
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append(i).append(',').append(i).append('\n');
        }
        Files.writeString(big, sb);
        Path small = dir.resolve("small.csv");
        Files.writeString(small, "x,y\n5,5\n");
        WaitForAsyncUtils.asyncFx(() -> {
            topic.importFile(big);
            topic.importFile(small);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().data().size() == 1);
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().data().size()).as("the first, cancelled import never lands").isEqualTo(1);
    }

    @Test
    void boxSelectThenDeleteKey(FxRobot robot) {
        useData(Dataset2D.of(new double[] {0, 0.1, 1}, new double[] {0, 0.1, 1}));
        robot.drag(screenOf(-0.2, 0.3), MouseButton.PRIMARY).moveTo(screenOf(0.3, -0.2)).release(MouseButton.PRIMARY);
        assertThat(vm().selection()).containsExactly(0, 1);
        robot.type(KeyCode.DELETE);
        assertThat(vm().data()).isEqualTo(Dataset2D.of(new double[] {1}, new double[] {1}));
    }

    @Test
    void theFormRefusesBadValuesAndAppliesGoodOnes(FxRobot robot) {
        Dataset2D before = vm().data();
        TextField n = robot.lookup("#param-n").queryAs(TextField.class);
        robot.doubleClickOn(n).eraseText(6).write("0").type(KeyCode.ENTER);
        assertThat(vm().data()).isEqualTo(before);
        assertThat(robot.lookup("#param-error").queryLabeled().getText()).contains("Points").contains("[1, 100000]");
        assertThat(n.getText()).isEqualTo("200");
        robot.doubleClickOn(n).eraseText(6).write("50").type(KeyCode.ENTER);
        assertThat(vm().data()).isEqualTo(Preset.TWO_MOONS.generate(50, 0.05, 0));
        assertThat(robot.lookup("#param-error").queryLabeled().getText()).isEmpty();
    }

    @Test
    void lessonValuesRegenerateReproducibly() {
        WaitForAsyncUtils.asyncFx(() -> topic.apply(Map.of("preset", "two-point", "n", 2L)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().data()).isEqualTo(Dataset2D.of(new double[] {1, 0}, new double[] {0, 1}));
        assertThat(topic.values()).containsEntry("preset", "two-point").containsEntry("n", 2L);
    }

    @Test
    void importRefusesWeightsWhoseTotalOverflows() throws Exception {
        Dataset2D before = vm().data();
        Path bad = dir.resolve("huge.csv");
        Files.writeString(bad, "x,y,weight\n0,0,1e308\n1,1,1e308\n");
        WaitForAsyncUtils.asyncFx(() -> topic.importFile(bad));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !topic.fileError().isEmpty());
        assertThat(topic.fileError()).contains("huge.csv:3:3").contains("overflows");
        assertThat(vm().data()).isEqualTo(before);
    }

    @Test
    void importRefusesAMalformedFileAndKeepsTheData() throws Exception {
        Dataset2D before = vm().data();
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x,y,weight\n1,2,1\n3,4,-1\n");
        WaitForAsyncUtils.asyncFx(() -> topic.importFile(bad));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !topic.fileError().isEmpty());
        assertThat(topic.fileError()).contains("bad.csv:3:3").contains("unchanged");
        assertThat(vm().data()).isEqualTo(before);

        Path good = dir.resolve("good.csv");
        Files.writeString(good, "x,y,weight\n1,2,1\n3,4,2.5\n");
        WaitForAsyncUtils.asyncFx(() -> topic.importFile(good));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().data().size() == 2);
        assertThat(vm().data().weight(1)).isEqualTo(2.5);
        assertThat(topic.fileError()).isEmpty();
    }

    @Test
    void exportWritesWhatIsShown() throws Exception {
        Path out = dir.resolve("out.csv");
        WaitForAsyncUtils.asyncFx(() -> topic.exportFile(out));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(out));
        assertThat(DataCsv.read(out)).isEqualTo(vm().data());
    }

    @Test
    void statisticsFormatWithoutFloatNoise() {
        assertThat(DataTopic.num(0.30000000000000004)).isEqualTo("0.3");
        assertThat(DataTopic.num(-0.19287)).isEqualTo("-0.1929");
        assertThat(DataTopic.num(0)).isEqualTo("0");
        assertThat(DataTopic.num(12345678)).isEqualTo("1.235e+07");
    }
}
