package org.genlab.ui.vae;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.genlab.core.vae.LinearGaussianElbo;
import org.genlab.ui.plot.CanvasRegion;
import org.genlab.ui.plot.LegendEntry;
import org.genlab.ui.plot.Painter;
import org.genlab.ui.plot.PanMode;
import org.genlab.ui.plot.PathLayer;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.RectLayer;
import org.genlab.ui.plot.ScatterLayer;
import org.genlab.ui.plot.TextLayer;
import org.genlab.ui.plot.Viewport;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.TopicContext;

/**
 * Question 3(c): log p(x) = ELBO(q) + KL(q ‖ p(z | x)) on the homework-style linear-Gaussian
 * model z ~ N(0, 1), x = w z + b + N(0, s² I), w = (1.5, 0.5), b = 0, s = 0.5, where every term
 * is a closed form ({@link LinearGaussianElbo}). The latent axis shows the prior, the exact
 * posterior and q, whose mean and spread the user drags; beside it two stacked bars: the gap
 * between log p(x) and the ELBO is the KL to the posterior, and the ELBO is also the expected
 * log-likelihood minus the KL to the prior.
 */
final class ElboView extends VaeView {
    /** Handles are grabbed within this many pixels (a 44 px target). */
    private static final double HANDLE_PX = 22;
    private static final double Z_MIN = -3.5, Z_MAX = 3.5;

    private final LinearGaussianElbo model = LinearGaussianElbo.homework();
    private final PlotCanvas latent = Curves.plot("z", "density");
    private final PathLayer curves = new PathLayer();
    private final ScatterLayer handles = new ScatterLayer();
    private final PlotCanvas bars = Curves.plot(null, "nats");
    private final RectLayer barRects = new RectLayer();
    private final PathLayer barLines = new PathLayer();
    private final TextLayer barText = new TextLayer();
    private final HBox figure = new HBox(8);
    private final VBox controls = new VBox(8);
    private final Label readout = Controls.wrapped("", "stat-value");
    private String dragging;
    private LinearGaussianElbo.Breakdown shown;

    ElboView(TopicContext context, ParamForm form, Consumer<String> message) {
        super(context, form, message);
        curves.setLegendEntries(List.of(LegendEntry.line("prior p(z) = N(0, 1)", Curves.GREY),
                LegendEntry.line("posterior p(z | x)", Curves.BLUE), LegendEntry.line("q(z | x), drag it", Curves.ORANGE)));
        handles.setOutline(0xFFFFFFFF);
        latent.getLayers().addAll(curves, handles);
        latent.setPanMode(PanMode.NONE);
        latent.setZoomEnabled(false);
        latent.setFocusTraversable(true);
        latent.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        latent.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        latent.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragging = null);
        bars.getLayers().addAll(barRects, barLines, barText);
        bars.setPanMode(PanMode.NONE);
        bars.setZoomEnabled(false);
        barRects.setLegendEntries(List.of(LegendEntry.line("ELBO", Curves.BLUE), LegendEntry.line("KL(q ‖ p(z | x))", Curves.ORANGE),
                LegendEntry.line("E_q log p(x | z)", Curves.GREEN), LegendEntry.line("KL(q ‖ p(z)), taken off", Curves.VERMILLION)));
        bars.setLegendVisible(false);
        latent.setPrefSize(620, 520);
        bars.setPrefSize(420, 520);
        HBox.setHgrow(latent, Priority.ALWAYS);
        HBox.setHgrow(bars, Priority.SOMETIMES);
        figure.getChildren().addAll(latent, bars);
        Button toPosterior = Controls.button("q = posterior", "Set q(z | x) to the exact posterior p(z | x): the KL becomes 0 "
                + "and the ELBO equals log p(x)", this::snapToPosterior);
        toPosterior.setId("vae-q-posterior");
        Button toPrior = Controls.button("q = prior", "Set q(z | x) to the prior N(0, 1)", () -> setQ(0, 1));
        controls.getChildren().addAll(Controls.flow(toPosterior, toPrior), readout);
    }

    @Override
    String id() {
        return "elbo";
    }

    @Override
    Node figure() {
        return figure;
    }

    @Override
    Node controls() {
        return controls;
    }

    @Override
    List<CanvasRegion> canvases() {
        return List.of(latent, bars);
    }

    @Override
    String readout() {
        return readout.getText();
    }

    /** The terms shown (for tests). */
    LinearGaussianElbo.Breakdown breakdown() {
        return shown;
    }

    private double[] x() {
        return new double[] {real("x1"), real("x2")};
    }

    @Override
    void refresh(String changed) {
        double[] x = x();
        double m = real("q-mean"), v = real("q-var");
        LinearGaussianElbo.Breakdown b = model.evaluate(x, m, v);
        shown = b;
        drawLatent(b, m, v);
        drawBars(b);
        readout.setText(String.format(Locale.ROOT,
                "x = (%.2f, %.2f);  posterior p(z | x) = N(%.3f, %.4f)%n"
                        + "log p(x) = %.4f%nELBO = %.4f%nKL(q ‖ p(z | x)) = %.4f%n"
                        + "ELBO + KL = %.4f (log p(x) to %.1e)%n"
                        + "E_q log p(x | z) = %.4f,  KL(q ‖ p(z)) = %.4f",
                x[0], x[1], b.posteriorMean(), b.posteriorVar(), b.logp(), b.elbo(), b.kl(), b.elbo() + b.kl(),
                Math.abs(b.elbo() + b.kl() - b.logp()), b.expectedLogLikelihood(), b.klToPrior()));
    }

    private void drawLatent(LinearGaussianElbo.Breakdown b, double m, double v) {
        double pm = b.posteriorMean(), pv = b.posteriorVar();
        curves.setPaths(List.of(
                Curves.curve(z -> Curves.normalDensity(z, 0, 1), Z_MIN, Z_MAX, 300, Curves.GREY, 2).withDashes(8, 5),
                Curves.curve(z -> Curves.normalDensity(z, pm, pv), Z_MIN, Z_MAX, 400, Curves.BLUE, 2.5),
                Curves.curve(z -> Curves.normalDensity(z, m, v), Z_MIN, Z_MAX, 400, Curves.ORANGE, 3),
                // the spread handle sits at one standard deviation, joined to the peak
                Curves.segment(m, peak(v) * Math.exp(-0.5), m + Math.sqrt(v), peak(v) * Math.exp(-0.5), Curves.ORANGE, 1.5)
                        .withDashes(4, 3)));
        handles.setPoints(new double[] {m, m + Math.sqrt(v)}, new double[] {peak(v), peak(v) * Math.exp(-0.5)}, Curves.ORANGE, 8);
        double top = Math.max(Math.max(peak(pv), peak(v)), peak(1)) * 1.12;
        latent.setHome(Z_MIN, Z_MAX, 0, top);
        latent.resetView();
    }

    private static double peak(double var) {
        return 1 / Math.sqrt(2 * Math.PI * var);
    }

    /**
     * Two stacked bars from the bottom of the chart: ELBO then the KL to the posterior, reaching
     * log p(x); and E_q log p(x | z) with the KL to the prior taken off its top, leaving the ELBO.
     */
    private void drawBars(LinearGaussianElbo.Breakdown b) {
        double lp = b.logp(), elbo = b.elbo(), ell = b.expectedLogLikelihood();
        double top = Math.max(lp, ell) + 0.6;
        double floor = Math.max(Math.min(elbo, lp - 2) - 1, lp - 40);
        double base = floor;
        int blueFill = 0xCC0072B2, orangeFill = 0xCCE69F00, greenFill = 0xCC009E73, redFill = 0x88D55E00;
        double shownElbo = Math.max(elbo, floor);
        barRects.setRects(List.of(
                new RectLayer.Rect(0.15, base, 0.85, shownElbo, blueFill, Curves.BLUE),
                new RectLayer.Rect(0.15, shownElbo, 0.85, lp, orangeFill, Curves.ORANGE),
                new RectLayer.Rect(1.15, base, 1.85, shownElbo, blueFill, Curves.BLUE),
                new RectLayer.Rect(1.15, shownElbo, 1.85, ell, redFill, Curves.VERMILLION)));
        barLines.setPaths(List.of(Curves.segment(0, lp, 2, lp, Curves.BLACK, 2).withDashes(8, 5),
                Curves.segment(1.15, ell, 1.85, ell, Curves.GREEN, 3)));
        double mid0 = 0.5, mid1 = 1.5;
        List<TextLayer.Label> labels = new java.util.ArrayList<>();
        labels.add(label(1.0, lp, String.format(Locale.ROOT, "log p(x) = %.3f", lp), Painter.VAlign.BOTTOM, true));
        labels.add(label(mid0, (shownElbo + base) / 2, String.format(Locale.ROOT, "ELBO%n%.3f", elbo), Painter.VAlign.CENTER, false));
        if (lp - shownElbo > 0.05 * (top - floor)) {
            labels.add(label(mid0, (shownElbo + lp) / 2, String.format(Locale.ROOT, "KL %.3f", b.kl()), Painter.VAlign.CENTER, false));
        }
        labels.add(label(mid1, (shownElbo + base) / 2, String.format(Locale.ROOT, "ELBO%n%.3f", elbo), Painter.VAlign.CENTER, false));
        if (ell - shownElbo > 0.05 * (top - floor)) {
            labels.add(label(mid1, (shownElbo + ell) / 2, String.format(Locale.ROOT, "−KL(q‖p(z))%n%.3f", b.klToPrior()),
                    Painter.VAlign.CENTER, false));
        }
        labels.add(label(mid1, ell, String.format(Locale.ROOT, "E_q log p(x|z) = %.3f", ell), Painter.VAlign.BOTTOM, false));
        labels.add(label(mid0, floor, "ELBO + KL", Painter.VAlign.TOP, true));
        labels.add(label(mid1, floor, "E_q log p − KL(q‖p(z))", Painter.VAlign.TOP, true));
        barText.setLabels(labels);
        bars.setHome(0, 2, floor, top);
        bars.resetView();
        bars.setAxisLabels(elbo < floor ? "the ELBO is below the chart: q is far from the posterior" : null, "nats");
    }

    private static TextLayer.Label label(double x, double y, String text, Painter.VAlign v, boolean bold) {
        return new TextLayer.Label(x, y, text, 0xFF111111, 14, Painter.HAlign.CENTER, v, bold);
    }

    // ---- dragging q -------------------------------------------------------------------------

    private void onPress(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        latent.requestFocus();
        Viewport vp = latent.getViewport();
        double m = real("q-mean"), v = real("q-var");
        double sd = Math.sqrt(v);
        if (Curves.pixels(vp, e.getX(), e.getY(), m + sd, peak(v) * Math.exp(-0.5)) <= HANDLE_PX) {
            dragging = "spread";
        } else {
            // anywhere else on the latent axis picks up the mean
            dragging = "mean";
            onDrag(e);
        }
        e.consume();
    }

    private void onDrag(MouseEvent e) {
        if (dragging == null) {
            return;
        }
        double z = latent.getViewport().toWorldX(e.getX());
        double m = real("q-mean");
        if (dragging.equals("mean")) {
            setQ(clamp(z, -3, 3), real("q-var"));
        } else {
            double sd = clamp(z - m, 0.1, 2);
            setQ(m, sd * sd);
        }
        e.consume();
    }

    private void setQ(double mean, double var) {
        form.setValue("q-mean", round(clamp(mean, -3, 3)));
        form.setValue("q-var", round(clamp(var, 0.01, 4)));
        refresh("q-mean");
    }

    private void snapToPosterior() {
        double[] post = model.posterior(x());
        // the sliders keep four decimals; the posterior is set exactly so the KL is 0 to rounding
        form.setValue("q-mean", clamp(post[0], -3, 3));
        form.setValue("q-var", clamp(post[1], 0.01, 4));
        refresh("q-mean");
        say("q is the posterior now: the KL is zero and the ELBO equals log p(x).");
    }

    private static double round(double v) {
        return Math.rint(v * 1e4) / 1e4;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    boolean onShortcut(Shortcut s) {
        switch (s) {
            case STEP -> setQ(real("q-mean") + 0.1, real("q-var"));
            case STEP_BACK -> setQ(real("q-mean") - 0.1, real("q-var"));
            case RESET -> setQ(0, 1);
            default -> {
                return false;
            }
        }
        return true;
    }
}
