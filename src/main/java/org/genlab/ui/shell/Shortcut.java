package org.genlab.ui.shell;

import java.util.List;
import javafx.scene.input.KeyCharacterCombination;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Every keyboard shortcut of GenLab, in one table. The key handler, the F1 help and the
 * README are all made from this enum, so they cannot drift apart.
 *
 * <p>Shortcuts apply everywhere except while a text field has focus; a focused slider keeps
 * its own arrow keys (see {@link ShortcutHandler}).
 */
public enum Shortcut {
    PLAY_PAUSE("Play / pause the simulation", new KeyCodeCombination(KeyCode.SPACE)),
    STEP("One step forward", new KeyCodeCombination(KeyCode.RIGHT)),
    STEP_BACK("One step back", new KeyCodeCombination(KeyCode.LEFT)),
    RESET("Reset the run", new KeyCodeCombination(KeyCode.HOME)),
    LESSON_NEXT("Next lesson step", new KeyCodeCombination(KeyCode.PAGE_DOWN)),
    LESSON_PREVIOUS("Previous lesson step", new KeyCodeCombination(KeyCode.PAGE_UP)),
    REVEAL_ANSWER("Reveal the quiz answer (lecturer mode)", new KeyCodeCombination(KeyCode.R)),
    UNDO("Undo an edit", new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN)),
    REDO("Redo an edit", new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
    DELETE("Delete the selected points", new KeyCodeCombination(KeyCode.DELETE),
            new KeyCodeCombination(KeyCode.BACK_SPACE)),
    SELECT_ALL("Select all points", new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN)),
    RESET_VIEW("Reset the figure's zoom and pan", new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN)),
    EXPORT_PNG("Save the figure as PNG", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN)),
    COPY_FIGURE("Copy the figure to the clipboard",
            new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
    TOGGLE_SIDE_PANEL("Show or hide the side panel", new KeyCodeCombination(KeyCode.F9)),
    OPEN_PANE("1 … 9", "Open pane 1 to 9 (in the navigation's order)", digits()),
    PRESENT("Presentation mode on / off", new KeyCodeCombination(KeyCode.F5)),
    LEAVE("Leave presentation mode", new KeyCodeCombination(KeyCode.ESCAPE)),
    BLANK("Blank the screen (any key brings it back)", new KeyCodeCombination(KeyCode.B)),
    THEME("Switch between the light and the dark theme", new KeyCodeCombination(KeyCode.F6)),
    HELP("Show every shortcut", new KeyCodeCombination(KeyCode.F1),
            new KeyCharacterCombination("?", KeyCombination.SHIFT_ANY));

    private final String keyText;
    private final String description;
    private final List<KeyCombination> keys;

    Shortcut(String description, KeyCombination... keys) {
        this(null, description, keys);
    }

    /** @param keyText the keys as the help shows them, when listing every key would be too long */
    Shortcut(String keyText, String description, KeyCombination... keys) {
        this.keyText = keyText;
        this.description = description;
        this.keys = List.of(keys);
    }

    /** The keys 1 to 9, on the main row and on the keypad. */
    private static KeyCombination[] digits() {
        KeyCombination[] k = new KeyCombination[18];
        for (int i = 1; i <= 9; i++) {
            k[i - 1] = new KeyCodeCombination(KeyCode.valueOf("DIGIT" + i));
            k[8 + i] = new KeyCodeCombination(KeyCode.valueOf("NUMPAD" + i));
        }
        return k;
    }

    /**
     * The pane number (1 to 9) a key press of {@link #OPEN_PANE} stands for, or 0 for another key.
     */
    public static int paneNumber(KeyEvent e) {
        String name = e.getCode().name();
        if (e.getCode().isDigitKey() && (name.startsWith("DIGIT") || name.startsWith("NUMPAD"))) {
            int n = name.charAt(name.length() - 1) - '0';
            return n >= 1 && n <= 9 ? n : 0;
        }
        return 0;
    }

    public String description() {
        return description;
    }

    public List<KeyCombination> keys() {
        return keys;
    }

    /** The keys as the user reads them: "Ctrl+S", "Space". */
    public String keyText() {
        if (keyText != null) {
            return keyText;
        }
        StringBuilder sb = new StringBuilder();
        for (KeyCombination k : keys) {
            if (sb.length() > 0) {
                sb.append("  or  ");
            }
            sb.append(k.getDisplayText().isBlank() ? k.getName() : k.getDisplayText());
        }
        return sb.toString();
    }

    /** The shortcut a key press stands for, or null. */
    public static Shortcut match(KeyEvent e) {
        for (Shortcut s : values()) {
            for (KeyCombination k : s.keys) {
                if (k.match(e)) {
                    return s;
                }
            }
        }
        return null;
    }

    /** True for the keys a focused slider or list keeps for itself. */
    boolean isArrowKey() {
        return this == STEP || this == STEP_BACK || this == RESET;
    }
}
