package org.genlab.ui.shell;

import java.util.function.BiPredicate;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;

/**
 * Routes key presses from the {@link Shortcut} table to an action, at the scene level.
 * Nothing fires while a text field has focus; arrow keys and Home stay with a focused
 * slider, list, table, spinner or combo box, which use them for themselves.
 */
public final class ShortcutHandler {
    private ShortcutHandler() {
    }

    /**
     * Installs the handler as an event filter on {@code scene}.
     *
     * @param action returns true when it handled the shortcut (the key event is then consumed)
     */
    public static void install(Scene scene, Predicate<Shortcut> action) {
        install(scene, (s, e) -> action.test(s), e -> false);
    }

    /**
     * Installs the handler as an event filter on {@code scene}.
     *
     * @param first  sees every key press before the table does; returning true consumes it (the
     *               blanked screen takes any key this way)
     * @param action gets the shortcut and the key press (for the pane number of 1 to 9); returns
     *               true when it handled it (the key event is then consumed)
     */
    public static void install(Scene scene, BiPredicate<Shortcut, KeyEvent> action, Predicate<KeyEvent> first) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (first.test(e)) {
                e.consume();
                return;
            }
            Shortcut s = Shortcut.match(e);
            if (s == null || !appliesTo(s, e, scene.getFocusOwner())) {
                return;
            }
            if (action.test(s, e)) {
                e.consume();
            }
        });
    }

    /**
     * Whether the key press {@code e} of {@code s} may fire while {@code focus} has the keyboard
     * focus: as {@link #appliesTo(Shortcut, Node)}, and in text entry only by a function key or
     * Ctrl+S, which type nothing ("?" opens the help, but not while typing).
     */
    static boolean appliesTo(Shortcut s, KeyEvent e, Node focus) {
        return appliesTo(s, focus) && (!isTextEntry(focus) || e.getCode().isFunctionKey() || s == Shortcut.EXPORT_PNG);
    }

    private static boolean isTextEntry(Node focus) {
        return focus instanceof TextInputControl || isInside(focus, Spinner.class) || isInside(focus, ComboBoxBase.class);
    }

    /** Whether {@code s} may fire while {@code focus} has the keyboard focus. */
    static boolean appliesTo(Shortcut s, Node focus) {
        if (isTextEntry(focus)) {
            // Text entry owns every plain key; only the function-key shortcuts still apply.
            return s == Shortcut.HELP || s == Shortcut.EXPORT_PNG || s == Shortcut.TOGGLE_SIDE_PANEL
                    || s == Shortcut.PRESENT || s == Shortcut.THEME;
        }
        if (s.isArrowKey() && (focus instanceof Slider || focus instanceof ListView || focus instanceof TableView)) {
            return false;
        }
        return true;
    }

    private static boolean isInside(Node n, Class<?> type) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (type.isInstance(p)) {
                return true;
            }
        }
        return false;
    }
}
