package org.genlab.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genlab.testing.StateRoundTrip.assertRefused;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import org.genlab.testing.FxTestSupport;
import org.genlab.testing.StateRoundTrip;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.flow.LearnedField;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Activation;
import org.genlab.core.nn.Mlp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The flow pane's state files: every state restores the same numbers and pixels, and a bad field is refused by name. */
class FlowStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The engine's vector SiLU uses the Vector API's EXP, whose interpreted and compiled forms
     * differ in the last bit of a float (see FlowTrainer): the same weights give other velocities
     * before and after the JIT compiles the kernel. A state holds the weights exactly; for the
     * saved and the restored pane to be compared on the same kernel code, the kernel is compiled
     * first. (The engine change that removes this: an EXP made of exactly rounded operations.)
     */
    @BeforeAll
    static void compileTheNetworkKernels() {
        Mlp net = Mlp.create(LearnedField.shape(16, 2, Activation.SILU), new Rng(1));
        FMatrixRMaj in = new FMatrixRMaj(16, 3);
        for (int k = 0; k < 30_000; k++) {
            in.data[k % in.data.length] = (float) Math.sin(k);
            net.predict(in);
        }
    }

    /** Settings small enough that training takes a fraction of a second. */
    private static final Map<String, Object> SMALL = Map.of("train-steps", 100L, "hidden", 16L, "layers", 2L, "batch", 64L,
            "n", 300L, "steps", 40L);

    /** Applies the small settings and trains v_θ to the end of its plan. */
    private static CompletableFuture<?> trainSmall(org.genlab.ui.topic.Topic t) {
        FlowTopic f = (FlowTopic) t;
        f.apply(SMALL);
        return f.train();
    }

    @Test
    void theOpeningStateRestoresItsParticlesAndPixels() throws Exception {
        StateRoundTrip.assertRoundTrip("flow", t -> CompletableFuture.completedFuture(null));
    }

    @Test
    void aTrainedLearnedFieldWithItsErrorShadingRestoresWithoutTraining() throws Exception {
        StateRoundTrip.Opened a = StateRoundTrip.open("flow");
        StateRoundTrip.Opened b = null;
        try {
            StateRoundTrip.run(a, t -> trainSmall(t).thenRun(() -> t.apply(Map.of("field", "learned", "shade", "error"))));
            StateRoundTrip.settle(a);
            StateRoundTrip.Look la = StateRoundTrip.look(a);
            ObjectNode extras = (ObjectNode) JSON.readTree(la.json()).get("extras");
            assertThat(extras.has("model")).as("the network is in the state").isTrue();
            assertThat(extras.get("training").get("steps").asInt()).isEqualTo(100);
            assertThat(extras.get("loss").get("step").size()).as("the loss curve").isPositive();

            b = StateRoundTrip.restore(StateFile.parse(la.json()));
            StateRoundTrip.settle(b);
            StateRoundTrip.Look lb = StateRoundTrip.look(b);
            FlowTopic restored = (FlowTopic) b.topic();
            assertThat(FxTestSupport.onFx(restored::trainer)).as("nothing was trained again").isNull();
            assertThat(FxTestSupport.onFx(() -> restored.values().get("field"))).isEqualTo("learned");
            assertThat(FxTestSupport.onFx(restored::readout)).contains("finished after 100 steps");
            StateRoundTrip.assertSame("flow-learned", la, lb);
        } finally {
            a.dispose();
            if (b != null) {
                b.dispose();
            }
        }
    }

    @Test
    void trainAfterARestoreGoesOnFromTheRestoredStepsAndKeepsTheLossCurve() throws Exception {
        StateRoundTrip.Opened a = StateRoundTrip.open("flow");
        StateRoundTrip.Opened b = null;
        try {
            StateRoundTrip.run(a, FlowStateTest::trainSmall);
            StateRoundTrip.settle(a);
            String json = StateRoundTrip.look(a).json();
            b = StateRoundTrip.restore(StateFile.parse(json));
            StateRoundTrip.settle(b);
            FlowTopic restored = (FlowTopic) b.topic();
            int before = FxTestSupport.onFx(() -> restored.loss().size());
            StateRoundTrip.run(b, t -> {
                t.apply(Map.of("train-steps", 200L));
                return restored.train();
            });
            assertThat(FxTestSupport.onFx(() -> restored.trainer().stepsDone())).as("100 restored steps and 100 more").isEqualTo(200);
            assertThat(FxTestSupport.onFx(() -> restored.loss().x(0))).as("the restored curve is kept").isLessThanOrEqualTo(100);
            assertThat(FxTestSupport.onFx(() -> restored.loss().size())).isGreaterThan(before);
            assertThat(FxTestSupport.onFx(restored::readout)).contains("finished after 200 steps");
        } finally {
            a.dispose();
            if (b != null) {
                b.dispose();
            }
        }
    }

    @Test
    void theOneDimensionalViewAtTimeSixTenthsRoundTrips() throws Exception {
        StateRoundTrip.assertRoundTrip("flow", t -> {
            t.apply(Map.of("view", "line", "t", 0.6, "solver", "heun", "steps", 30L, "seed", 7L));
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void customDataFromTheDataPaneIsSavedInlineAndRestored() throws Exception {
        Dataset2D custom = Dataset2D.of(new double[] {-1.5, 0.25, 2, 1}, new double[] {1, -0.75, 0.5, 2.125},
                new double[] {1, 2, 0.5, 1.5});
        String json = StateRoundTrip.assertRoundTrip("flow", t -> {
            t.useData(custom);
            t.apply(Map.of("t", 0.8, "shade", "residual", "streamlines", true, "conditional", true));
            return CompletableFuture.completedFuture(null);
        });
        assertThat(StateFile.parse(json).params()).containsEntry("data", "custom");
        assertThat(JSON.readTree(json).get("extras").get("data").get("weight").size()).isEqualTo(4);
    }

    // ---- refusals ---------------------------------------------------------------------------------

    /** A trained state, edited by {@code edit}, must be refused with a StateException placed at {@code where}. */

    @Test
    void badFieldsAreRefusedNamingTheField() throws Exception {
        String json = StateRoundTrip.stateOf("flow", FlowStateTest::trainSmall);
        assertRefused(json, r -> ((ObjectNode) r.get("extras").get("training")).put("steps", "many"), "extras.training.steps",
                "expected a whole number");
        assertRefused(json, r -> ((ObjectNode) r.get("extras").get("training")).put("loss", -1.0), "extras.training.loss",
                "outside");
        assertRefused(json, r -> ((ObjectNode) r.get("extras")).put("colour", "red"), "extras.colour", "unknown field");
        byte[] junk = {31, -117, 8, 0, 1, 2, 3, 4, 5, 6, 7};
        assertRefused(json, r -> ((ObjectNode) r.get("extras")).put("model", Base64.getEncoder().encodeToString(junk)), "extras.model",
                "not a flow network");
        assertRefused(json, r -> {
            ObjectNode e = (ObjectNode) r.get("extras");
            e.remove("model");
            e.remove("training");
            e.remove("loss");
            ((ObjectNode) r.get("params")).put("field", "learned");
        }, "extras.model", "params.field is learned");
        assertRefused(json, r -> ((ObjectNode) r.get("params")).put("data", "custom"), "extras.data", "params.data is custom");
    }
}
