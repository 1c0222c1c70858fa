package org.genlab.ui.em;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.FXCollections;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.genlab.core.em.Em;
import org.genlab.core.em.EmState;
import org.genlab.core.em.Tangency;
import org.genlab.ui.plot.Colormaps;
import org.genlab.ui.plot.LineChart;
import org.genlab.ui.topic.Controls;

/**
 * Question 7, drawn: after an E-step, the log-likelihood and the ELBO along one parameter of
 * component 1, with both slopes at θ₀. The curves are computed on the compute pool; a newer
 * half-step replaces an older one's curves before they show.
 */
final class TangencyView extends VBox {
    private final Executor compute;
    private final Executor ui;
    private final ChoiceBox<Tangency.Direction> direction = new ChoiceBox<>();
    private final LineChart chart = new LineChart();
    private final LineChart.Series ll = chart.addSeries("ℓ(θ₀ + t d)", Colormaps.category(4));
    private final LineChart.Series elbo = chart.addSeries("ELBO(Q; θ₀ + t d)", Colormaps.category(0));
    private final Label slopes = Controls.wrapped("", "stat-value");
    private final AtomicLong generation = new AtomicLong();
    private Em em;
    private EmState state;

    TangencyView(Executor compute, Executor ui) {
        super(6);
        this.compute = compute;
        this.ui = ui;
        direction.setItems(FXCollections.observableArrayList(Tangency.Direction.values()));
        direction.setValue(Tangency.Direction.MEAN_X);
        direction.setConverter(new StringConverter<>() {
            @Override
            public String toString(Tangency.Direction d) {
                return d == null ? "" : d.label();
            }

            @Override
            public Tangency.Direction fromString(String s) {
                return null;
            }
        });
        direction.setTooltip(new Tooltip("The parameter of component 1 that moves by t"));
        direction.valueProperty().addListener((o, a, b) -> refresh());
        direction.setId("em-tangency-direction");
        chart.setLabels(null, "t", null);
        // Painted off the FX thread like the pane's figure: drawn on its canvas it cost the
        // software renderer 20-50 ms whenever the controls column repainted (play stopping).
        chart.setComposited(compute);
        chart.setPrefHeight(170);
        chart.setMinHeight(150);
        slopes.setId("em-tangency-slopes");
        getChildren().addAll(direction, chart, slopes);
    }

    /** Shows the curves for this half-step (only an E-step has them). */
    void show(Em model, EmState s) {
        em = model;
        state = s;
        refresh();
    }

    /** The slopes line as shown (for tests). */
    String slopesText() {
        return slopes.getText();
    }

    private void refresh() {
        long gen = generation.incrementAndGet();
        if (state == null || state.phase() != EmState.Phase.E) {
            ll.clear();
            elbo.clear();
            slopes.setText("Take an E-step: right after it, the ELBO touches ℓ(θ) at θ₀ with the same slope.");
            return;
        }
        Tangency.Direction d = direction.getValue();
        if (d == Tangency.Direction.WEIGHT && state.mixture().k() < 2) {
            slopes.setText("A single component has no weight to move.");
            return;
        }
        Em model = em;
        EmState s = state;
        CompletableFuture.supplyAsync(() -> Tangency.curves(model, s.mixture(), d, 41), compute)
                .whenCompleteAsync((c, err) -> {
                    if (gen != generation.get()) {
                        return; // a newer half-step or direction took over
                    }
                    if (err != null) {
                        slopes.setText("Could not draw the curves: " + err.getMessage());
                        return;
                    }
                    ll.setData(c.t(), c.logLik());
                    elbo.setData(c.t(), c.elbo());
                    chart.setCursorX(0);
                    slopes.setText(String.format(Locale.ROOT, "at t = 0:  dℓ/dt = %.6g\n           dELBO/dt = %.6g",
                            c.slopeLogLik(), c.slopeElbo()));
                }, ui);
    }
}
