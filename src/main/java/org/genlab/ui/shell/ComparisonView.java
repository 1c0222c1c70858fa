package org.genlab.ui.shell;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.Viewport;
import org.genlab.ui.topic.PaneTime;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;
import org.genlab.ui.topic.TopicInfo;
import org.genlab.ui.topic.TopicStates;

/**
 * The A/B view: run A is the pane as it was when pinned, rebuilt from its state; run B is the
 * live pane, whose controls stay on the right. Both figures side by side with their plots'
 * zoom and pan linked, one timeline that moves both (for panes with a time), and the list of
 * what differs between them, kept up to date as B changes.
 */
final class ComparisonView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private final Topic pinned;
    private final Topic live;
    private final PaneState pinnedState;
    private final BorderPane node = new BorderPane();
    private final VBox differences = new VBox(2);
    private final PauseTransition refreshLater = new PauseTransition(Duration.millis(400));
    private final List<Runnable> unlink = new ArrayList<>();
    private final ChangeListener<String> onMessage = (o, a, b) -> refreshLater.playFromStart();
    private boolean syncing;

    /**
     * Pins {@code live} as it is now: builds run A from its state (FX thread).
     *
     * @throws StateException if the pane's own state cannot be rebuilt (a pane bug, reported)
     */
    ComparisonView(TopicInfo info, TopicContext context, Topic live) throws StateException {
        this.live = live;
        this.pinnedState = TopicStates.capture(live);
        this.pinned = TopicStates.build(info, context, pinnedState);
        Label a = header("A — pinned at " + LocalTime.now().format(CLOCK), "comparison-a");
        Label b = header("B — live: its settings are on the right", "comparison-b");
        VBox left = column(a, pinned.view());
        VBox right = column(b, live.view());
        HBox both = new HBox(8, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(0);
        right.setPrefWidth(0);
        node.setCenter(both);
        VBox bottom = new VBox(6);
        bottom.setPadding(new Insets(6, 12, 8, 12));
        timeline().ifPresent(bottom.getChildren()::add);
        Label head = new Label("WHAT DIFFERS (A → B)");
        head.getStyleClass().add("nav-heading");
        differences.setId("comparison-differences");
        bottom.getChildren().addAll(head, differences);
        node.setBottom(bottom);
        node.setId("comparison");
        linkPlots();
        refreshLater.setOnFinished(e -> refresh());
        live.message().addListener(onMessage);
        refresh();
    }

    private static Label header(String text, String id) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add("comparison-header");
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private static VBox column(Label header, Node view) {
        VBox v = new VBox(4, header, view);
        VBox.setVgrow(view, Priority.ALWAYS);
        v.setMinWidth(0);
        return v;
    }

    /** The comparison, for the window's centre. */
    Node node() {
        return node;
    }

    /** Run A (for tests). */
    Topic pinned() {
        return pinned;
    }

    /** The lines listing what differs, as shown. */
    List<String> differenceLines() {
        return differences.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    /** Lists what differs between A and B now. */
    void refresh() {
        List<String> lines = StateFile.differences(pinnedState, TopicStates.capture(live));
        differences.getChildren().clear();
        if (lines.isEmpty()) {
            differences.getChildren().add(new Label("Nothing yet: change a setting of B on the right, and both runs show it."));
        }
        for (String line : lines) {
            Label l = new Label("• " + line);
            l.getStyleClass().add("comparison-difference");
            differences.getChildren().add(l);
        }
    }

    /** Zoom and pan in one run's plot moves the same plot of the other. */
    private void linkPlots() {
        List<PlotCanvas> pa = TopicStates.plots(pinned.figure()), pb = TopicStates.plots(live.figure());
        for (int i = 0; i < Math.min(pa.size(), pb.size()); i++) {
            link(pa.get(i), pb.get(i));
            link(pb.get(i), pa.get(i));
        }
    }

    private void link(PlotCanvas from, PlotCanvas to) {
        ChangeListener<Viewport> l = (o, was, v) -> {
            if (syncing || v == null) {
                return;
            }
            double[] w = v.requestedWorld();
            double[] other = to.getViewport().requestedWorld();
            if (java.util.Arrays.equals(w, other)) {
                return;
            }
            syncing = true;
            try {
                to.setView(w[0], w[1], w[2], w[3]);
            } finally {
                syncing = false;
            }
        };
        from.viewportProperty().addListener(l);
        unlink.add(() -> from.viewportProperty().removeListener(l));
    }

    /** One slider over both runs' time, if the pane has one. */
    private Optional<Node> timeline() {
        Optional<PaneTime> tb = live.time(), ta = pinned.time();
        if (tb.isEmpty() || ta.isEmpty()) {
            return Optional.empty();
        }
        PaneTime t = tb.get();
        // A counted time (EM's half-steps, up to 2,000) spans the runs' own lengths, not all it
        // could: eight half-steps on a 0-2000 slider would all sit under its thumb.
        double end = t.integral() ? Math.min(t.max(), Math.max(ta.get().usualTo(), t.usualTo())) : t.max();
        Slider s = new Slider(t.min(), end, Math.min(end, t.current().orElse(t.min())));
        s.setId("comparison-timeline");
        s.setTooltip(new Tooltip("Moves both runs to the same " + t.name()));
        if (t.integral()) {
            s.setMajorTickUnit(Math.max(1, Math.round((end - t.min()) / 10)));
            s.setSnapToTicks(false);
            s.setBlockIncrement(1);
        }
        Label value = new Label();
        value.setMinWidth(160);
        Runnable seek = () -> {
            double v = t.integral() ? Math.round(s.getValue()) : s.getValue();
            value.setText("A and B at " + t.name() + " " + (t.integral() ? Long.toString((long) v)
                    : String.format(java.util.Locale.ROOT, "%.3f", v)));
            live.time().filter(x -> x.contains(v)).ifPresent(x -> x.seek().apply(v));
            pinned.time().filter(x -> x.contains(v)).ifPresent(x -> x.seek().apply(v));
        };
        s.valueProperty().addListener((o, a, b) -> {
            if (!s.isValueChanging()) {
                seek.run();
            }
        });
        s.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) {
                seek.run();
            }
        });
        value.setText("one timeline for A and B (" + t.name() + ")");
        HBox row = new HBox(10, new Label("Timeline"), s, value);
        HBox.setHgrow(s, Priority.ALWAYS);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return Optional.of(row);
    }

    /** Ends the comparison: run A is disposed; the live pane's view is handed back. */
    void dispose() {
        refreshLater.stop();
        live.message().removeListener(onMessage);
        unlink.forEach(Runnable::run);
        node.setCenter(null);
        pinned.dispose();
    }
}
