package org.genlab.ui.vae;

import org.genlab.ui.topic.PaneView;
import org.genlab.ui.plot.Curves;
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
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;

/**
 * The VAE pane, part 1 (homework question 3): the mechanics under a latent-variable model, in
 * four views: inverse-CDF latent models (b i-iii), the naive Monte-Carlo likelihood and why it
 * fails in high dimension (b iv-vii), the ELBO and the KL to the posterior (c), and the
 * reparameterization trick with a gradient check of the printed formulas (d). One parameter
 * form serves all four; it shows the controls of the view on screen.
 */
public final class VaeTopic implements Topic {
    /** The pane's declared parameters (see {@link VaeParams}). */
    public static final ParamSet PARAMS = VaeParams.PARAMS;

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ParamForm form;
    private final Map<String, PaneView> views = new LinkedHashMap<>();
    private final StackPane figure = new StackPane();
    private final BorderPane view = new BorderPane();
    private final VBox controls = new VBox(8);
    private final VBox viewControls = new VBox(8);
    private Set<String> lessonHidden = Set.of();
    private PaneView current;

    public VaeTopic(TopicContext context) {
        this.form = new ParamForm(PARAMS, (name, value) -> onParam(name));
        for (PaneView v : List.of(new InverseCdfView(context, form, message::set), new McView(context, form, message::set),
                new ElboView(context, form, message::set), new ReparamView(context, form, message::set),
                new LatentView(context, form, message::set))) {
            views.put(v.id(), v);
        }
        figure.getStyleClass().add("figure-area");
        figure.setFocusTraversable(true);
        view.setCenter(figure);
        controls.getStyleClass().add("controls");
        controls.getChildren().addAll(Controls.heading("QUESTION 3"), viewControls, Controls.heading("SETTINGS"), form.node());
        show("Question 3: latent-variable models");
    }

    // ---- the contract ----------------------------------------------------------------------

    @Override
    public String id() {
        return "vae";
    }

    @Override
    public String title() {
        return "VAE";
    }

    @Override
    public String description() {
        return "Latent-variable models and the VAE (question 3). Choose a View:\n\n"
                + "invcdf: push a latent z through a choice of p(x | z) and see whether the histogram of x reproduces the "
                + "target p(x) (b i-iii). Space plays the draws.\n\n"
                + "mc: estimate log p(x) by averaging p(x | z) over z from the prior, and watch the weights and the "
                + "effective sample size collapse as the dimension grows (b iv-vii).\n\n"
                + "elbo: drag q(z | x) on the latent axis and see log p(x) = ELBO + KL(q ‖ p(z | x)) (c).\n\n"
                + "reparam: two gradient estimators of E_q[f(z)], and a check of the printed VAE gradients (d).\n\n"
                + "latent: a VAE trained on images of shapes (or on 2-D points): its latent space coloured by a known "
                + "factor, decodings under the pointer and between two picked items, and live training with β.";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Node controls() {
        return controls;
    }

    @Override
    public Node figure() {
        return figure;
    }

    @Override
    public ParamSet parameters() {
        return PARAMS;
    }

    @Override
    public void apply(Map<String, Object> values) {
        values.forEach(form::setValue);
        show("Settings applied");
    }

    @Override
    public Map<String, Object> values() {
        return new LinkedHashMap<>(form.values());
    }

    @Override
    public void setHiddenControls(Set<String> names) {
        lessonHidden = Set.copyOf(names);
        hideOtherViews();
    }

    /** The data pane's points become the latent view's data set (2-D points, Gaussian decoder). */
    @Override
    public boolean useData(org.genlab.core.data.Dataset2D data) {
        if (data.isEmpty()) {
            message.set("The data set is empty: the VAE pane keeps its data.");
            return true;
        }
        form.setValue("view", "latent");
        LatentView latent = (LatentView) views.get("latent");
        if (current != latent) {
            current.stop();
            current = latent;
            figure.getChildren().setAll(latent.figure());
            viewControls.getChildren().setAll(latent.controls());
            hideOtherViews();
        }
        return latent.useData(data);
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
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    @Override
    public CompletableFuture<Void> whenSettled() {
        return current.whenSettled();
    }

    @Override
    public void dispose() {
        views.values().forEach(PaneView::dispose);
    }

    /** The view on screen (for tests). */
    PaneView currentView() {
        return current;
    }

    /** A view by name (for tests). */
    PaneView view(String id) {
        return views.get(id);
    }

    /** The form (for tests). */
    ParamForm form() {
        return form;
    }

    // ---- views -------------------------------------------------------------------------------

    /** Shows the view the {@code view} parameter names and redraws it from the form's values. */
    private void show(String why) {
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
        PARAMS.list().forEach(p -> {
            if (!VaeParams.belongsTo(p.name(), v)) {
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
