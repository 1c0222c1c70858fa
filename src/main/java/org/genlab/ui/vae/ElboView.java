package org.genlab.ui.vae;

import org.genlab.ui.topic.PaneView;
import org.genlab.ui.plot.Curves;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
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
final class ElboView extends PaneView {
    /** Handles are grabbed within this many pixels (a 44 px target). */
    private static final double HANDLE_PX = 22;
    private static final double Z_MIN = -3.5, Z_MAX = 3.5;

    private final LinearGaussianElbo model = LinearGaussianElbo.homework();
    private final PlotCanvas latent = Curves.plot("z", "density");
    private final PathLayer curves = new PathLayer();
    private final ScatterLayer handles = new ScatterLayer();
    private final PlotCanvas bars = Curves.plot("nats", null);
    private final RectLayer barRects = new RectLayer();
    private final PathLayer barLines = new PathLayer();
    private final TextLayer barText = new TextLayer();
    private final VBox figure = new VBox(6);
    private final Label readout = Controls.wrapped("", "stat-value");
    private String dragging;
    private LinearGaussianElbo.Breakdown shown;

    ElboView(TopicContext context, ParamForm form, Consumer<String> message) {
        super("elbo", context, form, message);
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
        bars.setYTicksVisible(false);
        bars.setGridVisible(false);
        bars.setZoomEnabled(false);
        barRects.setLegendEntries(List.of(LegendEntry.line("ELBO", Curves.BLUE), LegendEntry.line("KL(q ‖ p(z | x))", Curves.ORANGE),
                LegendEntry.line("E_q log p(x | z)", Curves.GREEN), LegendEntry.line("KL(q ‖ p(z)), taken off", Curves.VERMILLION)));
        bars.setLegendVisible(false);
        latent.setPrefSize(700, 480);
        bars.setPrefSize(700, 300);
        VBox.setVgrow(latent, Priority.ALWAYS);
        VBox.setVgrow(bars, Priority.ALWAYS);
        figure.getChildren().addAll(latent, bars);
        setFigure(figure, latent, bars);
        Button toPosterior = Controls.button("q = posterior", "Set q(z | x) to the exact posterior p(z | x): the KL becomes 0 "
                + "and the ELBO equals log p(x)", this::snapToPosterior);
        toPosterior.setId("vae-q-posterior");
        Button toPrior = Controls.button("q = prior", "Set q(z | x) to the prior N(0, 1)", () -> setQ(0, 1));
        controls.getChildren().addAll(Controls.flow(toPosterior, toPrior), readout);
    }





    @Override
    public String readout() {
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
    public void refresh(String changed) {
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
     * Two stacked horizontal bars from the left edge of the chart: the ELBO then the KL to the
     * posterior, reaching log p(x); and E_q log p(x | z) with the KL to the prior taken off its
     * right end, leaving the same ELBO.
     */
    private void drawBars(LinearGaussianElbo.Breakdown b) {
        double lp = b.logp(), elbo = b.elbo(), ell = b.expectedLogLikelihood();
        double right = Math.max(lp, ell);
        double floor = Math.max(Math.min(elbo, lp - 2) - 0.15 * (right - Math.min(elbo, lp - 2)), lp - 40);
        double span = right - floor;
        double top = right + 0.08 * span;
        int blueFill = 0xCC0072B2, orangeFill = 0xCCE69F00, redFill = 0x88D55E00;
        double shownElbo = Math.max(elbo, floor);
        // row 1 (upper): log p(x) = ELBO + KL(q ‖ p(z | x)); row 0 (lower): ELBO = E_q log p(x | z) − KL(q ‖ p(z))
        barRects.setRects(List.of(
                new RectLayer.Rect(floor, 1.2, shownElbo, 1.8, blueFill, Curves.BLUE),
                new RectLayer.Rect(shownElbo, 1.2, lp, 1.8, orangeFill, Curves.ORANGE),
                new RectLayer.Rect(floor, 0.2, shownElbo, 0.8, blueFill, Curves.BLUE),
                new RectLayer.Rect(shownElbo, 0.2, ell, 0.8, redFill, Curves.VERMILLION)));
        barLines.setPaths(List.of(Curves.segment(lp, 0, lp, 2.25, Curves.BLACK, 2).withDashes(8, 5),
                Curves.segment(ell, 0.2, ell, 0.8, Curves.GREEN, 3)));
        List<TextLayer.Label> labels = new java.util.ArrayList<>();
        labels.add(new TextLayer.Label(lp, 2.27, String.format(Locale.ROOT, "log p(x) = %.3f", lp), 0xFF111111, 15,
                lp - floor > 0.7 * span ? Painter.HAlign.RIGHT : Painter.HAlign.LEFT, Painter.VAlign.BOTTOM, true));
        labels.add(left(floor, 1.85, "log p(x) = ELBO + KL(q ‖ p(z | x))"));
        labels.add(left(floor, 0.85, "ELBO = E_q[log p(x | z)] − KL(q ‖ p(z))"));
        double minWidth = 0.14 * span;
        if (shownElbo - floor > minWidth) {
            labels.add(inside((floor + shownElbo) / 2, 1.5, String.format(Locale.ROOT, "ELBO %.3f", elbo)));
            labels.add(inside((floor + shownElbo) / 2, 0.5, String.format(Locale.ROOT, "ELBO %.3f", elbo)));
        }
        if (lp - shownElbo > minWidth) {
            labels.add(inside((shownElbo + lp) / 2, 1.5, String.format(Locale.ROOT, "KL %.3f", b.kl())));
        }
        if (ell - shownElbo > minWidth) {
            labels.add(inside((shownElbo + ell) / 2, 0.5, String.format(Locale.ROOT, "−KL %.3f", b.klToPrior())));
        }
        barText.setLabels(labels);
        bars.setHome(floor, top, 0, 2.6);
        bars.resetView();
        bars.setAxisLabels(elbo < floor ? "nats (the ELBO is off the chart: q is far from the posterior)" : "nats", null);
    }

    private static TextLayer.Label left(double x, double y, String text) {
        return new TextLayer.Label(x, y, "  " + text, 0xFF111111, 15, Painter.HAlign.LEFT, Painter.VAlign.BOTTOM, true);
    }

    private static TextLayer.Label inside(double x, double y, String text) {
        return new TextLayer.Label(x, y, text, 0xFF111111, 15, Painter.HAlign.CENTER, Painter.VAlign.CENTER, false);
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
    public boolean onShortcut(Shortcut s) {
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
