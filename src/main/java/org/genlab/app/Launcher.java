package org.genlab.app;

import javafx.application.Application;

/**
 * The entry point. A plain class (not an {@link Application}) so the shaded jar starts with
 * {@code java -jar} without the JavaFX module path.
 *
 * <p>No arguments, or only window options ({@code --pane NAME}, {@code --lesson ID},
 * {@code --step N}, {@code --lessons DIR}): opens the window. A
 * subcommand ({@code render}, {@code data}) or {@code --help}: runs headless and never
 * opens a window.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // First, before any JavaFX class loads: on a Mac, the multi-platform jar's natives must be
        // unpacked and put on JavaFX's search path (a no-op everywhere else; see NativeCache).
        NativeCache.prepare();
        if (args.length > 0 && Cli.isHeadless(args[0])) {
            System.exit(Cli.run(args));
        }
        Application.launch(GenLabApp.class, args);
    }
}
