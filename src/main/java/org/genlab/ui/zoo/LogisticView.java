package org.genlab.ui.zoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;
import org.genlab.core.zoo.Logistic;
import org.genlab.ui.plot.Curves;
import org.genlab.ui.plot.LegendEntry;
import org.genlab.ui.plot.PathLayer;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.ScatterLayer;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.PaneView;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.TopicContext;

/**
 * Question 2 b, and sampling as in 2 a: logistic regression on data x = (1) with exactly
 * round(p n) labels 1. Gradient descent finds q = σ(w + b) = round(p n)/n, which tends to p as n
 * grows; only w + b is identified. Labels for X = (1) are sampled as u ~ U(0, 1) against q.
 */
final class LogisticView extends PaneView {
    /** The n of the q-against-n curve. */
    static final int[] NS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 2000,
        5000, 10_000};

    private final PlotCanvas qPlot = Curves.plot("log₁₀ n", "q = σ(w + b)");
    private final PathLayer qLines = new PathLayer();
    private final ScatterLayer qDots;
    private final PlotCanvas lossPlot = Curves.plot("log₁₀(step + 1)", "mean cross-entropy");
    private final PathLayer lossLines = new PathLayer();
    private final PlotCanvas drawPlot = Curves.plot("draw j", "u_j ~ U(0, 1)");
    private final PathLayer drawLines = new PathLayer();
    private final ScatterLayer drawDots;
    private final Label readout = Controls.wrapped("", "readout");
    private final Button play = Controls.button("Play draws", "Draw the labels one by one (Space)", this::togglePlay);
    private Timeline player;
    private double[] us = new double[0];
    private int shown;
    private double q = Double.NaN;
    private String fitText = "";
    /** How many draws a state file shows, until the fit it waits for is shown; -1 for none. */
    private int restoredShown = -1;

    LogisticView(TopicContext context, ParamForm form, Consumer<String> message) {
        super("logistic", context, form, message);
        qDots = new ScatterLayer(context.pool());
        drawDots = new ScatterLayer(context.pool());
        qPlot.addLayer(qLines);
        qPlot.addLayer(qDots);
        qPlot.setTitle("q = σ(w + b) against n: round(p n)/n, tending to p");
        lossPlot.addLayer(lossLines);
        lossPlot.setTitle("The loss falls to the labels' entropy");
        drawPlot.addLayer(drawLines);
        drawPlot.addLayer(drawDots);
        drawPlot.setTitle("Sampling Y given X = (1): label 1 when u < q");
        qLines.setLegendEntries(List.of(LegendEntry.line("p", Curves.BLACK), LegendEntry.line("round(p n)/n", Curves.SKY)));
        qDots.setLegendEntries(List.of(LegendEntry.point("q from gradient descent", Curves.VERMILLION)));
        drawDots.setLegendEntries(List.of(LegendEntry.point("u < q: label 1", Curves.BLUE), LegendEntry.point("u ≥ q: label 0", Curves.ORANGE)));
        GridPane grid = Curves.grid(new double[] {55, 45}, new double[] {55, 45});
        grid.add(qPlot, 0, 0);
        grid.add(lossPlot, 1, 0);
        grid.add(drawPlot, 0, 1, 2, 1);
        BorderPane root = new BorderPane(grid);
        setFigure(root, qPlot, lossPlot, drawPlot);
        play.setId("zoo-logistic-play");
        readout.setId("zoo-logistic-readout");
        controls.getChildren().addAll(readout, Controls.flow(play,
                Controls.button("Redraw", "New uniform draws u (Right adds one)", () -> {
                    form.setValue("seed", seed() + 1);
                })));
    }

    @Override
    public void refresh(String changed) {
        double p = real("p");
        int n = (int) integer("labels");
        double lr = real("lr");
        int steps = (int) integer("gd-steps");
        int draws = (int) integer("draws");
        long seed = seed();
        record Result(Logistic.Fit fit, double[] qs, double[] us) {
        }
        compute("the logistic fits", () -> {
            Logistic.Fit fit = Logistic.fit(p, n, lr, steps);
            double[] qs = new double[NS.length];
            for (int i = 0; i < NS.length; i++) {
                qs[i] = Logistic.fit(p, NS[i], lr, steps).q();
            }
            double[] u = new double[draws];
            org.genlab.core.math.Rng rng = new org.genlab.core.math.Rng(seed);
            for (int j = 0; j < draws; j++) {
                u[j] = rng.nextDouble();
            }
            return new Result(fit, qs, u);
        }, r -> show(p, n, r.fit(), r.qs(), r.us(), changed));
    }

    private void show(double p, int n, Logistic.Fit fit, double[] qs, double[] u, String changed) {
        q = fit.q();
        List<PathLayer.Path> lines = new ArrayList<>();
        double x1 = Math.log10(NS[NS.length - 1]) + 0.1;
        lines.add(Curves.segment(-0.1, p, x1, p, Curves.BLACK, 2).withDashes(8, 5));
        double[] sx = new double[NS.length], sy = new double[NS.length];
        double[] dx = new double[NS.length];
        for (int i = 0; i < NS.length; i++) {
            sx[i] = Math.log10(NS[i]);
            sy[i] = Math.round(p * NS[i]) / (double) NS[i];
            dx[i] = sx[i];
        }
        lines.add(PathLayer.Path.of(sx, sy, Curves.SKY, 2));
        lines.add(Curves.segment(Math.log10(n), -0.05, Math.log10(n), 1.05, Curves.GREY, 1.5).withDashes(3, 4));
        qLines.setPaths(lines);
        qDots.setPoints(dx, qs, Curves.VERMILLION, 5);
        qPlot.setHome(-0.1, x1, -0.05, 1.05);
        qPlot.resetView();
        double[] loss = fit.lossHistory();
        double[] lx = new double[loss.length];
        double top = 0;
        for (int i = 0; i < loss.length; i++) {
            lx[i] = Math.log10(i + 1);
            top = Math.max(top, Double.isFinite(loss[i]) ? loss[i] : 0);
        }
        double ph = Math.round(p * n) / (double) n;
        double floor = entropy(ph);
        double xEnd = Math.max(1, lx[loss.length - 1]);
        lossLines.setPaths(List.of(PathLayer.Path.of(lx, loss, Curves.VERMILLION, 2),
                Curves.segment(0, floor, xEnd, floor, Curves.BLACK, 1.5).withDashes(8, 5)));
        lossPlot.setHome(0, xEnd, Math.max(0, floor - 0.05), Math.max(top, floor + 0.1) * 1.05);
        lossPlot.resetView();
        boolean newDraws = changed == null || !changed.equals("p") && !changed.equals("labels") && !changed.equals("lr")
                && !changed.equals("gd-steps");
        us = u;
        if (restoredShown >= 0) {
            shown = Math.min(restoredShown, us.length);
            restoredShown = -1;
        } else if (newDraws || shown > us.length) {
            shown = us.length;
        }
        fitText = String.format(Locale.ROOT,
                "n = %d labels, %d of them 1 (round(p n) = round(%.4g × %d)).%nGradient descent from w = b = 0, %d steps:%n"
                        + "w = %.4f, b = %.4f, w + b = %.4f%nq = σ(w + b) = %.6f;  round(p n)/n = %.6f  (|difference| %.1e)%n"
                        + "Only w + b is identified: with x = (1) both get the same gradient, so w = b throughout.",
                n, Math.round(p * n), p, n, fit.steps(), fit.w(), fit.b(), fit.w() + fit.b(), q, ph, Math.abs(q - ph));
        drawUpTo(shown);
    }

    private static double entropy(double p) {
        return p <= 0 || p >= 1 ? 0 : -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    }

    private void drawUpTo(int k) {
        shown = Math.max(0, Math.min(k, us.length));
        double[] xs = new double[shown], ys = new double[shown];
        int[] colours = new int[shown];
        double[] radius = new double[shown];
        int ones = 0;
        for (int j = 0; j < shown; j++) {
            xs[j] = j + 1;
            ys[j] = us[j];
            boolean one = us[j] < q;
            ones += one ? 1 : 0;
            colours[j] = one ? Curves.BLUE : Curves.ORANGE;
            radius[j] = 5;
        }
        drawDots.setPoints(xs, ys, colours, radius);
        int m = Math.max(us.length, 1);
        drawLines.setPaths(List.of(Curves.segment(0, q, m + 1, q, Curves.BLACK, 2).withDashes(8, 5)));
        drawPlot.setHome(0, m + 1, 0, 1);
        drawPlot.resetView();
        readout.setText(fitText + String.format(Locale.ROOT, "%n%nSampling: %d of %d draws shown; %d gave label 1 (%.3f; q = %.4f).",
                shown, us.length, ones, shown == 0 ? 0 : ones / (double) shown, q));
    }

    private void togglePlay() {
        if (player != null) {
            stop();
            return;
        }
        if (shown >= us.length) {
            shown = 0;
        }
        player = new Timeline(new KeyFrame(Duration.millis(120), e -> {
            drawUpTo(shown + 1);
            if (shown >= us.length) {
                stop();
            }
        }));
        player.setCycleCount(Timeline.INDEFINITE);
        player.play();
        play.setText("Pause");
    }

    @Override
    public void stop() {
        if (player != null) {
            player.stop();
            player = null;
        }
        play.setText("Play draws");
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        switch (s) {
            case PLAY_PAUSE -> togglePlay();
            case STEP -> drawUpTo(shown + 1);
            case STEP_BACK -> drawUpTo(shown - 1);
            case RESET -> {
                stop();
                drawUpTo(0);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Beyond the parameters: how many of the draws are shown ({@code shown}), when Play or the
     * arrow keys stopped short of all of them. The fits and draws are computed again from the
     * parameters and the seed.
     */
    @Override
    public void saveState(org.genlab.core.state.StateWriter extras) {
        if (shown != us.length) {
            extras.put("shown", shown);
        }
    }

    /** Restores the number of draws shown (at most {@code params.draws}), once the fit is drawn again. */
    @Override
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only("shown");
        int n = (int) extras.integerOr("shown", integer("draws"), 0, integer("draws"));
        stop();
        restoredShown = n;
        refresh(null);
    }

    @Override
    public String readout() {
        return readout.getText();
    }
}
