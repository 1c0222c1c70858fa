package org.genlab.ui.zoo;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.genlab.core.zoo.Logistic;
import org.genlab.ui.plot.ColorScale;
import org.genlab.ui.plot.Colormaps;
import org.genlab.ui.plot.Curves;
import org.genlab.ui.plot.Field2D;
import org.genlab.ui.plot.HeatmapLayer;
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
 * Question 2 a in the plane: logistic regression fitted to two overlapping labelled classes,
 * its conditional p̂(Y = 1 | x) = σ(wᵀx + b) as a surface, and labels sampled from it at the
 * training points (u &lt; p̂). Right draws new labels; the 0.5 contour is the decision line.
 */
final class Logistic2dView extends PaneView {
    private static final int ZERO = Curves.ORANGE, ONE = Curves.BLUE;
    private final PlotCanvas plot = Curves.plot("x₁", "x₂");
    private final HeatmapLayer surface;
    private final PathLayer line = new PathLayer();
    private final ScatterLayer truth;
    private final ScatterLayer sampled;
    private final Label readout = Controls.wrapped("", "readout");
    private Logistic.Labelled data;
    private Logistic.Fit2d fit;
    private int draw;

    Logistic2dView(TopicContext context, ParamForm form, Consumer<String> message) {
        super("logistic-2d", context, form, message);
        surface = new HeatmapLayer(context.pool());
        truth = new ScatterLayer(context.pool());
        sampled = new ScatterLayer(context.pool());
        surface.setColorScale(ColorScale.auto(Colormaps.COOLWARM).withRange(0, 1).withAlpha(200));
        surface.setColorBar(true);
        sampled.setOutline(0xFF000000);
        for (var l : List.of(surface, line, sampled, truth)) {
            plot.addLayer(l);
        }
        plot.setEqualAspect(true);
        plot.setLegendCorner(org.genlab.ui.plot.Legend.Corner.TOP_LEFT);
        plot.setTitle("p̂(Y = 1 | x) = σ(wᵀx + b), with labels sampled from it");
        truth.setLegendEntries(List.of(LegendEntry.point("training label 0", ZERO), LegendEntry.point("training label 1", ONE)));
        sampled.setLegendEntries(List.of(LegendEntry.point("sampled label (ring colour)", 0xFF000000)));
        line.setLegendEntries(List.of(LegendEntry.line("p̂ = 0.5", Curves.BLACK)));
        setFigure(new BorderPane(plot), plot);
        readout.setId("zoo-logistic2d-readout");
        readout.setMaxWidth(250);
        controls.getChildren().addAll(readout, Controls.button("Sample labels ▶", "Draw new labels from p̂(Y | x) at every point (Right)",
                () -> resample(draw + 1)));
    }

    @Override
    public void refresh(String changed) {
        int n = (int) Math.min(integer("n"), 2000);
        double lr = real("lr");
        int steps = (int) integer("gd-steps");
        long seed = seed();
        String dataName = choice("data");
        record Result(Logistic.Labelled d, Logistic.Fit2d f) {
        }
        compute("the logistic fit", () -> {
            Logistic.Labelled d = labelled(dataName, n, seed);
            return new Result(d, Logistic.fit2d(d.xs(), d.ys(), d.labels(), Math.min(lr, 2), steps));
        }, r -> {
            data = r.d();
            fit = r.f();
            Logistic.Fit2d f = fit;
            surface.setField(Field2D.of(f::probability));
            int[] colours = new int[data.labels().length];
            for (int i = 0; i < colours.length; i++) {
                colours[i] = data.labels()[i] == 1 ? ONE : ZERO;
            }
            double[] rad = new double[colours.length];
            java.util.Arrays.fill(rad, 2.2);
            truth.setPoints(data.xs(), data.ys(), colours, rad);
            // the decision line w1 x + w2 y + b = 0 across the view
            double[] home = home(data);
            double x0 = home[0] - 10, x1 = home[1] + 10;
            if (Math.abs(f.w2()) > 1e-9) {
                line.setPaths(List.of(Curves.segment(x0, -(f.b() + f.w1() * x0) / f.w2(), x1, -(f.b() + f.w1() * x1) / f.w2(), Curves.BLACK, 2)
                        .withDashes(8, 5)));
            } else {
                line.setPaths(List.of());
            }
            plot.setHome(home[0], home[1], home[2], home[3]);
            plot.resetView();
            resample(restoredDraw);
            restoredDraw = 0;
        });
    }

    /**
     * The labelled points: two-blobs, two-moons and rings labelled by the group each point was
     * drawn from (blob, moon, ring); any other choice gives two overlapping round classes.
     */
    static Logistic.Labelled labelled(String data, int n, long seed) {
        java.util.Optional<org.genlab.core.data.Preset> p = org.genlab.core.data.Preset.byName(data);
        if (p.isEmpty() || !List.of("two-blobs", "two-moons", "rings").contains(data)) {
            return Logistic.twoClasses(n, seed);
        }
        org.genlab.core.data.Dataset2D d = p.get().generate(n, p.get().defaultNoise(), seed);
        // two-blobs and rings put the first ⌈n/2⌉ points in the first group, two-moons the first ⌊n/2⌋
        int first = data.equals("two-moons") ? n / 2 : (n + 1) / 2;
        int[] labels = new int[n];
        for (int i = first; i < n; i++) {
            labels[i] = 1;
        }
        return new Logistic.Labelled(d.xs(), d.ys(), labels);
    }

    /** A window around the points, 20% wider than they spread. */
    private static double[] home(Logistic.Labelled d) {
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int i = 0; i < d.xs().length; i++) {
            x0 = Math.min(x0, d.xs()[i]);
            x1 = Math.max(x1, d.xs()[i]);
            y0 = Math.min(y0, d.ys()[i]);
            y1 = Math.max(y1, d.ys()[i]);
        }
        double mx = 0.2 * (x1 - x0) + 0.1, my = 0.2 * (y1 - y0) + 0.1;
        return new double[] {x0 - mx, x1 + mx, y0 - my, y1 + my};
    }

    private void resample(int k) {
        if (fit == null) {
            return;
        }
        draw = Math.max(0, k);
        int[] s = fit.sample(data.xs(), data.ys(), seed() * 7919 + draw);
        int[] colours = new int[s.length];
        double[] rad = new double[s.length];
        int agree = 0;
        for (int i = 0; i < s.length; i++) {
            colours[i] = s[i] == 1 ? ONE : ZERO;
            rad[i] = 4.5;
            agree += s[i] == data.labels()[i] ? 1 : 0;
        }
        sampled.setPoints(data.xs(), data.ys(), colours, rad);
        readout.setText(String.format(Locale.ROOT,
                "%d points: %s.%n%nGradient descent from zero:%nw = (%.3f, %.3f), b = %.3f%nmean cross-entropy %.4f%n%n"
                        + "Draw %d: each label is 1 when u < p̂(Y = 1 | x). %d of %d match the training label (%.1f%%).",
                s.length, describe(choice("data")), fit.w1(), fit.w2(), fit.b(), fit.loss(), draw + 1, agree, s.length, 100.0 * agree / s.length));
    }

    private static String describe(String data) {
        return switch (data) {
            case "two-blobs" -> "two-blobs, labelled by blob";
            case "two-moons" -> "two-moons, labelled by moon";
            case "rings" -> "rings, labelled by ring (no line separates them)";
            default -> "two overlapping round classes of sd 1 around (−1, −0.5) and (1, 0.5)";
        };
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        switch (s) {
            case STEP -> resample(draw + 1);
            case STEP_BACK -> resample(draw - 1);
            case RESET -> resample(0);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The draw a state file shows, until the fit it waits for is shown. */
    private int restoredDraw;

    /**
     * Beyond the parameters: which draw of sampled labels is shown ({@code draw}), when Right
     * has moved on from the first. The labels themselves come again from the seed and the draw.
     */
    @Override
    public void saveState(org.genlab.core.state.StateWriter extras) {
        if (draw != 0) {
            extras.put("draw", draw);
        }
    }

    /** Restores the draw shown, once the fit is drawn again. */
    @Override
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only("draw");
        restoredDraw = (int) extras.integerOr("draw", 0, 0, Integer.MAX_VALUE / 2);
        refresh(null);
    }

    @Override
    public String readout() {
        return readout.getText();
    }
}
