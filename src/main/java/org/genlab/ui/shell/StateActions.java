package org.genlab.ui.shell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicStates;

/**
 * The window's state menu: save and open a pane's state file ({@code *.genlab.json}), copy
 * and paste a state as text (for chat and e-mail), the recent state files, and the last state
 * of each pane kept when the window closes and restored when it opens again (can be turned
 * off). Opening a state builds a fresh pane from it; a state that does not fit is refused
 * with what is wrong and where, and the pane on screen is untouched.
 *
 * <p>Reading and writing files happens on the compute pool; building a pane from a parsed
 * state is quick and happens on the FX thread (its compute then starts in the background, as
 * when a pane opens).
 */
final class StateActions {
    /** How many recent state files the menu lists. */
    static final int RECENT = 8;
    private static final String LAST_FOLDER = "last-states";

    private final MainWindow window;
    private final MainWindow.Settings settings;

    StateActions(MainWindow window, MainWindow.Settings settings) {
        this.window = window;
        this.settings = settings;
    }

    /** The toolbar's "State" menu. */
    MenuButton menu() {
        MenuButton b = new MenuButton("State");
        b.setId("state-menu");
        b.setTooltip(new Tooltip("Save, open, copy or paste the whole state of this pane (data, seed, settings, zoom, "
                + "timeline place, trained model); pin it to compare two runs side by side"));
        MenuItem save = item("Save state…", "state-save", this::saveAs);
        MenuItem open = item("Open state…", "state-open", this::openChosen);
        MenuItem copy = item("Copy state as text", "state-copy", this::copy);
        MenuItem paste = item("Paste state", "state-paste", this::paste);
        MenuItem pin = item("Pin this run to compare (A/B)", "state-pin", window::togglePinned);
        Menu recent = new Menu("Recent states");
        recent.setId("state-recent");
        CheckMenuItem restore = new CheckMenuItem("Restore each pane's last state at start");
        restore.setId("state-restore-last");
        restore.setSelected(settings.restoreLastStates());
        restore.setOnAction(e -> settings.restoreLastStates(restore.isSelected()));
        b.getItems().addAll(save, open, recent, new SeparatorMenuItem(), copy, paste, new SeparatorMenuItem(), pin,
                new SeparatorMenuItem(), restore);
        b.setOnShowing(e -> {
            pin.setText(window.isPinned() ? "Stop comparing (unpin A)" : "Pin this run to compare (A/B)");
            recent.getItems().setAll(recentItems());
            recent.setDisable(recent.getItems().isEmpty());
        });
        return b;
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setMnemonicParsing(false);
        m.setOnAction(e -> action.run());
        return m;
    }

    private List<MenuItem> recentItems() {
        List<MenuItem> out = new ArrayList<>();
        for (Path p : settings.recentStates()) {
            MenuItem m = item(p.getFileName() + "  —  " + (p.getParent() == null ? "" : p.getParent()), "", () -> openFile(p));
            out.add(m);
        }
        return out;
    }

    // ---- save ----------------------------------------------------------------------------

    private void saveAs() {
        Topic t = window.currentTopic().get();
        if (t == null) {
            return;
        }
        FileChooser chooser = chooser("Save the state of the " + t.title() + " pane");
        chooser.setInitialFileName("genlab-" + t.id() + StateFile.EXTENSION);
        File f = chooser.showSaveDialog(window.root().getScene().getWindow());
        if (f == null) {
            return;
        }
        if (!f.getName().endsWith(StateFile.EXTENSION)) {
            f = new File(f.getParentFile(), f.getName().replaceAll("\\.json$", "") + StateFile.EXTENSION);
        }
        settings.lastFolder(f.getParentFile());
        save(t, f.toPath(), window.statusBar()::flash);
    }

    /** Captures {@code t} now (FX thread) and writes it off the FX thread; {@code done} gets the outcome. */
    void save(Topic t, Path out, Consumer<String> done) {
        PaneState s = TopicStates.capture(t);
        window.context().pool().executor().execute(() -> {
            String msg;
            try {
                String json = StateFile.toJson(s);
                org.genlab.core.io.AtomicFiles.writeText(out, w -> w.write(json));
                msg = "Saved the state of the " + t.title() + " pane to " + out + " (" + kb(json) + ")";
                window.context().uiExecutor().execute(() -> remember(out));
            } catch (Exception e) {
                msg = "Could not save " + out + ": " + e.getMessage();
            }
            String m = msg;
            window.context().uiExecutor().execute(() -> done.accept(m));
        });
    }

    // ---- open ----------------------------------------------------------------------------

    private void openChosen() {
        FileChooser chooser = chooser("Open a GenLab state");
        File f = chooser.showOpenDialog(window.root().getScene().getWindow());
        if (f != null) {
            settings.lastFolder(f.getParentFile());
            openFile(f.toPath());
        }
    }

    /** Reads {@code file} off the FX thread, then shows its pane; a refusal leaves everything as it was. */
    void openFile(Path file) {
        window.statusBar().flash("Opening " + file.getFileName() + "…");
        window.context().pool().executor().execute(() -> {
            PaneState s;
            try {
                s = StateFile.read(file);
            } catch (StateException e) {
                window.context().uiExecutor().execute(() -> {
                    refuse("Could not open " + file + " — " + e.getMessage());
                    if (!Files.exists(file)) {
                        forget(file);
                    }
                });
                return;
            }
            window.context().uiExecutor().execute(() -> {
                if (show(s, file.getFileName().toString())) {
                    remember(file);
                }
            });
        });
    }

    /**
     * Builds the pane of {@code s} and puts it on screen in place of that pane's current one
     * (FX thread).
     *
     * @return false if the state was refused (an error banner says why; nothing changed)
     */
    boolean show(PaneState s, String source) {
        try {
            window.install(s);
        } catch (StateException e) {
            refuse("Could not open " + source + " — " + e.getMessage());
            return false;
        }
        window.statusBar().flash("Opened " + source + ": the " + s.pane() + " pane" + (s.note().isEmpty() ? "" : " — " + s.note()));
        return true;
    }

    private void refuse(String why) {
        window.showError(why + ". The pane on screen is unchanged.");
    }

    // ---- copy and paste ------------------------------------------------------------------

    /** Puts the current pane's state on the clipboard as the text of a state file. */
    void copy() {
        Topic t = window.currentTopic().get();
        if (t == null) {
            return;
        }
        String json = StateFile.toJson(TopicStates.capture(t));
        ClipboardContent c = new ClipboardContent();
        c.putString(json);
        Clipboard.getSystemClipboard().setContent(c);
        window.statusBar().flash("State of the " + t.title() + " pane copied as text (" + kb(json) + "); paste it into "
                + "GenLab with State → Paste state");
    }

    /** Opens the state on the clipboard (text copied from GenLab, a chat or an e-mail). */
    void paste() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text == null || text.isBlank()) {
            refuse("Paste state: the clipboard holds no text");
            return;
        }
        window.context().pool().executor().execute(() -> {
            try {
                PaneState s = StateFile.parse(text.strip());
                window.context().uiExecutor().execute(() -> show(s, "the pasted state"));
            } catch (StateException e) {
                window.context().uiExecutor().execute(() -> refuse("Paste state: the clipboard's text is not a state — "
                        + e.getMessage()));
            }
        });
    }

    // ---- recent files and the last states ------------------------------------------------

    private void remember(Path file) {
        List<Path> list = new ArrayList<>(settings.recentStates());
        Path abs = file.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        settings.recentStates(list.subList(0, Math.min(RECENT, list.size())));
    }

    private void forget(Path file) {
        List<Path> list = new ArrayList<>(settings.recentStates());
        if (list.remove(file.toAbsolutePath().normalize())) {
            settings.recentStates(list);
        }
    }

    /** Where the last state of pane {@code id} is kept, if the settings have a folder. */
    Optional<Path> lastStateFile(String id) {
        return settings.folder().map(f -> f.resolve(LAST_FOLDER).resolve(id + StateFile.EXTENSION));
    }

    /**
     * The last state of pane {@code id}, if one was kept and restoring is on. A file that no
     * longer fits (a GenLab upgrade, a hand edit) is reported and set aside, never fatal.
     */
    Optional<PaneState> lastState(String id) {
        if (!settings.restoreLastStates()) {
            return Optional.empty();
        }
        Optional<Path> f = lastStateFile(id).filter(Files::isRegularFile);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StateFile.read(f.get()));
        } catch (StateException e) {
            window.showError("The last state of the " + id + " pane could not be restored (" + e.getMessage()
                    + "); it opens as new.");
            return Optional.empty();
        }
    }

    /** Keeps the state of every open pane for the next start (when the window closes). */
    void keepLastStates(Iterable<Topic> panes) {
        if (!settings.restoreLastStates()) {
            return;
        }
        for (Topic t : panes) {
            lastStateFile(t.id()).ifPresent(f -> {
                try {
                    Files.createDirectories(f.getParent());
                    StateFile.write(TopicStates.capture(t), f);
                } catch (Exception e) {
                    // A read-only home: the next start opens this pane as new.
                }
            });
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("GenLab state", "*" + StateFile.EXTENSION),
                new FileChooser.ExtensionFilter("JSON", "*.json"));
        File last = settings.lastFolder();
        if (last != null && last.isDirectory()) {
            chooser.setInitialDirectory(last);
        }
        return chooser;
    }

    private static String kb(String json) {
        int kb = (json.length() + 1023) / 1024;
        return kb >= 1024 ? String.format(java.util.Locale.ROOT, "%.1f MB", kb / 1024.0) : kb + " KB";
    }
}
