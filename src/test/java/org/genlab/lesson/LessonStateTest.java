package org.genlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateFile;
import org.genlab.core.state.StateWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lesson step that points to a state file: read when the lesson loads, refused with its line when it does not fit. */
class LessonStateTest {
    @TempDir
    Path dir;

    private void state(String name, String pane, Map<String, Object> params) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        StateFile.write(PaneState.of(pane, params, List.of(), StateWriter.create(), "prepared for class"), f);
    }

    private LoadResult lesson(String stateLine) throws IOException {
        Files.writeString(dir.resolve("l.md"), "---\nid: l\ntitle: L\ntopic: em\n---\n## First\ntext\n"
                + "## Second\n```genlab\n" + stateLine + "\nk: 4\n```\nmore\n");
        return new LessonLoader(TestPanes.catalog()).load(List.of(dir));
    }

    @Test
    void aStepLoadsTheStateItNamesBesideTheLesson() throws IOException {
        state("states/em-three.genlab.json", "em", Map.of("k", 3L));
        LoadResult r = lesson("state: states/em-three.genlab.json");
        assertThat(r.problems()).isEmpty();
        LessonStep second = r.lessons().get(0).steps().get(1);
        assertThat(second.state()).hasValueSatisfying(s -> {
            assertThat(s.pane()).isEqualTo("em");
            assertThat(s.params()).containsEntry("k", 3L);
            assertThat(s.note()).isEqualTo("prepared for class");
        });
        assertThat(second.params()).containsEntry("k", 4L); // the block's own keys apply on top
        assertThat(r.lessons().get(0).steps().get(0).state()).isEmpty();
    }

    private void refused(String stateLine, String... fragments) throws IOException {
        LoadResult r = lesson(stateLine);
        assertThat(r.lessons()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.reason()).contains(fragments);
        });
    }

    @Test
    void aPointerThatDoesNotFitIsALessonProblemAtItsLine() throws IOException {
        state("states/data.genlab.json", "data", Map.of());
        state("states/bad-k.genlab.json", "em", Map.of("k", 99L));
        Files.writeString(dir.resolve("states/broken.genlab.json"), "{\"genlab\": \"pane-state\", \"version\": 1,");
        Files.writeString(dir.getParent().resolve("outside.genlab.json"), "{}");
        refused("state: states/missing.genlab.json", "missing.genlab.json", "no such file");
        refused("state: ../outside.genlab.json", "outside the lesson's folder");
        refused("state: states/data.genlab.json", "a state of the data pane", "this lesson is on em");
        refused("state: states/bad-k.genlab.json", "params.k", "99");
        refused("state: states/broken.genlab.json", "broken.genlab.json", "not valid JSON");
        refused("state: notes.txt", "is not a state file");
        refused("state: [a, b]", "takes the path of a state file");
    }
}
