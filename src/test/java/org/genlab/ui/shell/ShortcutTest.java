package org.genlab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCombination;
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
    void helpListsEveryShortcut() throws Exception {
        FxToolkit.registerPrimaryStage();
        var table = ShortcutHelp.table();
        for (Shortcut s : Shortcut.values()) {
            assertThat(table.lookup("#shortcut-" + s.name())).as(s.name()).isNotNull();
        }
        assertThat(Shortcut.EXPORT_PNG.keyText()).containsIgnoringCase("S");
    }
}
