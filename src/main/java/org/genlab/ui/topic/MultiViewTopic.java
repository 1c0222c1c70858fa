package org.genlab.ui.topic;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.genlab.core.param.ParamSet;
import org.genlab.ui.shell.Shortcut;

/**
 * A pane made of several {@link PaneView}s chosen by its {@code view} parameter (the VAE pane's
 * five parts of question 3, the zoo's models and logistic views). One parameter form serves
 * them all and shows the controls of the view on screen; the view's own buttons sit above it.
 */
public abstract class MultiViewTopic implements Topic {
    protected final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    protected final ParamForm form;
    private final ParamSet params;
    private final Map<String, PaneView> views = new LinkedHashMap<>();
    private final StackPane figure = new StackPane();
    private final BorderPane view = new BorderPane();
    private final VBox controls = new VBox(8);
    private final VBox viewControls = new VBox(8);
    private Set<String> lessonHidden = Set.of();
    private PaneView current;

    /** A pane over {@code params}, which must declare a {@code view} choice. Call {@link #start} at the end of the constructor. */
    protected MultiViewTopic(ParamSet params) {
        this.params = params;
        this.form = new ParamForm(params, (name, value) -> onParam(name));
        figure.getStyleClass().add("figure-area");
        figure.setFocusTraversable(true);
        view.setCenter(figure);
        controls.getStyleClass().add("controls");
    }

    /** Adds the views, lays out the controls under {@code heading} and shows the current view. */
    protected final void start(String heading, List<PaneView> all, String why) {
        all.forEach(v -> views.put(v.id(), v));
        controls.getChildren().addAll(Controls.heading(heading), viewControls, Controls.heading("SETTINGS"), form.node());
        show(why);
    }

    /** Whether the control of {@code param} is shown on {@code view}. */
    protected abstract boolean belongsTo(String param, String view);

    @Override
    public final Node view() {
        return view;
    }

    @Override
    public final Node controls() {
        return controls;
    }

    @Override
    public final Node figure() {
        return figure;
    }

    @Override
    public final ParamSet parameters() {
        return params;
    }

    @Override
    public void apply(Map<String, Object> values) {
        values.forEach(form::setValue);
        show("Settings applied");
    }

    @Override
    public final Map<String, Object> values() {
        return new LinkedHashMap<>(form.values());
    }

    @Override
    public final void setHiddenControls(Set<String> names) {
        lessonHidden = Set.copyOf(names);
        hideOtherViews();
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        if (s == Shortcut.RESET_VIEW) {
            current.refresh(null);
            return true;
        }
        return current.onShortcut(s);
    }

    @Override
    public java.util.Optional<PaneTime> time() {
        return current.time();
    }

    @Override
    public java.util.List<org.genlab.core.io.CsvTable> tables() {
        return current.tables();
    }

    @Override
    public void saveState(org.genlab.core.state.StateWriter extras) {
        current.saveState(extras);
    }

    @Override
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        current.restoreState(extras);
    }

    @Override
    public final ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    @Override
    public final CompletableFuture<Void> whenSettled() {
        return current.whenSettled();
    }

    @Override
    public void dispose() {
        views.values().forEach(PaneView::dispose);
    }

    /** The view on screen. */
    public final PaneView currentView() {
        return current;
    }

    /** A view by name. */
    public final PaneView view(String id) {
        return views.get(id);
    }

    /** The form (for tests and views). */
    public final ParamForm form() {
        return form;
    }

    /** Switches to {@code id} without redrawing it from the form (a view adopting data redraws itself). */
    protected final PaneView switchTo(String id) {
        form.setValue("view", id);
        PaneView next = views.get(id);
        if (current != next) {
            current.stop();
            current = next;
            figure.getChildren().setAll(next.figure());
            viewControls.getChildren().setAll(next.controls());
            hideOtherViews();
        }
        return next;
    }

    /** Shows the view the {@code view} parameter names and redraws it from the form's values. */
    protected final void show(String why) {
        PaneView next = views.get((String) form.value("view"));
        if (current != null && current != next) {
            current.stop();
        }
        current = next;
        figure.getChildren().setAll(next.figure());
        viewControls.getChildren().setAll(next.controls());
        hideOtherViews();
        next.refresh(null);
        message.set(why + ".");
    }

    /** Hides the controls of the views not on screen, and those the lesson hides. */
    private void hideOtherViews() {
        String v = (String) form.value("view");
        Set<String> hidden = new HashSet<>(lessonHidden);
        params.list().forEach(p -> {
            if (!belongsTo(p.name(), v)) {
                hidden.add(p.name());
            }
        });
        form.setHiddenOnly(hidden);
    }

    private void onParam(String name) {
        if (name.equals("view")) {
            show("View: " + form.value("view"));
        } else {
            current.refresh(name);
        }
    }
}
