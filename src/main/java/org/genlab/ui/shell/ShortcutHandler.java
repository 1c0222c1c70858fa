package org.genlab.ui.shell;

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
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Shortcut s = Shortcut.match(e);
            if (s == null || !appliesTo(s, scene.getFocusOwner())) {
                return;
            }
            if (action.test(s)) {
                e.consume();
            }
        });
    }

    /** Whether {@code s} may fire while {@code focus} has the keyboard focus. */
    static boolean appliesTo(Shortcut s, Node focus) {
        if (focus instanceof TextInputControl || isInside(focus, Spinner.class) || isInside(focus, ComboBoxBase.class)) {
            // Text entry owns every plain key; only the function-key shortcuts still apply.
            return s == Shortcut.HELP || s == Shortcut.EXPORT_PNG || s == Shortcut.TOGGLE_SIDE_PANEL;
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
