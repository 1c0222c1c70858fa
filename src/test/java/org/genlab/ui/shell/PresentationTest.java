package org.genlab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.genlab.app.AppSettings;
import org.genlab.app.GenLabApp;
import org.genlab.app.TopicRegistry;
import org.genlab.export.PngExporter;
import org.genlab.ui.plot.FigureStyle;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.topic.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lecturer's window, headless: presentation mode on and off on every pane, the lecturer
 * keys on every pane (and not while a text field has the focus), the blank screen, and the dark
 * theme on every pane.
 */
@ExtendWith(ApplicationExtension.class)
class PresentationTest {
    @TempDir
    Path home;

    private GenLabApp app;
    private Stage stage;
    private final int panes = TopicRegistry.all().size();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new GenLabApp();
        Scene scene = app.createScene(GenLabApp.GuiOptions.parse(List.of()), new AppSettings(home));
        // Monocle's headless screen cannot repaint a window grown to full screen (its pixel buffer
        // keeps the window's first size); the real window goes full screen.
        app.window().setFullScreenOnPresent(false);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void back(FxRobot robot) {
        robot.interact(() -> {
            app.window().setPresenting(false);
            app.window().setBlanked(false);
            app.window().setDarkTheme(false);
            app.stop();
        });
        assertThat(FigureStyle.current()).isEqualTo(FigureStyle.DEFAULT);
    }

    private MainWindow w() {
        return app.window();
    }

    private void key(FxRobot robot, KeyCode code) {
        robot.type(code);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static KeyCode digit(int n) {
        return KeyCode.valueOf("DIGIT" + n);
    }

    @Test
    void presentationModeOnAndOffRestoresTheLayoutExactlyOnEveryPane(FxRobot robot) throws Exception {
        for (int n = 1; n <= panes; n++) {
            key(robot, digit(n));
            Topic t = w().currentTopic().get();
            assertThat(t.id()).isEqualTo(TopicRegistry.all().get(n - 1).id());
            if (n == 2) {
                key(robot, KeyCode.F9); // a hidden side panel stays hidden
            }
            if (n == 3) {
                key(robot, KeyCode.F9); // and a shown one comes back with its divider
                robot.interact(() -> splitOf(w().lessons()).setDividerPositions(0.27));
            }
            settle(robot, t);
            List<String> before = layout(stage);
            double figureWidth = t.figure().getLayoutBounds().getWidth();
            boolean sideShown = w().isSidePanelShown();

            key(robot, KeyCode.F5);
            assertThat(w().isPresenting()).as(t.id()).isTrue();
            assertThat(w().isSidePanelShown()).isFalse();
            assertThat(robot.lookup(".main-toolbar").query().isVisible() && robot.lookup(".main-toolbar").query().getParent().isVisible())
                    .isFalse();
            assertThat(robot.lookup(".navigation").query().isVisible()).isFalse();
            assertThat(robot.lookup(".status-bar").query().isVisible()).isFalse();
            assertThat(robot.lookup(".controls-scroll").query().isVisible()).isFalse();
            assertThat(robot.lookup("#presentation-strip").query().isVisible()).isTrue();
            assertThat(FigureStyle.current().scale()).isEqualTo(FigureStyle.PRESENTATION_SCALE);
            assertThat(FigureStyle.current().palette().contrast()).isTrue();
            assertThat(stage.getScene().getRoot().getStyleClass()).contains("presenting");
            assertThat(t.figure().getLayoutBounds().getWidth()).as("the figure fills the window").isGreaterThan(figureWidth + 200);
            assertThat(stage.getScene().getFocusOwner()).isSameAs(t.figure());

            key(robot, KeyCode.ESCAPE);
            assertThat(w().isPresenting()).isFalse();
            assertThat(w().isSidePanelShown()).isEqualTo(sideShown);
            assertThat(FigureStyle.current()).isEqualTo(FigureStyle.DEFAULT);
            assertThat(changes(before, layout(stage))).as("layout of pane %s after presentation mode", t.id()).isEmpty();
        }
    }

    @Test
    void presentationModeShowsTheLessonStepInLargeTextAndFollowsPageDown(FxRobot robot) {
        robot.interact(() -> w().lessons().open("em-one-step", OptionalInt.of(1)));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> before = layout(stage);
        key(robot, KeyCode.F5);
        Labeled title = robot.lookup("#presentation-step-title").queryLabeled();
        assertThat(title.getText()).contains("step 1 of");
        assertThat(title.getFont().getSize()).isGreaterThanOrEqualTo(24);
        assertThat(((org.genlab.ui.lesson.LessonTextView) robot.lookup("#presentation-step-text").query()).getFontSize())
                .isGreaterThanOrEqualTo(24);
        key(robot, KeyCode.PAGE_DOWN);
        assertThat(robot.lookup("#presentation-step-title").queryLabeled().getText()).contains("step 2 of");
        key(robot, KeyCode.PAGE_UP);
        key(robot, KeyCode.ESCAPE);
        assertThat(changes(before, layout(stage))).isEmpty();
    }

    @Test
    void everyLecturerKeyWorksOnEveryPaneAndNoneWhileTypingInATextField(FxRobot robot) throws Exception {
        for (int n = panes; n >= 1; n--) {
            key(robot, digit(n));
            Topic t = w().currentTopic().get();
            assertThat(t.id()).isEqualTo(TopicRegistry.all().get(n - 1).id());
            assertThat(stage.getScene().getFocusOwner()).as("%s: the figure has the focus", t.id()).isSameAs(t.figure());

            key(robot, KeyCode.B);
            assertThat(w().isBlanked()).as(t.id()).isTrue();
            assertThat(robot.lookup("#blank-cover").query().isVisible()).isTrue();
            key(robot, KeyCode.B);
            assertThat(w().isBlanked()).isFalse();
            key(robot, KeyCode.B);
            key(robot, KeyCode.DIGIT1); // any key brings the screen back, and does nothing else
            assertThat(w().isBlanked()).isFalse();
            assertThat(w().currentTopic().get()).isSameAs(t);

            key(robot, KeyCode.F6);
            assertThat(w().isDarkTheme()).isTrue();
            assertThat(FigureStyle.current().palette().dark()).isTrue();
            key(robot, KeyCode.F6);
            assertThat(w().isDarkTheme()).isFalse();

            key(robot, KeyCode.F5);
            assertThat(w().isPresenting()).isTrue();
            key(robot, KeyCode.B); // blanking works in presentation mode, and Esc first brings the screen back
            key(robot, KeyCode.ESCAPE);
            assertThat(w().isBlanked()).isFalse();
            assertThat(w().isPresenting()).isTrue();
            key(robot, KeyCode.ESCAPE);
            assertThat(w().isPresenting()).isFalse();

            int windows = Window.getWindows().size();
            key(robot, KeyCode.F1);
            assertThat(Window.getWindows()).hasSize(windows + 1);
            for (Shortcut s : Shortcut.values()) {
                assertThat(robot.lookup("#shortcut-" + s.name()).tryQuery()).as(s.name()).isPresent();
            }
            key(robot, KeyCode.ESCAPE);
            assertThat(Window.getWindows()).hasSize(windows);
        }
        assertThat(Files.readString(home.resolve("settings.properties"))).contains("theme=light");

        // While a text field has the focus, its keys are its own.
        key(robot, KeyCode.DIGIT2);
        Topic em = w().currentTopic().get();
        TextField field = robot.lookup(".controls-scroll .text-field").queryAllAs(TextField.class).stream()
                .filter(Node::isVisible).findFirst().orElseThrow();
        robot.interact(field::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner()).isSameAs(field);
        for (KeyCode k : List.of(KeyCode.DIGIT1, KeyCode.DIGIT3, KeyCode.B, KeyCode.SPACE, KeyCode.ESCAPE, KeyCode.R)) {
            key(robot, k);
            assertThat(w().currentTopic().get()).as("%s in a text field", k).isSameAs(em);
            assertThat(w().isBlanked()).as("%s in a text field", k).isFalse();
            assertThat(w().isPresenting()).isFalse();
        }
        robot.press(KeyCode.SHIFT).type(KeyCode.SLASH).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Window.getWindows().stream().filter(x -> x instanceof Stage s && "GenLab shortcuts".equals(s.getTitle())))
                .as("? types a ? in a text field").isEmpty();
    }

    @Test
    void questionMarkShowsTheShortcutsToo(FxRobot robot) {
        int windows = Window.getWindows().size();
        robot.press(KeyCode.SHIFT).type(KeyCode.SLASH).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Window.getWindows()).hasSize(windows + 1);
        key(robot, KeyCode.ESCAPE);
    }

    @Test
    void theDarkThemeRendersEveryPaneWithADarkPlotAndRealContent(FxRobot robot) throws Exception {
        key(robot, KeyCode.F6);
        assertThat(Files.readString(home.resolve("settings.properties"))).contains("theme=dark");
        for (int n = 1; n <= panes; n++) {
            key(robot, digit(n));
            Topic t = w().currentTopic().get();
            settle(robot, t);
            PlotCanvas plot = robot.from(t.figure()).lookup(".plot-canvas").queryAllAs(PlotCanvas.class).stream()
                    .filter(Node::isVisible)
                    .max(java.util.Comparator.comparingDouble(c -> c.getWidth() * c.getHeight())).orElseThrow();
            Image img = snapshot(robot, plot);
            PixelReader px = img.getPixelReader();
            // the plot's margin, outside every layer: the page colour
            assertThat(luminance(px.getArgb(3, 3))).as("%s: the plot background is dark", t.id()).isLessThan(40);
            assertThat(distinctColours(img)).as("%s: the figure is not blank", t.id()).isGreaterThan(20);
            assertThat(brightPixels(img)).as("%s: light ink (axes, labels) on the dark page", t.id()).isGreaterThan(50);
            assertThat(untipped(t.controls())).as("%s: controls without a tooltip", t.id()).isEmpty();
            assertThat(untipped(t.view())).as("%s: controls in the figure without a tooltip", t.id()).isEmpty();
        }
        assertThat(untipped(robot.lookup(".main-toolbar").query())).as("toolbar controls without a tooltip").isEmpty();
    }

    /** Buttons, sliders, boxes and fields under {@code n} that say nothing when hovered. */
    private static List<String> untipped(Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof javafx.scene.control.ButtonBase || n instanceof javafx.scene.control.Slider
                || n instanceof javafx.scene.control.ChoiceBox || n instanceof javafx.scene.control.ComboBoxBase
                || n instanceof javafx.scene.control.TextInputControl) {
            if (((javafx.scene.control.Control) n).getTooltip() == null && !n.getStyleClass().contains("arrow-button")) {
                out.add(n.getClass().getSimpleName() + " " + (n instanceof Labeled l ? "'" + l.getText() + "'" : n.getId()));
            }
            if (!(n instanceof javafx.scene.control.ComboBoxBase)) {
                return out;
            }
        }
        if (n instanceof javafx.scene.control.ComboBoxBase) {
            return out; // its editor and arrow belong to it
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> out.addAll(untipped(c)));
        }
        return out;
    }

    /** Waits until the pane's figure is drawn and its background work (shown in the status bar) is done. */
    private static void settle(FxRobot robot, Topic t) throws Exception {
        java.util.concurrent.CompletableFuture<Void> settled = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> t.whenSettled().whenComplete((v, e) -> settled.complete(null)));
        settled.get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("#status-job").query().getParent().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static SplitPane splitOf(Node n) {
        Node p = n.getParent();
        while (!(p instanceof SplitPane)) {
            p = p.getParent();
        }
        return (SplitPane) p;
    }

    private static Image snapshot(FxRobot robot, Node n) {
        Image[] out = new Image[1];
        robot.interact(() -> out[0] = PngExporter.snapshot(n, 1));
        return out[0];
    }

    private static double luminance(int argb) {
        return 0.2126 * ((argb >> 16) & 0xFF) + 0.7152 * ((argb >> 8) & 0xFF) + 0.0722 * (argb & 0xFF);
    }

    private static int distinctColours(Image img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        PixelReader px = img.getPixelReader();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(px.getArgb(x, y));
            }
        }
        return seen.size();
    }

    private static int brightPixels(Image img) {
        int n = 0;
        PixelReader px = img.getPixelReader();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if (luminance(px.getArgb(x, y)) > 180) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The lines that differ, before and after, side by side. */
    static List<String> changes(List<String> before, List<String> after) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            String a = i < before.size() ? before.get(i) : "(none)", b = i < after.size() ? after.get(i) : "(none)";
            if (!a.equals(b)) {
                out.add("before: " + a + "\n after: " + b);
            }
        }
        return out;
    }

    /**
     * Every node of the window with its visibility, managed state, size and position, and every
     * split pane's dividers: what "the same layout" means (a hidden node with its state only).
     */
    static List<String> layout(Stage stage) {
        List<String> out = new ArrayList<>();
        out.add("stage " + stage.getWidth() + "x" + stage.getHeight() + " full screen " + stage.isFullScreen());
        walk(stage.getScene().getRoot(), "", out);
        return out;
    }

    private static void walk(Node n, String path, List<String> out) {
        Bounds b = n.getLayoutBounds();
        String me = path + "/" + n.getClass().getSimpleName() + Optional.ofNullable(n.getId()).map(i -> "#" + i).orElse("");
        if (!n.isVisible()) {
            // hidden: its state counts, not the size it was last laid out at
            out.add(me + " visible=false managed=" + n.isManaged());
            return;
        }
        out.add(me + " visible=" + n.isVisible() + " managed=" + n.isManaged() + " size=" + b.getWidth() + "x" + b.getHeight()
                + " at=" + n.getLayoutX() + "," + n.getLayoutY());
        if (n instanceof SplitPane sp) {
            out.add(me + " dividers=" + Arrays.toString(sp.getDividerPositions()));
        }
        // a figure's canvas and the image view of its composited frames take turns as the figure
        // redraws: how it was last drawn is not part of the layout
        if (n instanceof Parent p && !(n instanceof org.genlab.ui.plot.CanvasRegion)) {
            List<Node> kids = p.getChildrenUnmodifiable();
            for (int i = 0; i < kids.size(); i++) {
                walk(kids.get(i), me + "[" + i + "]", out);
            }
        }
    }
}
