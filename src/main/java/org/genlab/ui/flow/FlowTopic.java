package org.genlab.ui.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.genlab.compute.ComputeJob;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.diffusion.Particles;
import org.genlab.core.flow.Continuity;
import org.genlab.core.flow.ContinuityGrid;
import org.genlab.core.flow.ExactFlow;
import org.genlab.core.flow.ExactFlow1D;
import org.genlab.core.flow.FlowSampleOptions;
import org.genlab.core.flow.FlowSampleResult;
import org.genlab.core.flow.FlowSampler;
import org.genlab.core.flow.FlowSnapshot;
import org.genlab.core.flow.FlowTrainSettings;
import org.genlab.core.flow.FlowTrainer;
import org.genlab.core.flow.LearnedField;
import org.genlab.core.flow.Solver;
import org.genlab.core.flow.Trajectories;
import org.genlab.core.flow.VelocityField;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Activation;
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
import org.genlab.ui.plot.VectorFieldLayer;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;

/**
 * The flow-matching pane (homework question 9): linear paths x_t = (1 − t) x₀ + t x₁ from
 * N(0, I) to a data set, the exact marginal velocity v_t and density p_t of the data set, and a
 * network v_θ(x, t) trained on the pane's data. Particles flow from noise to data with Euler,
 * Heun, RK4 or the homework's printed loop; the continuity equation's residual can be shaded; a
 * 1-D view shows p_t(x) over (t, x) with trajectories on top (question 9 f).
 *
 * <p>Everything heavy (sampling, training, residual and error grids, streamlines) runs on the
 * compute pool; results come back to the FX thread, newest first.
 */
public final class FlowTopic implements Topic {
    /** The data sets the pane offers; {@code custom} is the data pane's, once given. */
    static final List<String> DATA_CHOICES = List.of("eight-gaussians", "two-point", "two-moons", "checkerboard", "custom");

    /** The pane's declared parameters. */
    public static final ParamSet PARAMS = ParamSet.of(
            new Param.Choice("data", "Data", "The data set x₁ is drawn from (custom: the data pane's, after \"Use the data pane's data\")",
                    DATA_CHOICES, "eight-gaussians"),
            new Param.Choice("view", "View", "The plane, or the 1-D picture of question 9 f: p_t(x) over time with trajectories",
                    List.of("plane", "line"), "plane"),
            new Param.Real("t", "Time t", "The time shown: 0 is the noise N(0, I), 1 is the data", 0, 1, 0.5),
            new Param.Choice("field", "Field", "The exact marginal velocity of the data set, or the trained network v_θ",
                    List.of("exact", "learned"), "exact"),
            new Param.Choice("solver", "Solver", "How particles follow the field: Euler, Heun, RK4, or the homework's printed loop "
                    + "x = x + v/(m − i)", List.of("euler", "heun", "rk4", "printed"), "euler"),
            new Param.Int("steps", "Steps m", "The number of solver steps from t = 0 to t = 1", 1, 1000, 100L),
            new Param.Int("n", "Particles", "How many particles flow from N(0, I)", 1, 10_000, 1000L),
            new Param.Int("seed", "Seed", "The random seed: same seed, same particles and the same training", 0, Integer.MAX_VALUE, 0L),
            new Param.Choice("shade", "Shading", "The exact density p_t; how fast it changes, ∂p/∂t; the continuity residual "
                    + "∂p/∂t + ∇·(p v); the error |v_θ − v| of the network; or nothing",
                    List.of("density", "dpdt", "residual", "error", "none"), "density"),
            new Param.Flag("arrows", "Arrows", "Show the velocity field v_t as arrows", true),
            new Param.Flag("streamlines", "Streamlines", "Lines along the field frozen at time t", false),
            new Param.Flag("paths", "Trajectories", "The marginal trajectories of a few particles, from t = 0 to 1", true),
            new Param.Flag("conditional", "Conditional", "Straight lines x₀ → x₁ for a few pairs, with x_t on each", false),
            new Param.Int("hidden", "Hidden units", "Width of each hidden layer of v_θ", 8, 256, 64L),
            new Param.Int("layers", "Hidden layers", "Number of hidden layers of v_θ", 1, 6, 3L),
            new Param.Real("lr", "Learning rate", "Adam's step size", 1e-5, 0.1, 1e-3),
            new Param.Int("batch", "Batch", "Triples (x₀, x₁, t) per training step", 16, 4096, 256L),
            new Param.Int("train-steps", "Train steps", "How many steps Train runs", 100, 100_000, 5000L));

    private static final int DATA_COLOUR = 0xFF000000;
    private static final int PARTICLE_COLOUR = Colormaps.category(4);
    /** Recorded trajectories, and the points kept on each (antialiased paths are costly to paint). */
    private static final int PATHS = 30;
    private static final int PATH_POINTS = 50;
    private static final int CONDITIONAL_PAIRS = 8;
    /** Grid of the residual and error shadings. */
    private static final int GRID = 61;
    /** The largest time at which fields are drawn: they divide by 1 − t. */
    private static final double T_MAX_FIELD = 0.995;
    /** The shading clips log p_t here, so the colours go to where the probability is, not to the far tails. */
    private static final double LOG_DENSITY_FLOOR = -10;

    private final TopicContext context;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ParamForm form;
    private final PlotCanvas plot = new PlotCanvas();
    private final HeatmapLayer shading;
    private final VectorFieldLayer arrows = new VectorFieldLayer();
    private final PathLayer streamlines = new PathLayer();
    private final PathLayer paths = new PathLayer();
    private final PathLayer conditional = new PathLayer();
    private final ScatterLayer conditionalDots;
    private final ScatterLayer particles;
    private final ScatterLayer dataLayer;
    private final PlotCanvas linePlot = new PlotCanvas();
    private final HeatmapLayer lineDensity;
    private final PathLayer lineTrajectories = new PathLayer();
    private final PathLayer lineCursor = new PathLayer();
    private final LineChart lossChart = new LineChart();
    private final LineChart.Series lossSeries = lossChart.addSeries("training loss", Colormaps.category(4));
    private final BorderPane figure = new BorderPane();
    private final BorderPane view = new BorderPane();
    private final VBox controls = new VBox();
    private final Slider tSlider = new Slider(0, 1, 0.5);
    private boolean syncing;
    private final Label timeLabel = new Label();
    private final Label sampleLabel = Controls.wrapped("", "stat-value");
    private final Label trainLabel = Controls.wrapped("Train a network v_θ(x, t) on the pane's data.", "stat-value");
    private final Button playButton;
    private final Button trainButton;

    private Dataset2D data;
    private Dataset2D custom;
    private String dataLabel;
    private ExactFlow exact;
    private ExactFlow1D exact1D;
    private LearnedField learned;
    private FlowTrainer trainer;
    private ComputeJob<FlowTrainer> training;
    private FlowSampleResult run;
    private ComputeJob<FlowSampleResult> sampling;
    /** Completes when the newest particle run has been shown (or failed, or was cancelled); one per run. */
    private CompletableFuture<Void> runReady = new CompletableFuture<>();
    /** Completes when the newest 1-D trajectories have been shown; one per {@link #showLine}. */
    private CompletableFuture<Void> lineReady = CompletableFuture.completedFuture(null);
    /** Bumped whenever the derived pictures (grids, streamlines) must be recomputed. */
    private long overlayGeneration;
    private CompletableFuture<Void> overlaysReady = CompletableFuture.completedFuture(null);
    private double[] condX0, condY0, condX1, condY1;
    private AnimationTimer player;
    /** What the training readout says about {@link #learned}: the run it came from, for a state file. */
    private Trained trained;
    /** The steps of a network restored from a state file (Train goes on from them), or 0. */
    private int restoredSteps;
    /** The values last given to {@link #apply} (a state's data and field, which apply alone cannot honour without its extras). */
    private Map<String, Object> applied = Map.of();
    /** Completed when the newest Train run has stopped and its network is in use (for {@link #train()}). */
    private CompletableFuture<Void> trainingDone = CompletableFuture.completedFuture(null);

    /**
     * The run a learned field came from, as the readout shows it: steps done, whether the plan
     * was finished, the last loss and the speed measured then (a wall-clock figure, kept as
     * shown so a restored pane draws the same text).
     */
    private record Trained(int steps, boolean finished, double loss, double stepsPerSecond) {
        String text() {
            return String.format(Locale.ROOT, "%s after %d steps: loss %.4f   (%.0f steps/s)", finished ? "finished" : "stopped", steps,
                    loss, stepsPerSecond);
        }
    }

    public FlowTopic(TopicContext context) {
        this.context = context;
        this.shading = new HeatmapLayer(context.pool());
        this.particles = new ScatterLayer(context.pool());
        this.dataLayer = new ScatterLayer(context.pool());
        this.conditionalDots = new ScatterLayer(context.pool());
        this.lineDensity = new HeatmapLayer(context.pool());
        this.form = new ParamForm(PARAMS, (name, value) -> onParam(name));
        this.playButton = Controls.toggle("Play", "Pause", "Let the particles flow from t = 0 to t = 1 (Space)", this::togglePlay);
        this.trainButton = Controls.toggle("Train", "Stop", "Train v_θ(x, t) on the data with Adam; press again to stop", this::toggleTraining);
        trainButton.setId("flow-train");
        trainLabel.setMinHeight(44); // two lines, so the chart below does not jump when the text changes
        buildPlots();
        lossChart.setLabels(null, "step", null);
        lossChart.setSnapToInteger(true);
        lossChart.setPrefHeight(150);
        lossChart.setPrefWidth(260); // the controls column sets the width; a wide chart would push it off screen
        lossChart.setMinHeight(130);
        lossChart.setComposited(context.pool().executor());
        figure.getStyleClass().add("figure-area");
        view.setCenter(figure);
        buildControls();
        loadPreset();
        rebuild("Flow matching on " + dataLabel);
    }

    // ---- the contract ----------------------------------------------------------------------

    @Override
    public String id() {
        return "flow";
    }

    @Override
    public String title() {
        return "Flow matching";
    }

    @Override
    public String description() {
        return "Flow matching (question 9): draw x₀ from N(0, I) and x₁ from the data, and join them by the straight "
                + "line x_t = (1 − t) x₀ + t x₁. For one x₁ the points at time t are N(t x₁, (1 − t)² I).\n\n"
                + "Averaged over the data, the particles at time t have the density p_t (the shading) and move with the "
                + "velocity v_t(x) = E[(x₁ − x)/(1 − t) | x_t = x] (the arrows): each data point pulls with the weight of "
                + "its posterior given x and t. Following v_t from noise carries N(0, I) onto the data.\n\n"
                + "Train a network v_θ(x, t) to regress x₁ − x₀ and sample with it instead; compare the solvers, and the "
                + "homework's printed loop, by how close the samples land.";
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
        applied = Map.copyOf(values);
        boolean newData = values.containsKey("data") && !values.get("data").equals(form.value("data"));
        values.forEach(form::setValue);
        if (newData) {
            loadPreset();
        }
        rebuild("Settings applied");
    }

    @Override
    public Map<String, Object> values() {
        return new LinkedHashMap<>(form.values());
    }

    /** The most points of custom data a state file may hold (the data pane's own limit is lower). */
    static final int MAX_STATE_POINTS = 1_000_000;
    /** The largest model blob a state file may hold: a 6 × 256 network is about 1.3 MB of floats. */
    static final int MAX_MODEL_BYTES = 8 << 20;

    /**
     * Beyond the parameters: the custom data set when it is the one used ({@code data}, inline:
     * a state file names no other file), the trained network v_θ ({@code model}: the engine's
     * {@link MlpFile} bytes, so a restored pane samples, shades and draws the learned field
     * without training again), the training readout it came from ({@code training}) and the
     * loss curve up to it ({@code loss}). A state taken while Train runs holds the network as it
     * was when training last stopped. The particles, grids and trajectories are not saved:
     * they are recomputed from the seed, bit for bit.
     */
    @Override
    public void saveState(org.genlab.core.state.StateWriter extras) {
        if (form.value("data").equals("custom") && custom != null) {
            extras.points("data", custom);
        }
        LearnedField net = learned;
        Trained tr = trained;
        if (net == null || tr == null) {
            return;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            org.genlab.core.nn.MlpFile.write(net.network(), bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
        extras.bytes("model", bytes.toByteArray());
        extras.object("training").put("steps", tr.steps()).put("finished", tr.finished()).put("loss", tr.loss())
                .put("steps-per-second", tr.stepsPerSecond());
        int n = 0;
        while (n < lossSeries.size() && lossSeries.x(n) <= tr.steps()) {
            n++;
        }
        double[] steps = new double[n], losses = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = lossSeries.x(i);
            losses[i] = lossSeries.y(i);
        }
        extras.object("loss").put("step", steps).put("loss", losses);
    }

    /**
     * Restores what {@link #saveState} wrote, after the state's parameters were applied. Checks
     * everything first: the data set, the network (a flow model: 3 inputs, 2 outputs), the
     * training readout and the loss curve, and that {@code params.data = custom} comes with its
     * data and {@code params.field = learned} with a network. Then shows the data, puts the
     * network in use and draws with it; Train afterwards goes on from the restored weights and
     * step count (a fresh Adam; see {@link FlowTrainer}).
     */
    @Override
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only("data", "model", "training", "loss");
        Object wantData = applied.getOrDefault("data", form.value("data"));
        Object wantField = applied.getOrDefault("field", form.value("field"));
        Dataset2D d = null;
        if (extras.has("data")) {
            if (!"custom".equals(wantData)) {
                throw new org.genlab.core.state.StateException(extras.path() + ".data",
                        "a data set is given, but params.data is " + wantData + ", not custom");
            }
            d = extras.points("data", MAX_STATE_POINTS);
            if (d.isEmpty()) {
                throw new org.genlab.core.state.StateException(extras.path() + ".data", "the data set is empty");
            }
        } else if ("custom".equals(wantData)) {
            throw new org.genlab.core.state.StateException(extras.path() + ".data", "missing: params.data is custom, so the data set must be given");
        }
        LearnedField net = null;
        Trained tr = null;
        double[] lossSteps = new double[0], losses = new double[0];
        if (extras.has("model")) {
            byte[] b = extras.bytes("model", MAX_MODEL_BYTES);
            try {
                net = new LearnedField(org.genlab.core.nn.MlpFile.read(new java.io.ByteArrayInputStream(b)));
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new org.genlab.core.state.StateException(extras.path() + ".model", "not a flow network: " + e.getMessage());
            }
            org.genlab.core.state.StateReader t = extras.object("training");
            t.only("steps", "finished", "loss", "steps-per-second");
            tr = new Trained((int) t.integer("steps", 1, Integer.MAX_VALUE), t.flag("finished"), t.real("loss", 0, 1e300),
                    t.real("steps-per-second", 0, 1e12));
            org.genlab.core.state.StateReader l = extras.object("loss");
            l.only("step", "loss");
            lossSteps = l.reals("step", 1_000_000, 0, tr.steps());
            losses = l.reals("loss", 1_000_000, 0, 1e300);
            if (losses.length != lossSteps.length) {
                throw new org.genlab.core.state.StateException(l.path() + ".loss", losses.length + " values, but step has " + lossSteps.length);
            }
            for (int i = 1; i < lossSteps.length; i++) {
                if (lossSteps[i] < lossSteps[i - 1]) {
                    throw new org.genlab.core.state.StateException(l.path() + ".step[" + i + "]", "the steps must not decrease");
                }
            }
        } else {
            for (String k : new String[] {"training", "loss"}) {
                if (extras.has(k)) {
                    throw new org.genlab.core.state.StateException(extras.path() + "." + k, "given without a model");
                }
            }
            if ("learned".equals(wantField)) {
                throw new org.genlab.core.state.StateException(extras.path() + ".model",
                        "missing: params.field is learned, so the trained network must be given");
            }
        }
        // everything fits: now change the pane
        if (d != null) {
            custom = d;
            form.setValue("data", "custom");
            loadPreset();
            rebuild("Restored " + d.size() + " points from the data pane");
        }
        if (net != null) {
            learned = net;
            trained = tr;
            restoredSteps = tr.steps();
            trainLabel.setText(tr.text());
            lossSeries.setData(lossSteps, losses);
            form.setValue("field", wantField);
            startRun();
            showLine();
            showT();
            message.set("State restored: a network trained for " + tr.steps() + " steps.");
        }
    }

    @Override
    public void setHiddenControls(Set<String> names) {
        form.setHiddenOnly(names);
    }

    @Override
    public boolean useData(Dataset2D d) {
        if (d.isEmpty()) {
            message.set("The data set is empty: the flow pane keeps its data.");
            return true;
        }
        custom = d;
        form.setValue("data", "custom");
        loadPreset();
        rebuild("New data (" + d.size() + " points): the flow, the particles and the network start again");
        return true;
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        double t = t();
        switch (s) {
            case PLAY_PAUSE -> togglePlay();
            case STEP -> setT(Math.min(1, t + 0.05));
            case STEP_BACK -> setT(Math.max(0, t - 0.05));
            case RESET -> setT(0);
            case RESET_VIEW -> {
                plot.resetView();
                linePlot.resetView();
            }
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

    /**
     * The data set; once the particles have flowed, the particles at the time shown, the
     * samples they reach at t = 1, and the recorded trajectories (one row per particle and time).
     */
    @Override
    public java.util.List<org.genlab.core.io.CsvTable> tables() {
        java.util.List<org.genlab.core.io.CsvTable> out = new java.util.ArrayList<>();
        if (data != null) {
            out.add(org.genlab.core.io.CsvTable.points("data", "the data set (" + data.size() + " points)", data.xs(), data.ys(), data.weights()));
        }
        FlowSampleResult r = run;
        if (r != null) {
            FlowSnapshot s = r.snapshotAt(t());
            if (s != null) {
                out.add(org.genlab.core.io.CsvTable.points("particles", String.format(Locale.ROOT, "particles at t = %.3f", s.t()),
                        s.particles().xs(), s.particles().ys(), null));
            }
            out.add(org.genlab.core.io.CsvTable.points("samples", "samples at t = 1 (" + form.value("solver") + ", m = " + form.value("steps") + ")",
                    r.samples().xs(), r.samples().ys(), null));
            Trajectories paths = r.paths();
            java.util.List<double[]> rows = new java.util.ArrayList<>();
            for (int p = 0; p < paths.particles(); p++) {
                for (int k = 0; k < paths.points(); k++) {
                    rows.add(new double[] {p, paths.time(k), paths.x(p, k), paths.y(p, k)});
                }
            }
            if (!rows.isEmpty()) {
                out.add(new org.genlab.core.io.CsvTable("trajectories", "marginal trajectories (" + paths.particles() + " particles)",
                        java.util.List.of("particle", "t", "x", "y"), rows));
            }
        }
        return out;
    }

    /** Flow time t in [0, 1]: the noise at 0 flowing into the data at 1. */
    @Override
    public java.util.Optional<org.genlab.ui.topic.PaneTime> time() {
        return java.util.Optional.of(new org.genlab.ui.topic.PaneTime("time t", 0, 1, 1, false, t -> {
            setT(t);
            return whenSettled();
        }).withNow(() -> (Double) form.value("t")));
    }

    @Override
    public CompletableFuture<Void> whenSettled() {
        // The plane and the 1-D plot take turns in the centre: one just put there has no size
        // until the next layout, which a scene without a window (a headless render, a state
        // restored off-screen) never has by itself; its rasters must be asked for at its real size.
        figure.applyCss();
        figure.layout();
        lossChart.redrawNow();
        PlotCanvas shown = isLineView() ? linePlot : plot;
        return CompletableFuture.allOf(latest(() -> runReady), latest(() -> lineReady), overlaysSettled())
                .orTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                .thenComposeAsync(v -> shown.whenSettled(), context.uiExecutor())
                .thenRunAsync(shown::redrawNow, context.uiExecutor());
    }

    /**
     * Completes when the newest future {@code field} holds has completed: a newer one may replace
     * it meanwhile (a run cancelled by a newer one completes its own future, not the newer's, so
     * waiting on the future of the moment would end before the pane shows what it was asked for).
     */
    private CompletableFuture<Void> latest(java.util.function.Supplier<CompletableFuture<Void>> field) {
        CompletableFuture<Void> f = field.get();
        return f.handle((v, e) -> null).thenComposeAsync(v -> f == field.get() ? CompletableFuture.<Void>completedFuture(null) : latest(field),
                context.uiExecutor());
    }

    /** Completes when the newest overlay computation has been shown (a newer one may replace it meanwhile). */
    private CompletableFuture<Void> overlaysSettled() {
        CompletableFuture<Void> f = overlaysReady;
        return f.thenComposeAsync(v -> f == overlaysReady ? CompletableFuture.completedFuture(null) : overlaysSettled(),
                context.uiExecutor());
    }

    @Override
    public void dispose() {
        stopPlay();
        if (sampling != null) {
            sampling.cancel();
        }
        if (training != null) {
            training.cancel();
        }
    }

    /** The exact flow of the pane's data (for tests). */
    public ExactFlow exactFlow() {
        return exact;
    }

    /** The last particle run, or null (for tests). */
    public FlowSampleResult lastRun() {
        return run;
    }

    /** The shading layer (for tests). */
    HeatmapLayer shadingLayer() {
        return shading;
    }

    /** The trajectories layer (for tests). */
    PathLayer pathsLayer() {
        return paths;
    }

    /** The text under the time slider and the landing summary (for tests). */
    String readout() {
        return timeLabel.getText() + "\n" + sampleLabel.getText() + "\n" + trainLabel.getText();
    }

    /** The loss chart's series (for tests). */
    LineChart.Series loss() {
        return lossSeries;
    }

    /** The trainer of the last Train, or null (for tests: a restored pane has none until Train). */
    FlowTrainer trainer() {
        return trainer;
    }

    /** The trained field, or null (for tests). */
    public LearnedField learnedField() {
        return learned;
    }

    // ---- data and model --------------------------------------------------------------------

    /** Sets {@link #data} from the data choice (a preset with its default size and seed 0, or the custom data). */
    private void loadPreset() {
        String choice = (String) form.value("data");
        if (choice.equals("custom")) {
            if (custom == null) {
                message.set("No custom data yet: press \"Use the data pane's data\". Showing eight-gaussians.");
                form.setValue("data", "eight-gaussians");
                choice = "eight-gaussians";
            } else {
                data = custom;
                dataLabel = custom.size() + " points from the data pane";
                return;
            }
        }
        Preset p = Preset.byName(choice).orElseThrow();
        // 256 points: enough to look like the distribution, few enough that the exact field is fast.
        int n = p == Preset.TWO_POINT ? 2 : 256;
        data = p.generate(n, p.defaultNoise(), 0);
        dataLabel = p == Preset.TWO_POINT ? "the two points [1,0] and [0,1]" : choice + " (" + n + " points)";
    }

    /** Rebuilds the exact flow and restarts the particles; a trained network is kept only for the same data. */
    private void rebuild(String why) {
        Dataset2D old = exact == null ? null : exact.data();
        exact = new ExactFlow(data);
        exact1D = ExactFlow1D.ofXs(data);
        if (old != null && !old.equals(data)) {
            forgetTraining();
        }
        if (form.value("field").equals("learned") && learned == null) {
            form.setValue("field", "exact");
            why += "; no trained network yet, so the exact field is used";
        }
        dataLayer.setPoints(data.xs(), data.ys(), DATA_COLOUR, data.size() > 50 ? 3.5 : 6);
        drawConditionalPairs();
        fitView();
        figure.setCenter(isLineView() ? linePlot : plot);
        showLine();
        startRun();
        message.set(why + ".");
    }

    private void forgetTraining() {
        if (training != null) {
            training.cancel();
        }
        trainer = null;
        learned = null;
        trained = null;
        restoredSteps = 0;
        lossSeries.clear();
        trainLabel.setText("Train a network v_θ(x, t) on the pane's data.");
    }

    private VelocityField field() {
        return form.value("field").equals("learned") && learned != null ? learned : exact.field();
    }

    private boolean isLineView() {
        return form.value("view").equals("line");
    }

    private double t() {
        return (Double) form.value("t");
    }

    private int steps() {
        return (int) (long) (Long) form.value("steps");
    }

    // ---- particles ---------------------------------------------------------------------------

    /** Runs the particles from N(0, I) to t = 1 on the pool, recording snapshots and a few paths. */
    private void startRun() {
        if (sampling != null) {
            sampling.cancel();
        }
        // a future of its own: the cancelled run above completes its future when it stops, which
        // must not tell whenSettled that this one has been shown
        CompletableFuture<Void> ready = new CompletableFuture<>();
        runReady = ready;
        Solver solver = Solver.byName((String) form.value("solver")).orElseThrow();
        int m = steps();
        int n = (int) (long) (Long) form.value("n");
        long seed = (Long) form.value("seed");
        VelocityField f = field();
        Executor ex = context.pool().executor();
        int parallel = Math.max(1, context.pool().size() - 1); // one core stays free to paint
        sampling = ComputeJob.<FlowSampleResult>builder("Flowing " + n + " particles (" + solver.id() + ", m = " + m + ")",
                        progress -> FlowSampler.sample(f, solver, m, FlowSampleOptions.of(n, seed)
                                .withExecutor(ex, parallel)
                                .withSnapshots(Math.max(1, m / 100))
                                .withPaths(Math.min(PATHS, n), Math.max(1, m / PATH_POINTS))
                                .withCancel(progress::isCancelled)))
                .tracker(context.jobs())
                .onSuccess(r -> {
                    showRun(r);
                    ready.complete(null);
                })
                .onFailure(e -> {
                    message.set("The particles could not flow: " + e.getMessage());
                    ready.complete(null);
                })
                .onCancelled(() -> ready.complete(null))
                .start(ex, context.uiExecutor());
    }

    private void showRun(FlowSampleResult r) {
        run = r;
        List<PathLayer.Path> list = new ArrayList<>();
        Trajectories tr = r.paths();
        for (int p = 0; p < tr.particles(); p++) {
            list.add(PathLayer.Path.trajectory(tr.xs(p), tr.ys(p), 0x88009E73, 1.2));
        }
        paths.setPaths(list);
        showT();
        sampleLabel.setText(landingText(r.samples()));
    }

    /** How far the samples at t = 1 land from the data: the fraction within 0.01, the median and the worst distance. */
    private String landingText(Particles s) {
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            int j = data.nearest(s.x(i), s.y(i));
            d[i] = Math.hypot(s.x(i) - data.x(j), s.y(i) - data.y(j));
        }
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        long close = Arrays.stream(d).filter(v -> v <= 0.01).count();
        return String.format(Locale.ROOT, "At t = 1, %s field, %s, m = %d:%n%.1f%% of %d samples within 0.01 of a data point;%n"
                        + "distance to the nearest data point: median %.3g, worst %.3g", form.value("field"), form.value("solver"),
                steps(), 100.0 * close / d.length, d.length, sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    // ---- time ----------------------------------------------------------------------------------

    private void setT(double t) {
        form.setValue("t", Math.max(0, Math.min(1, t)));
        showT();
    }

    /** Shows time t: particles, shading, arrows, conditional points, the 1-D cursor. */
    private void showT() {
        double t = t();
        if (run != null) {
            FlowSnapshot s = run.snapshotAt(t);
            if (s != null) {
                particles.setPoints(s.particles().xs(), s.particles().ys(), PARTICLE_COLOUR, s.particles().size() > 3000 ? 2.5 : 4);
            }
        }
        syncing = true;
        tSlider.setValue(t);
        syncing = false;
        boolean fields = t <= T_MAX_FIELD;
        timeLabel.setText(fields ? String.format(Locale.ROOT, "t = %.3f     1 − t = %.3f", t, 1 - t)
                : String.format(Locale.ROOT, "t = %.3f: the fields divide by 1 − t and are not drawn this close to 1", t));
        showArrows(t, fields);
        showShading(t, fields);
        showConditional(t);
        showLineCursor(t);
    }

    private void showArrows(double t, boolean fields) {
        boolean on = (Boolean) form.value("arrows") && fields;
        arrows.setVisible(on);
        if (on) {
            VelocityField f = field();
            arrows.setFunction((x, y, out) -> {
                double[] v = f.velocity(t, x, y);
                out[0] = v[0];
                out[1] = v[1];
            });
            arrows.setLegendEntries(List.of(LegendEntry.line(f == learned ? "v_θ(x, t)" : "v_t(x)", Colormaps.CIVIDIS.argb(0.75))));
        }
    }

    /** The shading at t: the density at once; the residual, the error and the streamlines from grids computed on the pool. */
    private void showShading(double t, boolean fields) {
        String shade = (String) form.value("shade");
        long gen = ++overlayGeneration;
        streamlines.clear();
        if (!fields || shade.equals("none") || (shade.equals("error") && learned == null)) {
            shading.setVisible(false);
            if (shade.equals("error") && learned == null && fields) {
                timeLabel.setText(timeLabel.getText() + "\nThe error shading needs a trained network: press Train.");
            }
        } else if (shade.equals("density")) {
            ExactFlow e = exact;
            shading.setColorScale(ColorScale.auto(Colormaps.VIRIDIS).withAlpha(170));
            shading.setField(Field2D.of((x, y) -> Math.max(LOG_DENSITY_FLOOR, e.logDensity(t, x, y))));
            shading.setLegendEntries(List.of());
            shading.setVisible(true);
        }
        boolean grid = fields && (shade.equals("residual") || shade.equals("dpdt") || (shade.equals("error") && learned != null));
        boolean lines = fields && (Boolean) form.value("streamlines");
        if (!grid && !lines) {
            overlaysReady = CompletableFuture.completedFuture(null);
            return;
        }
        org.genlab.ui.plot.Viewport v = plot.getViewport();
        double x0 = v.xmin(), x1 = v.xmax(), y0 = v.ymin(), y1 = v.ymax();
        ExactFlow e = exact;
        LearnedField net = learned;
        VelocityField f = field();
        overlaysReady = CompletableFuture.supplyAsync(() -> {
            Overlays o = new Overlays();
            if (grid && (shade.equals("residual") || shade.equals("dpdt"))) {
                o.residual = Continuity.residual(e, t, x0, x1, y0, y1, GRID, GRID);
                o.showDpdt = shade.equals("dpdt");
            } else if (grid) {
                o.error = errorGrid(e, net, t, x0, x1, y0, y1);
            }
            if (lines) {
                o.streamlines = streamlines(f, t, x0, x1, y0, y1);
            }
            return o;
        }, context.pool().executor()).thenAcceptAsync(o -> {
            if (gen == overlayGeneration) {
                showOverlays(o);
            }
        }, context.uiExecutor()).exceptionally(err -> {
            context.uiExecutor().execute(() -> message.set("Could not draw the shading: " + err.getMessage()));
            return null;
        });
    }

    /** What {@link #showShading} computes off the FX thread. */
    private static final class Overlays {
        ContinuityGrid residual;
        boolean showDpdt;
        double[][] error; // {xs, ys, values}
        List<PathLayer.Path> streamlines;
    }

    private void showOverlays(Overlays o) {
        if (o.residual != null) {
            ContinuityGrid g = o.residual;
            double[] values = new double[g.xs().length * g.ys().length];
            double[][] rows = o.showDpdt ? g.dpdt() : g.residual();
            for (int j = 0; j < g.ys().length; j++) {
                System.arraycopy(rows[j], 0, values, j * g.xs().length, g.xs().length);
            }
            double r = Math.max(g.maxAbsDpdt(), 1e-300);
            shading.setColorScale(ColorScale.auto(Colormaps.COOLWARM).withRange(-r, r).withAlpha(200));
            shading.setField(Field2D.ofGrid(g.xs(), g.ys(), values));
            shading.setVisible(true);
            timeLabel.setText(timeLabel.getText() + (o.showDpdt
                    ? String.format(Locale.ROOT, "%n∂p/∂t: red where probability arrives, blue where it leaves; largest |value| %.2e",
                            g.maxAbsDpdt())
                    : String.format(Locale.ROOT, "%nContinuity residual ∂p/∂t + ∇·(p v): largest |value| %.2e, against max |∂p/∂t| "
                            + "%.2e (%.1e relative); the colours span ±max |∂p/∂t|, so grey is zero", g.maxAbsResidual(),
                            g.maxAbsDpdt(), g.relativeResidual())));
        }
        if (o.error != null) {
            double max = Arrays.stream(o.error[2]).max().orElse(0);
            shading.setColorScale(ColorScale.auto(Colormaps.VIRIDIS).withRange(0, Math.max(max, 1e-12)).withAlpha(190));
            shading.setField(Field2D.ofGrid(o.error[0], o.error[1], o.error[2]));
            shading.setVisible(true);
            timeLabel.setText(timeLabel.getText() + String.format(Locale.ROOT, "%nError |v_θ − v_t|: up to %.3g on this view", max));
        }
        if (o.streamlines != null) {
            streamlines.setPaths(o.streamlines);
        }
    }

    /** |v_θ − v_t| on a GRID × GRID grid over the view. */
    private double[][] errorGrid(ExactFlow e, LearnedField net, double t, double x0, double x1, double y0, double y1) {
        double[] gx = axis(x0, x1), gy = axis(y0, y1);
        int n = GRID * GRID;
        double[] px = new double[n], py = new double[n];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                px[j * GRID + i] = gx[i];
                py[j * GRID + i] = gy[j];
            }
        }
        double[] ex = new double[n], ey = new double[n], lx = new double[n], ly = new double[n];
        e.field().velocity(t, px, py, ex, ey, null, 1);
        net.velocity(t, px, py, lx, ly, null, 1);
        double[] err = new double[n];
        for (int k = 0; k < n; k++) {
            err[k] = Math.hypot(lx[k] - ex[k], ly[k] - ey[k]);
        }
        return new double[][] {gx, gy, err};
    }

    private static double[] axis(double a, double b) {
        double[] g = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            g[i] = a + (b - a) * i / (GRID - 1);
        }
        return g;
    }

    /**
     * Streamlines of the field frozen at time t: from a 9 × 9 grid of seeds, steps of fixed length
     * (a 60th of the view) along v_t / |v_t|, forwards, until they leave the view or stall.
     */
    static List<PathLayer.Path> streamlines(VelocityField f, double t, double x0, double x1, double y0, double y1) {
        int seeds = 9, maxSteps = 40;
        double h = Math.max(x1 - x0, y1 - y0) / 60;
        List<PathLayer.Path> out = new ArrayList<>();
        for (int a = 0; a < seeds; a++) {
            for (int b = 0; b < seeds; b++) {
                double x = x0 + (x1 - x0) * (a + 0.5) / seeds, y = y0 + (y1 - y0) * (b + 0.5) / seeds;
                double[] xs = new double[maxSteps + 1], ys = new double[maxSteps + 1];
                xs[0] = x;
                ys[0] = y;
                int k = 0;
                while (k < maxSteps) {
                    double[] v = f.velocity(t, x, y);
                    double speed = Math.hypot(v[0], v[1]);
                    if (!(speed > 1e-9)) {
                        break;
                    }
                    x += h * v[0] / speed;
                    y += h * v[1] / speed;
                    if (x < x0 || x > x1 || y < y0 || y > y1) {
                        break;
                    }
                    k++;
                    xs[k] = x;
                    ys[k] = y;
                }
                if (k >= 2) {
                    out.add(PathLayer.Path.trajectory(Arrays.copyOf(xs, k + 1), Arrays.copyOf(ys, k + 1), 0x99555555, 1));
                }
            }
        }
        return out;
    }

    // ---- conditional paths (Q9 a-c) -----------------------------------------------------------

    /** A few pairs (x₀ from N(0, I), x₁ from the data by weight), drawn once from the seed. */
    private void drawConditionalPairs() {
        Rng rng = new Rng((Long) form.value("seed") + 1_000_003L);
        int k = CONDITIONAL_PAIRS;
        condX0 = new double[k];
        condY0 = new double[k];
        condX1 = new double[k];
        condY1 = new double[k];
        double total = data.totalWeight();
        for (int i = 0; i < k; i++) {
            condX0[i] = rng.nextGaussian();
            condY0[i] = rng.nextGaussian();
            double u = rng.nextDouble() * total;
            int j = 0;
            while (j < data.size() - 1 && u >= data.weight(j)) {
                u -= data.weight(j);
                j++;
            }
            condX1[i] = data.x(j);
            condY1[i] = data.y(j);
        }
    }

    private void showConditional(double t) {
        boolean on = (Boolean) form.value("conditional");
        conditional.setVisible(on);
        conditionalDots.setVisible(on);
        if (!on) {
            return;
        }
        List<PathLayer.Path> lines = new ArrayList<>();
        double[] dx = new double[condX0.length], dy = new double[condX0.length];
        for (int i = 0; i < condX0.length; i++) {
            lines.add(PathLayer.Path.of(new double[] {condX0[i], condX1[i]}, new double[] {condY0[i], condY1[i]}, 0xCCD55E00, 1.5)
                    .withDashes(6, 4));
            // x_t = (1 − t) x₀ + t x₁
            dx[i] = (1 - t) * condX0[i] + t * condX1[i];
            dy[i] = (1 - t) * condY0[i] + t * condY1[i];
        }
        conditional.setPaths(lines);
        conditionalDots.setPoints(dx, dy, Colormaps.category(5), 6);
    }

    // ---- the 1-D view (Q9 f) ----------------------------------------------------------------------

    /** p_t(x) over (t, x) for the data's x coordinates, with trajectories of the exact 1-D flow on top. */
    private void showLine() {
        ExactFlow1D e = exact1D;
        lineDensity.setColorScale(ColorScale.auto(Colormaps.VIRIDIS));
        // the density at t close to 1 is a set of spikes; clip the time to where it can be drawn
        lineDensity.setField(Field2D.of((t, x) -> Math.max(LOG_DENSITY_FLOOR, e.logDensity(Math.min(Math.max(t, 0), T_MAX_FIELD), x))));
        Rng rng = new Rng((Long) form.value("seed"));
        double[] starts = new double[24];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = rng.nextGaussian();
        }
        Solver solver = Solver.byName((String) form.value("solver")).orElseThrow();
        int m = steps();
        lineReady = CompletableFuture.supplyAsync(() -> e.trajectories(starts, solver, m), context.pool().executor())
                .thenAcceptAsync(tr -> {
                    if (e != exact1D) {
                        return;
                    }
                    List<PathLayer.Path> list = new ArrayList<>();
                    for (double[] xs : tr) {
                        double[] ts = new double[xs.length];
                        for (int i = 0; i < ts.length; i++) {
                            ts[i] = (double) i / (ts.length - 1);
                        }
                        list.add(PathLayer.Path.trajectory(ts, xs, 0xDDFFFFFF, 1.3));
                    }
                    lineTrajectories.setPaths(list);
                }, context.uiExecutor()).exceptionally(err -> {
                    context.uiExecutor().execute(() -> message.set("Could not draw the 1-D trajectories: " + err.getMessage()));
                    return null;
                });
        double lo = Arrays.stream(e.points()).min().orElse(0), hi = Arrays.stream(e.points()).max().orElse(0);
        double pad = Math.max(3.2, (hi - lo) / 2 + 1);
        double mid = (lo + hi) / 2;
        linePlot.setHome(0, 1, Math.min(-3.2, mid - pad), Math.max(3.2, mid + pad));
    }

    private void showLineCursor(double t) {
        org.genlab.ui.plot.Viewport v = linePlot.getViewport();
        lineCursor.setPaths(List.of(PathLayer.Path.of(new double[] {t, t}, new double[] {v.ymin() - 100, v.ymax() + 100},
                0xFFFFFFFF, 2).withDashes(6, 4)));
        if (isLineView() && t <= T_MAX_FIELD) {
            ContinuityGrid g = Continuity.residual(exact1D, t, v.ymin(), v.ymax(), 201);
            timeLabel.setText(timeLabel.getText() + String.format(Locale.ROOT,
                    "%n1-D continuity residual at t: largest |value| %.2e, against max |∂p/∂t| %.2e", g.maxAbsResidual(),
                    g.maxAbsDpdt()));
        }
    }

    // ---- training (Q9 g) -------------------------------------------------------------------------

    private FlowTrainSettings settings() {
        return new FlowTrainSettings((int) (long) (Long) form.value("hidden"), (int) (long) (Long) form.value("layers"),
                Activation.SILU, (int) (long) (Long) form.value("batch"), (int) (long) (Long) form.value("train-steps"),
                (Double) form.value("lr"), (Long) form.value("seed"));
    }

    private void toggleTraining() {
        if (training != null && !training.isDone()) {
            training.cancel();
            return;
        }
        FlowTrainSettings s = settings();
        if (trainer == null || !trainer.settings().equals(s) || trainer.remaining() == 0 || trainer.failed()) {
            trainer = newTrainer(s);
        }
        trainingDone = new CompletableFuture<>();
        FlowTrainer tr = trainer;
        trainButton.setText("Stop");
        Executor ui = context.uiExecutor();
        training = ComputeJob.<FlowTrainer>builder("Training v_θ", progress -> {
                    int total = tr.settings().steps();
                    long lastPost = 0;
                    double sum = 0;
                    int count = 0, block = 50;
                    while (tr.remaining() > 0 && !progress.isCancelled() && !tr.failed()) {
                        double[] losses = tr.step(Math.min(block, tr.remaining()));
                        for (double l : losses) {
                            sum += l;
                        }
                        count += losses.length;
                        long now = System.nanoTime();
                        if (count > 0 && (now - lastPost > 250_000_000L || tr.remaining() == 0)) {
                            lastPost = now;
                            double mean = sum / count;
                            int done = tr.stepsDone();
                            double sps = tr.stepsPerSecond();
                            sum = 0;
                            count = 0;
                            ui.execute(() -> showTrainingProgress(done, mean, sps));
                            progress.report((double) done / total, "step " + done + " of " + total);
                        }
                    }
                    return tr;
                })
                .tracker(context.jobs())
                .onSuccess(this::trainingStopped)
                .onFailure(e -> {
                    trainButton.setText("Train");
                    message.set("Training failed: " + e.getMessage());
                    trainingDone.complete(null);
                })
                .onCancelled(() -> trainingStopped(tr))
                .start(context.pool().executor(), ui);
        message.set("Training v_θ on " + dataLabel + "...");
    }

    /**
     * A trainer for Train: one that goes on from a network restored from a state file, if its
     * shape fits the settings and its steps are short of the plan; else a fresh one from the
     * seed (the loss curve then starts again).
     */
    private FlowTrainer newTrainer(FlowTrainSettings s) {
        int parallel = Math.max(1, context.pool().size() - 1);
        if (restoredSteps > 0 && learned != null && restoredSteps < s.steps()
                && learned.network().shape().equals(LearnedField.shape(s.hidden(), s.layers(), s.activation()))) {
            int steps = restoredSteps;
            restoredSteps = 0;
            return new FlowTrainer(data, s, learned.network(), steps, context.pool().executor(), parallel);
        }
        restoredSteps = 0;
        lossSeries.clear();
        return new FlowTrainer(data, s, context.pool().executor(), parallel);
    }

    /**
     * Presses Train and completes once the run has stopped and its network is in use, with the
     * particles restarted when the field is learned (wait on {@link #whenSettled} for them).
     * For tests.
     */
    CompletableFuture<Void> train() {
        toggleTraining();
        return trainingDone;
    }

    private void showTrainingProgress(int step, double loss, double stepsPerSecond) {
        lossSeries.add(step, loss);
        trainLabel.setText(String.format(Locale.ROOT, "step %d: loss %.4f   (%.0f steps/s)", step, loss, stepsPerSecond));
    }

    private void trainingStopped(FlowTrainer tr) {
        trainButton.setText("Train");
        CompletableFuture<Void> done = trainingDone;
        try {
            stopped(tr);
        } finally {
            done.complete(null);
        }
    }

    private void stopped(FlowTrainer tr) {
        if (tr != trainer) {
            return; // the data changed meanwhile; this network belongs to the old data
        }
        if (tr.stepsDone() == 0 || !Double.isFinite(tr.lastLoss())) {
            message.set(tr.failed() ? "Training stopped at once: " + tr.failure() : "Training stopped before its first step.");
            return;
        }
        learned = tr.field();
        trained = new Trained(tr.stepsDone(), tr.remaining() == 0, tr.lastLoss(), tr.stepsPerSecond());
        String how = tr.failed() ? "Training stopped: " + tr.failure() + ". The last good network is kept"
                : tr.remaining() == 0 ? "Training finished" : "Training paused (press Train to go on)";
        trainLabel.setText(trained.text());
        message.set(how + ". Choose Field: learned to sample with v_θ, or Shading: error to compare it with the exact field.");
        if (form.value("field").equals("learned")) {
            startRun();
        }
        showT();
    }

    // ---- playing -----------------------------------------------------------------------------------

    private void togglePlay() {
        if (player != null) {
            stopPlay();
            return;
        }
        if (t() >= 1) {
            setT(0);
        }
        playButton.setText("Pause");
        // A coarser shading while playing: a quarter of the density evaluations, so the pool keeps up
        // with the frames and leaves the window a core to paint with.
        shading.setPixelStep(4);
        player = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                // about four seconds from noise to data
                if (now - last < 50_000_000L) {
                    return;
                }
                last = now;
                if (t() >= 1) {
                    stopPlay();
                    return;
                }
                setT(Math.min(1, t() + 0.0125));
            }
        };
        player.start();
    }

    private void stopPlay() {
        if (player != null) {
            player.stop();
            player = null;
            shading.setPixelStep(2);
        }
        playButton.setText("Play");
    }

    // ---- building ------------------------------------------------------------------------------------

    private void buildPlots() {
        plot.setEqualAspect(true);
        plot.setAxisLabels("x₁", "x₂");
        plot.setFocusTraversable(true);
        shading.setColorScale(ColorScale.auto(Colormaps.VIRIDIS).withAlpha(170));
        paths.setRasterized(context.pool());
        streamlines.setRasterized(context.pool());
        arrows.setSpacing(40);
        arrows.setColormap(Colormaps.CIVIDIS);
        particles.setLegendEntries(List.of(LegendEntry.point("particles x_t", PARTICLE_COLOUR)));
        dataLayer.setOutline(0xFFFFFFFF);
        dataLayer.setLegendEntries(List.of(LegendEntry.point("data x₁", DATA_COLOUR)));
        conditional.setLegendEntries(List.of(LegendEntry.line("conditional path x₀ → x₁", 0xFFD55E00)));
        conditionalDots.setOutline(0xFFFFFFFF);
        paths.setLegendEntries(List.of(LegendEntry.line("marginal trajectory", 0xFF009E73)));
        plot.getLayers().addAll(shading, streamlines, arrows, paths, dataLayer, particles, conditional, conditionalDots);
        plot.setComposited(context.pool().executor());
        plot.viewportProperty().addListener((o, a, b) -> {
            String shade = (String) form.value("shade");
            if (shade.equals("residual") || shade.equals("dpdt") || shade.equals("error") || (Boolean) form.value("streamlines")) {
                showShading(t(), t() <= T_MAX_FIELD); // the grids cover the view
            }
        });

        linePlot.setAxisLabels("t", "x");
        lineDensity.setLegendEntries(List.of());
        lineTrajectories.setLegendEntries(List.of(LegendEntry.line("trajectories x_t", 0xFF888888)));
        linePlot.getLayers().addAll(lineDensity, lineTrajectories, lineCursor);
        linePlot.setLegendVisible(true);
        linePlot.setComposited(context.pool().executor());
    }

    private void fitView() {
        Dataset2D.Bounds b = data.bounds();
        double cx = (b.minX() + b.maxX()) / 2, cy = (b.minY() + b.maxY()) / 2;
        // N(0, I) reaches about ±3
        double h = Math.max(3.2, Math.max(b.width(), b.height()) / 2 * 1.3);
        double lo = Math.min(-h, cx - h), hi = Math.max(h, cx + h);
        double lo2 = Math.min(-h, cy - h), hi2 = Math.max(h, cy + h);
        plot.setHome(lo, hi, lo2, hi2);
        plot.resetView();
    }

    private void onParam(String name) {
        switch (name) {
            case "t", "arrows", "shade", "streamlines", "conditional" -> showT();
            case "paths" -> paths.setVisible((Boolean) form.value("paths"));
            case "view" -> {
                figure.setCenter(isLineView() ? linePlot : plot);
                showT();
            }
            case "data" -> {
                loadPreset();
                rebuild("New data: " + dataLabel);
            }
            case "hidden", "layers", "lr", "batch", "train-steps" ->
                    message.set("Press Train to train a network with these settings.");
            case "field" -> {
                if (form.value("field").equals("learned") && learned == null) {
                    message.set("No trained network yet: press Train first. The exact field stays.");
                    form.setValue("field", "exact");
                    return;
                }
                startRun();
                showLine();
                showT();
            }
            case "seed" -> {
                drawConditionalPairs();
                startRun();
                showLine();
                showT();
            }
            default -> { // solver, steps, n
                startRun();
                showLine();
            }
        }
    }

    private void buildControls() {
        controls.getStyleClass().add("controls");
        tSlider.setTooltip(new Tooltip("The time t: 0 is the noise N(0, I), 1 is the data"));
        tSlider.setId("flow-t");
        tSlider.valueProperty().addListener((o, a, b) -> {
            if (!syncing) {
                setT(b.doubleValue());
            }
        });
        Button back = Controls.button("t = 0", "Back to the noise (Home)", () -> setT(0));
        timeLabel.getStyleClass().add("stat-value");
        timeLabel.setWrapText(true);
        Button useData = Controls.button("Use the data pane's data",
                "Flow onto the data set made in the data pane", () -> useData(context.sharedData().get()));
        controls.getChildren().addAll(
                Controls.heading("FLOW"), Controls.flow(playButton, back), tSlider, timeLabel, sampleLabel,
                Controls.heading("MODEL AND VIEW"), form.node(),
                Controls.heading("TRAINING (QUESTION 9 G)"), trainButton, trainLabel, lossChart,
                Controls.heading("DATA"), useData);
        VBox.setVgrow(lossChart, Priority.NEVER);
    }
}
