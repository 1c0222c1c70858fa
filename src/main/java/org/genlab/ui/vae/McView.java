package org.genlab.ui.vae;

import org.genlab.ui.topic.PaneView;
import org.genlab.ui.plot.Curves;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.genlab.core.math.Rng;
import org.genlab.core.vae.McLikelihood;
import org.genlab.ui.plot.CanvasRegion;
import org.genlab.ui.plot.LegendEntry;
import org.genlab.ui.plot.PathLayer;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.RectLayer;
import org.genlab.ui.plot.ScatterLayer;
import org.genlab.ui.plot.TextLayer;
import org.genlab.ui.plot.Painter;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.TopicContext;

/**
 * Question 3(b) iv-vii: the naive Monte-Carlo likelihood log (1/m) Σ p(x | z_j), z_j from the
 * prior, on a model whose log p(x) and posterior are exact ({@link McLikelihood}: z ~ N(0, I_d),
 * x = A z + N(0, 0.3² I_d)). Three pictures: the largest normalised weights of one estimate
 * (against the 1/m every weight would get from an ideal proposal), the effective sample size
 * against the dimension d for the three proposals, and the estimate's error and spread against
 * m. Everything runs as one cancellable job; the weights show first.
 */
final class McView extends PaneView {
    /** The dimensions of the ESS chart. */
    static final int[] DIMS = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64};
    /** The sample sizes of the spread chart. */
    static final int[] SAMPLE_SIZES = {1, 10, 100, 1000, 10_000};
    private static final int TOP_WEIGHTS = 30;
    private static final int SPREAD_REPEATS = 16;
    private static final int[] COLOURS = {Curves.VERMILLION, Curves.BLUE, Curves.GREEN};
    private static final String[] SHORT = {" prior", "posterior ", "1.2× wider "};

    private final PlotCanvas weightsPlot = Curves.plot("rank of the weight", "normalised weight");
    private final RectLayer weightBars = new RectLayer();
    private final PathLayer weightLines = new PathLayer();
    private final PlotCanvas essPlot = Curves.plot("dimension d", "log₁₀ ESS");
    private final PathLayer essCurves = new PathLayer();
    private final ScatterLayer essDots = new ScatterLayer();
    private final TextLayer essNames = new TextLayer();
    private final PlotCanvas spreadPlot = Curves.plot("log₁₀ m (colours as left)", "estimate − exact");
    private final PathLayer spreadLines = new PathLayer();
    private final ScatterLayer spreadDots = new ScatterLayer();
    private final Label readout = Controls.wrapped("", "stat-value");
    private long token;
    private McLikelihood.Estimate estimate;
    private double[][] ess;

    McView(TopicContext context, ParamForm form, Consumer<String> message) {
        super("mc", context, form, message);
        weightBars.setLegendEntries(List.of(LegendEntry.line("w_j / Σ w, largest first", Curves.VERMILLION)));
        weightLines.setLegendEntries(List.of(LegendEntry.line("1/m: every weight equal", Curves.BLACK)));
        weightsPlot.getLayers().addAll(weightBars, weightLines);
        weightsPlot.setTitle("Largest weights of one estimate");
        // the proposals are named at the curves' ends (the plots are small; a legend would cover them)
        essPlot.getLayers().addAll(essCurves, essDots, essNames);
        essPlot.setTitle("ESS = (Σw)²/Σw²");
        essPlot.setLegendVisible(false);
        spreadPlot.getLayers().addAll(spreadLines, spreadDots);
        spreadPlot.setTitle("Error ± sd, " + SPREAD_REPEATS + " runs");
        spreadPlot.setLegendVisible(false);
        GridPane figure = Curves.grid(new double[] {50, 50}, new double[] {50, 50});
        figure.add(weightsPlot, 0, 0, 2, 1);
        figure.add(essPlot, 0, 1);
        figure.add(spreadPlot, 1, 1);
        setFigure(figure, weightsPlot, essPlot, spreadPlot);
        controls.getChildren().add(readout);
    }

    static String name(McLikelihood.Proposal p) {
        return switch (p) {
            case PRIOR -> "prior N(0, I) (naive)";
            case POSTERIOR -> "exact posterior";
            case WIDE -> "posterior, 1.2× wider";
        };
    }





    @Override
    public String readout() {
        return readout.getText();
    }

    /** The estimate shown (for tests). */
    McLikelihood.Estimate estimate() {
        return estimate;
    }

    /** The ESS chart's values: per proposal, the mean ESS at each of {@link #DIMS} (for tests). */
    double[][] essByDimension() {
        return ess;
    }

    @Override
    public void stop() {
        cancelJob();
    }

    @Override
    public void refresh(String changed) {
        int d = (int) integer("dim"), m = (int) integer("samples");
        long seed = seed();
        McLikelihood.Proposal proposal = McLikelihood.Proposal.byName(choice("proposal")).orElseThrow();
        long t = ++token;
        java.util.concurrent.Executor ui = context.uiExecutor();
        readout.setText(String.format(Locale.ROOT, "d = %d, m = %d: estimating...", d, m));
        computeJob("Monte-Carlo likelihood, d = " + d + ", m = " + m, progress -> {
            McLikelihood model = new McLikelihood(d, seed);
            McLikelihood.Estimate e = model.estimate(proposal, m, Rng.forStream(seed, 1));
            ui.execute(() -> {
                if (t == token) {
                    showEstimate(model, e);
                }
            });
            // ESS against d: fewer repeats for large m, so the chart costs about the same
            int repeats = Math.max(1, Math.min(5, 20_000 / m));
            double[][] essAt = new double[3][DIMS.length];
            int steps = 3 * DIMS.length + 3 * SAMPLE_SIZES.length, done = 0;
            for (int k = 0; k < DIMS.length; k++) {
                McLikelihood mk = DIMS[k] == d ? model : new McLikelihood(DIMS[k], seed);
                for (McLikelihood.Proposal p : McLikelihood.Proposal.values()) {
                    progress.checkCancelled();
                    double sum = 0;
                    for (int r = 0; r < repeats; r++) {
                        sum += mk.estimate(p, m, Rng.forStream(seed, 100 + r)).ess();
                    }
                    essAt[p.ordinal()][k] = sum / repeats;
                    progress.report((double) ++done / steps, "ESS at d = " + DIMS[k]);
                }
            }
            ui.execute(() -> {
                if (t == token) {
                    showEss(essAt, d, m);
                }
            });
            List<McLikelihood.Spread> spreads = new ArrayList<>();
            for (McLikelihood.Proposal p : McLikelihood.Proposal.values()) {
                for (int size : SAMPLE_SIZES) {
                    progress.checkCancelled();
                    spreads.add(model.spread(p, size, SPREAD_REPEATS, seed + 7));
                }
                done += SAMPLE_SIZES.length;
                progress.report((double) done / steps, "spread of the estimate");
            }
            return spreads;
        }, s -> {
            if (t == token) {
                showSpread(s, m);
            }
        });
    }

    private void showEstimate(McLikelihood model, McLikelihood.Estimate e) {
        estimate = e;
        double[] w = e.weights();
        double[] sorted = w.clone();
        Arrays.sort(sorted);
        int k = Math.min(TOP_WEIGHTS, sorted.length);
        List<RectLayer.Rect> bars = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double v = sorted[sorted.length - 1 - i];
            bars.add(RectLayer.Rect.bar(i + 0.6, i + 1.4, v, 0xCCD55E00, Curves.VERMILLION));
        }
        weightBars.setRects(bars);
        double even = 1.0 / w.length;
        weightLines.setPaths(List.of(Curves.segment(0.4, even, k + 0.6, even, Curves.BLACK, 2).withDashes(8, 5)));
        double top = Math.max(sorted[sorted.length - 1], even) * 1.15;
        weightsPlot.setHome(0.4, k + 0.6, 0, top);
        weightsPlot.resetView();
        double share = sorted[sorted.length - 1];
        readout.setText(String.format(Locale.ROOT,
                "d = %d, m = %d, proposal: %s%nestimate log p(x) = %.4f%nexact log p(x) = %.4f  (error %+.4f)%n"
                        + "ESS = %.1f of %d samples (%.1f%%)%nthe largest weight carries %.1f%% of the total",
                model.dim(), e.samples(), name(e.proposal()), e.logEstimate(), e.exact(), e.error(), e.ess(), e.samples(),
                100 * e.ess() / e.samples(), 100 * share));
    }

    private void showEss(double[][] essAt, int d, int m) {
        ess = essAt;
        List<PathLayer.Path> curves = new ArrayList<>();
        double lo = 0;
        for (int p = 0; p < 3; p++) {
            double[] xs = new double[DIMS.length], ys = new double[DIMS.length];
            for (int k = 0; k < DIMS.length; k++) {
                xs[k] = DIMS[k];
                ys[k] = Math.log10(Math.max(essAt[p][k], 1));
            }
            curves.add(PathLayer.Path.of(xs, ys, COLOURS[p], 2.5));
        }
        double full = Math.log10(m);
        curves.add(Curves.segment(0, full, 66, full, Curves.BLACK, 1.5).withDashes(8, 5));
        curves.add(Curves.segment(d, lo - 1, d, full + 1, Curves.GREY, 1.5).withDashes(3, 4));
        essCurves.setPaths(curves);
        List<TextLayer.Label> names = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            // each name sits where its curve is, above the last point that is not on the floor
            int k = DIMS.length - 1;
            double y = Math.log10(Math.max(essAt[p][k], 1));
            if (p == 0) {
                k = 0;
                y = Math.log10(Math.max(essAt[p][0], 1));
            }
            names.add(new TextLayer.Label(DIMS[k], y, SHORT[p], COLOURS[p], 14, p == 0 ? Painter.HAlign.LEFT : Painter.HAlign.RIGHT,
                    Painter.VAlign.BOTTOM, true));
        }
        essNames.setLabels(names);
        essPlot.setHome(0, 66, lo - 0.1, Math.max(full, 0.5) * 1.1 + 0.1);
        essPlot.resetView();
    }

    private void showSpread(List<McLikelihood.Spread> spreads, int m) {
        List<PathLayer.Path> lines = new ArrayList<>();
        double lo = -0.5, hi = 0.5;
        double[] dx = new double[spreads.size()], dy = new double[spreads.size()];
        int[] colours = new int[spreads.size()];
        double[] radius = new double[spreads.size()];
        int i = 0;
        for (McLikelihood.Spread s : spreads) {
            int p = s.proposal().ordinal();
            double x = Math.log10(s.samples()) + (p - 1) * 0.08;
            double bias = s.bias(), sd = s.sd();
            lines.add(Curves.segment(x, bias - sd, x, bias + sd, COLOURS[p], 2));
            dx[i] = x;
            dy[i] = bias;
            colours[i] = COLOURS[p];
            radius[i] = 4.5;
            i++;
            lo = Math.min(lo, bias - sd);
            hi = Math.max(hi, bias + sd);
        }
        lines.add(Curves.segment(-0.5, 0, 4.5, 0, Curves.BLACK, 1.5).withDashes(8, 5));
        spreadLines.setPaths(lines);
        spreadDots.setPoints(dx, dy, colours, radius);
        double pad = 0.08 * (hi - lo);
        spreadPlot.setHome(-0.4, 4.4, lo - pad, hi + pad);
        spreadPlot.resetView();
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        long d = integer("dim");
        switch (s) {
            case STEP -> form.setValue("dim", Math.min(McLikelihood.MAX_DIM, d + 1));
            case STEP_BACK -> form.setValue("dim", Math.max(1, d - 1));
            case RESET -> form.setValue("dim", 1L);
            default -> {
                return false;
            }
        }
        refresh("dim");
        return true;
    }
}
