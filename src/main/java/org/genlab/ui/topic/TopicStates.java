package org.genlab.ui.topic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import org.genlab.core.param.ParamException;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateWriter;
import org.genlab.ui.plot.PlotCanvas;

/**
 * Takes a pane's whole state and builds a pane from one (FX thread). A state is restored
 * into a pane built for it, never into the pane on screen: if any part of the state does not
 * fit, the new pane is thrown away and the one on screen has not been touched.
 *
 * <p>Order of restoring: parameters (checked all together against the declared ones; a
 * parameter the file lacks keeps its default, as in a file from before it existed), then
 * the pane's own fields ({@link Topic#restoreState}), then each plot's zoom.
 */
public final class TopicStates {
    private TopicStates() {
    }

    /** The state of {@code topic} as it is now. */
    public static PaneState capture(Topic topic) {
        StateWriter extras = StateWriter.create();
        topic.saveState(extras);
        List<PaneState.View> views = new ArrayList<>();
        for (PlotCanvas p : plots(topic.figure())) {
            double[] w = p.getViewport().requestedWorld();
            views.add(new PaneState.View(w[0], w[1], w[2], w[3]));
        }
        return PaneState.of(topic.id(), new LinkedHashMap<>(topic.values()), views, extras, "");
    }

    /**
     * A new pane of {@code info} showing {@code state}.
     *
     * @throws StateException naming the field that does not fit; nothing is left open then
     */
    public static Topic build(TopicInfo info, TopicContext context, PaneState state) throws StateException {
        if (!info.id().equals(state.pane())) {
            throw new StateException("pane", "this state is for the " + state.pane() + " pane, not " + info.id());
        }
        Topic topic = info.factory().apply(context);
        try {
            restoreInto(topic, state);
            return topic;
        } catch (StateException | RuntimeException e) {
            topic.dispose();
            throw e;
        }
    }

    /** Restores {@code state} into a pane just built for it (see the class comment). */
    static void restoreInto(Topic topic, PaneState state) throws StateException {
        Map<String, Object> values;
        try {
            values = topic.parameters().validate(state.params());
        } catch (ParamException e) {
            throw new StateException("params." + e.param(), e.reason());
        }
        topic.apply(values);
        topic.restoreState(state.extras());
        List<PlotCanvas> plots = plots(topic.figure());
        if (!state.views().isEmpty()) {
            if (state.views().size() != plots.size()) {
                throw new StateException("views", state.views().size() + " plot ranges, but this " + topic.id() + " figure has "
                        + plots.size() + (plots.size() == 1 ? " plot" : " plots"));
            }
            for (int i = 0; i < plots.size(); i++) {
                PaneState.View v = state.views().get(i);
                plots.get(i).setView(v.xmin(), v.xmax(), v.ymin(), v.ymax());
            }
        }
    }

    /** The plots of a figure, in the order a state file lists their ranges (depth first, visible ones only). */
    public static List<PlotCanvas> plots(Node figure) {
        List<PlotCanvas> out = new ArrayList<>();
        collect(figure, out);
        return out;
    }

    private static void collect(Node n, List<PlotCanvas> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof PlotCanvas p) {
            out.add(p);
        } else if (n instanceof Parent parent) {
            for (Node c : parent.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }
}
