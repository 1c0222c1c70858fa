package org.genlab.ui.em;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import org.genlab.testing.FxTestSupport;
import org.genlab.testing.StateRoundTrip;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;
import org.genlab.ui.topic.TopicInfo;
import org.genlab.ui.topic.TopicStates;
import org.junit.jupiter.api.Test;

/**
 * The EM pane's state files: a run stepped on and scrubbed back, a start made by hand, data
 * from the data pane and a clicked point all restore the same numbers, timeline and pixels;
 * a bad field is refused by name, and the pane built for it is closed.
 */
class EmStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Completes (off the FX thread) once the run has stopped at half-step {@code index}. */
    private static CompletableFuture<Void> stoppedAt(EmTopic em, int index) {
        return CompletableFuture.runAsync(() -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (FxTestSupport.onFx(() -> em.runner().snapshot().playing() || em.runner().snapshot().index() != index)) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("the run did not stop at half-step " + index);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /** Six iterations, one E-step more (half-step 13), then the timeline dragged back to half-step 3. */
    private static CompletableFuture<?> steppedOnAndScrubbedBack(Topic t) {
        EmTopic em = (EmTopic) t;
        t.apply(Map.of("k", 3L, "init", "q5-3", "seed", 2L, "iterations", 6L, "heatmap", true));
        return t.whenSettled()
                .thenRunAsync(() -> t.onShortcut(Shortcut.STEP), Platform::runLater)
                .thenCompose(v -> stoppedAt(em, 13))
                .thenComposeAsync(v -> t.time().orElseThrow().seek().apply(3), Platform::runLater);
    }

    @Test
    void aRunSteppedPastRunToAndScrubbedBackRestoresItsTimelineAndCurves() throws Exception {
        StateRoundTrip.Opened a = StateRoundTrip.open("em");
        StateRoundTrip.Opened b = null;
        try {
            StateRoundTrip.run(a, EmStateTest::steppedOnAndScrubbedBack);
            StateRoundTrip.settle(a);
            StateRoundTrip.Look la = StateRoundTrip.look(a);
            JsonNode run = JSON.readTree(la.json()).get("extras").get("run");
            assertThat(run.get("half-steps").asInt()).as("six iterations and one E-step").isEqualTo(13);
            assertThat(run.get("at").asInt()).isEqualTo(3);

            b = StateRoundTrip.restore(StateFile.parse(la.json()));
            StateRoundTrip.settle(b);
            StateRoundTrip.Look lb = StateRoundTrip.look(b);
            EmTopic restored = (EmTopic) b.topic();
            assertThat(FxTestSupport.onFx(() -> restored.time().orElseThrow().current().orElseThrow())).isEqualTo(3.0);
            assertThat(FxTestSupport.onFx(() -> restored.runner().snapshot().lastIndex())).isEqualTo(13);
            assertThat(FxTestSupport.onFx(() -> restored.state().phase())).isEqualTo(org.genlab.core.em.EmState.Phase.E);
            EmTopic original = (EmTopic) a.topic();
            for (int i = 0; i <= 13; i++) {
                int h = i;
                assertThat(FxTestSupport.onFx(() -> restored.runner().history().get(h).state().logLikelihood()))
                        .as("ℓ at half-step %d", h)
                        .isEqualTo(FxTestSupport.onFx(() -> original.runner().history().get(h).state().logLikelihood()));
            }
            StateRoundTrip.assertSame("em-scrubbed", la, lb);
        } finally {
            a.dispose();
            if (b != null) {
                b.dispose();
            }
        }
    }

    /**
     * Data from the data pane, three full-covariance components, typed start weights (a start
     * made by hand), then the covariance made diagonal (the run starts from the hand-made start
     * re-typed, which is kept apart), four iterations, a point clicked and the timeline at 5.
     */
    private static CompletableFuture<?> customManualSelected(Topic t) {
        EmTopic em = (EmTopic) t;
        t.useData(Preset.TWO_MOONS.generate(150, 0.1, 3));
        t.apply(Map.of("k", 3L, "covariance", "full", "init", "kmeans++", "seed", 4L));
        javafx.scene.control.TextField weights = (javafx.scene.control.TextField) t.controls().lookup("#em-weights");
        weights.setText("1, 2, 3");
        weights.fireEvent(new javafx.event.ActionEvent());
        t.apply(Map.of("covariance", "diagonal"));
        t.apply(Map.of("iterations", 4L, "responsibilities", true));
        em.select(17);
        return t.whenSettled().thenComposeAsync(v -> t.time().orElseThrow().seek().apply(5), Platform::runLater);
    }

    @Test
    void dataFromTheDataPaneAStartMadeByHandAndAClickedPointRoundTrip() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("em", EmStateTest::customManualSelected);
        PaneState state = StateFile.parse(json);
        assertThat(state.params()).containsEntry("init", "manual").containsEntry("covariance", "diagonal");
        JsonNode extras = JSON.readTree(json).get("extras");
        assertThat(extras.get("data").get("x").size()).isEqualTo(150);
        assertThat(extras.get("start").get("type").asText()).isEqualTo("diagonal");
        assertThat(extras.get("start").get("weights").get(2).asDouble()).isEqualTo(0.5);
        assertThat(extras.get("manual-start").get("type").asText()).as("the hand-made start, still full").isEqualTo("full");
        assertThat(extras.get("selected").asInt()).isEqualTo(17);
        assertThat(extras.get("run").get("at").asInt()).isEqualTo(5);
    }

    @Test
    void theStartAfterAResetRoundTrips() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("em", t -> {
            t.apply(Map.of("iterations", 3L));
            return t.whenSettled().thenRunAsync(() -> t.onShortcut(Shortcut.RESET), Platform::runLater)
                    .thenCompose(v -> stoppedAt((EmTopic) t, 0));
        });
        JsonNode run = JSON.readTree(json).get("extras").get("run");
        assertThat(run.get("half-steps").asInt()).as("a reset clears the history, whatever Run to says").isZero();
    }

    // ---- refusals ---------------------------------------------------------------------------------

    /**
     * {@code json} edited by {@code edit} must be refused with a StateException placed at
     * {@code where}, and the pane built for it closed (its run stopped).
     */
    private static void assertRefused(String json, Consumer<ObjectNode> edit, String where, String reasonPart) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        edit.accept(root);
        PaneState state = StateFile.parse(root.toString());
        AtomicReference<EmTopic> built = new AtomicReference<>();
        TopicInfo info = new TopicInfo("em", "EM", "", EmTopic.PARAMS, false, c -> {
            EmTopic t = new EmTopic(c);
            built.set(t);
            return t;
        });
        TopicContext context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        StateException e = FxTestSupport.onFx(() -> {
            try {
                TopicStates.build(info, context, state).dispose();
                return null;
            } catch (StateException x) {
                return x;
            }
        });
        assertThat(e).as("refused: %s", where).isNotNull();
        assertThat(e.where()).isEqualTo(where);
        assertThat(e.reason()).contains(reasonPart);
        assertThat(FxTestSupport.onFx(() -> built.get().runner().isClosed())).as("the pane built for %s is closed", where).isTrue();
    }

    @Test
    void badFieldsAreRefusedNamingTheFieldAndLeaveNothingOpen() throws Exception {
        String json = StateRoundTrip.stateOf("em", EmStateTest::customManualSelected);
        assertRefused(json, r -> run(r).put("half-steps", 1_000_000), "extras.run.half-steps", "outside [0, 20000]");
        assertRefused(json, r -> run(r).put("half-steps", -1), "extras.run.half-steps", "outside");
        assertRefused(json, r -> run(r).put("at", 9), "extras.run.at", "outside [0, 8]");
        assertRefused(json, r -> run(r).put("at", "three"), "extras.run.at", "expected a whole number");
        assertRefused(json, r -> extras(r).put("run", 5), "extras.run", "expected an object");
        assertRefused(json, r -> ((ObjectNode) r.get("params")).put("init", "kmeans++"), "extras.start", "not manual");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("start")).putArray("weights").add(1.0), "extras.start.weights",
                "params.k is 3");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("start")).put("type", "full"), "extras.start.type",
                "params.covariance is diagonal");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("start")).putArray("cov-xx").add(1.0).add(-1.0).add(1.0),
                "extras.start.cov-xx[1]", "outside");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("start")).putArray("cov-xy").add(0.0).add(1e-9).add(0.0), "extras.start",
                "covariances[1]: not diagonal");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("start")).putArray("weights").add(0.5).add(0.5).add(0.5), "extras.start",
                "weights: sum to 1.5");
        assertRefused(json, r -> extras(r).put("selected", 150), "extras.selected", "outside [0, 149]");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("data")).putArray("y").add(1.0), "extras.data.y", "but x has 150");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("data")).put("x", "many"), "extras.data.x", "expected an array");
        assertRefused(json, r -> extras(r).put("zoom", 2), "extras.zoom", "unknown field");
    }

    @Test
    void aStateWrittenByHandWithoutAStartBuildsAsApplyWould() throws Exception {
        for (Map<String, Object> params : java.util.List.<Map<String, Object>>of(Map.of("k", 4L, "init", "q4"),
                Map.of("k", 3L, "init", "manual", "iterations", 2L))) {
            StateRoundTrip.Opened b = StateRoundTrip.restore(PaneState.of("em", params, java.util.List.of(),
                    org.genlab.core.state.StateWriter.create(), ""));
            try {
                StateRoundTrip.settle(b);
                assertThat(FxTestSupport.onFx(() -> b.topic().values())).containsAllEntriesOf(params);
            } finally {
                b.dispose();
            }
        }
    }

    private static ObjectNode extras(ObjectNode root) {
        return (ObjectNode) root.get("extras");
    }

    private static ObjectNode run(ObjectNode root) {
        return (ObjectNode) extras(root).get("run");
    }
}
