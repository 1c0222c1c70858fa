package org.genlab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class ShortcutTest {
    @Test
    void noKeyIsBoundTwice() {
        Set<KeyCombination> seen = new HashSet<>();
        for (Shortcut s : Shortcut.values()) {
            for (KeyCombination k : s.keys()) {
                assertThat(seen.add(k)).as("%s bound twice", k).isTrue();
            }
        }
    }

    @Test
    void textFieldsKeepTheirKeysAndSlidersTheirArrows() throws Exception {
        FxToolkit.registerPrimaryStage();
        TextField field = new TextField();
        Slider slider = new Slider();
        Button button = new Button();
        for (Shortcut s : Shortcut.values()) {
            assertThat(ShortcutHandler.appliesTo(s, button)).as("%s on a button", s).isTrue();
            assertThat(ShortcutHandler.appliesTo(s, null)).isTrue();
        }
        assertThat(ShortcutHandler.appliesTo(Shortcut.PLAY_PAUSE, field)).isFalse();
        assertThat(ShortcutHandler.appliesTo(Shortcut.DELETE, field)).isFalse();
        assertThat(ShortcutHandler.appliesTo(Shortcut.UNDO, field)).isFalse();
        assertThat(ShortcutHandler.appliesTo(Shortcut.HELP, field)).isTrue();
        assertThat(ShortcutHandler.appliesTo(Shortcut.STEP, slider)).isFalse();
        assertThat(ShortcutHandler.appliesTo(Shortcut.STEP_BACK, slider)).isFalse();
        assertThat(ShortcutHandler.appliesTo(Shortcut.PLAY_PAUSE, slider)).isTrue();
    }

    @Test
    void inATextFieldOnlyFunctionKeysAndCtrlSAct() throws Exception {
        FxToolkit.registerPrimaryStage();
        TextField field = new TextField();
        assertThat(ShortcutHandler.appliesTo(Shortcut.HELP, press(KeyCode.F1, false), field)).isTrue();
        assertThat(ShortcutHandler.appliesTo(Shortcut.HELP, press(KeyCode.SLASH, true), field)).as("? is typed").isFalse();
        assertThat(ShortcutHandler.appliesTo(Shortcut.HELP, press(KeyCode.SLASH, true), new Button())).isTrue();
        assertThat(ShortcutHandler.appliesTo(Shortcut.PRESENT, press(KeyCode.F5, false), field)).isTrue();
        assertThat(ShortcutHandler.appliesTo(Shortcut.THEME, press(KeyCode.F6, false), field)).isTrue();
        assertThat(ShortcutHandler.appliesTo(Shortcut.OPEN_PANE, press(KeyCode.DIGIT2, false), field)).isFalse();
        assertThat(ShortcutHandler.appliesTo(Shortcut.BLANK, press(KeyCode.B, false), field)).isFalse();
        assertThat(ShortcutHandler.appliesTo(Shortcut.LEAVE, press(KeyCode.ESCAPE, false), field)).isFalse();
    }

    @Test
    void theDigitsOpenPanesOneToNine() {
        for (int i = 1; i <= 9; i++) {
            assertThat(Shortcut.match(press(KeyCode.valueOf("DIGIT" + i), false))).isEqualTo(Shortcut.OPEN_PANE);
            assertThat(Shortcut.paneNumber(press(KeyCode.valueOf("DIGIT" + i), false))).isEqualTo(i);
            assertThat(Shortcut.paneNumber(press(KeyCode.valueOf("NUMPAD" + i), false))).isEqualTo(i);
        }
        assertThat(Shortcut.match(press(KeyCode.DIGIT0, false))).isNull();
        assertThat(Shortcut.OPEN_PANE.keyText()).isEqualTo("1 … 9");
    }

    private static KeyEvent press(KeyCode code, boolean shift) {
        String ch = code == KeyCode.SLASH && shift ? "?" : KeyEvent.CHAR_UNDEFINED;
        return new KeyEvent(KeyEvent.KEY_PRESSED, ch, "", code, shift, false, false, false);
    }

    @Test
    void helpListsEveryShortcut() throws Exception {
        FxToolkit.registerPrimaryStage();
        var table = ShortcutHelp.table();
        for (Shortcut s : Shortcut.values()) {
            assertThat(table.lookup("#shortcut-" + s.name())).as(s.name()).isNotNull();
        }
        assertThat(Shortcut.EXPORT_PNG.keyText()).containsIgnoringCase("S");
    }
}
