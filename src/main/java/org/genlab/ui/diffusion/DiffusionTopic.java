package org.genlab.ui.diffusion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.genlab.compute.ComputeJob;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.diffusion.ExactDiffusion;
import org.genlab.core.diffusion.NoiseSchedule;
import org.genlab.core.diffusion.Particles;
import org.genlab.core.diffusion.Prediction;
import org.genlab.core.diffusion.SampleOptions;
import org.genlab.core.diffusion.SampleResult;
import org.genlab.core.diffusion.Sampler;
import org.genlab.core.diffusion.Snapshot;
import org.genlab.core.math.Rng;
import org.genlab.core.param.Param;
import org.genlab.core.param.ParamSet;
import org.genlab.ui.plot.ColorScale;
import org.genlab.ui.plot.Colormaps;
import org.genlab.ui.plot.Field2D;
import org.genlab.ui.plot.HeatmapLayer;
import org.genlab.ui.plot.LegendEntry;
import org.genlab.ui.plot.LineChart;
import org.genlab.ui.plot.PathLayer;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.ScatterLayer;
import org.genlab.ui.plot.TextLayer;
import org.genlab.ui.plot.VectorFieldLayer;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;

/**
 * The diffusion pane: homework question 8's model on a data set (by default the two points
 * [1,0] and [0,1]), computed exactly. Forward: particles noised to step t, over the exact
 * marginal q_t. The optimal noise predictor ε*(x, t) as arrows; click a point to see the
 * candidate ε_i, one per data point, with their posterior weights. Reverse: particles from
 * N(0, I) sampled back with DDPM, DDIM or the probability-flow ODE, landing on the data.
 */
public final class DiffusionTopic implements Topic {
    /** The pane's declared parameters. */
    public static final ParamSet PARAMS = ParamSet.of(
            new Param.Choice("schedule", "Schedule", "How the noise variance β_t grows with t", List.of("linear", "cosine", "constant"),
                    "linear"),
            new Param.Int("T", "Steps T", "The number of noising steps", 10, 5000, 1000L),
            new Param.Real("beta-start", "β start", "β_1 (linear), or every β_t (constant)", 1e-5, 0.1, 1e-4),
            new Param.Real("beta-end", "β end", "β_T of the linear schedule", 1e-4, 0.5, 0.02),
            new Param.Int("t", "Step t", "The time step shown (0 is the data itself)", 0, 5000, 250L),
            new Param.Choice("field", "Arrows", "The optimal noise predictor ε*(x, t), the score, or nothing",
                    List.of("eps", "score", "none"), "eps"),
            new Param.Flag("density", "Density", "Shade the plane by the exact log q_t(x)", true),
            new Param.Choice("sampler", "Sampler", "DDPM walks all T steps with noise; DDIM and the ODE are deterministic",
                    List.of("ddpm", "ddim", "ode"), "ddim"),
            new Param.Int("steps", "Sampler steps", "Steps for DDIM and the ODE (DDPM always takes T)", 1, 1000, 100L),
            new Param.Int("n", "Particles", "How many particles to draw", 1, 10_000, 400L),
            new Param.Int("seed", "Seed", "The random seed: same seed, same particles", 0, Integer.MAX_VALUE, 0L));

    private static final int DATA_COLOUR = 0xFF000000;
    private static final int PARTICLE_COLOUR = Colormaps.category(4);
    /** How many trajectories are drawn, and at most how many points each (antialiased paths are slow to paint). */
    private static final int TRAJECTORIES = 30;
    private static final int TRAJECTORY_POINTS = 40;

    private final TopicContext context;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ParamForm form;
    private final PlotCanvas plot = new PlotCanvas();
    private final HeatmapLayer density;
    private final VectorFieldLayer arrows = new VectorFieldLayer();
    private final ScatterLayer particles;
    private final ScatterLayer dataLayer;
    private final PathLayer paths = new PathLayer();
    private final PathLayer candidates = new PathLayer();
    private final TextLayer posteriorLabels = new TextLayer();
    private final LineChart alphaBarChart = new LineChart();
    private final LineChart.Series alphaBarSeries = alphaBarChart.addSeries("ᾱ_t", Colormaps.category(4));
    private final LineChart epsChart = new LineChart();
    private final VBox figure;
    private final BorderPane view = new BorderPane();
    private final VBox controls = new VBox();
    private final Slider reverseSlider = new Slider(0, 0, 0);
    /** The time slider t = 0..T (the same value as the declared parameter t). */
    private final Slider tSlider = new Slider(0, 1000, 250);
    private boolean syncing;
    private final Label reverseLabel = Controls.wrapped("Draw samples to see the reverse process.", "hint");
    private final Label pointLabel = Controls.wrapped("Click the plane to see ε*(x, t) and its candidates.", "stat-value");
    private final Label stepLabel = new Label();
    private final Button playButton;

    private Dataset2D data = Dataset2D.of(new double[] {1, 0}, new double[] {0, 1});
    private String dataLabel = "the homework's two points";
    private ExactDiffusion model;
    /** Each forward particle's data point and noise, drawn once from the seed, so it moves smoothly with t. */
    private double[] x0x, x0y, noiseX, noiseY;
    private SampleResult reverse;
    private ComputeJob<SampleResult> sampling;
    private double[] clicked;
    private AnimationTimer player;
    /** Whether the data came from outside (the data pane, a file): a state file must then hold it. */
    private boolean customData;
    /** The sampler and its steps that made {@link #reverse} (the form's may have changed since), for a state file. */
    private String reverseSampler;
    private int reverseSteps;
    /** Completes when the newest sampling run has been shown (or failed, or was cancelled); one per run. */
    private CompletableFuture<Void> sampled = CompletableFuture.completedFuture(null);

    public DiffusionTopic(TopicContext context) {
        this.context = context;
        this.density = new HeatmapLayer(context.pool());
        this.particles = new ScatterLayer(context.pool());
        this.dataLayer = new ScatterLayer(context.pool());
        this.form = new ParamForm(PARAMS, (name, value) -> onParam(name));
        this.playButton = Controls.toggle("Play", "Pause", "Noise the data step by step, t = 0 to T (Space)", this::togglePlay);
        buildPlot();
        alphaBarChart.setLabels(null, "t", null);
        alphaBarChart.setPrefHeight(140);
        alphaBarChart.setMinHeight(120);
        alphaBarChart.cursorXProperty().addListener((o, a, b) -> {
            if (!Double.isNaN(b.doubleValue()) && Math.round(b.doubleValue()) != (Long) form.value("t")) {
                setT(Math.round(b.doubleValue()));
            }
        });
        epsChart.setLabels(null, "t", null);
        epsChart.setPrefHeight(150);
        epsChart.setMinHeight(130);
        epsChart.setSnapToInteger(true);
        figure = new VBox(plot, alphaBarChart);
        VBox.setVgrow(plot, Priority.ALWAYS);
        figure.getStyleClass().add("figure-area");
        view.setCenter(figure);
        buildControls();
        rebuild("The forward process on " + dataLabel);
    }

    // ---- the contract ----------------------------------------------------------------------

    @Override
    public String id() {
        return "diffusion";
    }

    @Override
    public String title() {
        return "Diffusion";
    }

    @Override
    public String description() {
        return "A diffusion model on the homework's data set {[1,0], [0,1]} (question 8), computed exactly.\n\n"
                + "Forward: each step shrinks a point by √(1−β_t) and adds noise of variance β_t, so at step t "
                + "x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε. The shading is the exact density q_t, a mixture of one Gaussian per "
                + "data point. Drag the t slider, or press Play.\n\n"
                + "The arrows are the best possible noise predictor ε*(x, t): the posterior-weighted average of the "
                + "noise that would have led from each data point to x. Click the plane to see the candidates.\n\n"
                + "Reverse: draw particles from N(0, I) and run them back with DDPM, DDIM or the probability-flow ODE "
                + "driven by ε*. They land exactly on the data points: the optimal denoiser of a finite data set "
                + "memorises it.";
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
        rebuild("Settings applied");
    }

    @Override
    public Map<String, Object> values() {
        return new LinkedHashMap<>(form.values());
    }

    @Override
    public void setHiddenControls(Set<String> names) {
        form.setHiddenOnly(names);
    }

    @Override
    public boolean useData(Dataset2D d) {
        if (d.isEmpty()) {
            message.set("The data set is empty: the diffusion pane keeps its data.");
            return true;
        }
        data = d;
        customData = true;
        dataLabel = d.size() + " points";
        rebuild("New data (" + d.size() + " points): the forward and reverse processes start again");
        return true;
    }

    // ---- state files -------------------------------------------------------------------------

    /**
     * The most points of custom data a state file may hold: the exact density and ε* sum over
     * every data point at every pixel and arrow, so far fewer than the flow pane's.
     */
    static final int MAX_STATE_POINTS = 100_000;

    /**
     * Beyond the parameters (which hold the step t): the data set when it is not the
     * homework's two points ({@code data}, inline), the clicked point ({@code clicked}: x and
     * y) and the reverse run shown ({@code reverse}: the sampler and steps that made it, which
     * the form may no longer say, and {@code at}, the recorded step the reverse slider shows).
     * The particles and trajectories are not saved: the run is drawn again from the seed, bit
     * for bit. A run still going when the state is taken is not in it.
     */
    @Override
    public void saveState(org.genlab.core.state.StateWriter extras) {
        if (customData) {
            extras.points("data", data);
        }
        if (clicked != null) {
            extras.put("clicked", clicked.clone());
        }
        if (reverse != null) {
            extras.object("reverse").put("sampler", reverseSampler).put("steps", (long) reverseSteps)
                    .put("at", (long) reverseIndex());
        }
    }

    /**
     * Restores what {@link #saveState} wrote, after the state's parameters were applied. Checks
     * everything first: the data set, that the parameters make a schedule on it, the clicked
     * point, and the reverse run (a sampler by name, steps within T, and a recorded step the
     * run will have). Then shows the data and the point, and samples again from the seed off
     * the FX thread; {@link #whenSettled} completes once the run is drawn at the step saved.
     */
    @Override
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only("data", "clicked", "reverse");
        Dataset2D d = data;
        boolean custom = false;
        if (extras.has("data")) {
            d = extras.points("data", MAX_STATE_POINTS);
            if (d.isEmpty()) {
                throw new org.genlab.core.state.StateException(extras.path() + ".data", "the data set is empty");
            }
            custom = true;
        }
        NoiseSchedule schedule;
        try {
            NoiseSchedule.Kind kind = NoiseSchedule.Kind.byName((String) form.value("schedule")).orElseThrow();
            schedule = NoiseSchedule.of(kind, (int) (long) (Long) form.value("T"), (Double) form.value("beta-start"),
                    (Double) form.value("beta-end"));
            new ExactDiffusion(d, schedule);
        } catch (IllegalArgumentException e) {
            throw new org.genlab.core.state.StateException("params.schedule", "no model from these settings: " + e.getMessage());
        }
        double[] point = null;
        if (extras.has("clicked")) {
            point = extras.reals("clicked", 2, -1e12, 1e12);
            if (point.length != 2) {
                throw new org.genlab.core.state.StateException(extras.path() + ".clicked", "expected [x, y], found " + point.length + " numbers");
            }
        }
        String samplerName = null;
        int samplerSteps = 0, at = 0;
        if (extras.has("reverse")) {
            org.genlab.core.state.StateReader r = extras.object("reverse");
            r.only("sampler", "steps", "at");
            samplerName = r.choice("sampler", ((Param.Choice) PARAMS.get("sampler").orElseThrow()).choices());
            long maxSteps = ((Param.Int) PARAMS.get("steps").orElseThrow()).max();
            samplerSteps = (int) r.integer("steps", 1, maxSteps);
            Sampler sampler = Sampler.of(Sampler.Kind.byName(samplerName).orElseThrow(), samplerSteps, Sampler.Variance.POSTERIOR);
            int total;
            try {
                total = sampler.timesteps(schedule.steps()).length - 1;
            } catch (IllegalArgumentException e) {
                throw new org.genlab.core.state.StateException(r.path() + ".steps", samplerSteps + " steps, more than T = " + schedule.steps());
            }
            at = (int) r.integer("at", 0, recordedStates(total) - 1);
        }
        // everything fits: now change the pane
        if (custom) {
            data = d;
            customData = true;
            dataLabel = d.size() + " points";
            rebuild("Restored " + d.size() + " points");
        }
        clicked = point;
        showClicked();
        updateEpsChart();
        if (samplerName != null) {
            sample(samplerName, samplerSteps, at);
        }
    }

    /** How many states a run of {@code total} steps records (every {@link #recordEvery}-th, the first and the last). */
    private static int recordedStates(int total) {
        int every = recordEvery(total);
        return total / every + 1 + (total % every != 0 ? 1 : 0);
    }

    /** A run records about a hundred states, whatever its length. */
    private static int recordEvery(int total) {
        return Math.max(1, total / 100);
    }

    /** The recorded state the reverse slider shows. */
    private int reverseIndex() {
        return reverse == null ? 0 : Math.max(0, Math.min((int) Math.round(reverseSlider.getValue()), reverse.trajectory().size() - 1));
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        long t = (Long) form.value("t");
        switch (s) {
            case PLAY_PAUSE -> togglePlay();
            case STEP -> setT(Math.min(model.schedule().steps(), t + Math.max(1, model.schedule().steps() / 100)));
            case STEP_BACK -> setT(Math.max(0, t - Math.max(1, model.schedule().steps() / 100)));
            case RESET -> setT(0);
            case RESET_VIEW -> plot.resetView();
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** The noising step t, 0 (the data) to T: the forward process frame by frame. */
    @Override
    public java.util.Optional<org.genlab.ui.topic.PaneTime> time() {
        return java.util.Optional.of(new org.genlab.ui.topic.PaneTime("step t", 0, model.schedule().steps(), model.schedule().steps(), true, t -> {
            setT(Math.round(t));
            return whenSettled();
        }).withNow(() -> (Long) form.value("t")));
    }

    @Override
    public CompletableFuture<Void> whenSettled() {
        return latestSampling().thenComposeAsync(v -> {
            alphaBarChart.redrawNow();
            return plot.whenSettled();
        }, context.uiExecutor()).orTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                .thenRunAsync(plot::redrawNow, context.uiExecutor());
    }

    /** Completes when the newest sampling run has been shown: a newer one may replace it meanwhile. */
    private CompletableFuture<Void> latestSampling() {
        CompletableFuture<Void> f = sampled;
        return f.thenComposeAsync(v -> f == sampled ? CompletableFuture.<Void>completedFuture(null) : latestSampling(),
                context.uiExecutor());
    }

    @Override
    public void dispose() {
        stopPlay();
        if (sampling != null) {
            sampling.cancel();
        }
    }

    /** The model shown (for tests). */
    public ExactDiffusion model() {
        return model;
    }

    /**
     * The data set; the forward particles at the slider's t, or, after sampling, the samples
     * and every particle's reverse trajectory (one row per particle and recorded step).
     */
    @Override
    public java.util.List<org.genlab.core.io.CsvTable> tables() {
        java.util.List<org.genlab.core.io.CsvTable> out = new java.util.ArrayList<>();
        out.add(org.genlab.core.io.CsvTable.points("data", "the data set (" + data.size() + " points)", data.xs(), data.ys(), data.weights()));
        if (reverse == null) {
            int t = (int) (long) (Long) form.value("t");
            double[][] p = forwardParticles(t);
            out.add(org.genlab.core.io.CsvTable.points("particles", "forward particles x_t at t = " + t + " (" + p[0].length + ")", p[0], p[1], null));
        } else {
            Particles s = reverse.samples();
            out.add(org.genlab.core.io.CsvTable.points("samples", form.value("sampler") + " samples", s.xs(), s.ys(), null));
            java.util.List<double[]> rows = new java.util.ArrayList<>();
            for (Snapshot snap : reverse.trajectory()) {
                Particles q = snap.particles();
                for (int i = 0; i < q.size(); i++) {
                    rows.add(new double[] {i, snap.step(), snap.t(), snap.alphaBar(), q.x(i), q.y(i)});
                }
            }
            out.add(new org.genlab.core.io.CsvTable("trajectories", "reverse trajectories (" + reverse.trajectory().size() + " steps)",
                    java.util.List.of("particle", "step", "t", "alphaBar", "x", "y"), rows));
        }
        return out;
    }

    /** x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε for the pane's particles: {xs, ys}. */
    private double[][] forwardParticles(int t) {
        double ab = model.schedule().alphaBar(t);
        double a = Math.sqrt(ab), s = Math.sqrt(1 - ab);
        double[] px = new double[x0x.length], py = new double[x0x.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = a * x0x[i] + s * noiseX[i];
            py[i] = a * x0y[i] + s * noiseY[i];
        }
        return new double[][] {px, py};
    }

    /** Clicks the plane at world point (x, y), as a click there does (for tests). */
    void clickAt(double x, double y) {
        clicked = new double[] {x, y};
        showClicked();
        updateEpsChart();
    }

    /** The last reverse run, or null (for tests). */
    public SampleResult reverse() {
        return reverse;
    }

    // ---- state -------------------------------------------------------------------------------

    /** Builds the model from the settings; on a bad combination says why and keeps the old one. */
    private void rebuild(String why) {
        NoiseSchedule schedule;
        try {
            NoiseSchedule.Kind kind = NoiseSchedule.Kind.byName((String) form.value("schedule")).orElseThrow();
            schedule = NoiseSchedule.of(kind, (int) (long) (Long) form.value("T"), (Double) form.value("beta-start"),
                    (Double) form.value("beta-end"));
            model = new ExactDiffusion(data, schedule);
        } catch (IllegalArgumentException e) {
            message.set("Cannot build the schedule: " + e.getMessage());
            return;
        }
        if ((Long) form.value("t") > schedule.steps()) {
            form.setValue("t", (long) schedule.steps());
        }
        drawForwardParticles();
        if (sampling != null) {
            sampling.cancel();
        }
        reverse = null;
        paths.clear();
        reverseSlider.setMax(0);
        reverseLabel.setText("Draw samples to see the reverse process.");
        double[] t = new double[schedule.steps() + 1], ab = new double[t.length];
        for (int i = 0; i <= schedule.steps(); i++) {
            t[i] = i;
            ab[i] = schedule.alphaBar(i);
        }
        alphaBarSeries.setData(t, ab);
        double[] xs = data.xs(), ys = data.ys();
        dataLayer.setPoints(xs, ys, DATA_COLOUR, 7);
        fitView();
        showT();
        message.set(why + " (" + schedule.kind().id() + " schedule, T = " + schedule.steps() + ").");
    }

    /** Draws each forward particle's data point (by weight) and its noise once, from the seed. */
    private void drawForwardParticles() {
        int n = (int) (long) (Long) form.value("n");
        Rng rng = new Rng((Long) form.value("seed"));
        double total = data.totalWeight();
        x0x = new double[n];
        x0y = new double[n];
        noiseX = new double[n];
        noiseY = new double[n];
        for (int i = 0; i < n; i++) {
            // pick data point j with probability w_j / Σ w
            double u = rng.nextDouble() * total;
            int j = 0;
            while (j < data.size() - 1 && u >= data.weight(j)) {
                u -= data.weight(j);
                j++;
            }
            x0x[i] = data.x(j);
            x0y[i] = data.y(j);
            noiseX[i] = rng.nextGaussian();
            noiseY[i] = rng.nextGaussian();
        }
    }

    /**
     * Shows forward step t. A reverse run shown is put away first, as dragging the t slider
     * does: keys and animations move the forward process, and its particles must not stay.
     */
    private void setT(long t) {
        if (reverse != null) {
            dropReverse();
        }
        form.setValue("t", Math.max(0, Math.min(model.schedule().steps(), t)));
        showT();
    }

    /** Shows step t: particles, the density, the arrows, the clicked point. */
    private void showT() {
        int t = (int) (long) (Long) form.value("t");
        double ab = model.schedule().alphaBar(t);
        double a = Math.sqrt(ab), s = Math.sqrt(1 - ab);
        if (reverse == null) {
            double[][] p = forwardParticles(t);
            particles.setPoints(p[0], p[1], PARTICLE_COLOUR, p[0].length > 3000 ? 2.5 : 4);
        }
        // with a reverse run shown, the shading and arrows stay at its step, so particles and field agree
        showFieldsAt(reverse == null || reverse.trajectory().isEmpty() ? t : reverse.trajectory().get(reverseIndex()).t());
        alphaBarChart.setCursorX(t);
        syncing = true;
        tSlider.setMax(model.schedule().steps());
        tSlider.setValue(t);
        syncing = false;
        stepLabel.setText(String.format(Locale.ROOT, "t = %d of %d     ᾱ_t = %.4g     √ᾱ_t = %.4g", t,
                model.schedule().steps(), ab, a));
        showClicked();
    }

    /** The density and the arrows at step t (the forward slider's, or a reverse step's). */
    private void showFieldsAt(int t) {
        boolean showDensity = (Boolean) form.value("density") && t > 0;
        density.setVisible(showDensity);
        if (showDensity) {
            ExactDiffusion m = model;
            density.setField(Field2D.of((x, y) -> m.logDensity(t, x, y)));
        }
        String field = (String) form.value("field");
        arrows.setVisible(t > 0 && !field.equals("none"));
        if (t > 0 && !field.equals("none")) {
            ExactDiffusion m = model;
            boolean score = field.equals("score");
            arrows.setFunction((x, y, out) -> {
                double[] v = score ? m.score(t, x, y) : m.epsilon(t, x, y);
                out[0] = v[0];
                out[1] = v[1];
            });
            arrows.setLegendEntries(List.of(LegendEntry.line(score ? "score ∇log q_t" : "ε*(x, t)", Colormaps.CIVIDIS.argb(0.75))));
        }
    }

    // ---- a clicked point (Q8 d, e) -----------------------------------------------------------

    private void showClicked() {
        candidates.clear();
        posteriorLabels.setLabels(List.of());
        int t = (int) (long) (Long) form.value("t");
        if (clicked == null) {
            return;
        }
        if (t == 0) {
            pointLabel.setText("At t = 0 there is no noise to predict: move t above 0.");
            return;
        }
        Prediction p = model.predict(t, clicked[0], clicked[1]);
        double a = Math.sqrt(p.alphaBar()), s = Math.sqrt(1 - p.alphaBar());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "x = (%.3f, %.3f) at t = %d%nε*(x, t) = (%.4f, %.4f)",
                clicked[0], clicked[1], t, p.epsX(), p.epsY()));
        List<TextLayer.Label> labels = new ArrayList<>();
        int shown = Math.min(data.size(), 8);
        for (int i = 0; i < shown; i++) {
            // the candidate ε_i = (x − √ᾱ x₀ⁱ) / √(1 − ᾱ): drawn from the mean √ᾱ x₀ⁱ to x
            double mx = a * data.x(i), my = a * data.y(i);
            double w = p.posterior()[i];
            candidates.add(PathLayer.Path.of(new double[] {mx, clicked[0]}, new double[] {my, clicked[1]},
                    Colormaps.category(i + 1), 1 + 3 * w).withDashes(6, 4));
            labels.add(new TextLayer.Label(mx, my, String.format(Locale.ROOT, "w = %.3f", w), 0xFF222222, 14,
                    org.genlab.ui.plot.Painter.HAlign.LEFT, org.genlab.ui.plot.Painter.VAlign.BOTTOM, true));
            sb.append(String.format(Locale.ROOT, "%nε_%d = (%.3f, %.3f)   posterior %.4f", i + 1, (clicked[0] - mx) / s,
                    (clicked[1] - my) / s, w));
        }
        if (data.size() > shown) {
            sb.append("\n(the first ").append(shown).append(" of ").append(data.size()).append(" data points)");
        }
        posteriorLabels.setLabels(labels);
        pointLabel.setText(sb.toString());
    }

    /** Q8 (e): ε*(x, t) against t for the clicked point, with x's own coordinates as levels. */
    private void updateEpsChart() {
        epsChart.clear();
        if (clicked == null) {
            return;
        }
        int steps = model.schedule().steps();
        int stride = Math.max(1, steps / 400);
        int m = steps / stride;
        double[] ts = new double[m], ex = new double[m], ey = new double[m], lx = new double[m], ly = new double[m];
        for (int k = 0; k < m; k++) {
            int t = 1 + k * stride;
            double[] e = model.epsilon(t, clicked[0], clicked[1]);
            ts[k] = t;
            ex[k] = e[0];
            ey[k] = e[1];
            lx[k] = clicked[0];
            ly[k] = clicked[1];
        }
        epsChart.addSeries("ε*₁(x, t)", Colormaps.category(4)).setData(ts, ex);
        epsChart.addSeries("ε*₂(x, t)", Colormaps.category(0)).setData(ts, ey);
        epsChart.addSeries("x₁", Colormaps.category(2)).setData(ts, lx);
        epsChart.addSeries("x₂", Colormaps.category(6)).setData(ts, ly);
        epsChart.setCursorX((Long) form.value("t"));
    }

    // ---- reverse sampling --------------------------------------------------------------------

    /** Runs the chosen sampler on the compute pool, with progress and cancel in the status bar. */
    private void sample() {
        sample((String) form.value("sampler"), (int) (long) (Long) form.value("steps"), -1);
    }

    /**
     * Runs sampler {@code kindName} with {@code steps} steps; once done, shows recorded state
     * {@code at} (a restored state's), or the last for -1.
     */
    private void sample(String kindName, int steps, int at) {
        if (sampling != null) {
            sampling.cancel();
        }
        Sampler.Kind kind = Sampler.Kind.byName(kindName).orElseThrow();
        Sampler sampler = Sampler.of(kind, steps, Sampler.Variance.POSTERIOR);
        int n = (int) (long) (Long) form.value("n");
        long seed = (Long) form.value("seed");
        ExactDiffusion m = model;
        int totalSteps;
        try {
            totalSteps = sampler.timesteps(m.schedule().steps()).length - 1;
        } catch (IllegalArgumentException e) {
            message.set("Cannot sample: " + e.getMessage());
            return;
        }
        int every = recordEvery(totalSteps);
        stopPlay();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        sampled = ready;
        sampling = ComputeJob.<SampleResult>builder(kind.id().toUpperCase(Locale.ROOT) + " sampling", progress -> {
                    SampleOptions o = SampleOptions.of(n, seed)
                            // One core fewer than the pool: the window keeps a core to paint with.
                            .withExecutor(context.pool().executor(), Math.max(1, context.pool().size() - 1))
                            .withRecording(every, snap -> progress.report(Math.min(1, (double) snap.step() / totalSteps),
                                    "step " + snap.step() + " of " + totalSteps))
                            .withCancel(progress::isCancelled);
                    return m.sample(sampler, o);
                })
                .tracker(context.jobs())
                .onSuccess(r -> {
                    reverseSampler = kind.id();
                    reverseSteps = steps;
                    showReverse(r);
                    if (at >= 0) {
                        reverseSlider.setValue(at);
                    }
                    ready.complete(null);
                })
                .onFailure(e -> {
                    message.set("Sampling failed: " + e.getMessage());
                    ready.complete(null);
                })
                .onCancelled(() -> {
                    message.set("Sampling cancelled.");
                    ready.complete(null);
                })
                .start(context.pool().executor(), context.uiExecutor());
        message.set("Sampling " + n + " particles with " + kind.id() + "...");
    }

    private void showReverse(SampleResult r) {
        reverse = r;
        List<Snapshot> traj = r.trajectory();
        reverseSlider.setMin(0);
        reverseSlider.setMax(Math.max(0, traj.size() - 1));
        reverseSlider.setValue(traj.size() - 1);
        List<PathLayer.Path> list = new ArrayList<>();
        int k = Math.min(TRAJECTORIES, r.samples().size());
        int stride = Math.max(1, (traj.size() + TRAJECTORY_POINTS - 1) / TRAJECTORY_POINTS);
        for (int i = 0; i < k; i++) {
            int m = (traj.size() - 1) / stride + 1;
            double[] xs = new double[m + 1], ys = new double[m + 1];
            for (int j = 0; j < m; j++) {
                xs[j] = traj.get(j * stride).particles().x(i);
                ys[j] = traj.get(j * stride).particles().y(i);
            }
            // always end on the last state
            xs[m] = traj.get(traj.size() - 1).particles().x(i);
            ys[m] = traj.get(traj.size() - 1).particles().y(i);
            list.add(PathLayer.Path.trajectory(xs, ys, 0x66009E73, 1.2));
        }
        paths.setPaths(list);
        showReverseAt(traj.size() - 1);
        double worst = landingDistance(r.samples());
        String within = worst < 1e-9 ? "less than 1e-9" : String.format(Locale.ROOT, "%.2g", worst);
        message.set(String.format(Locale.ROOT, "%d samples, every one within %s of a data point: the optimal denoiser "
                + "of a finite data set memorises it.", r.samples().size(), within));
    }

    private void showReverseAt(int index) {
        if (reverse == null || reverse.trajectory().isEmpty()) {
            return;
        }
        Snapshot s = reverse.trajectory().get(Math.max(0, Math.min(index, reverse.trajectory().size() - 1)));
        particles.setPoints(s.particles().xs(), s.particles().ys(), Colormaps.category(2), s.particles().size() > 3000 ? 2.5 : 4);
        reverseLabel.setText(String.format(Locale.ROOT, "reverse step %d: t = %d, ᾱ = %.4g", s.step(), s.t(), s.alphaBar()));
        // The shading and arrows follow the reverse step, so particles and field agree.
        showFieldsAt(s.t());
    }

    /** The largest distance from a sample to its nearest data point. */
    private double landingDistance(Particles p) {
        double worst = 0;
        for (int i = 0; i < p.size(); i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < data.size(); j++) {
                best = Math.min(best, Math.hypot(p.x(i) - data.x(j), p.y(i) - data.y(j)));
            }
            worst = Math.max(worst, best);
        }
        return worst;
    }

    // ---- playing the forward process ---------------------------------------------------------

    private void togglePlay() {
        if (player != null) {
            stopPlay();
            return;
        }
        if (reverse != null) {
            clearReverse();
        }
        if ((Long) form.value("t") >= model.schedule().steps()) {
            setT(0);
        }
        playButton.setText("Pause");
        player = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                // about four seconds from the data to pure noise, whatever T is
                if (now - last < 50_000_000L) {
                    return;
                }
                last = now;
                long t = (Long) form.value("t");
                long stepT = Math.max(1, model.schedule().steps() / 80);
                if (t >= model.schedule().steps()) {
                    stopPlay();
                    return;
                }
                setT(t + stepT);
            }
        };
        player.start();
    }

    private void stopPlay() {
        if (player != null) {
            player.stop();
            player = null;
        }
        playButton.setText("Play");
    }

    private void clearReverse() {
        dropReverse();
        showT();
    }

    /** Puts the reverse run away without redrawing. */
    private void dropReverse() {
        reverse = null;
        paths.clear();
        reverseSlider.setMax(0);
        reverseLabel.setText("Draw samples to see the reverse process.");
    }

    // ---- building ----------------------------------------------------------------------------

    private void buildPlot() {
        plot.setEqualAspect(true);
        plot.setAxisLabels("x₁", "x₂");
        plot.setFocusTraversable(true);
        plot.setPanMode(org.genlab.ui.plot.PanMode.SECONDARY);
        density.setColorScale(ColorScale.auto(Colormaps.VIRIDIS).withAlpha(170));
        paths.setRasterized(context.pool());
        arrows.setSpacing(40);
        arrows.setColormap(Colormaps.CIVIDIS);
        particles.setLegendEntries(List.of(LegendEntry.point("particles", PARTICLE_COLOUR)));
        dataLayer.setOutline(0xFFFFFFFF);
        dataLayer.setLegendEntries(List.of(LegendEntry.point("data x₀", DATA_COLOUR)));
        plot.getLayers().addAll(density, arrows, paths, particles, candidates, dataLayer, posteriorLabels);
        plot.setComposited(context.pool().executor());
        alphaBarChart.setComposited(context.pool().executor());
        epsChart.setComposited(context.pool().executor());
        plot.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                javafx.geometry.Point2D w = plot.screenToWorld(e.getX(), e.getY());
                clicked = new double[] {w.getX(), w.getY()};
                showClicked();
                updateEpsChart();
            }
        });
    }

    private void fitView() {
        Dataset2D.Bounds b = data.bounds();
        double cx = (b.minX() + b.maxX()) / 2, cy = (b.minY() + b.maxY()) / 2;
        // the noise reaches about ±3 once ᾱ is small
        double h = Math.max(3.2, Math.max(b.width(), b.height()) / 2 * 1.3);
        plot.setHome(cx - h, cx + h, cy - h, cy + h);
        plot.resetView();
    }

    private void onParam(String name) {
        switch (name) {
            case "t", "field", "density" -> {
                if (reverse != null && name.equals("t")) {
                    clearReverse();
                }
                showT();
            }
            case "sampler", "steps" -> message.set("Press Draw samples to run the " + form.value("sampler") + " sampler.");
            default -> rebuild("New settings");
        }
    }

    private void buildControls() {
        controls.getStyleClass().add("controls");
        Button back = Controls.button("t = 0", "Back to the data (Home)", () -> setT(0));
        tSlider.setTooltip(new Tooltip("The noising step t: 0 is the data, T is (almost) pure noise"));
        tSlider.setId("diffusion-t");
        tSlider.valueProperty().addListener((o, a, b) -> {
            if (!syncing) {
                if (reverse != null) {
                    clearReverse();
                }
                setT(Math.round(b.doubleValue()));
            }
        });
        Button sampleButton = Controls.button("Draw samples", "Run the chosen sampler from N(0, I), driven by ε*", this::sample);
        sampleButton.setId("diffusion-sample");
        Button useData = Controls.button("Use the data pane's data",
                "Diffuse the data set made in the data pane", () -> useData(context.sharedData().get()));
        reverseSlider.setTooltip(new Tooltip("Scrub the reverse process, from noise (left) to data (right)"));
        reverseSlider.valueProperty().addListener((o, a, b) -> showReverseAt((int) Math.round(b.doubleValue())));
        reverseSlider.setId("diffusion-reverse");
        stepLabel.getStyleClass().add("stat-value");
        stepLabel.setWrapText(true);
        controls.getChildren().addAll(
                Controls.heading("FORWARD"), Controls.flow(playButton, back), tSlider, stepLabel,
                Controls.heading("MODEL"), form.node(),
                Controls.heading("REVERSE"), sampleButton, reverseSlider, reverseLabel,
                Controls.heading("CLICKED POINT (QUESTION 8 D, E)"), pointLabel, epsChart,
                Controls.heading("DATA"), Controls.wrapped("The homework's two points until you give the pane other data.", "hint"),
                useData);
    }
}
