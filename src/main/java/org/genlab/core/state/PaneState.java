package org.genlab.core.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole state of one pane, as a state file holds it: which pane, the value of every
 * declared parameter, the world range of each plot (zoom and pan), and what the pane keeps
 * beyond its parameters ({@code extras}: its data set, its place on the timeline, a trained
 * model, a selected point), in the pane's own fields. Immutable.
 *
 * @param pane   the pane's id ({@code em})
 * @param params parameter values as plain JSON scalars (String, Long, Double, Boolean), by name;
 *               the pane checks them against its declared parameters
 * @param views  the plots' world ranges, in the order the pane's figure holds its plots
 * @param note   free text the author added (may be empty)
 */
public record PaneState(String pane, Map<String, Object> params, List<View> views, ObjectNode extrasNode, String note) {

    /** The world range shown by one plot. */
    public record View(double xmin, double xmax, double ymin, double ymax) {
    }

    public PaneState {
        Objects.requireNonNull(pane);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        views = List.copyOf(views);
        extrasNode = extrasNode.deepCopy();
        note = note == null ? "" : note;
    }

    /** A state from what a pane wrote into {@code extras}. */
    public static PaneState of(String pane, Map<String, Object> params, List<View> views, StateWriter extras, String note) {
        return new PaneState(pane, params, views, extras.node(), note);
    }

    /** The pane's own fields, for reading (a fresh reader each time). */
    public StateReader extras() {
        return new StateReader(extrasNode.deepCopy(), "extras");
    }

    /** The same state with other parameter values (the A/B view's two runs; tests). */
    public PaneState withParams(Map<String, Object> newParams) {
        return new PaneState(pane, newParams, views, extrasNode, note);
    }

    /** The same state with another note. */
    public PaneState withNote(String newNote) {
        return new PaneState(pane, params, views, extrasNode, newNote);
    }

    @Override
    public ObjectNode extrasNode() {
        return extrasNode.deepCopy();
    }
}
