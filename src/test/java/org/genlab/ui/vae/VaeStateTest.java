package org.genlab.ui.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genlab.testing.StateRoundTrip.assertRefused;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import org.genlab.testing.FxTestSupport;
import org.genlab.testing.StateRoundTrip;
import org.genlab.ui.topic.Topic;
import org.junit.jupiter.api.Test;

/**
 * The VAE pane's state files, view by view: each restores the same numbers and pixels (the
 * latent view its trained model, picks, pointer and curves, without training), and a bad field
 * is refused by name.
 */
class VaeStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Function<Topic, CompletableFuture<?>> applying(Map<String, Object> values) {
        return t -> {
            t.apply(values);
            return CompletableFuture.completedFuture(null);
        };
    }

    private static LatentView latent(Topic t) {
        return (LatentView) ((VaeTopic) t).view("latent");
    }

    private static InverseCdfView invcdf(Topic t) {
        return (InverseCdfView) ((VaeTopic) t).view("invcdf");
    }

    @Test
    void theInverseCdfViewRestoresItsDrawingAndTheDrawsShownPartWay() throws Exception {
        double[] bars = new double[InverseCdfView.DRAWN_BINS];
        for (int i = 0; i < bars.length; i++) {
            bars[i] = i % 3 == 0 ? 0.5 : 0.125 * i;
        }
        String json = StateRoundTrip.assertRoundTrip("vae", t -> {
            t.apply(Map.of("view", "invcdf", "target", "drawn", "latent", "normal", "option", "b", "draws", 800L, "seed", 3L));
            invcdf(t).useDrawing(bars);
            return t.whenSettled().thenRun(() -> t.onShortcut(org.genlab.ui.shell.Shortcut.STEP_BACK));
        });
        ObjectNode extras = (ObjectNode) JSON.readTree(json).get("extras");
        assertThat(extras.get("drawn").size()).isEqualTo(InverseCdfView.DRAWN_BINS);
        assertThat(extras.get("revealed").asInt()).as("stepped back from all 800 draws").isBetween(1, 799);
    }

    @Test
    void theMonteCarloViewWithOtherSettingsRoundTrips() throws Exception {
        StateRoundTrip.assertRoundTrip("vae", applying(Map.of("view", "mc", "dim", 3L, "samples", 300L, "proposal", "wide", "seed", 5L)));
    }

    @Test
    void theElboViewWithQMovedRoundTrips() throws Exception {
        StateRoundTrip.assertRoundTrip("vae", applying(Map.of("view", "elbo", "x1", -1.25, "x2", 2.0, "q-mean", 0.7, "q-var", 0.35)));
    }

    @Test
    void theReparameterizationViewWithOtherSettingsRoundTrips() throws Exception {
        StateRoundTrip.assertRoundTrip("vae", applying(Map.of("view", "reparam", "function", "trig", "mu1", 1.0, "sigma2", 1.5,
                "grad-samples", 10L, "pair", "sds", "seed", 9L)));
    }

    /** The latent view on shapes with β = 2 (no shipped model: an untrained one from the seed), trained 30 steps. */
    private static CompletableFuture<?> trainedShapes(Topic t) {
        t.apply(Map.of("view", "latent", "beta", 2.0, "epochs", 1L, "seed", 4L, "colour", "kind"));
        return t.whenSettled().thenCompose(v -> t.time().orElseThrow().seek().apply(30)).thenRun(() -> {
            LatentView v = latent(t);
            v.pick(11);
            v.pick(250);
            v.pointAt(0.75, -1.5);
        });
    }

    @Test
    void theLatentViewAfterShortTrainingRestoresModelPairPointerAndCurvesWithoutTraining() throws Exception {
        StateRoundTrip.Opened a = StateRoundTrip.open("vae");
        StateRoundTrip.Opened b = null;
        try {
            StateRoundTrip.run(a, VaeStateTest::trainedShapes);
            StateRoundTrip.settle(a);
            StateRoundTrip.Look la = StateRoundTrip.look(a);
            ObjectNode extras = (ObjectNode) JSON.readTree(la.json()).get("extras");
            assertThat(extras.get("steps").asInt()).isEqualTo(30);
            assertThat(extras.get("picks").toString()).isEqualTo("[11,250]");
            assertThat(extras.get("curves").get("epoch").size()).isPositive();
            System.out.printf("a latent-view state (shapes, trained) is %d characters%n", la.json().length());
            assertThat(la.json().length()).as("a few MB at most").isLessThan(3_000_000);

            b = StateRoundTrip.restore(StateFile.parse(la.json()));
            StateRoundTrip.settle(b);
            StateRoundTrip.Look lb = StateRoundTrip.look(b);
            LatentView restored = latent(b.topic());
            assertThat(FxTestSupport.onFx(restored::trainer)).as("nothing was trained again").isNull();
            assertThat(FxTestSupport.onFx(restored::interpolationSize)).isEqualTo(LatentView.INTERPOLATION);
            StateRoundTrip.assertSame("vae-latent", la, lb);

            // Train after the restore goes on from step 30 (a fresh optimiser) rather than from the seed
            StateRoundTrip.run(b, t -> t.time().orElseThrow().seek().apply(40));
            assertThat(FxTestSupport.onFx(() -> restored.trainer().stepsDone())).isEqualTo(40);
            assertThat(FxTestSupport.onFx(() -> restored.negElbo().size())).as("the restored curve is kept and goes on")
                    .isGreaterThan(extras.get("curves").get("epoch").size());
        } finally {
            a.dispose();
            if (b != null) {
                b.dispose();
            }
        }
    }

    @Test
    void theShippedModelWithNoPicksRestoresAsShown() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("vae", t -> {
            t.apply(Map.of("view", "latent", "mosaic", true));
            // the whenSettled future completes on the FX thread: the button is pressed there
            return t.whenSettled().thenRun(() -> ((javafx.scene.control.Button) latent(t).controls().lookupAll(".button").stream()
                    .filter(n -> ((javafx.scene.control.Button) n).getText().equals("Clear picks")).findFirst().orElseThrow()).fire());
        });
        assertThat(JSON.readTree(json).get("extras").get("picks").size()).isZero();
        assertThat(JSON.readTree(json).get("extras").get("label").asText()).contains("shipped");
    }

    @Test
    void dataPanePointsAreSavedInlineAndTheirTrainedModelRestored() throws Exception {
        Dataset2D moons = Preset.TWO_MOONS.generate(300, Preset.TWO_MOONS.defaultNoise(), 2);
        String json = StateRoundTrip.assertRoundTrip("vae", t -> {
            t.useData(moons);
            t.apply(Map.of("view", "latent", "data", "points", "latent-dim", 1L, "epochs", 3L, "colour", "y"));
            return t.whenSettled().thenCompose(v -> t.time().orElseThrow().seek().apply(5)).thenRun(() -> {
                latent(t).pick(3);
                latent(t).pointAt(-0.4, 0);
            });
        });
        assertThat(JSON.readTree(json).get("extras").get("data").get("x").size()).isEqualTo(300);
    }

    // ---- refusals ---------------------------------------------------------------------------------


    private static String stateOf(Function<Topic, CompletableFuture<?>> setup) throws Exception {
        return StateRoundTrip.stateOf("vae", setup);
    }

    @Test
    void badLatentFieldsAreRefusedNamingTheField() throws Exception {
        String json = stateOf(t -> {
            t.apply(Map.of("view", "latent", "data", "points", "epochs", 1L));
            return t.whenSettled().thenCompose(v -> t.time().orElseThrow().seek().apply(3)).thenRun(() -> latent(t).pick(2));
        });
        byte[] junk = {31, -117, 8, 0, 1, 2, 3};
        assertRefused(json, r -> ((ObjectNode) r.get("extras")).put("model", Base64.getEncoder().encodeToString(junk)), "extras.model",
                "not a VAE model");
        assertRefused(json, r -> ((ObjectNode) r.get("params")).put("latent-dim", 1), "extras.model", "latent of size 2");
        assertRefused(json, r -> ((ObjectNode) r.get("extras")).putArray("picks").add(5000), "extras.picks[0]", "outside");
        assertRefused(json, r -> ((ObjectNode) r.get("extras")).putArray("picks").add(4).add(4), "extras.picks[1]", "picked twice");
        assertRefused(json, r -> ((ObjectNode) r.get("extras")).put("steps", 2.5), "extras.steps", "expected a whole number");
        assertRefused(json, r -> ((ObjectNode) r.get("extras")).put("zoom", 1), "extras.zoom", "unknown field");
        assertRefused(json, r -> ((ObjectNode) r.get("extras").get("curves")).putArray("kl").add(1.0).add(2.0).add(3.0), "extras.curves.kl",
                "values, but epoch has");
    }

    @Test
    void badFieldsOfTheOtherViewsAreRefusedNamingTheField() throws Exception {
        String invcdf = stateOf(applying(Map.of("view", "invcdf", "draws", 100L)));
        assertRefused(invcdf, r -> ((ObjectNode) r.get("extras")).put("revealed", 101), "extras.revealed", "outside [0, 100]");
        assertRefused(invcdf, r -> ((ObjectNode) r.get("extras")).putArray("drawn").add(1.0).add(2.0), "extras.drawn", "bars");
        assertRefused(invcdf, r -> ((ObjectNode) r.get("extras")).put("drawn", "tall"), "extras.drawn", "expected an array");
        String mc = stateOf(applying(Map.of("view", "mc")));
        assertRefused(mc, r -> ((ObjectNode) r.get("extras")).put("weights", 1), "extras.weights", "unknown field");
    }
}
