package org.genlab.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genlab.core.data.Dataset2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file format on its own: round trips, the reader's bounds, and the A/B differences. */
class StateFileTest {
    @TempDir
    Path dir;

    private static PaneState sample() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("k", 3L);
        params.put("floor", 1e-6);
        params.put("init", "q5-2");
        params.put("heatmap", true);
        StateWriter extras = StateWriter.create();
        extras.points("data", Dataset2D.of(new double[] {0.1, -2.5, 1e-300}, new double[] {Math.PI, 0, -7}));
        extras.object("run").put("half-steps", 8L).put("at", 7L);
        extras.bytes("model", new byte[] {0, 1, 2, (byte) 255});
        return PaneState.of("em", params, List.of(new PaneState.View(-4.25, 4.5, -2, 2.0000000000000004)), extras, "for Tuesday");
    }

    @Test
    void aStateSurvivesTextAndFileWithEveryNumberExact() throws Exception {
        PaneState s = sample();
        PaneState back = StateFile.parse(StateFile.toJson(s));
        assertThat(StateFile.toJson(back)).isEqualTo(StateFile.toJson(s));
        assertThat(back.params()).isEqualTo(s.params());
        assertThat(back.views()).isEqualTo(s.views());
        assertThat(back.note()).isEqualTo("for Tuesday");
        Dataset2D d = back.extras().points("data", 10);
        assertThat(d.x(2)).isEqualTo(1e-300);
        assertThat(d.y(0)).isEqualTo(Math.PI);
        assertThat(back.extras().bytes("model", 10)).containsExactly(0, 1, 2, 255);

        Path f = dir.resolve("s.genlab.json");
        StateFile.write(s, f);
        assertThat(StateFile.toJson(StateFile.read(f))).isEqualTo(StateFile.toJson(s));
        assertThat(Files.readString(f)).contains("\"genlab\" : \"pane-state\"", "\"version\" : 1");
    }

    @Test
    void theReaderNamesTheFieldPathOfEveryRefusal() throws Exception {
        StateReader r = StateFile.parse("{\"genlab\": \"pane-state\", \"version\": 1, \"pane\": \"em\", \"extras\": "
                + "{\"run\": {\"at\": -1, \"xs\": [1, 2, \"three\"]}, \"flag\": 1, \"name\": \"abcdef\", \"pick\": \"d\"}}").extras();
        StateReader run = r.object("run");
        assertThatThrownBy(() -> run.integer("at", 0, 10)).isInstanceOf(StateException.class).hasMessageStartingWith("extras.run.at: ");
        assertThatThrownBy(() -> run.reals("xs", 10, 0, 10)).hasMessageStartingWith("extras.run.xs[2]: ");
        assertThatThrownBy(() -> run.reals("xs", 2, 0, 10)).hasMessageStartingWith("extras.run.xs: ");
        assertThatThrownBy(() -> r.flag("flag")).hasMessageStartingWith("extras.flag: ");
        assertThatThrownBy(() -> r.text("name", 3)).hasMessageStartingWith("extras.name: ");
        assertThatThrownBy(() -> r.choice("pick", List.of("a", "b"))).hasMessageStartingWith("extras.pick: ");
        assertThatThrownBy(() -> r.object("missing")).hasMessageStartingWith("extras.missing: ");
        assertThatThrownBy(() -> r.only("run", "flag", "name")).hasMessageStartingWith("extras.pick: ");
        assertThat(run.realOr("gone", 0.5, 0, 1)).isEqualTo(0.5);
    }

    @Test
    void differencesListParametersDataSizesAndTheFieldsInsideAnObject() throws Exception {
        PaneState a = sample();
        Map<String, Object> params = new LinkedHashMap<>(a.params());
        params.put("k", 4L);
        params.remove("heatmap");
        StateWriter extras = StateWriter.create();
        extras.points("data", Dataset2D.of(new double[] {1, 2}, new double[] {3, 4}));
        extras.object("run").put("half-steps", 8L).put("at", 3L);
        extras.bytes("model", new byte[] {0, 1, 2, (byte) 255});
        PaneState b = PaneState.of("em", params, List.of(), extras, "");
        assertThat(StateFile.differences(a, b)).containsExactly("k: 3 → 4", "heatmap: true → (default)",
                "data: 3 points → 2 points", "run.at: 7 → 3");
        assertThat(StateFile.differences(a, StateFile.parse(StateFile.toJson(a)))).isEmpty();
        assertThat(StateFile.differences(a, PaneState.of("flow", Map.of(), List.of(), StateWriter.create(), "")))
                .containsExactly("pane: em → flow");
    }

    @Test
    void aPastedStateWithAByteOrderMarkOrSurroundingSpaceReads() throws Exception {
        String json = StateFile.toJson(sample());
        Path f = dir.resolve("bom.genlab.json");
        Files.write(f, ("\uFEFF" + json).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(StateFile.read(f).params()).containsEntry("k", 3L);
        assertThat(StateFile.parse("\n  " + json + "\n\n").pane()).isEqualTo("em");
    }
}
