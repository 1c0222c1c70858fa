package org.genlab.app;

import atlantafx.base.theme.PrimerLight;
import java.io.File;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
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
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.show();
    }

    /**
     * Builds the whole window's scene (theme, panes, shortcuts) and opens the pane the
     * options ask for. Problems with the options show as banners in the window.
     */
    public Scene createScene(GuiOptions options, AppSettings settings) {
        applyTheme();
        TopicContext context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        window = new MainWindow(TopicRegistry.all(), context, exportSettings(settings));
        Scene scene = new Scene(window.root(), WIDTH, HEIGHT);
        scene.getStylesheets().add(stylesheet());
        ShortcutHandler.install(scene, window::handle);
        window.open(TopicRegistry.all().get(0).id());
        if (options.pane() != null && !options.pane().equals(TopicRegistry.all().get(0).id())) {
            window.open(options.pane());
        }
        options.errors().forEach(window::showError);
        return scene;
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

    private static MainWindow.ExportSettings exportSettings(AppSettings settings) {
        return new MainWindow.ExportSettings() {
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
        };
    }

    /** Options of the window (not of the headless subcommands). */
    public record GuiOptions(String pane, List<String> errors) {
        public static GuiOptions parse(List<String> args) {
            String pane = null;
            List<String> errors = new java.util.ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--pane") && i + 1 < args.size()) {
                    pane = args.get(++i);
                } else if (a.startsWith("--pane=")) {
                    pane = a.substring("--pane=".length());
                } else {
                    errors.add("Unknown command-line option '" + a + "' (ignored). Options: --pane NAME; "
                            + "run 'genlab --help' for the headless commands.");
                }
            }
            return new GuiOptions(pane, List.copyOf(errors));
        }
    }
}
