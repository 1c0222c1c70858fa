package org.genlab.app;

import atlantafx.base.theme.PrimerLight;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.lesson.LessonFolders;
import org.genlab.lesson.LessonLoader;
import org.genlab.lesson.LessonProgress;
import org.genlab.lesson.LoadResult;
import org.genlab.ui.shell.MainWindow;
import org.genlab.ui.shell.ShortcutHandler;
import org.genlab.ui.topic.TopicContext;

/** The GenLab window. Started by {@link Launcher}; options come from {@link GuiOptions}. */
public final class GenLabApp extends Application {
    public static final double WIDTH = 1440;
    public static final double HEIGHT = 900;
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 700;

    private MainWindow window;

    @Override
    public void start(Stage stage) {
        GuiOptions options = GuiOptions.parse(getParameters().getRaw());
        Scene scene = createScene(options, new AppSettings(AppSettings.home()));
        stage.setTitle("GenLab — generative models, hands on");
        stage.setScene(scene);
        stage.show();
        fitToScreen(stage);
    }

    /**
     * Keeps the window on the screen it opened on (a 1280x720 projector is smaller than the
     * default 1440x900), centred, and sets the minimum size only now: a minimum set before the
     * window is shown made openbox open it at that minimum, 1024x700, cutting the toolbar.
     */
    private static void fitToScreen(Stage stage) {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getScreensForRectangle(stage.getX(), stage.getY(),
                stage.getWidth(), stage.getHeight()).stream().findFirst().orElse(javafx.stage.Screen.getPrimary()).getVisualBounds();
        double w = Math.min(stage.getWidth(), screen.getWidth()), h = Math.min(stage.getHeight(), screen.getHeight());
        stage.setMinWidth(Math.min(MIN_WIDTH, screen.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, screen.getHeight()));
        // Setting the minimum resizes the window to it under some window managers: size it again.
        stage.setWidth(w);
        stage.setHeight(h);
        stage.setX(screen.getMinX() + (screen.getWidth() - w) / 2);
        stage.setY(screen.getMinY() + (screen.getHeight() - h) / 2);
    }

    /**
     * Builds the whole window's scene (theme, panes, shortcuts) and opens the pane the
     * options ask for. Problems with the options show as banners in the window.
     */
    public Scene createScene(GuiOptions options, AppSettings settings) {
        applyTheme();
        TopicContext context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        LoadResult lessons = new LessonLoader(TopicRegistry.catalog()).load(LessonFolders.with(options.lessonDirs()));
        LessonProgress progress = new LessonProgress(settings.folder());
        window = new MainWindow(TopicRegistry.all(), context, exportSettings(settings), lessons, progress);
        Scene scene = new Scene(window.root(), WIDTH, HEIGHT);
        scene.getStylesheets().add(stylesheet());
        ShortcutHandler.install(scene, window::handle, window::interceptKey);
        window.open(TopicRegistry.all().get(0).id());
        if (options.pane() != null && !options.pane().equals(TopicRegistry.all().get(0).id())) {
            window.open(options.pane());
        }
        options.errors().forEach(window::showError);
        progress.warning().ifPresent(window::showError);
        long errors = lessons.errors().size();
        if (errors > 0) {
            window.showError(errors + (errors == 1 ? " lesson file has" : " lesson files have")
                    + " problems and did not load; the side panel lists them with file and line.");
        }
        if (options.lesson() != null) {
            openLesson(options, lessons);
        }
        if (options.state() != null) {
            window.openStateFile(options.state());
        }
        return scene;
    }

    private void openLesson(GuiOptions options, LoadResult lessons) {
        String id = options.lesson();
        if (window.lessons().find(id).isEmpty()) {
            String why = lessons.errors().stream().map(Object::toString).reduce((a, b) -> a + "; " + b)
                    .map(s -> " Problems: " + s).orElse("");
            window.showError("There is no lesson '" + id + "'." + why);
            return;
        }
        java.util.OptionalInt step = options.step() == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(options.step());
        if (!window.lessons().open(id, step)) {
            int n = window.lessons().find(id).get().steps().size();
            window.showError("Lesson '" + id + "' has steps 1 to " + n + "; there is no step " + options.step() + ".");
            window.lessons().open(id, java.util.OptionalInt.empty());
        }
    }

    public MainWindow window() {
        return window;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
        }
    }

    /** GenLab's theme: AtlantaFX Primer as the base, GenLab's stylesheet on top. */
    public static void applyTheme() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    public static String stylesheet() {
        return GenLabApp.class.getResource("/org/genlab/ui/genlab.css").toExternalForm();
    }

    private static MainWindow.Settings exportSettings(AppSettings settings) {
        return new MainWindow.Settings() {
            @Override
            public int scale() {
                int s = settings.getInt("export.scale", 2);
                return s == 1 || s == 2 || s == 4 ? s : 2;
            }

            @Override
            public void scale(int scale) {
                settings.put("export.scale", Integer.toString(scale));
            }

            @Override
            public File lastFolder() {
                return settings.get("export.folder").map(File::new).orElse(null);
            }

            @Override
            public void lastFolder(File folder) {
                settings.put("export.folder", folder.getAbsolutePath());
            }

            @Override
            public boolean darkTheme() {
                return settings.get("theme").map("dark"::equals).orElse(false);
            }

            @Override
            public void darkTheme(boolean dark) {
                settings.put("theme", dark ? "dark" : "light");
            }

            @Override
            public List<Path> recentStates() {
                return settings.get("state.recent").stream().flatMap(v -> java.util.Arrays.stream(v.split("\n")))
                        .filter(x -> !x.isBlank()).map(Path::of).toList();
            }

            @Override
            public void recentStates(List<Path> files) {
                settings.put("state.recent", String.join("\n", files.stream().map(Path::toString).toList()));
            }

            @Override
            public boolean restoreLastStates() {
                return settings.get("state.restoreLast").map("true"::equals).orElse(true);
            }

            @Override
            public void restoreLastStates(boolean on) {
                settings.put("state.restoreLast", Boolean.toString(on));
            }

            @Override
            public java.util.Optional<Path> folder() {
                return java.util.Optional.of(settings.folder());
            }
        };
    }

    /**
     * Options of the window (not of the headless subcommands): {@code --pane NAME},
     * {@code --lesson ID [--step N]}, {@code --lessons DIR} (repeatable), {@code --state FILE}
     * (a saved state, opened once the window is up). A bad option is not
     * fatal: it becomes an error line shown in the window.
     */
    public record GuiOptions(String pane, String lesson, Integer step, List<Path> lessonDirs, Path state, List<String> errors) {
        private static final String USAGE = "Options: --pane NAME, --lesson ID [--step N], --lessons DIR, --state FILE.genlab.json; "
                + "run 'genlab --help' for the headless commands.";

        public static GuiOptions parse(List<String> args) {
            String pane = null, lesson = null;
            Path state = null;
            Integer step = null;
            List<Path> dirs = new java.util.ArrayList<>();
            List<String> errors = new java.util.ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                boolean known = List.of("--pane", "--lesson", "--step", "--lessons", "--state").contains(name);
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (known && i + 1 < args.size() ? args.get(++i) : null);
                if (!known) {
                    errors.add("Unknown command-line option '" + a + "' (ignored). " + USAGE);
                } else if (value == null) {
                    errors.add("Option " + name + " needs a value (ignored). " + USAGE);
                } else if (name.equals("--pane")) {
                    pane = value;
                } else if (name.equals("--lesson")) {
                    lesson = value;
                } else if (name.equals("--lessons")) {
                    dirs.add(Path.of(value));
                } else if (name.equals("--state")) {
                    state = Path.of(value);
                } else {
                    try {
                        step = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        errors.add("--step: '" + value + "' is not a whole number (ignored).");
                    }
                }
            }
            if (step != null && lesson == null) {
                errors.add("--step goes with --lesson ID (ignored).");
                step = null;
            }
            return new GuiOptions(pane, lesson, step, List.copyOf(dirs), state, List.copyOf(errors));
        }
    }
}
