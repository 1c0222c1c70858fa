package org.genlab.ui.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.genlab.export.PngExporter;
import org.genlab.lesson.LessonProgress;
import org.genlab.lesson.LoadResult;
import org.genlab.lesson.MathRenderer;
import org.genlab.ui.lesson.LessonPanel;
import org.genlab.ui.plot.FigureStyle;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;
import org.genlab.ui.topic.TopicInfo;

/**
 * The application window's content: navigation on the left, a collapsible side panel, the
 * current pane's figure and controls, a toolbar with export, and the status bar.
 *
 * <p>Panes are built the first time they are opened and kept, so switching away and back
 * keeps their state; {@link #dispose()} disposes all of them.
 */
public final class MainWindow {
    /** What the window remembers between runs: export choices and the theme. */
    public interface Settings {
        int scale();

        void scale(int scale);

        File lastFolder();

        void lastFolder(File folder);

        /** Whether the dark theme (for projectors) was on when the window last closed. */
        default boolean darkTheme() {
            return false;
        }

        default void darkTheme(boolean dark) {
        }

        /** The state files opened or saved last, newest first. */
        default List<Path> recentStates() {
            return List.of();
        }

        default void recentStates(List<Path> files) {
        }

        /** Whether each pane's last state is kept when the window closes and restored when it opens. */
        default boolean restoreLastStates() {
            return false;
        }

        default void restoreLastStates(boolean on) {
        }

        /** The folder the settings live in (the last states go in a folder there); none in tests. */
        default java.util.Optional<Path> folder() {
            return java.util.Optional.empty();
        }
    }

    private final TopicContext context;
    private final Settings exportSettings;
    private final StateActions states;
    /** The A/B comparison on screen, or null. */
    private ComparisonView comparison;
    /** Whether the side panel was shown when the comparison began (it folds away to give both runs room). */
    private boolean sideBeforeComparison;
    private final Map<String, TopicInfo> infos = new LinkedHashMap<>();
    private final Map<String, Topic> opened = new LinkedHashMap<>();
    private final Map<String, ToggleButton> navButtons = new LinkedHashMap<>();
    private final ObjectProperty<Topic> current = new SimpleObjectProperty<>();

    private final BorderPane root = new BorderPane();
    /** The scene's root: the window's layout, and over it the black cover of a blanked screen. */
    private final StackPane stack = new StackPane();
    private final Region blankCover = new Region();
    private final Node toolbarBox;
    private final Node navigation;
    /** Presentation mode's strip under the figure: the lesson step and the pane's message. */
    private final VBox strip = new VBox();
    private final ScrollPane stripScroll = new ScrollPane();
    private final Label stripMessage = new Label();
    private final ToggleButton themeButton = new ToggleButton("Dark");
    private final ToggleButton presentButton = new ToggleButton("Present");
    private boolean darkTheme;
    private boolean fullScreenOnPresent = true;
    private final javafx.beans.property.ReadOnlyBooleanWrapper presenting = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "presenting");
    /** The layout as it was when presentation mode began, put back exactly when it ends. */
    private Layout saved;

    /** What presentation mode changes, as it was before. */
    private record Layout(double[] dividers, boolean sidePanel, boolean autoHidden, boolean fullScreen,
                          Map<Node, boolean[]> shown, Node focus) {
    }
    private final SplitPane split = new SplitPane();
    private final LessonPanel sidePanel;
    private final Label sideTitle = new Label();
    private final Label sideText = new Label();
    private final BorderPane content = new BorderPane();
    private final ScrollPane controlsScroll = new ScrollPane();
    private final Label paneTitle = new Label();
    private final VBox banners = new VBox();
    private final StatusBar statusBar;
    private final ToggleGroup navGroup = new ToggleGroup();
    /** Below this window width the side panel folds away by itself, so the figure keeps its room. */
    static final double NARROW_WIDTH = 1200;
    /** True while the side panel is hidden because the window is narrow (not by the user). */
    private boolean autoHidden;

    /**
     * @param lessons  the lessons that loaded and the problems of those that did not
     * @param progress where the student's place in each lesson is kept
     */
    public MainWindow(List<TopicInfo> topics, TopicContext context, Settings exportSettings,
                      LoadResult lessons, LessonProgress progress) {
        this.context = context;
        this.exportSettings = exportSettings;
        this.states = new StateActions(this, exportSettings);
        topics.forEach(t -> infos.put(t.id(), t));
        this.statusBar = new StatusBar(context.jobs());
        this.sidePanel = new LessonPanel(lessons.lessons(), lessons.problems(), progress, new MathRenderer(),
                this::open, id -> infos.containsKey(id) ? infos.get(id).title() : id, buildAbout());
        sidePanel.setStateOpener(st -> {
            try {
                return install(st);
            } catch (org.genlab.core.state.StateException e) {
                showError("This lesson step's saved state could not be restored (" + e.getMessage() + "); the pane is shown as it is.");
                return open(st.pane());
            }
        });

        root.getStyleClass().add("genlab-root");
        toolbarBox = new VBox(buildToolbar(), banners);
        navigation = buildNavigation();
        root.setTop(toolbarBox);
        root.setLeft(navigation);
        controlsScroll.setFitToWidth(true);
        // The scroll pane's skin caches its viewport as an image: every change of a label or a
        // slider in the controls (each frame while a pane plays) then re-renders the whole column,
        // 10-15 ms in Prism's software pipeline. Without the cache only the changed parts repaint.
        controlsScroll.skinProperty().addListener((o, was, skin) -> {
            javafx.scene.Node viewport = controlsScroll.lookup(".viewport");
            if (viewport != null) {
                viewport.setCache(false);
            }
        });
        controlsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        controlsScroll.getStyleClass().add("controls-scroll");
        controlsScroll.setPrefWidth(320);
        controlsScroll.setMinWidth(280);
        content.setRight(controlsScroll);
        content.getStyleClass().add("pane-content");
        split.getItems().addAll(sidePanel, content);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(sidePanel, false);
        sidePanel.getStyleClass().add("side-panel");
        sidePanel.setMinWidth(240);
        sidePanel.setPrefWidth(360);
        root.setCenter(split);
        root.setBottom(statusBar.node());
        root.widthProperty().addListener((o, a, w) -> fitSidePanel(w.doubleValue()));
        buildStrip();
        content.setBottom(stripScroll);
        blankCover.getStyleClass().add("blank-cover");
        blankCover.setId("blank-cover");
        blankCover.setVisible(false);
        blankCover.setOnMouseClicked(e -> setBlanked(false));
        stack.getChildren().addAll(root, blankCover);
        stack.getStyleClass().add("genlab-stack");
        sidePanel.revisionProperty().addListener((o, a, b) -> {
            if (isPresenting()) {
                fillStrip();
            }
        });
        setDarkTheme(exportSettings.darkTheme());
    }

    private void buildStrip() {
        stripScroll.setContent(strip);
        stripScroll.setFitToWidth(true);
        stripScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        stripScroll.getStyleClass().add("presentation-strip");
        stripScroll.setId("presentation-strip");
        // at most 30% of the window: the figure keeps the rest (long steps scroll)
        stripScroll.maxHeightProperty().bind(root.heightProperty().multiply(0.3));
        stripScroll.setVisible(false);
        stripScroll.setManaged(false);
        strip.getStyleClass().add("presentation-strip-box");
        strip.setPadding(new Insets(12, 28, 12, 28));
        stripMessage.getStyleClass().add("presentation-message");
        stripMessage.setId("presentation-message");
        stripMessage.setWrapText(true);
    }

    /** Puts the current lesson step (if any) and the pane's message in presentation mode's strip. */
    private void fillStrip() {
        strip.getChildren().clear();
        sidePanel.presentationView(PRESENTATION_TEXT).ifPresent(strip.getChildren()::add);
        strip.getChildren().add(stripMessage);
    }

    /** The lesson text size in presentation mode (15 px times the presentation scale, rounded). */
    static final double PRESENTATION_TEXT = 26;

    /** Folds the side panel away on a narrow window and brings it back when there is room. */
    private void fitSidePanel(double width) {
        if (isPresenting()) {
            return; // presentation mode hides the panel itself and puts it back as it was
        }
        if (width < NARROW_WIDTH && isSidePanelShown()) {
            setSidePanelShown(false);
            autoHidden = true;
        } else if (width >= NARROW_WIDTH && autoHidden) {
            setSidePanelShown(true);
            autoHidden = false;
        }
    }

    /** The scene's root. */
    public Region root() {
        return stack;
    }

    /** The window's layout under the blank cover: toolbar, navigation, panels, status bar. */
    public BorderPane layout() {
        return root;
    }

    public ReadOnlyObjectProperty<Topic> currentTopic() {
        return current;
    }

    /** The services handed to every pane. */
    public TopicContext context() {
        return context;
    }

    /** The lessons in the side panel. */
    public LessonPanel lessons() {
        return sidePanel;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    /**
     * Opens the pane named {@code id}; an unknown name shows an error banner and leaves the
     * current pane open.
     *
     * @return the pane, or null if the name is unknown
     */
    public Topic open(String id) {
        TopicInfo info = infos.get(id);
        if (info == null) {
            showError("There is no pane named '" + id + "'. Panes: " + String.join(", ", infos.keySet()) + ".");
            return null;
        }
        if (comparison != null && !comparison.pinned().id().equals(id)) {
            setPinned(false);
            statusBar.flash("The A/B comparison ended: it belongs to the pane it was pinned on");
        }
        Topic t = opened.computeIfAbsent(id, k -> firstOpen(info));
        current.set(t);
        navButtons.get(id).setSelected(true);
        paneTitle.setText(t.title());
        content.setCenter(comparison != null ? comparison.node() : t.view());
        controlsScroll.setContent(t.controls());
        sideTitle.setText(t.title());
        sideText.setText(t.description());
        statusBar.bindMessage(t.message());
        stripMessage.textProperty().bind(t.message());
        // The lecturer keys belong to the figure, so it takes the focus, not a text field.
        t.figure().setFocusTraversable(true);
        t.figure().requestFocus();
        javafx.application.Platform.runLater(() -> t.figure().requestFocus());
        return t;
    }

    /** A pane opened for the first time: from its last state if one was kept (and restoring is on), else new. */
    private Topic firstOpen(TopicInfo info) {
        java.util.Optional<org.genlab.core.state.PaneState> last = states.lastState(info.id());
        if (last.isPresent()) {
            try {
                return org.genlab.ui.topic.TopicStates.build(info, context, last.get());
            } catch (org.genlab.core.state.StateException e) {
                showError("The last state of the " + info.id() + " pane could not be restored (" + e.getMessage()
                        + "); it opens as new.");
            }
        }
        return info.factory().apply(context);
    }

    /**
     * Shows a state: builds a fresh pane from it and puts it on screen in place of that pane's
     * current one, which is disposed. If the state does not fit, nothing changes.
     *
     * @throws org.genlab.core.state.StateException what does not fit, and where
     */
    public Topic install(org.genlab.core.state.PaneState s) throws org.genlab.core.state.StateException {
        TopicInfo info = infos.get(s.pane());
        if (info == null) {
            throw new org.genlab.core.state.StateException("pane", "unknown pane '" + s.pane() + "'; panes: "
                    + String.join(", ", infos.keySet()));
        }
        Topic fresh = org.genlab.ui.topic.TopicStates.build(info, context, s);
        if (comparison != null) {
            setPinned(false);
        }
        Topic old = opened.put(s.pane(), fresh);
        open(s.pane());
        if (old != null) {
            old.dispose();
        }
        return fresh;
    }

    /** The window's state actions (save, open, copy, paste, last states). */
    StateActions states() {
        return states;
    }

    /** Opens a state file off the FX thread (the command line's --state, the recent list, tests). */
    public void openStateFile(Path file) {
        states.openFile(file);
    }

    /** Whether an A/B comparison is on screen. */
    public boolean isPinned() {
        return comparison != null;
    }

    /** The comparison on screen, if any (for tests). */
    ComparisonView comparison() {
        return comparison;
    }

    /** Pins the current run as A (or ends the comparison). */
    public void togglePinned() {
        setPinned(comparison == null);
    }

    /**
     * Starts the A/B comparison of the current pane (run A is the pane now, rebuilt from its
     * state; the live pane is B) or ends it.
     */
    public void setPinned(boolean on) {
        Topic t = current.get();
        if (on == (comparison != null) || t == null) {
            return;
        }
        if (on) {
            try {
                comparison = new ComparisonView(infos.get(t.id()), context, t);
            } catch (org.genlab.core.state.StateException e) {
                showError("This run could not be pinned: " + e.getMessage() + ".");
                return;
            }
            content.setCenter(comparison.node());
            sideBeforeComparison = isSidePanelShown();
            setSidePanelShown(false);
            statusBar.flash("Run A pinned: change the settings, and compare A and B side by side");
        } else {
            ComparisonView c = comparison;
            comparison = null;
            c.dispose();
            content.setCenter(t.view());
            if (sideBeforeComparison && !isPresenting()) {
                setSidePanelShown(true);
            }
        }
        t.figure().requestFocus();
    }

    /** A dismissible error line under the toolbar. */
    public void showError(String text) {
        Label msg = new Label(text);
        msg.setWrapText(true);
        msg.getStyleClass().add("banner-text");
        Button close = new Button("Dismiss");
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Hide this message"));
        HBox bar = new HBox(12, msg, close);
        HBox.setHgrow(msg, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("error-banner");
        bar.setPadding(new Insets(8, 16, 8, 16));
        close.setOnAction(e -> banners.getChildren().remove(bar));
        banners.getChildren().add(bar);
    }

    /** Number of error banners on screen (for tests). */
    public int bannerCount() {
        return banners.getChildren().size();
    }

    public boolean isSidePanelShown() {
        return split.getItems().contains(sidePanel);
    }

    /** Shows or hides the side panel at the user's request (F9 or the toolbar). */
    public void toggleSidePanel() {
        autoHidden = false;
        setSidePanelShown(!isSidePanelShown());
    }

    private void setSidePanelShown(boolean show) {
        if (show == isSidePanelShown()) {
            return;
        }
        if (show) {
            split.getItems().add(0, sidePanel);
            split.setDividerPositions(0.3);
        } else {
            split.getItems().remove(sidePanel);
        }
    }

    /** Opens the n-th pane of the navigation (from 1); false if there are fewer panes. */
    public boolean openNumber(int n) {
        if (n < 1 || n > infos.size()) {
            return false;
        }
        open(List.copyOf(infos.keySet()).get(n - 1));
        return true;
    }

    // ---- presentation mode, blank screen, theme ------------------------------------------------

    public javafx.beans.property.ReadOnlyBooleanProperty presentingProperty() {
        return presenting.getReadOnlyProperty();
    }

    public boolean isPresenting() {
        return presenting.get();
    }

    /**
     * Presentation mode: the toolbar, navigation, side panel, control panel and status bar are
     * hidden; the window goes full screen; text and lines of every figure grow by
     * {@link FigureStyle#PRESENTATION_SCALE} in a high-contrast palette; the current lesson
     * step shows in a strip under the figure. Leaving it puts every node back as it was:
     * visibility, the side panel and its divider, full screen, the focus.
     */
    public void setPresenting(boolean on) {
        if (on == isPresenting()) {
            return;
        }
        javafx.stage.Stage stage = stage();
        if (on) {
            Map<Node, boolean[]> shown = new LinkedHashMap<>();
            for (Node n : List.of(toolbarBox, navigation, statusBar.node(), controlsScroll)) {
                shown.put(n, new boolean[] {n.isVisible(), n.isManaged()});
            }
            Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
            saved = new Layout(split.getDividerPositions(), isSidePanelShown(), autoHidden,
                    stage != null && stage.isFullScreen(), shown, focus);
            presenting.set(true);
            shown.keySet().forEach(n -> {
                n.setVisible(false);
                n.setManaged(false);
            });
            split.getItems().remove(sidePanel);
            fillStrip();
            stripScroll.setVisible(true);
            stripScroll.setManaged(true);
            stack.getStyleClass().add("presenting");
            applyFigureStyle();
            if (stage != null && fullScreenOnPresent) {
                stage.setFullScreenExitHint("");
                stage.setFullScreenExitKeyCombination(javafx.scene.input.KeyCombination.NO_MATCH);
                stage.setFullScreen(true);
            }
            focusFigure();
        } else {
            Layout l = saved;
            saved = null;
            stack.getStyleClass().remove("presenting");
            stripScroll.setVisible(false);
            stripScroll.setManaged(false);
            strip.getChildren().clear();
            l.shown().forEach((n, vm) -> {
                n.setVisible(vm[0]);
                n.setManaged(vm[1]);
            });
            if (l.sidePanel() && !isSidePanelShown()) {
                split.getItems().add(0, sidePanel);
            } else if (!l.sidePanel() && isSidePanelShown()) {
                split.getItems().remove(sidePanel); // shown with F9 while presenting
            }
            // The split pane's skin places its dividers anew on the layout after its items
            // change: lay out first, then put the dividers back where they were.
            stack.applyCss();
            stack.layout();
            split.setDividerPositions(l.dividers());
            autoHidden = l.autoHidden();
            if (stage != null && stage.isFullScreen() != l.fullScreen()) {
                stage.setFullScreen(l.fullScreen());
            }
            presenting.set(false);
            applyFigureStyle();
            if (l.focus() != null && l.focus().getScene() == root.getScene()) {
                l.focus().requestFocus();
            } else {
                focusFigure();
            }
        }
        presentButton.setSelected(on);
    }

    /** Whether presentation mode makes the window full screen (it does unless told otherwise). */
    public void setFullScreenOnPresent(boolean on) {
        fullScreenOnPresent = on;
    }

    private javafx.stage.Stage stage() {
        return root.getScene() != null && root.getScene().getWindow() instanceof javafx.stage.Stage st ? st : null;
    }

    private void focusFigure() {
        Topic t = current.get();
        if (t != null) {
            t.figure().requestFocus();
        }
    }

    public boolean isBlanked() {
        return blankCover.isVisible();
    }

    /** Blanks the screen (black, for when the class should look at the lecturer) or brings it back. */
    public void setBlanked(boolean on) {
        blankCover.setVisible(on);
        blankCover.setCursor(on ? javafx.scene.Cursor.NONE : null);
        if (!on) {
            focusFigure();
        }
    }

    /**
     * Sees every key press before the shortcut table: while the screen is blank, any key brings
     * it back and does nothing else.
     *
     * @return true if the key was used up
     */
    public boolean interceptKey(javafx.scene.input.KeyEvent e) {
        if (isBlanked() && !e.getCode().isModifierKey()) {
            setBlanked(false);
            return true;
        }
        return false;
    }

    public boolean isDarkTheme() {
        return darkTheme;
    }

    /**
     * The dark theme for projectors: AtlantaFX Primer Dark for the controls, the dark palette
     * for every figure and the lesson text; remembered in the settings.
     */
    public void setDarkTheme(boolean dark) {
        darkTheme = dark;
        javafx.application.Application.setUserAgentStylesheet(dark
                ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        stack.getStyleClass().remove("dark");
        if (dark) {
            stack.getStyleClass().add("dark");
        }
        themeButton.setSelected(dark);
        applyFigureStyle();
        if (exportSettings.darkTheme() != dark) {
            exportSettings.darkTheme(dark);
        }
    }

    /** The figures' style from the theme and presentation mode. */
    private void applyFigureStyle() {
        FigureStyle.Palette p = darkTheme ? FigureStyle.Palette.DARK : FigureStyle.Palette.LIGHT;
        FigureStyle.currentProperty().set(isPresenting()
                ? new FigureStyle(p.withContrast(true), FigureStyle.PRESENTATION_SCALE)
                : new FigureStyle(p, 1));
    }

    /** Runs a key press of a shortcut (the pane number of 1 to 9 comes from the key). */
    public boolean handle(Shortcut s, javafx.scene.input.KeyEvent e) {
        if (s == Shortcut.OPEN_PANE) {
            return openNumber(Shortcut.paneNumber(e));
        }
        return handle(s);
    }

    /** Runs a shortcut: the shell's own first, then the current pane's. */
    public boolean handle(Shortcut s) {
        switch (s) {
            case PRESENT -> {
                setPresenting(!isPresenting());
                return true;
            }
            case LEAVE -> {
                if (!isPresenting()) {
                    return false;
                }
                setPresenting(false);
                return true;
            }
            case BLANK -> {
                setBlanked(!isBlanked());
                return true;
            }
            case THEME -> {
                setDarkTheme(!darkTheme);
                statusBar.flash(darkTheme ? "Dark theme (F6 for light)" : "Light theme (F6 for dark)");
                return true;
            }
            case OPEN_PANE -> {
                return false; // needs the key: see handle(Shortcut, KeyEvent)
            }
            case HELP -> {
                ShortcutHelp.show(stack.getScene().getWindow());
                return true;
            }
            case TOGGLE_SIDE_PANEL -> {
                toggleSidePanel();
                return true;
            }
            case EXPORT_PNG -> {
                exportPng(exportSettings.scale());
                return true;
            }
            case COPY_FIGURE -> {
                copyFigure();
                return true;
            }
            case LESSON_NEXT -> {
                return sidePanel.next();
            }
            case LESSON_PREVIOUS -> {
                return sidePanel.previous();
            }
            case REVEAL_ANSWER -> {
                return sidePanel.revealAnswers();
            }
            default -> {
                Topic t = current.get();
                return t != null && t.onShortcut(s);
            }
        }
    }

    /** Asks where to save, then writes the figure as PNG at {@code scale} off the FX thread. */
    public void exportPng(int scale) {
        Topic t = current.get();
        if (t == null) {
            return;
        }
        exportSettings.scale(scale);
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save figure as PNG (" + scale + "x)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("genlab-" + t.id() + ".png");
        File last = exportSettings.lastFolder();
        if (last != null && last.isDirectory()) {
            chooser.setInitialDirectory(last);
        }
        Window w = stack.getScene().getWindow();
        File f = chooser.showSaveDialog(w);
        if (f == null) {
            return;
        }
        if (!f.getName().toLowerCase().endsWith(".png")) {
            f = new File(f.getParentFile(), f.getName() + ".png");
        }
        exportSettings.lastFolder(f.getParentFile());
        savePng(t, scale, f.toPath(), msg -> statusBar.flash(msg));
    }

    /**
     * Snapshots the pane's figure on the FX thread, then encodes and writes the PNG on the
     * compute pool; {@code done} gets a message for the status bar on the FX thread.
     */
    public void savePng(Topic t, int scale, Path out, Consumer<String> done) {
        WritableImage img = PngExporter.snapshot(t.figure(), scale);
        context.pool().executor().execute(() -> {
            String msg;
            try {
                PngExporter.write(PngExporter.toBufferedImage(img), out);
                msg = "Saved " + out + " (" + (int) img.getWidth() + "x" + (int) img.getHeight() + " px)";
            } catch (Exception e) {
                msg = "Could not save " + out + ": " + e.getMessage();
            }
            String m = msg;
            context.uiExecutor().execute(() -> done.accept(m));
        });
    }

    /** Asks where to save, then writes the figure as SVG (the walk on the FX thread, the file off it). */
    public void exportSvg() {
        Topic t = current.get();
        if (t == null) {
            return;
        }
        File f = askSaveFile("Save figure as SVG", "SVG image", "svg", "genlab-" + t.id() + ".svg");
        if (f != null) {
            saveSvg(t, f.toPath(), statusBar::flash);
        }
    }

    /** Writes the pane's figure as SVG to {@code out}; {@code done} gets a message on the FX thread. */
    public void saveSvg(Topic t, Path out, Consumer<String> done) {
        String svg = org.genlab.export.SvgExporter.toSvg(t.figure());
        byte[] bytes = svg.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        writeOffThread(out, os -> os.write(bytes), "Saved " + out + " (SVG, " + (bytes.length + 1023) / 1024 + " KB)", done);
    }

    /** Asks what to animate and where, then writes the GIF as a cancellable job in the status bar. */
    public void exportGif() {
        Topic t = current.get();
        if (t == null) {
            return;
        }
        java.util.Optional<org.genlab.ui.topic.PaneTime> time = t.time();
        if (time.isEmpty()) {
            statusBar.flash("This view has no time to animate; EM, diffusion, flow matching and the VAE's latent view (training) have.");
            return;
        }
        javafx.geometry.Bounds b = t.figure().getLayoutBounds();
        java.util.Optional<org.genlab.export.GifExporter.Options> options =
                new GifDialog(stack.getScene().getWindow(), t.title(), time.get(), b.getWidth(), b.getHeight()).ask();
        if (options.isEmpty()) {
            return;
        }
        File f = askSaveFile("Save animation as GIF", "GIF animation", "gif", "genlab-" + t.id() + ".gif");
        if (f != null) {
            saveGif(t, time.get(), options.get(), f.toPath(), statusBar::flash);
        }
    }

    /**
     * Writes the animation as a job with progress and Cancel in the status bar, on a thread of
     * its own (the pane needs the compute pool to draw each frame).
     */
    public org.genlab.compute.ComputeJob<org.genlab.export.GifExporter.Result> saveGif(Topic t,
            org.genlab.ui.topic.PaneTime time, org.genlab.export.GifExporter.Options options, Path out, Consumer<String> done) {
        Node figure = t.figure();
        return org.genlab.compute.ComputeJob.<org.genlab.export.GifExporter.Result>builder("Writing " + out.getFileName(),
                        sink -> org.genlab.export.GifExporter.write(figure, time, options, context.uiExecutor(), sink, out))
                .onSuccess(r -> done.accept("Saved " + out + " (" + r.frames() + " frames, " + r.width() + "x" + r.height() + " px)"))
                .onFailure(e -> done.accept("Could not save " + out + ": " + e.getMessage()))
                .onCancelled(() -> done.accept("GIF export cancelled; nothing was written"))
                .tracker(context.jobs())
                .start(r -> {
                    Thread th = new Thread(r, "genlab-gif-export");
                    th.setDaemon(true);
                    th.setPriority(Thread.MIN_PRIORITY); // background work, as the compute pool's

                    th.start();
                }, context.uiExecutor());
    }

    /** Asks where to save a table of the pane, then writes it as CSV. */
    public void exportCsv(Topic t, org.genlab.core.io.CsvTable table) {
        File f = askSaveFile("Save " + table.title() + " as CSV", "CSV table", "csv", "genlab-" + t.id() + "-" + table.name() + ".csv");
        if (f != null) {
            writeOffThread(f.toPath(), table::write, "Saved " + f + " (" + table.rows().size() + " rows of " + table.title() + ")",
                    statusBar::flash);
        }
    }

    /** The file chooser every export shares: the last folder, the extension added if missing. */
    private File askSaveFile(String title, String kind, String ext, String initialName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*." + ext));
        chooser.setInitialFileName(initialName);
        File last = exportSettings.lastFolder();
        if (last != null && last.isDirectory()) {
            chooser.setInitialDirectory(last);
        }
        File f = chooser.showSaveDialog(stack.getScene().getWindow());
        if (f == null) {
            return null;
        }
        if (!f.getName().toLowerCase(java.util.Locale.ROOT).endsWith("." + ext)) {
            f = new File(f.getParentFile(), f.getName() + "." + ext);
        }
        exportSettings.lastFolder(f.getParentFile());
        return f;
    }

    /** Writes a file atomically on the compute pool; {@code done} gets the outcome on the FX thread. */
    private void writeOffThread(Path out, org.genlab.core.io.AtomicFiles.Content content, String success, Consumer<String> done) {
        context.pool().executor().execute(() -> {
            String msg;
            try {
                org.genlab.core.io.AtomicFiles.write(out, content);
                msg = success;
            } catch (Exception e) {
                msg = "Could not save " + out + ": " + e.getMessage();
            }
            String m = msg;
            context.uiExecutor().execute(() -> done.accept(m));
        });
    }

    /** Puts the figure on the clipboard at 2x. */
    public void copyFigure() {
        Topic t = current.get();
        if (t == null) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putImage(PngExporter.snapshot(t.figure(), 2));
        Clipboard.getSystemClipboard().setContent(c);
        statusBar.flash("Figure copied to the clipboard (2x)");
    }

    /** Keeps each open pane's state for the next start (if that is on), then disposes every opened pane. */
    public void dispose() {
        if (comparison != null) {
            setPinned(false);
        }
        states.keepLastStates(opened.values());
        opened.values().forEach(Topic::dispose);
        opened.clear();
    }

    private Node buildToolbar() {
        Label brand = new Label("GenLab");
        brand.getStyleClass().add("brand");
        paneTitle.getStyleClass().add("pane-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        ToggleButton side = new ToggleButton("Side panel");
        side.setSelected(true);
        side.setOnAction(e -> {
            if (side.isSelected() != isSidePanelShown()) {
                toggleSidePanel();
            }
        });
        side.setTooltip(new Tooltip("Show or hide the side panel (F9)"));
        split.getItems().addListener((javafx.collections.ListChangeListener<Node>) c -> side.setSelected(isSidePanelShown()));

        SplitMenuButton export = new SplitMenuButton();
        export.setText("Save PNG");
        export.setId("export-button");
        export.setTooltip(new Tooltip("Save the figure as PNG (Ctrl+S); the arrow offers 1x, 2x or 4x, SVG, an animated GIF "
                + "and the pane's data as CSV"));
        export.setOnAction(e -> exportPng(exportSettings.scale()));
        for (int s : PngExporter.SCALES) {
            MenuItem item = new MenuItem("PNG at " + s + "x" + (s == 2 ? " (crisp on slides)" : ""));
            item.setOnAction(e -> exportPng(s));
            export.getItems().add(item);
        }
        MenuItem svg = new MenuItem("SVG (vector: shapes and text)…");
        svg.setId("export-svg");
        svg.setOnAction(e -> exportSvg());
        MenuItem gif = new MenuItem("Animated GIF…");
        gif.setId("export-gif");
        gif.setOnAction(e -> exportGif());
        export.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), svg, gif);
        // the pane's tables (data, samples, trajectories) change with the pane: listed on opening
        int fixedItems = export.getItems().size();
        export.setOnShowing(e -> {
            export.getItems().remove(fixedItems, export.getItems().size());
            Topic t = current.get();
            gif.setDisable(t == null || t.time().isEmpty());
            java.util.List<org.genlab.core.io.CsvTable> tables = t == null ? java.util.List.of() : t.tables();
            if (!tables.isEmpty()) {
                export.getItems().add(new javafx.scene.control.SeparatorMenuItem());
            }
            for (org.genlab.core.io.CsvTable table : tables) {
                MenuItem item = new MenuItem("CSV: " + table.title() + "…");
                item.setId("export-csv-" + table.name());
                item.setMnemonicParsing(false); // titles hold underscores (x_t), not mnemonics
                item.setOnAction(ev -> exportCsv(t, table));
                export.getItems().add(item);
            }
        });
        Button copy = new Button("Copy figure");
        copy.setTooltip(new Tooltip("Copy the figure to the clipboard at 2x (Ctrl+Shift+C)"));
        copy.setOnAction(e -> copyFigure());
        Button help = new Button("Shortcuts");
        help.setTooltip(new Tooltip("Every keyboard shortcut (F1)"));
        help.setOnAction(e -> ShortcutHelp.show(stack.getScene().getWindow()));
        themeButton.setId("theme-button");
        themeButton.setTooltip(new Tooltip("Dark theme for projectors: controls, figures and lessons (F6)"));
        themeButton.setOnAction(e -> setDarkTheme(themeButton.isSelected()));
        presentButton.setId("present-button");
        presentButton.setTooltip(new Tooltip("Presentation mode: the figure full screen, large text, the lesson step "
                + "under it (F5; Esc leaves)"));
        presentButton.setOnAction(e -> setPresenting(presentButton.isSelected()));

        ToolBar bar = new ToolBar(brand, paneTitle, spacer, side, themeButton, presentButton, states.menu(), export, copy, help);
        bar.getStyleClass().add("main-toolbar");
        // Toolbar buttons must not keep the focus: the lecturer keys belong to the figure.
        bar.getItems().forEach(n -> n.setFocusTraversable(false));
        return bar;
    }

    private Node buildNavigation() {
        VBox nav = new VBox(4);
        nav.getStyleClass().add("navigation");
        nav.setPadding(new Insets(12, 8, 12, 8));
        Label head = new Label("TOPICS");
        head.getStyleClass().add("nav-heading");
        nav.getChildren().add(head);
        for (TopicInfo info : infos.values()) {
            Label title = new Label(info.title());
            title.getStyleClass().add("nav-title");
            Label summary = new Label(info.summary());
            summary.getStyleClass().add("nav-summary");
            summary.setMinHeight(Region.USE_PREF_SIZE);
            ToggleButton b = new ToggleButton();
            b.setGraphic(new VBox(2, title, summary));
            b.setMaxWidth(Double.MAX_VALUE);
            b.setMinHeight(Region.USE_PREF_SIZE);
            b.setMaxHeight(Region.USE_PREF_SIZE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.getStyleClass().add("nav-button");
            b.setId("nav-" + info.id());
            b.setToggleGroup(navGroup);
            b.setFocusTraversable(false);
            b.setOnAction(e -> {
                if (current.get() != null && current.get().id().equals(info.id())) {
                    b.setSelected(true);
                } else {
                    open(info.id());
                }
            });
            navButtons.put(info.id(), b);
            nav.getChildren().add(b);
        }
        nav.setPrefWidth(190);
        return nav;
    }

    /** The "about this pane" part of the side panel, under the lesson list. */
    private Node buildAbout() {
        Label about = new Label("ABOUT THIS PANE");
        about.getStyleClass().add("nav-heading");
        about.setPadding(new Insets(12, 0, 0, 0));
        sideTitle.getStyleClass().add("side-title");
        sideText.setWrapText(true);
        sideText.setMinHeight(Region.USE_PREF_SIZE);
        sideText.getStyleClass().add("side-text");
        return new VBox(8, about, sideTitle, sideText);
    }
}
