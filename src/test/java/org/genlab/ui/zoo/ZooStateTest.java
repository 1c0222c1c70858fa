package org.genlab.ui.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genlab.testing.StateRoundTrip.assertRefused;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.genlab.app.TopicRegistry;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.core.data.DataCsv;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import org.genlab.core.zoo.ZooKind;
import org.genlab.testing.FxTestSupport;
import org.genlab.testing.StateRoundTrip;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;
import org.genlab.ui.topic.TopicStates;
import org.junit.jupiter.api.Test;

/**
 * The zoo's state files: the six fitted models travel in the state with their fit times, so a
 * restored zoo shows the same cards, scores and "fitted in" texts without fitting again; the
 * logistic views keep how far their draws went; a bad field is refused by name.
 */
class ZooStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Settings under which the six fits take a second or two. */
    private static final Map<String, Object> QUICK = Map.of("n", 400L, "effort", 0.1, "sample-count", 300L);

    private static Map<String, Object> quick(Map<String, Object> more) {
        Map<String, Object> m = new HashMap<>(QUICK);
        m.putAll(more);
        return m;
    }

    private static ModelsView models(Topic t) {
        return (ModelsView) ((ZooTopic) t).view("models");
    }

    private static String quickState;

    /** The state of a zoo fitted with {@link #QUICK} (made once: the refusals only edit copies of it). */
    private static synchronized String quickState() throws Exception {
        if (quickState == null) {
            quickState = stateOf(QUICK);
        }
        return quickState;
    }

    private static String stateOf(Map<String, Object> values) throws Exception {
        StateRoundTrip.Opened a = StateRoundTrip.open("zoo");
        try {
            StateRoundTrip.run(a, t -> {
                t.apply(values);
                return t.whenSettled();
            });
            StateRoundTrip.settle(a);
            return StateRoundTrip.look(a).json();
        } finally {
            a.dispose();
        }
    }

    @Test
    void fittedModelsWithAnEnlargedCardAndALaterTraceRoundTripWithoutRefitting() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("zoo", t -> {
            t.apply(quick(Map.of("focus", "flow", "trace", true, "points", true, "grid", true, "seed", 4L)));
            return t.whenSettled().thenRun(() -> {
                t.onShortcut(Shortcut.STEP);
                t.onShortcut(Shortcut.STEP);
            });
        });
        JsonNode extras = JSON.readTree(json).get("extras");
        assertThat(extras.get("trace").asInt()).as("the third traced sample").isEqualTo(2);
        for (ZooKind k : ZooKind.values()) {
            assertThat(extras.get("models").get(k.id()).get("model").asText()).as(k.id()).isNotEmpty();
            assertThat(extras.get("models").get(k.id()).get("seconds").isNumber()).isTrue();
        }
        assertThat(extras.get("models").get("diffusion").has("exact")).as("the learned denoiser only").isFalse();
    }

    @Test
    void theFitTimesComeFromTheStateNotFromARefit() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(quickState());
        for (ZooKind k : ZooKind.values()) {
            ((ObjectNode) root.get("extras").get("models").get(k.id())).put("seconds", 123.4 + k.ordinal());
        }
        StateRoundTrip.Opened b = StateRoundTrip.restore(StateFile.parse(root.toString()));
        try {
            StateRoundTrip.settle(b);
            for (ZooKind k : ZooKind.values()) {
                String expected = String.format(java.util.Locale.ROOT, "fitted in %.1f s", 123.4 + k.ordinal());
                assertThat(FxTestSupport.onFx(() -> models(b.topic()).card(k).status())).as(k.id()).startsWith(expected);
            }
            assertThat(FxTestSupport.onFx(() -> models(b.topic()).heldOut(ZooKind.GMM))).matches("-?[0-9]+\\.[0-9]{3}");
        } finally {
            b.dispose();
        }
    }

    @Test
    void theDataPanesPointsAndTheExactDenoiserWithImportanceSamplingRoundTrip() throws Exception {
        Dataset2D blobs = Preset.byName("two-blobs").orElseThrow().generate(300, 0.2, 9);
        String json = StateRoundTrip.assertRoundTrip("zoo", t -> {
            t.apply(quick(Map.of("denoiser", "exact", "estimator", "is")));
            t.useData(blobs);
            return t.whenSettled();
        });
        JsonNode extras = JSON.readTree(json).get("extras");
        assertThat(extras.get("data").get("x").size()).isEqualTo(300);
        assertThat(extras.get("models").get("diffusion").has("exact")).isTrue();
        assertThat(StateFile.parse(json).params()).containsEntry("data", "custom");
    }

    @Test
    void aStateTakenWhileFittingSavesOnlyTheFinishedCardsAndTheRestFitOnRestore() throws Exception {
        StateRoundTrip.Opened a = StateRoundTrip.open("zoo");
        StateRoundTrip.Opened b = null;
        try {
            StateRoundTrip.run(a, t -> {
                t.apply(QUICK);
                return t.whenSettled();
            });
            // a new KDE bandwidth: its card is stale until the refit lands; the state is taken before it does
            String json = FxTestSupport.onFx(() -> {
                a.topic().apply(Map.of("bandwidth", 0.8));
                return StateFile.toJson(TopicStates.capture(a.topic()));
            });
            JsonNode models = JSON.readTree(json).get("extras").get("models");
            assertThat(models.has("kde")).as("the KDE is being refitted").isFalse();
            assertThat(models.has("flow")).isTrue();
            b = StateRoundTrip.restore(StateFile.parse(json));
            StateRoundTrip.settle(b);
            Topic restored = b.topic();
            assertThat(FxTestSupport.onFx(() -> models(restored).card(ZooKind.KDE).status())).startsWith("fitted in").contains("h = 0.8");
        } finally {
            a.dispose();
            if (b != null) {
                b.dispose();
            }
        }
    }

    @Test
    void theLogisticViewKeepsHowManyDrawsAreShown() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("zoo", t -> {
            t.apply(Map.of("view", "logistic", "p", 0.35, "labels", 9L, "draws", 40L));
            return t.whenSettled().thenRun(() -> {
                t.onShortcut(Shortcut.RESET);
                for (int i = 0; i < 7; i++) {
                    t.onShortcut(Shortcut.STEP);
                }
            });
        });
        assertThat(JSON.readTree(json).get("extras").get("shown").asInt()).isEqualTo(7);
    }

    @Test
    void theLogisticPlaneKeepsWhichDrawOfLabelsIsShown() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("zoo", t -> {
            t.apply(Map.of("view", "logistic-2d", "data", "two-moons", "n", 300L, "seed", 2L));
            return t.whenSettled().thenRun(() -> {
                t.onShortcut(Shortcut.STEP);
                t.onShortcut(Shortcut.STEP);
                t.onShortcut(Shortcut.STEP);
            });
        });
        assertThat(JSON.readTree(json).get("extras").get("draw").asInt()).isEqualTo(3);
    }

    // ---- refusals ---------------------------------------------------------------------------------


    private static ObjectNode extras(ObjectNode root) {
        return (ObjectNode) root.get("extras");
    }

    private static ObjectNode model(ObjectNode root, String kind) {
        return (ObjectNode) root.get("extras").get("models").get(kind);
    }

    @Test
    void badModelFieldsAreRefusedNamingTheField() throws Exception {
        String json = quickState();
        String flowBytes = JSON.readTree(json).get("extras").get("models").get("flow").get("model").asText();
        byte[] junk = {31, -117, 8, 0, 1, 2, 3, 4, 5, 6, 7};
        assertRefused(json, r -> model(r, "kde").put("model", Base64.getEncoder().encodeToString(junk)), "extras.models.kde.model",
                "not a zoo model");
        assertRefused(json, r -> model(r, "kde").put("model", "@@@@"), "extras.models.kde.model", "not base64");
        assertRefused(json, r -> model(r, "kde").put("model", flowBytes), "extras.models.kde.model", "a flow model, not a kde model");
        assertRefused(json, r -> ((ObjectNode) r.get("params")).put("couplings", 3), "extras.models.flow.model",
                "does not fit the settings: " + ZooSettingsDefaults.couplings() + " couplings");
        assertRefused(json, r -> ((ObjectNode) r.get("params")).put("kernel", "epanechnikov"), "extras.models.kde.model",
                "params.kernel is epanechnikov");
        assertRefused(json, r -> ((ObjectNode) r.get("params")).put("denoiser", "exact"), "extras.models.diffusion.exact", "missing");
        assertRefused(json, r -> model(r, "gmm").put("seconds", -1.0), "extras.models.gmm.seconds", "outside");
        assertRefused(json, r -> model(r, "gmm").put("seconds", "fast"), "extras.models.gmm.seconds", "expected a number");
        assertRefused(json, r -> model(r, "vae").put("exact", flowBytes), "extras.models.vae.exact", "unknown field");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("models")).putObject("pixelcnn"), "extras.models.pixelcnn", "unknown field");
        assertRefused(json, r -> extras(r).put("trace", 1.5), "extras.trace", "expected a whole number");
        assertRefused(json, r -> extras(r).put("trace", -1), "extras.trace", "outside");
        assertRefused(json, r -> extras(r).putObject("data").putArray("x").add(1.0), "extras.data", "params.data is two-moons, not custom");
    }

    /** The default settings' flow couplings, for the message that names them. */
    private static final class ZooSettingsDefaults {
        static int couplings() {
            return org.genlab.core.zoo.ZooSettings.DEFAULTS.couplings();
        }
    }

    @Test
    void tooManyCustomPointsAndBadLogisticFieldsAreRefused() throws Exception {
        String json = stateOf(quick(Map.of("data", "custom")));
        assertRefused(json, r -> {
            ObjectNode d = extras(r).putObject("data");
            ArrayNode x = d.putArray("x"), y = d.putArray("y");
            for (int i = 0; i <= DataCsv.MAX_ROWS; i++) {
                x.add(0);
                y.add(1);
            }
        }, "extras.data.x", "more than the " + DataCsv.MAX_ROWS + " allowed");
        assertRefused(json, r -> extras(r).putObject("data").put("x", "many"), "extras.data.x", "expected an array");
        String logistic = stateOf(Map.of("view", "logistic", "draws", 40L));
        assertRefused(logistic, r -> extras(r).put("shown", 41), "extras.shown", "outside [0, 40]");
        assertRefused(logistic, r -> extras(r).put("shown", "all"), "extras.shown", "expected a whole number");
        assertRefused(logistic, r -> extras(r).put("trace", 1), "extras.trace", "unknown field");
        String plane = stateOf(Map.of("view", "logistic-2d", "n", 200L));
        assertRefused(plane, r -> extras(r).put("draw", -2), "extras.draw", "outside");
    }

    @Test
    void aRefusedStateLeavesNoFitRunning() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(quickState());
        model(root, "diffusion").put("model", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        PaneState state = StateFile.parse(root.toString());
        JobTracker tracker = new JobTracker(javafx.application.Platform::runLater);
        TopicContext context = new TopicContext(ComputePool.shared(), javafx.application.Platform::runLater, tracker);
        StateException e = FxTestSupport.onFx(() -> catchThrowableOfType(
                () -> TopicStates.build(TopicRegistry.byId("zoo").orElseThrow(), context, state), StateException.class));
        assertThat(e.where()).isEqualTo("extras.models.diffusion.model");
        // the parameters started a fit before the models were read: disposing the refused pane cancels it
        long until = System.nanoTime() + 20_000_000_000L;
        while (!FxTestSupport.onFx(tracker::jobs).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(50);
            FxTestSupport.drain();
        }
        assertThat(FxTestSupport.onFx(tracker::jobs)).as("no fit left running").isEmpty();
    }
}
