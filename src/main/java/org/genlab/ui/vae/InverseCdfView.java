package org.genlab.ui.vae;

import org.genlab.ui.topic.PaneView;
import org.genlab.ui.plot.Curves;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.genlab.core.math.Rng;
import org.genlab.core.vae.Draw;
import org.genlab.core.vae.InverseCdfOption;
import org.genlab.core.vae.InverseCdfResult;
import org.genlab.core.vae.InverseCdfSampler;
import org.genlab.core.vae.KsResult;
import org.genlab.core.vae.Latent;
import org.genlab.core.vae.Target;
import org.genlab.ui.plot.CanvasRegion;
import org.genlab.ui.plot.LegendEntry;
import org.genlab.ui.plot.PanMode;
import org.genlab.ui.plot.PathLayer;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.RectLayer;
import org.genlab.ui.plot.ScatterLayer;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.TopicContext;

/**
 * Question 3(b) i-iii: latent-variable models built from a CDF. A latent z (uniform or normal)
 * is pushed through one of the homework's choices of p(x | z); the figure is laid out like a
 * change of variables: the latent density on the left (z upwards), the map from z to x in the
 * middle, the histogram of the resulting x against the target p(x) on top, and F with F⁻¹ in
 * the corner. Play reveals the draws one after another, the newest drawn as elbows from z to x,
 * while the histogram and the Kolmogorov-Smirnov test follow. A table compares all four choices
 * on the same latent draws. With the target {@code drawn}, the user drags the bars of the top
 * plot to draw p(x).
 */
final class InverseCdfView extends PaneView {
    /** The drawn target's support and bins. */
    static final double DRAWN_LO = -4, DRAWN_HI = 4;
    static final int DRAWN_BINS = 16;
    private static final int HIST_BINS = 40;
    private static final int ELBOWS = 12;
    /** The most draws tested on the FX thread while playing (a sort and a CDF each: well under a frame). */
    private static final int LIVE_KS_MAX = 5000;
    private static final double ALPHA = 0.01;
    /** Frames of the reveal animation (25 a second). */
    private static final int FRAMES = 100;

    private final PlotCanvas histPlot = Curves.plot(null, "density of x");
    private final RectLayer histBars = new RectLayer();
    private final RectLayer drawnBars = new RectLayer();
    private final PathLayer targetCurve = new PathLayer();
    private final PathLayer histElbows = new PathLayer();
    private final PlotCanvas mapPlot = Curves.plot("x", "z");
    private final PathLayer mapCurve = new PathLayer();
    private final PathLayer mapElbows = new PathLayer();
    private final ScatterLayer mapPoints;
    private final PlotCanvas latentPlot = Curves.plot("p(z)", "z");
    private final PathLayer latentCurve = new PathLayer();
    private final ScatterLayer latentMarks = new ScatterLayer();
    private final PlotCanvas cdfPlot = Curves.plot("x", "F(x)");
    private final PathLayer cdfCurves = new PathLayer();
    private final PlotCanvas inversePlot = Curves.plot("u", "F⁻¹(u)");
    private final PathLayer inverseCurves = new PathLayer();
    private final VBox corner = new VBox(4);
    private final Label readout = Controls.wrapped("", "stat-value");
    private final GridPane table = new GridPane();
    private final Button playButton;

    private double[] drawnHeights = defaultDrawing();
    private double[] editing;
    private Target target;
    private InverseCdfResult result;
    private int revealed;
    private List<InverseCdfResult> comparison = List.of();
    private AnimationTimer player;
    private double[] xRange = {0, 1};
    /** Draws to show when the newest draws arrive (a restored state), or -1 for all of them. */
    private int pendingReveal = -1;

    InverseCdfView(TopicContext context, ParamForm form, Consumer<String> message) {
        super("invcdf", context, form, message);
        mapPoints = new ScatterLayer(context.pool());
        histBars.setLegendEntries(List.of(LegendEntry.line("histogram of the drawn x", Curves.SKY)));
        targetCurve.setLegendEntries(List.of(LegendEntry.line("target p(x)", Curves.BLACK)));
        drawnBars.setLegendEntries(List.of(LegendEntry.line("your drawing (release to use it)", Curves.GREY)));
        histPlot.getLayers().addAll(histBars, targetCurve, drawnBars, histElbows);
        histPlot.setPanMode(PanMode.NONE);
        histPlot.setZoomEnabled(false);
        histPlot.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onDrawPress);
        histPlot.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDraw);
        histPlot.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> onDrawRelease());
        mapPoints.setLegendEntries(List.of(LegendEntry.point("draws (z, x)", Curves.BLUE)));
        mapElbows.setLegendEntries(List.of(LegendEntry.line("newest draws: z → x", Curves.VERMILLION)));
        mapPlot.getLayers().addAll(mapCurve, mapPoints, mapElbows);
        mapPlot.setPanMode(PanMode.NONE);
        mapPlot.setZoomEnabled(false);
        latentCurve.setLegendEntries(List.of(LegendEntry.line("latent p(z)", Curves.GREEN)));
        latentMarks.setOutline(0xFFFFFFFF);
        latentPlot.getLayers().addAll(latentCurve, latentMarks);
        latentPlot.setPanMode(PanMode.NONE);
        latentPlot.setZoomEnabled(false);
        cdfPlot.getLayers().add(cdfCurves);
        inversePlot.getLayers().add(inverseCurves);
        for (PlotCanvas p : List.of(cdfPlot, inversePlot, latentPlot)) {
            p.setPanMode(PanMode.NONE);
            p.setZoomEnabled(false);
            p.setLegendVisible(false);
            VBox.setVgrow(p, Priority.ALWAYS);
        }
        corner.getChildren().addAll(cdfPlot, inversePlot);
        mapPlot.setLegendCorner(org.genlab.ui.plot.Legend.Corner.TOP_LEFT);
        for (PlotCanvas p : List.of(histPlot, mapPlot, latentPlot, cdfPlot, inversePlot)) {
            p.setMinSize(120, 120);
        }
        GridPane figure = Curves.grid(new double[] {30, 70}, new double[] {45, 55});
        figure.add(corner, 0, 0);
        figure.add(histPlot, 1, 0);
        figure.add(latentPlot, 0, 1);
        figure.add(mapPlot, 1, 1);
        setFigure(figure, histPlot, mapPlot, latentPlot, cdfPlot, inversePlot);
        for (PlotCanvas p : List.of(histPlot, mapPlot, latentPlot, cdfPlot, inversePlot)) {
            p.setPrefSize(300, 200);
        }
        cdfPlot.setMinSize(120, 80);
        inversePlot.setMinSize(120, 80);
        playButton = Controls.toggle("Play", "Pause", "Draw z one after another and watch the histogram of x form (Space)",
                this::togglePlay);
        playButton.setId("vae-play");
        Button all = Controls.button("All draws", "Show every draw at once (End of the animation)", () -> reveal(total()));
        Button resetDrawing = Controls.button("Reset drawing", "Put the drawn target back to its starting shape", () -> {
            drawnHeights = defaultDrawing();
            refresh("target");
        });
        table.setHgap(9);
        table.setVgap(2);
        table.getStyleClass().add("stat-value");
        controls.getChildren().addAll(Controls.flow(playButton, all, resetDrawing), readout,
                Controls.heading("EVERY CHOICE, SAME SEED"), table);
    }

    /** The starting shape of the drawn target: two bumps of different heights, as a density. */
    static double[] defaultDrawing() {
        double[] h = new double[DRAWN_BINS];
        for (int i = 0; i < DRAWN_BINS; i++) {
            double c = DRAWN_LO + (i + 0.5) * (DRAWN_HI - DRAWN_LO) / DRAWN_BINS;
            h[i] = 0.6 * Math.exp(-0.5 * Math.pow((c + 1.8) / 0.6, 2)) + 0.3 * Math.exp(-0.5 * Math.pow((c - 1.5) / 0.9, 2));
        }
        return asDensity(h);
    }

    /** Heights scaled so the bars integrate to 1 (what the plot shows), to four decimals. */
    private static double[] asDensity(double[] h) {
        double sum = Arrays.stream(h).sum() * (DRAWN_HI - DRAWN_LO) / DRAWN_BINS;
        return Arrays.stream(h).map(v -> Math.rint(v / sum * 1e4) / 1e4).toArray();
    }





    @Override
    public String readout() {
        StringBuilder s = new StringBuilder(readout.getText());
        for (Node n : table.getChildren()) {
            if (n instanceof Label l) {
                s.append(GridPane.getColumnIndex(n) == 0 ? "\n" : " | ").append(l.getText());
            }
        }
        return s.toString();
    }

    /** The current draws (for tests). */
    InverseCdfResult result() {
        return result;
    }

    /** The table's rows, one per option (for tests). */
    List<InverseCdfResult> comparison() {
        return comparison;
    }

    /** How many draws are shown. */
    int revealed() {
        return revealed;
    }

    /** The drawn target's bar heights (for tests). */
    double[] drawnHeights() {
        return drawnHeights.clone();
    }

    private Latent latent() {
        return Latent.byName(choice("latent")).orElseThrow();
    }

    private InverseCdfOption option() {
        return InverseCdfOption.byName(choice("option")).orElseThrow();
    }

    private int total() {
        return (int) integer("draws");
    }

    private Target makeTarget() {
        String name = choice("target");
        return name.equals("drawn") ? Target.histogram(DRAWN_LO, DRAWN_HI, drawnHeights) : Target.byName(name).orElseThrow();
    }

    @Override
    public void refresh(String changed) {
        stopPlay();
        Target t = makeTarget();
        Latent lat = latent();
        InverseCdfOption opt = option();
        int n = total();
        long seed = seed();
        // the old draws belong to the old settings: nothing is drawn from them meanwhile
        result = null;
        comparison = List.of();
        // every option starts from the same seed; c also draws its noise from the stream, so its z
        // differ from the others' after the first draw
        compute("the draws", () -> {
            List<InverseCdfResult> all = new ArrayList<>();
            for (InverseCdfOption o : InverseCdfOption.values()) {
                all.add(InverseCdfSampler.draw(t, lat, o, n, new Rng(seed)));
            }
            return new Object[] {all, statics(t, lat, opt)};
        }, out -> {
            @SuppressWarnings("unchecked")
            List<InverseCdfResult> all = (List<InverseCdfResult>) out[0];
            target = t;
            drawStatic((Statics) out[1], t);
            comparison = all;
            result = all.get(opt.ordinal());
            showTable();
            int k = pendingReveal;
            pendingReveal = -1;
            reveal(k >= 0 ? k : n);
        });
    }

    /**
     * Beyond the parameters: the drawn target's bars ({@code drawn}, when they are not the
     * starting shape: a drawing survives a switch to another target, as on screen) and how many
     * draws are shown ({@code revealed}: the animation stepped or paused part-way). The draws
     * themselves come from the seed again. A running animation is saved as paused where it is.
     */
    @Override
    public void saveState(org.genlab.core.state.StateWriter extras) {
        if (!Arrays.equals(drawnHeights, defaultDrawing())) {
            extras.put("drawn", drawnHeights.clone());
        }
        if (result != null) {
            extras.put("revealed", (long) revealed);
        } else if (pendingReveal >= 0) {
            extras.put("revealed", (long) pendingReveal);
        }
    }

    /**
     * Restores the drawing (DRAWN_BINS heights of a density: finite, at least 0, not all 0) and
     * the draws shown (at most params.draws), checked before anything changes; the draws are
     * made again from the seed.
     */
    @Override
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only("drawn", "revealed");
        double[] drawn = drawnHeights;
        if (extras.has("drawn")) {
            drawn = extras.reals("drawn", DRAWN_BINS, 0, 1e6);
            if (drawn.length != DRAWN_BINS) {
                throw new org.genlab.core.state.StateException(extras.path() + ".drawn", drawn.length + " bars, the drawing has "
                        + DRAWN_BINS);
            }
            if (Arrays.stream(drawn).allMatch(v -> v == 0)) {
                throw new org.genlab.core.state.StateException(extras.path() + ".drawn", "every bar is 0, which is no distribution");
            }
        }
        int k = extras.has("revealed") ? (int) extras.integer("revealed", 0, total()) : -1;
        drawnHeights = drawn.clone();
        pendingReveal = k;
        refresh(null);
    }

    /** Uses {@code heights} as the drawn target, as releasing the mouse after drawing them does (tests). */
    void useDrawing(double[] heights) {
        editing = heights.clone();
        onDrawRelease();
    }

    /** The curves that do not depend on the draws: p(x), F, F⁻¹, p(z) and the map z → x. */
    /** The curves that do not depend on the draws, computed off the FX thread (hundreds of root finds). */
    private record Statics(double[] xRange, double[] zRange, PathLayer.Path target, double peak, PathLayer.Path map, String mapLabel,
            PathLayer.Path latent, double latentTop, PathLayer.Path cdf, PathLayer.Path inverse) {
    }

    /** p(x), F, F⁻¹, p(z) and the map z → x, for these settings (any thread). */
    static Statics statics(Target t, Latent lat, InverseCdfOption opt) {
        double[] xr = t.id().equals("histogram") ? new double[] {DRAWN_LO - 0.4, DRAWN_HI + 0.4} : t.plotRange();
        double x0 = xr[0], x1 = xr[1];
        double[] z = lat == Latent.UNIFORM ? new double[] {-0.05, 1.05} : new double[] {-3.6, 3.6};
        double peak = 0;
        for (int i = 0; i <= 600; i++) {
            peak = Math.max(peak, t.density(x0 + (x1 - x0) * i / 600));
        }
        // the map x(z): a curve for the deterministic choices, the mean F(z) for choice c
        Rng none = new Rng(0);
        PathLayer.Path map = opt == InverseCdfOption.C ? Curves.curveOfY(t::cdf, z[0], z[1], 400, Curves.BLACK, 2).withDashes(8, 5)
                : Curves.curveOfY(zz -> {
                    OptionalDouble x = opt.apply(t, lat, zz, none);
                    return x.isPresent() ? x.getAsDouble() : Double.NaN;
                }, z[0], z[1], 800, Curves.BLACK, 2);
        String label = switch (opt) {
            case A -> "x = F⁻¹(z)";
            case B -> lat == Latent.UNIFORM ? "x = F⁻¹(P(z)) = F⁻¹(z)" : "x = F⁻¹(Φ(z))";
            case B_DENSITY -> lat == Latent.UNIFORM ? "x = F⁻¹(p(z)) = F⁻¹(1)" : "x = F⁻¹(φ(z))";
            case C -> "mean of x: F(z), x ~ N(F(z), 1)";
        };
        // F on [x0, x1], and F⁻¹ on (0, 1): the same curve read the other way
        return new Statics(xr, z, Curves.curve(t::density, x0, x1, 600, Curves.BLACK, 2.5), peak, map, label,
                Curves.curveOfY(lat::density, z[0], z[1], 400, Curves.GREEN, 2.5), lat == Latent.UNIFORM ? 1.25 : 0.45,
                Curves.curve(t::cdf, x0, x1, 400, Curves.BLUE, 2.5),
                Curves.curve(u -> {
                    OptionalDouble x = t.inverseCdf(u);
                    return x.isPresent() ? x.getAsDouble() : Double.NaN;
                }, 1e-4, 1 - 1e-4, 400, Curves.ORANGE, 2.5));
    }

    private void drawStatic(Statics st, Target t) {
        xRange = st.xRange();
        double x0 = xRange[0], x1 = xRange[1];
        double[] z = st.zRange();
        targetCurve.setPaths(List.of(st.target()));
        histPlot.setHome(x0, x1, 0, Math.max(st.peak(), 0.05) * 1.35);
        histPlot.resetView();
        drawnBars.setVisible(false);
        histPlot.setAxisLabels(t.id().equals("histogram") ? "drag the bars to draw p(x)" : null, "density of x");
        mapCurve.setPaths(List.of(st.map()));
        mapCurve.setLegendEntries(List.of(LegendEntry.line(st.mapLabel(), Curves.BLACK)));
        mapPlot.setHome(x0, x1, z[0], z[1]);
        mapPlot.resetView();
        latentCurve.setPaths(List.of(st.latent()));
        latentPlot.setHome(0, st.latentTop(), z[0], z[1]);
        latentPlot.resetView();
        cdfCurves.setPaths(List.of(st.cdf()));
        cdfPlot.setHome(x0, x1, -0.05, 1.05);
        cdfPlot.resetView();
        inverseCurves.setPaths(List.of(st.inverse()));
        inversePlot.setHome(-0.05, 1.05, x0, x1);
        inversePlot.resetView();
    }

    /** Shows the first k draws: histogram, points, the newest as elbows, and the KS test of those. */
    private void reveal(int k) {
        if (result == null) {
            return;
        }
        revealed = Math.max(0, Math.min(k, result.draws().size()));
        List<Draw> shown = result.draws().subList(0, revealed);
        double[] xs = shown.stream().filter(Draw::defined).mapToDouble(d -> d.x().getAsDouble()).toArray();
        double[] zs = shown.stream().filter(Draw::defined).mapToDouble(Draw::z).toArray();
        long undefined = revealed - xs.length;
        double x0 = xRange[0], x1 = xRange[1];
        double[] h = InverseCdfSampler.histogram(xs, x0, x1, HIST_BINS);
        List<RectLayer.Rect> bars = new ArrayList<>();
        double w = (x1 - x0) / HIST_BINS;
        for (int b = 0; b < HIST_BINS; b++) {
            if (h[b] > 0) {
                bars.add(RectLayer.Rect.bar(x0 + b * w, x0 + (b + 1) * w, h[b], 0x9956B4E9, 0xFF3A8CC0));
            }
        }
        histBars.setRects(bars);
        mapPoints.setPoints(xs, zs, 0x660072B2, xs.length > 5000 ? 2 : 3);
        // the newest draws as elbows: from z on the latent axis across to x, then up to the histogram
        List<PathLayer.Path> elbows = new ArrayList<>(), up = new ArrayList<>();
        double[] markZ = new double[Math.min(ELBOWS, revealed)];
        int m = 0;
        double zLeft = mapPlot.getViewport().xmin(), zTop = mapPlot.getViewport().ymax();
        boolean playing = player != null;
        for (int i = revealed - 1; i >= 0 && m < markZ.length; i--, m++) {
            Draw d = result.draws().get(i);
            markZ[m] = d.z();
            if (playing && d.defined()) {
                double x = d.x().getAsDouble();
                int alpha = (int) (255 * (1 - 0.07 * m));
                int c = (alpha << 24) | (Curves.VERMILLION & 0xFFFFFF);
                elbows.add(PathLayer.Path.of(new double[] {zLeft, x, x}, new double[] {d.z(), d.z(), zTop}, c, m == 0 ? 2.5 : 1.2));
                up.add(Curves.segment(x, 0, x, histPlot.getViewport().ymax(), c, m == 0 ? 2.5 : 1.2));
            }
        }
        mapElbows.setPaths(elbows);
        histElbows.setPaths(up);
        Latent lat = result.latent();
        double[] markP = Arrays.stream(markZ).map(lat::density).toArray();
        latentMarks.setPoints(markP, markZ, Curves.VERMILLION, 5);
        latentMarks.setVisible(playing);
        Target t = result.target();
        InverseCdfOption opt = result.option();
        // all draws: the test already made with them; part of them: tested here while that stays cheap
        java.util.Optional<KsResult> test = revealed == result.draws().size() ? result.ks()
                : xs.length <= LIVE_KS_MAX ? InverseCdfSampler.ks(t, xs) : java.util.Optional.empty();
        String ks = test.map(r -> String.format(Locale.ROOT, "KS D = %.4f, p = %s: %s", r.statistic(),
                pValue(r.pValue()), undefined == 0 && r.pValue() > ALPHA ? "consistent with p(x)" : "not p(x)")).orElse(
                xs.length > LIVE_KS_MAX ? "KS test when all draws are shown" : "no defined draw to test");
        readout.setText(String.format(Locale.ROOT, "%s%n%d of %d draws shown, %d undefined%s%n%s", describe(opt, lat), revealed,
                result.draws().size(), undefined, undefined > 0 ? " (" + undefinedReason(opt, lat) + ")" : "", ks));
        playButton.setText(playing ? "Pause" : "Play");
    }

    static String pValue(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    /** A p-value in at most five characters, for the table. */
    static String shortP(double p) {
        return p < 0.001 ? String.format(Locale.ROOT, "%.0e", p).replace("e-0", "e-") : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String describe(InverseCdfOption o, Latent lat) {
        String z = lat == Latent.UNIFORM ? "z ~ U(0, 1)" : "z ~ N(0, 1)";
        return z + ", " + switch (o) {
            case A -> "(a) x = F⁻¹(z)";
            case B -> lat == Latent.UNIFORM ? "(b) x = F⁻¹(P(z)), here P(z) = z" : "(b) x = F⁻¹(Φ(z)), Φ the normal CDF";
            case B_DENSITY -> lat == Latent.UNIFORM ? "(b-density) x = F⁻¹(p(z)) with p(z) = 1" : "(b-density) x = F⁻¹(φ(z)), φ the normal density";
            case C -> "(c) x ~ N(F(z), 1)";
        };
    }

    private static String undefinedReason(InverseCdfOption o, Latent lat) {
        return o == InverseCdfOption.B_DENSITY && lat == Latent.UNIFORM ? "p(z) = 1 everywhere, and F⁻¹(1) lies beyond the support"
                : "F⁻¹ needs a value strictly between 0 and 1; z was outside";
    }

    private void showTable() {
        table.getChildren().clear();
        String[] head = {"choice", "KS p", "undefined", "gives p(x)?"};
        for (int c = 0; c < head.length; c++) {
            Label l = new Label(head[c]);
            l.setStyle("-fx-font-weight: bold");
            l.setMinWidth(Label.USE_PREF_SIZE);
            table.add(l, c, 0);
        }
        int r = 1;
        for (InverseCdfResult res : comparison) {
            KsResult ks = res.ks().orElse(null);
            // the choice on screen is marked; a choice passes with every draw defined and p above ALPHA
            String[] cells = {(res.option() == result.option() ? "▸ " : "   ") + res.option().id(),
                ks == null ? "—" : shortP(ks.pValue()), Integer.toString(res.undefined()), res.passes(ALPHA) ? "yes" : "no"};
            for (int c = 0; c < cells.length; c++) {
                Label l = new Label(cells[c]);
                l.setMinWidth(Label.USE_PREF_SIZE);
                table.add(l, c, r);
            }
            r++;
        }
    }

    // ---- playing -----------------------------------------------------------------------------

    private void togglePlay() {
        if (player != null) {
            stopPlay();
            reveal(revealed);
            return;
        }
        if (result == null) {
            return;
        }
        int n = result.draws().size();
        int startFrame = revealed >= n ? 0 : frameOf(revealed, n);
        player = new AnimationTimer() {
            private long last;
            private int frame = startFrame;

            @Override
            public void handle(long now) {
                if (now - last < 40_000_000L) {
                    return;
                }
                last = now;
                frame++;
                if (frame >= FRAMES) {
                    stopPlay();
                    reveal(n);
                    return;
                }
                reveal(countAt(frame, n));
            }
        };
        reveal(countAt(startFrame, n));
        player.start();
        playButton.setText("Pause");
    }

    /** Draws shown at a frame: slowly at first (one at a time), then faster (quadratic in time). */
    static int countAt(int frame, int n) {
        double f = (double) frame / FRAMES;
        return Math.max(1, Math.min(n, (int) Math.ceil(n * f * f)));
    }

    private static int frameOf(int k, int n) {
        return (int) Math.floor(FRAMES * Math.sqrt((double) k / n));
    }

    private void stopPlay() {
        if (player != null) {
            player.stop();
            player = null;
        }
        playButton.setText("Play");
    }

    @Override
    public void stop() {
        stopPlay();
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        if (result == null) {
            return false;
        }
        int n = result.draws().size();
        switch (s) {
            case PLAY_PAUSE -> togglePlay();
            case STEP -> {
                stopPlay();
                reveal(revealed >= n ? n : countAt(Math.min(FRAMES, frameOf(revealed, n) + 5), n));
            }
            case STEP_BACK -> {
                stopPlay();
                reveal(revealed <= 1 ? 0 : countAt(Math.max(0, frameOf(revealed, n) - 5), n));
            }
            case RESET -> {
                stopPlay();
                reveal(0);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    // ---- drawing the target ----------------------------------------------------------------------

    private void onDrawPress(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !choice("target").equals("drawn")) {
            return;
        }
        stopPlay();
        editing = drawnHeights.clone();
        onDraw(e);
    }

    private void onDraw(MouseEvent e) {
        if (editing == null) {
            return;
        }
        double x = histPlot.getViewport().toWorldX(e.getX());
        double y = histPlot.getViewport().toWorldY(e.getY());
        int bin = (int) Math.floor((x - DRAWN_LO) / (DRAWN_HI - DRAWN_LO) * DRAWN_BINS);
        if (bin >= 0 && bin < DRAWN_BINS) {
            editing[bin] = Math.max(0, y);
        }
        showDrawing();
        e.consume();
    }

    /** The bars being drawn, over the target they will replace. */
    private void showDrawing() {
        List<RectLayer.Rect> bars = new ArrayList<>();
        double w = (DRAWN_HI - DRAWN_LO) / DRAWN_BINS;
        for (int b = 0; b < DRAWN_BINS; b++) {
            bars.add(RectLayer.Rect.bar(DRAWN_LO + b * w, DRAWN_LO + (b + 1) * w, editing[b], 0x55777777, 0xFF555555));
        }
        drawnBars.setRects(bars);
        drawnBars.setVisible(true);
    }

    /**
     * Uses the drawing as the target: its heights are normalised to a density (and shown that way).
     * A drawing with every bar at zero is no density; it is refused and the last target kept.
     */
    private void onDrawRelease() {
        if (editing == null) {
            return;
        }
        double[] drawn = editing;
        editing = null;
        drawnBars.setVisible(false);
        if (Arrays.stream(drawn).allMatch(v -> v == 0)) {
            say("The drawn histogram is all zero, which is no distribution: raise at least one bar. The last drawing is kept.");
            return;
        }
        drawnHeights = asDensity(drawn);
        refresh("target");
        say("New drawn target: the draws start again.");
    }
}
