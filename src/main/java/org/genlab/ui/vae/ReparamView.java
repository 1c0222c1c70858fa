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
import org.genlab.core.vae.GradientCheck;
import org.genlab.core.vae.GradientEstimators;
import org.genlab.core.vae.GradientEstimators.DiagGaussian2;
import org.genlab.core.vae.GradientEstimators.Estimator;
import org.genlab.core.vae.GradientEstimators.TestFunction;
import org.genlab.core.vae.TinyVae;
import org.genlab.ui.plot.CanvasRegion;
import org.genlab.ui.plot.Legend;
import org.genlab.ui.plot.LegendEntry;
import org.genlab.ui.plot.PathLayer;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.ScatterLayer;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.TopicContext;

/**
 * Question 3(d): gradients through an expectation. On the left, a cloud of estimates of
 * ∇_φ E_q[f(z)], q = N(μ, diag σ²), from the reparameterized estimator (the gradient of
 * f(μ + σ ε)) and the score-function one (f(z) ∇ log q), around the exact gradient; on the right,
 * each estimator's spread against the number of samples, and a finite-difference check of the
 * ELBO gradients of a small VAE of the homework's form, beside the printed Q3(d) i and ii
 * expressions (ERRATA.md: ii is identically zero).
 */
final class ReparamView extends PaneView {
    /** Estimates in each cloud. */
    static final int CLOUD = 300;
    /** The sample counts of the spread chart. */
    static final int[] COUNTS = {1, 3, 10, 30, 100, 300, 1000};
    private static final int REPEATS = 200;
    /** The tiny VAE of the check: d = 2, 6 hidden units, encoder σ = 0.3, decoder σ_x = 0.5, 8 draws of ε. */
    static final int CHECK_DIM = 2, CHECK_HIDDEN = 6, CHECK_EPS = 8;
    static final double CHECK_SIGMA = 0.3, CHECK_SIGMA_X = 0.5, FD_STEP = 1e-5;
    static final double[] CHECK_X = {0.8, -0.4};

    private final PlotCanvas cloudPlot = Curves.plot("∂/∂μ₁", "∂/∂μ₂");
    private final ScatterLayer cloudDots;
    private final ScatterLayer exactDot = new ScatterLayer();
    private final PlotCanvas sdPlot = Curves.plot("log₁₀ n", "log₁₀ sd");
    private final PathLayer sdLines = new PathLayer();
    private final PlotCanvas checkPlot = Curves.plot("finite difference", "estimate");
    private final ScatterLayer checkDots = new ScatterLayer();
    private final PathLayer checkDiagonal = new PathLayer();
    private final Label readout = Controls.wrapped("", "stat-value");
    private final Label checkText = Controls.wrapped("", "stat-value");
    private final javafx.scene.layout.GridPane table = new javafx.scene.layout.GridPane();
    private String lastTable = "";
    private Result shown;

    /** What one refresh computes. */
    record Result(double[] exact, double[][] reparameterized, double[][] score, List<GradientEstimators.Spread> spreads,
            GradientCheck check) {
    }

    ReparamView(TopicContext context, ParamForm form, Consumer<String> message) {
        super("reparam", context, form, message);
        cloudDots = new ScatterLayer(context.pool());
        cloudDots.setLegendEntries(List.of(LegendEntry.point("reparameterized: ∇f(μ + σ ε)", Curves.BLUE),
                LegendEntry.point("score function: f(z) ∇ log q(z)", Curves.VERMILLION)));
        exactDot.setLegendEntries(List.of(LegendEntry.point("exact ∇ E_q[f]", Curves.BLACK)));
        exactDot.setOutline(0xFFFFFFFF);
        cloudPlot.getLayers().addAll(cloudDots, exactDot);
        cloudPlot.setTitle("Estimates of ∇ E_q[f(z)]");
        cloudPlot.setLegendCorner(Legend.Corner.BOTTOM_LEFT);
        cloudPlot.setEqualAspect(true);
        sdLines.setLegendEntries(List.of(LegendEntry.line("reparameterized", Curves.BLUE),
                LegendEntry.line("score function", Curves.VERMILLION), LegendEntry.line("slope −1/2", Curves.GREY)));
        sdPlot.getLayers().add(sdLines);
        sdPlot.setTitle("Spread against samples");
        sdPlot.setLegendCorner(Legend.Corner.BOTTOM_LEFT);
        checkDots.setLegendEntries(List.of(LegendEntry.point("∇_θ, correct", Curves.BLUE), LegendEntry.point("∇_φ, correct", Curves.GREEN),
                LegendEntry.point("∇_θ as printed (d i)", Curves.ORANGE), LegendEntry.point("∇_φ as printed (d ii)", Curves.VERMILLION)));
        checkPlot.getLayers().addAll(checkDiagonal, checkDots);
        checkPlot.setTitle("Gradient check, small VAE");
        checkPlot.setLegendCorner(Legend.Corner.BOTTOM_RIGHT);
        GridPane figure = Curves.grid(new double[] {55, 45}, new double[] {50, 50});
        figure.add(cloudPlot, 0, 0, 1, 2);
        figure.add(sdPlot, 1, 0);
        figure.add(checkPlot, 1, 1);
        setFigure(figure, cloudPlot, sdPlot, checkPlot);
        table.setHgap(14);
        table.setVgap(2);
        table.getStyleClass().add("stat-value");
        controls.getChildren().addAll(readout, table, Controls.heading("GRADIENT CHECK"), checkText);
    }





    @Override
    public String readout() {
        StringBuilder s = new StringBuilder(readout.getText());
        for (Node c : table.getChildren()) {
            if (c instanceof Label l) {
                s.append(GridPane.getColumnIndex(c) == 0 ? "\n" : " | ").append(l.getText());
            }
        }
        return s + "\n" + lastTable + "\n" + checkText.getText();
    }

    /** The last result shown (for tests). */
    Result result() {
        return shown;
    }

    /** Indices into the gradient (μ₁, μ₂, σ₁, σ₂) of the pair shown. */
    private int[] pair() {
        return choice("pair").equals("sds") ? new int[] {2, 3} : new int[] {0, 1};
    }

    @Override
    public void refresh(String changed) {
        TestFunction f = TestFunction.valueOf(choice("function").toUpperCase(Locale.ROOT));
        DiagGaussian2 q = new DiagGaussian2(real("mu1"), real("mu2"), real("sigma1"), real("sigma2"));
        int n = (int) integer("grad-samples");
        long seed = seed();
        compute("the gradient estimates", () -> {
            double[][] rep = new double[CLOUD][], sf = new double[CLOUD][];
            for (int k = 0; k < CLOUD; k++) {
                // both estimators read the same ε (common random numbers)
                rep[k] = GradientEstimators.estimate(Estimator.REPARAMETERIZED, f, q, n, Rng.forStream(seed, k));
                sf[k] = GradientEstimators.estimate(Estimator.SCORE_FUNCTION, f, q, n, Rng.forStream(seed, k));
            }
            List<GradientEstimators.Spread> spreads = GradientEstimators.compare(f, q, COUNTS, REPEATS, seed + 1);
            TinyVae vae = TinyVae.random(CHECK_DIM, CHECK_HIDDEN, CHECK_SIGMA, CHECK_SIGMA_X, new Rng(seed));
            double[][] eps = vae.drawEps(CHECK_EPS, Rng.forStream(seed, 99));
            return new Result(f.expectationGradient(q), rep, sf, spreads, vae.check(CHECK_X, eps, FD_STEP));
        }, this::show);
    }

    private void show(Result r) {
        shown = r;
        int[] p = pair();
        boolean means = p[0] == 0;
        cloudPlot.setAxisLabels(means ? "∂/∂μ₁" : "∂/∂σ₁", means ? "∂/∂μ₂" : "∂/∂σ₂");
        int n = r.reparameterized().length;
        double[] xs = new double[2 * n], ys = new double[2 * n];
        int[] colours = new int[2 * n];
        double[] radius = new double[2 * n];
        for (int k = 0; k < n; k++) {
            // the score-function cloud first, so the tighter reparameterized one stays visible on top
            xs[k] = r.score()[k][p[0]];
            ys[k] = r.score()[k][p[1]];
            colours[k] = 0x99D55E00;
            xs[n + k] = r.reparameterized()[k][p[0]];
            ys[n + k] = r.reparameterized()[k][p[1]];
            colours[n + k] = 0xAA0072B2;
        }
        Arrays.fill(radius, 3.5);
        cloudDots.setPoints(xs, ys, colours, radius);
        double ex = r.exact()[p[0]], ey = r.exact()[p[1]];
        exactDot.setPoints(new double[] {ex}, new double[] {ey}, Curves.BLACK, 7);
        // the view holds the middle 96% of both clouds around the exact gradient
        double hx = Math.max(halfWidth(xs, ex), 1e-3), hy = Math.max(halfWidth(ys, ey), 1e-3);
        double h = Math.max(hx, hy) * 1.15;
        cloudPlot.setHome(ex - h, ex + h, ey - h, ey + h);
        cloudPlot.resetView();
        showSpreads(r, p);
        showCheck(r.check());
        double[] mRep = mean(r.reparameterized()), mSf = mean(r.score());
        double[] sRep = sd(r.reparameterized()), sSf = sd(r.score());
        String[] names = {"μ₁", "μ₂", "σ₁", "σ₂"};
        long m = integer("grad-samples");
        readout.setText(String.format(Locale.ROOT, "%d estimates from each estimator, each the mean of %d sample%s; both "
                + "centred on the exact gradient (unbiased), with these spreads:", n, m, m == 1 ? "" : "s"));
        table.getChildren().clear();
        String[] head = {"", "exact", "sd, rep.", "sd, score"};
        for (int c = 0; c < head.length; c++) {
            Label l = new Label(head[c]);
            l.setStyle("-fx-font-weight: bold");
            l.setMinWidth(Label.USE_PREF_SIZE);
            table.add(l, c, 0);
        }
        for (int k = 0; k < 4; k++) {
            String[] cells = {"∂/∂" + names[k], fmt(r.exact()[k]), fmt(sRep[k]), fmt(sSf[k])};
            for (int c = 0; c < cells.length; c++) {
                Label l = new Label(cells[c]);
                l.setMinWidth(Label.USE_PREF_SIZE);
                table.add(l, c, k + 1);
            }
        }
        lastTable = String.format(Locale.ROOT, "means: reparameterized %s %s %s %s; score function %s %s %s %s", fmt(mRep[0]),
                fmt(mRep[1]), fmt(mRep[2]), fmt(mRep[3]), fmt(mSf[0]), fmt(mSf[1]), fmt(mSf[2]), fmt(mSf[3]));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3f", v);
    }

    /** The half-width around c that holds 96% of the values (the 2nd to 98th percentile). */
    private static double halfWidth(double[] v, double c) {
        double[] d = Arrays.stream(v).map(x -> Math.abs(x - c)).sorted().toArray();
        return d[(int) Math.floor(0.96 * (d.length - 1))];
    }

    private void showSpreads(Result r, int[] p) {
        List<PathLayer.Path> lines = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Estimator e : Estimator.values()) {
            double[] xs = new double[COUNTS.length], ys = new double[COUNTS.length];
            int k = 0;
            for (GradientEstimators.Spread s : r.spreads()) {
                if (s.estimator() == e) {
                    xs[k] = Math.log10(s.samples());
                    // the spread of the pair shown, as one number: sqrt(sd_a² + sd_b²)
                    ys[k] = Math.log10(Math.max(Math.hypot(s.sd()[p[0]], s.sd()[p[1]]), 1e-300));
                    lo = Math.min(lo, ys[k]);
                    hi = Math.max(hi, ys[k]);
                    k++;
                }
            }
            lines.add(PathLayer.Path.of(xs, ys, e == Estimator.REPARAMETERIZED ? Curves.BLUE : Curves.VERMILLION, 2.5));
        }
        double top = Math.log10(COUNTS[COUNTS.length - 1]);
        // a reference line of slope −1/2 through the first reparameterized point: sd ∝ 1/√n
        double y0 = lines.get(0).ys()[0];
        lines.add(Curves.segment(0, y0, top, y0 - top / 2, Curves.GREY, 1.5).withDashes(6, 4));
        lo = Math.min(lo, y0 - top / 2);
        sdLines.setPaths(lines);
        double pad = 0.1 * Math.max(hi - lo, 0.5);
        sdPlot.setHome(-0.1, top + 0.1, lo - pad, hi + pad);
        sdPlot.resetView();
    }

    private void showCheck(GradientCheck c) {
        List<double[]> pts = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        add(pts, cols, c.thetaFiniteDifference(), c.theta(), Curves.BLUE);
        add(pts, cols, c.phiFiniteDifference(), c.phi(), Curves.GREEN);
        add(pts, cols, c.thetaFiniteDifference(), c.printedTheta(), Curves.ORANGE);
        add(pts, cols, c.phiFiniteDifference(), c.printedPhi(), Curves.VERMILLION);
        double[] xs = new double[pts.size()], ys = new double[pts.size()], radius = new double[pts.size()];
        int[] colours = new int[pts.size()];
        double lim = 0;
        for (int i = 0; i < xs.length; i++) {
            xs[i] = pts.get(i)[0];
            ys[i] = pts.get(i)[1];
            colours[i] = cols.get(i);
            radius[i] = 4;
            lim = Math.max(lim, Math.max(Math.abs(xs[i]), Math.abs(ys[i])));
        }
        lim = Math.max(lim, 1e-6) * 1.1;
        checkDots.setPoints(xs, ys, colours, radius);
        checkDiagonal.setPaths(List.of(Curves.segment(-lim, -lim, lim, lim, Curves.GREY, 1.5).withDashes(6, 4)));
        checkPlot.setHome(-lim, lim, -lim, lim);
        checkPlot.resetView();
        double printedPhiMax = Arrays.stream(c.printedPhi()).map(Math::abs).max().orElse(0);
        checkText.setText(String.format(Locale.ROOT,
                "A dot per parameter of a small VAE (d = 2, 6 hidden units, %d draws of ε); on the dashed diagonal the "
                        + "estimate equals the finite difference of the ELBO. Largest error, relative:%n"
                        + "∇_θ, correct: %.1e%n∇_φ, correct: %.1e%n∇_θ as printed (d i): %.2f%n∇_φ as printed (d ii): %.2f%s",
                CHECK_EPS, c.thetaError(), c.phiError(), c.printedThetaError(), c.printedPhiError(),
                printedPhiMax == 0 ? " (every entry is exactly 0)" : String.format(Locale.ROOT, " (largest entry %.1e)", printedPhiMax)));
    }

    private static void add(List<double[]> pts, List<Integer> cols, double[] x, double[] y, int colour) {
        for (int i = 0; i < x.length; i++) {
            pts.add(new double[] {x[i], y[i]});
            cols.add(colour);
        }
    }

    private static double[] mean(double[][] rows) {
        double[] m = new double[4];
        for (double[] r : rows) {
            for (int k = 0; k < 4; k++) {
                m[k] += r[k] / rows.length;
            }
        }
        return m;
    }

    private static double[] sd(double[][] rows) {
        double[] m = mean(rows), s = new double[4];
        for (double[] r : rows) {
            for (int k = 0; k < 4; k++) {
                s[k] += (r[k] - m[k]) * (r[k] - m[k]) / Math.max(1, rows.length - 1);
            }
        }
        for (int k = 0; k < 4; k++) {
            s[k] = Math.sqrt(s[k]);
        }
        return s;
    }
}
