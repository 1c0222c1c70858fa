package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.genlab.app.GenLabApp.GuiOptions;
import org.junit.jupiter.api.Test;

class GuiOptionsTest {
    @Test
    void parsesEveryWindowOption() {
        GuiOptions o = GuiOptions.parse(List.of("--pane", "data", "--lesson=data-tour", "--step", "3",
                "--lessons", "a", "--lessons=b"));
        assertThat(o.pane()).isEqualTo("data");
        assertThat(o.lesson()).isEqualTo("data-tour");
        assertThat(o.step()).isEqualTo(3);
        assertThat(o.lessonDirs()).containsExactly(Path.of("a"), Path.of("b"));
        assertThat(o.errors()).isEmpty();
    }

    @Test
    void badOptionsBecomeMessagesNotFailures() {
        GuiOptions o = GuiOptions.parse(List.of("--frobnicate", "--step", "x", "--pane"));
        assertThat(o.errors()).hasSize(3);
        assertThat(o.errors().get(0)).contains("--frobnicate");
        assertThat(o.errors().get(1)).contains("'x' is not a whole number");
        assertThat(o.errors().get(2)).contains("--pane needs a value");
        assertThat(GuiOptions.parse(List.of("--step", "2")).errors()).singleElement()
                .satisfies(e -> assertThat(e).contains("goes with --lesson"));
    }
}
