package org.genlab.ui.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genlab.testing.StateRoundTrip.assertRefused;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.genlab.core.data.DataCsv;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import org.genlab.testing.FxTestSupport;
import org.genlab.testing.StateRoundTrip;
import org.genlab.ui.topic.Topic;
import org.junit.jupiter.api.Test;

/** The data pane's state files: hand-edited points and the selection restore the same numbers and pixels; bad fields are refused by name. */
class DataStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DataViewModel vm(Topic t) {
        return ((DataTopic) t).viewModel();
    }

    @Test
    void handEditedPointsWithASelectionAndTheSpreadRoundTrip() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("data", t -> {
            t.apply(Map.of("preset", "eight-gaussians", "n", 120L, "seed", 3L, "ellipses", true));
            DataViewModel vm = vm(t);
            vm.addPoint(2.5, -1.75);
            vm.deletePoint(4);
            vm.select(new int[] {0, 1, 2});
            vm.beginDrag();
            vm.dragBy(0.3, -0.2);
            vm.endDrag();
            vm.select(new int[] {7, 30, 118});
            ((DataTopic) t).plot().setView(-3, 2, -2.5, 3);
            return CompletableFuture.completedFuture(null);
        });
        JsonNode extras = JSON.readTree(json).get("extras");
        assertThat(extras.get("points").get("x").size()).as("the edited points are inline").isEqualTo(120);
        assertThat(extras.get("selected").toString()).isEqualTo("[7,30,118]");
    }

    @Test
    void weightedPointsFromAFileRoundTrip() throws Exception {
        Dataset2D weighted = Dataset2D.of(new double[] {-1.5, 0.25, 2, 1, 0}, new double[] {1, -0.75, 0.5, 2.125, 0},
                new double[] {1, 3, 0.5, 1.5, 8});
        String json = StateRoundTrip.assertRoundTrip("data", t -> {
            t.useData(weighted);
            vm(t).select(new int[] {4});
            return CompletableFuture.completedFuture(null);
        });
        assertThat(JSON.readTree(json).get("extras").get("points").get("weight").size()).isEqualTo(5);
    }

    @Test
    void anEmptiedDataSetRoundTripsAsNoPoints() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("data", t -> {
            vm(t).clear();
            return CompletableFuture.completedFuture(null);
        });
        assertThat(JSON.readTree(json).get("extras").get("points").get("x").size()).isZero();
    }

    @Test
    void aPresetAsDrawnIsNotStoredOnlyItsSelection() throws Exception {
        String json = StateRoundTrip.assertRoundTrip("data", t -> {
            t.apply(Map.of("preset", "spiral", "seed", 11L));
            vm(t).selectInBox(-0.5, -0.5, 0.5, 0.5, false);
            return CompletableFuture.completedFuture(null);
        });
        JsonNode extras = JSON.readTree(json).get("extras");
        assertThat(extras.has("points")).as("the seed and parameters draw the points again").isFalse();
        assertThat(extras.get("selected").size()).isPositive();
    }

    @Test
    void anUndoneEditIsStoredAsThePointsItLeft() throws Exception {
        // undo back past a regeneration: the points are an earlier preset's, not what the form now draws
        String json = StateRoundTrip.assertRoundTrip("data", t -> {
            t.apply(Map.of("seed", 5L));
            vm(t).undo();
            return CompletableFuture.completedFuture(null);
        });
        assertThat(JSON.readTree(json).get("extras").has("points")).isTrue();
    }

    // ---- refusals ---------------------------------------------------------------------------------


    private static String editedState() throws Exception {
        return StateRoundTrip.stateOf("data", t -> {
            vm(t).addPoint(0.5, 0.5);
            vm(t).select(new int[] {1, 2});
            return CompletableFuture.completedFuture(null);
        });
    }

    private static ObjectNode extras(ObjectNode root) {
        return (ObjectNode) root.get("extras");
    }

    @Test
    void badFieldsAreRefusedNamingTheField() throws Exception {
        String json = editedState();
        int n = JSON.readTree(json).get("extras").get("points").get("x").size();
        assertRefused(json, r -> extras(r).putArray("selected").add(n), "extras.selected[0]", "outside [0, " + (n - 1) + "]");
        assertRefused(json, r -> extras(r).putArray("selected").add(3).add(3), "extras.selected[1]", "selected twice");
        assertRefused(json, r -> extras(r).putArray("selected").add(5).add(3), "extras.selected[1]", "must ascend");
        assertRefused(json, r -> extras(r).put("selected", "all"), "extras.selected", "expected an array");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("points")).put("x", "many"), "extras.points.x", "expected an array");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("points")).putArray("y").add(1.0), "extras.points.y", "but x has");
        assertRefused(json, r -> ((ObjectNode) extras(r).get("points")).put("colour", 1), "extras.points.colour", "unknown field");
        assertRefused(json, r -> extras(r).put("undo", 3), "extras.undo", "unknown field");
        // the selection is checked against the points the state gives, not the preset's
        assertRefused(json, r -> {
            ObjectNode p = (ObjectNode) extras(r).get("points");
            p.putArray("x").add(0.0).add(1.0);
            p.putArray("y").add(0.0).add(1.0);
        }, "extras.selected[1]", "outside [0, 1]");
    }

    @Test
    void moreThanAMillionPointsAreRefusedBeforeAnyIsRead() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(editedState());
        ObjectNode p = extras(root).putObject("points");
        ArrayNode x = p.putArray("x"), y = p.putArray("y");
        for (int i = 0; i <= DataCsv.MAX_ROWS; i++) {
            x.add(0);
            y.add(1);
        }
        extras(root).remove("selected");
        StateException e = catchThrowableOfType(() -> StateRoundTrip.restore(StateFile.parse(root.toString())), StateException.class);
        assertThat(e.where()).isEqualTo("extras.points.x");
        assertThat(e.reason()).contains("more than the " + DataCsv.MAX_ROWS + " allowed");
    }

    @Test
    void aRefusedStateLeavesNothingOpen() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(editedState());
        extras(root).putArray("selected").add(10_000);
        var tracker = new org.genlab.compute.JobTracker(javafx.application.Platform::runLater);
        var context = new org.genlab.ui.topic.TopicContext(org.genlab.compute.ComputePool.shared(), javafx.application.Platform::runLater,
                tracker);
        var info = org.genlab.app.TopicRegistry.byId("data").orElseThrow();
        var state = StateFile.parse(root.toString());
        StateException e = FxTestSupport.onFx(() -> catchThrowableOfType(() -> org.genlab.ui.topic.TopicStates.build(info, context, state),
                StateException.class));
        assertThat(e.where()).isEqualTo("extras.selected[0]");
        FxTestSupport.drain();
        assertThat(FxTestSupport.onFx(tracker::jobs)).as("no job left running").isEmpty();
    }
}
