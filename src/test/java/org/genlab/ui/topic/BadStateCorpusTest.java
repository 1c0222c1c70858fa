package org.genlab.ui.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.application.Platform;
import org.genlab.app.TopicRegistry;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import org.genlab.testing.BadStates;
import org.genlab.testing.FxTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad state file of the corpus is refused where a state is first read or where its pane
 * is built from it, with the file, the place and the reason; hostile files made here (too large,
 * a million points, a huge array) are refused by their limits. Files of older shape load.
 */
class BadStateCorpusTest {
    @TempDir
    Path dir;

    static List<BadStates.Entry> corpus() {
        return BadStates.all();
    }

    /** Reads {@code file} and builds its pane as "Open state" does; the StateException of either step. */
    static StateException refusal(Path file) {
        try {
            PaneState s = StateFile.read(file);
            TopicInfo info = TopicRegistry.byId(s.pane()).orElse(null);
            if (info == null) {
                return new StateException("pane", "unknown pane '" + s.pane() + "'").within(file.getFileName().toString());
            }
            StateException[] thrown = new StateException[1];
            Topic built = FxTestSupport.onFx(() -> {
                try {
                    return TopicStates.build(info, new TopicContext(ComputePool.shared(), Platform::runLater,
                            new JobTracker(Platform::runLater)), s);
                } catch (StateException e) {
                    thrown[0] = e.within(file.getFileName().toString());
                    return null;
                }
            });
            if (built != null) {
                FxTestSupport.onFx(built::dispose);
            }
            return thrown[0];
        } catch (StateException e) {
            return e;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadFileIsRefusedWithItsPlaceAndReason(BadStates.Entry bad) {
        FxTestSupport.start();
        StateException e = refusal(bad.path());
        assertThat(e).as(bad.file() + " was accepted").isNotNull();
        String where = bad.where().isEmpty() ? bad.file() : bad.file() + ", " + bad.where();
        assertThat(e.where()).isEqualTo(where);
        assertThat(e.reason()).contains(bad.reason());
    }

    @Test
    void theCorpusHasAtLeastFifteenFilesAndTheTableListsEachOfThem() throws Exception {
        List<String> listed = BadStates.all().stream().map(BadStates.Entry::file).sorted().collect(Collectors.toList());
        List<String> present;
        try (Stream<Path> files = Files.list(BadStates.folder())) {
            present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(StateFile.EXTENSION)).sorted()
                    .collect(Collectors.toList());
        }
        assertThat(listed).hasSizeGreaterThanOrEqualTo(15).isEqualTo(present);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("big.genlab.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(StateFile.MAX_FILE_BYTES + 1); // sparse: nothing is written
        }
        assertThatThrownBy(() -> StateFile.read(big)).isInstanceOf(StateException.class)
                .hasMessageContaining("big.genlab.json").hasMessageContaining("a state file is at most 64 MB");
    }

    @Test
    void aMillionAndOnePointsAreRefusedByTheFlowPanesLimit() throws Exception {
        int n = 1_000_001;
        StringBuilder xs = new StringBuilder(4 * n), ys = new StringBuilder(4 * n);
        for (int i = 0; i < n; i++) {
            xs.append(i == 0 ? "" : ",").append(i % 7);
            ys.append(i == 0 ? "" : ",").append(i % 5);
        }
        Path file = dir.resolve("million.genlab.json");
        Files.writeString(file, "{ \"genlab\": \"pane-state\", \"version\": 1, \"pane\": \"flow\", \"params\": { \"data\": \"custom\" },"
                + " \"extras\": { \"data\": { \"x\": [" + xs + "], \"y\": [" + ys + "] } } }");
        FxTestSupport.start();
        StateException e = refusal(file);
        assertThat(e).isNotNull();
        assertThat(e.where()).isEqualTo("million.genlab.json, extras.data.x");
        assertThat(e.reason()).contains("1000001").contains("1000000");
    }

    @Test
    void aHugeArrayWhereANumberBelongsIsRefusedByItsType() throws Exception {
        String zeros = String.join(",", java.util.Collections.nCopies(3_000_001, "0"));
        Path file = dir.resolve("array.genlab.json");
        Files.writeString(file, "{ \"genlab\": \"pane-state\", \"version\": 1, \"pane\": \"em\", \"params\": { \"k\": [" + zeros + "] } }");
        assertThatThrownBy(() -> StateFile.read(file)).isInstanceOf(StateException.class)
                .hasMessageContaining("params.k").hasMessageContaining("expected a number, text or true/false");
    }

    @Test
    void aFileWithoutTheParametersAddedSinceLoadsWithTheirDefaults() throws Exception {
        // A version-1 file that names only k: the parameters it lacks (as a file written
        // before they existed would) take their defaults; the note and views are optional too.
        Path file = dir.resolve("old.genlab.json");
        Files.writeString(file, "{ \"genlab\": \"pane-state\", \"version\": 1, \"pane\": \"em\", \"params\": { \"k\": 3 } }");
        FxTestSupport.start();
        assertThat(refusal(file)).isNull();
        PaneState s = StateFile.read(file);
        TopicInfo info = TopicRegistry.byId("em").orElseThrow();
        Map<String, Object> values = FxTestSupport.onFx(() -> {
            Topic t = TopicStates.build(info, new TopicContext(ComputePool.shared(), Platform::runLater,
                    new JobTracker(Platform::runLater)), s);
            Map<String, Object> v = Map.copyOf(t.values());
            t.dispose();
            return v;
        });
        Topic fresh = FxTestSupport.onFx(() -> info.factory().apply(new TopicContext(ComputePool.shared(), Platform::runLater,
                new JobTracker(Platform::runLater))));
        Map<String, Object> defaults = FxTestSupport.onFx(() -> Map.copyOf(fresh.values()));
        FxTestSupport.onFx(fresh::dispose);
        assertThat(values).containsEntry("k", 3L);
        defaults.forEach((k, v) -> {
            if (!k.equals("k")) {
                assertThat(values).containsEntry(k, v);
            }
        });
    }
}
