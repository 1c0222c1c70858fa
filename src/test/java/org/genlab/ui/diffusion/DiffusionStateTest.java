package org.genlab.ui.diffusion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import org.genlab.testing.FxTestSupport;
import org.genlab.testing.StateRoundTrip;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;
import org.genlab.ui.topic.TopicInfo;
import org.genlab.ui.topic.TopicStates;
import org.junit.jupiter.api.Test;

/**
 * The diffusion pane's state files: custom data, a clicked point, the step t and a reverse
 * run scrubbed part way all restore the same numbers and pixels; a bad field is refused by
 * name, and nothing is left running.
 */
class DiffusionStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Dataset2D THREE = Dataset2D.of(new double[] {1, -0.5, 0.25}, new double[] {0, 1, -1.5}, new double[] {1, 2, 0.5});

    /** Presses "Draw samples" and waits for the run to be shown. */
    private static CompletableFuture<Void> drawSamples(Topic t) {
        ((Button) t.controls().lookup("#diffusion-sample")).fire();
        return t.whenSettled();
    }

    /** Three weighted points, a cosine schedule of 200 steps, t = 120, a clicked point, DDPM samples scrubbed to recorded step 40. */
    private static CompletableFuture<?> customClickedScrubbed(Topic t) {
        t.useData(THREE);
        t.apply(Map.of("schedule", "cosine", "T", 200L, "t", 120L, "sampler", "ddpm", "n", 300L, "seed", 5L, "field", "score"));
        ((DiffusionTopic) t).clickAt(0.4, -0.2);
        return drawSamples(t).thenRunAsync(() -> ((Slider) t.controls().lookup("#diffusion-reverse")).setValue(40), Platform::runLater);
    }

    @Test
    void customDataAClickedPointAndAScrubbedDdpmRunRoundTrip() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("diffusion", DiffusionStateTest::customClickedScrubbed);
        JsonNode extras = JSON.readTree(json).get("extras");
        assertThat(extras.get("data").get("weight").size()).isEqualTo(3);
        assertThat(extras.get("clicked").toString()).isEqualTo("[0.4,-0.2]");
        assertThat(extras.get("reverse").get("sampler").asText()).isEqualTo("ddpm");
        assertThat(extras.get("reverse").get("at").asInt()).isEqualTo(40);
        assertThat(StateFile.parse(json).params()).containsEntry("t", 120L);
    }

    @Test
    void aForwardStepReachedByTheTimelineRoundTripsAndPutsAReverseRunAway() throws Exception {
        StateRoundTrip.Opened a = StateRoundTrip.open("diffusion");
        StateRoundTrip.Opened b = null;
        try {
            StateRoundTrip.run(a, t -> {
                t.apply(Map.of("sampler", "ddim", "steps", 30L, "n", 100L));
                ((DiffusionTopic) t).clickAt(0.9, 0.2);
                return drawSamples(t).thenComposeAsync(v -> t.time().orElseThrow().seek().apply(640), Platform::runLater);
            });
            StateRoundTrip.settle(a);
            StateRoundTrip.Look la = StateRoundTrip.look(a);
            JsonNode extras = JSON.readTree(la.json()).get("extras");
            assertThat(extras.has("reverse")).as("moving t puts the reverse run away, as the t slider does").isFalse();
            assertThat(extras.has("data")).as("the homework's two points are not saved").isFalse();

            b = StateRoundTrip.restore(StateFile.parse(la.json()));
            StateRoundTrip.settle(b);
            StateRoundTrip.Look lb = StateRoundTrip.look(b);
            Topic restored = b.topic();
            assertThat(FxTestSupport.onFx(() -> restored.time().orElseThrow().current().orElseThrow())).isEqualTo(640.0);
            StateRoundTrip.assertSame("diffusion-forward", la, lb);
        } finally {
            a.dispose();
            if (b != null) {
                b.dispose();
            }
        }
    }

    @Test
    void aDdimRunAtItsEndRestoresWithoutItsSamplesInTheFile() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("diffusion", t -> {
            t.apply(Map.of("sampler", "ode", "steps", 40L, "n", 200L, "seed", 9L, "density", false));
            return drawSamples(t);
        });
        JsonNode reverse = JSON.readTree(json).get("extras").get("reverse");
        assertThat(reverse.get("sampler").asText()).isEqualTo("ode");
        assertThat(reverse.get("at").asInt()).as("the last of 41 recorded states").isEqualTo(40);
        assertThat(json.length()).as("the particles are drawn again from the seed, not stored").isLessThan(5_000);
    }

    // ---- refusals ---------------------------------------------------------------------------------

    /**
     * {@code json} edited by {@code edit} must be refused with a StateException placed at
     * {@code where}; the pane built for it leaves no job running.
     */
    private static void assertRefused(String json, Consumer<ObjectNode> edit, String where, String reasonPart) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        edit.accept(root);
        PaneState state = StateFile.parse(root.toString());
        AtomicReference<DiffusionTopic> built = new AtomicReference<>();
        TopicInfo info = new TopicInfo("diffusion", "Diffusion", "", DiffusionTopic.PARAMS, false, c -> {
            DiffusionTopic t = new DiffusionTopic(c);
            built.set(t);
            return t;
        });
        JobTracker jobs = new JobTracker(Platform::runLater);
        TopicContext context = new TopicContext(ComputePool.shared(), Platform::runLater, jobs);
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
        assertThat(built.get()).isNotNull();
        FxTestSupport.drain();
        assertThat(jobs.jobs()).as("jobs left by the pane built for %s", where).isEmpty();
        assertThat(FxTestSupport.onFx(() -> built.get().reverse())).isNull();
    }

    @Test
    void badFieldsAreRefusedNamingTheField() throws Exception {
        String json = StateRoundTrip.stateOf("diffusion", DiffusionStateTest::customClickedScrubbed);
        // DDPM takes all T = 200 steps: 100 recorded every 2nd step, and the first: 101 states
        assertRefused(json, r -> reverse(r).put("at", 101), "extras.reverse.at", "outside [0, 100]");
        assertRefused(json, r -> reverse(r).put("at", -1), "extras.reverse.at", "outside");
        assertRefused(json, r -> reverse(r).put("at", 2.5), "extras.reverse.at", "expected a whole number");
        assertRefused(json, r -> reverse(r).put("sampler", "euler"), "extras.reverse.sampler", "not one of");
        assertRefused(json, r -> reverse(r).put("sampler", "ddim").put("steps", 500), "extras.reverse.steps", "more than T = 200");
        assertRefused(json, r -> reverse(r).remove("steps"), "extras.reverse.steps", "missing");
        assertRefused(json, r -> extras(r).putArray("clicked").add(1.0), "extras.clicked", "expected [x, y]");
        assertRefused(json, r -> extras(r).put("clicked", "here"), "extras.clicked", "expected an array");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("data")).putArray("weight").add(1.0).add(0.0).add(1.0),
                "extras.data.weight[1]", "above 0");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("data")).putArray("x"), "extras.data.y", "but x has 0");
        assertRefused(json, r -> extras(r).put("samples", 3), "extras.samples", "unknown field");
    }

    private static ObjectNode extras(ObjectNode root) {
        return (ObjectNode) root.get("extras");
    }

    private static ObjectNode reverse(ObjectNode root) {
        return (ObjectNode) extras(root).get("reverse");
    }
}
