package org.genlab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's shortcut table and the code's shortcut table must not drift apart. */
class ReadmeTest {
    @Test
    void everyShortcutIsInTheReadmeAndNothingElse() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("README.md")).stream()
                .dropWhile(l -> !l.startsWith("| Keys | Action |"))
                .skip(2)
                .takeWhile(l -> l.startsWith("| "))
                .toList();
        assertThat(rows).hasSize(Shortcut.values().length);
        for (Shortcut s : Shortcut.values()) {
            assertThat(rows).as(s.name()).anySatisfy(r -> assertThat(r).endsWith("| " + s.description() + " |"));
        }
    }
}
