package org.genlab.ui.em;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
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
import org.genlab.compute.SimulationRunner;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.em.ComponentSums;
import org.genlab.core.em.CovarianceType;
import org.genlab.core.em.Em;
import org.genlab.core.em.EmEvent;
import org.genlab.core.em.EmInit;
import org.genlab.core.em.EmSettings;
import org.genlab.core.em.EmState;
import org.genlab.core.em.Mixture;
import org.genlab.core.em.Responsibilities;
import org.genlab.core.math.Rng;
import org.genlab.core.param.Param;
import org.genlab.core.param.ParamSet;
import org.genlab.lesson.MathRenderer;
import org.genlab.ui.lesson.LessonTextView;
import org.genlab.ui.plot.ColorScale;
import org.genlab.ui.plot.Colormaps;
import org.genlab.ui.plot.EllipseLayer;
import org.genlab.ui.plot.Field2D;
import org.genlab.ui.plot.HeatmapLayer;
import org.genlab.ui.plot.LegendEntry;
import org.genlab.ui.plot.LineChart;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.ScatterLayer;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;

/**
 * The EM pane: a mixture of 2-D Gaussians fitted by EM, one half-step at a time. The E-step
 * recolours the points by their responsibilities Q(z|x); the M-step moves each component to the
 * Q-weighted mean, variance and weight of the points (homework question 6). Every half-step is
 * kept, so the run can be stepped back and scrubbed, and the log-likelihood and the ELBO are
 * charted over the half-steps: equal after each E-step, the ELBO below after each M-step.
 */
public final class EmTopic implements Topic {
    /** The pane's declared parameters. */
    public static final ParamSet PARAMS = ParamSet.of(
            new Param.Int("k", "Components", "K, the number of Gaussians in the mixture", 1, 8, 2L),
            new Param.Choice("covariance", "Covariance", "Spherical is the homework's σ_z² I; diagonal and full allow ellipses",
                    List.of("spherical", "diagonal", "full"), "spherical"),
            new Param.Choice("init", "Start", "How the mixture starts: the homework's Q4 and Q5 options 1-4, or k-means++",
                    List.of("q4", "q5-1", "q5-2", "q5-3", "q5-4", "kmeans++", "manual"), "q4"),
            new Param.Int("seed", "Seed", "Seed for the random starts (q5-3, q5-4, k-means++)", 0, Integer.MAX_VALUE, 0L),
            new Param.Real("floor", "Variance floor", "The smallest variance a component may have; 0 turns the floor off",
                    0, 0.1, EmSettings.DEFAULT_VARIANCE_FLOOR),
            new Param.Int("iterations", "Run to", "Full iterations to run at once when the settings are applied (a lesson step, the command line)",
                    0, 1000, 0L),
            new Param.Flag("heatmap", "Density", "Shade the plane by the mixture's log-density log p(x | θ)", false),
            new Param.Flag("responsibilities", "Colour by Q", "Colour each point by its responsibilities Q(z|x)", true));

    /** Play stops by itself once EM has converged. */
    private static final java.util.function.Predicate<Frame> PLAY_UNTIL = f -> f.state().converged();

    /** Tolerance for the convergence event (log-likelihood per unit weight per iteration). */
    static final double TOLERANCE = 1e-8;
    private static final int GREY = 0xFF8C8C8C;

    /** What the runner keeps per half-step: the EM state and the colour of each point. */
    record Frame(EmState state, int[] colours) {
    }

    private final TopicContext context;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final PlotCanvas plot = new PlotCanvas();
    private final ScatterLayer points;
    private final EllipseLayer ellipses = new EllipseLayer();
    private final HeatmapLayer heatmap;
    private final LineChart chart = new LineChart();
    private final LineChart.Series llSeries = chart.addSeries("log-likelihood ℓ(θ)", Colormaps.category(4));
    private final LineChart.Series elboSeries = chart.addSeries("ELBO(Q; θ)", Colormaps.category(0));
    private final ParamForm form;
    private final BorderPane view = new BorderPane();
    private final VBox figure;
    private final VBox controls = new VBox();
    private final Slider timeline = new Slider(0, 0, 0);
    /** An animation's seek waits for this half-step to be shown (FX thread). */
    private int seekTarget = -1;
    private CompletableFuture<Void> seekShown;
    private final Label timelineLabel = new Label();
    private final Label stateLabel = new Label();
    private final Label pointLabel = new Label();
    /** Which data the pane fits: its own two blobs until it is given other data. */
    private final Label dataInfo = Controls.wrapped("", "hint");
    private final VBox eventsBox = new VBox(4);
    private final LessonTextView mStepView;
    private final TangencyView tangency;
    private final Button playButton;
    private final Button eButton;
    private final Button mButton;

    private Dataset2D data;
    /** The coordinates of the data being fitted, copied once per run rather than per half-step. */
    private double[] xs = new double[0], ys = new double[0];
    private String dataLabel;
    private Em em;
    private SimulationRunner<Frame> runner;
    private SimulationRunner.Snapshot<Frame> shown;
    private boolean iterationPending;
    private boolean updatingTimeline;
    private int selectedPoint = -1;
    private List<EmEvent> shownEvents;
    private long lastChartUpdate;
    private static final long CHART_INTERVAL_NANOS = 500_000_000L;
    /** The start made by hand (dragged means and handles, typed weights); used by init = manual. */
    private Mixture manualStart;
    /** A drag of a mean or a standard-deviation handle: which component, and what is moving. */
    private int dragComponent = -1;
    private boolean dragHandle;
    private Mixture dragBase;
    private final ScatterLayer handles;
    private final javafx.scene.control.TextField weightsField = new javafx.scene.control.TextField();
    private final Label manualError = Controls.wrapped("", "error-text");
    /** Completes when the run has reached the iteration the settings asked for (or a restored state's half-step). */
    private CompletableFuture<Void> reached = CompletableFuture.completedFuture(null);
    private int target;
    /**
     * The number of half-steps the run must reach exactly, convergence or not (a restored
     * state, whose user may have stepped past convergence), or -1 to follow "Run to".
     */
    private int exactGoal = -1;
    /** The half-step to show once the run has reached its goal (a restored state scrubbed back), or -1. */
    private int seekAfterRun = -1;
    /** Whether the data came from outside (the data pane, a file): a state file must then hold it. */
    private boolean customData;
    /** The mixture the current run started from (typed to its covariance), for a state file. */
    private Mixture runStart;

    public EmTopic(TopicContext context) {
        this.context = context;
        this.points = new ScatterLayer(context.pool());
        this.heatmap = new HeatmapLayer(context.pool());
        this.handles = new ScatterLayer(context.pool());
        this.mStepView = new LessonTextView(new MathRenderer());
        this.tangency = new TangencyView(context.pool().executor(), context.uiExecutor());
        this.form = new ParamForm(PARAMS, (name, value) -> onParam(name));
        Preset blobs = Preset.TWO_BLOBS;
        this.data = blobs.generate(blobs.defaultN(), blobs.defaultNoise(), 0);
        this.dataLabel = "its own two blobs (200 points, seed 0)";
        this.playButton = Controls.toggle("Play", "Pause", "Run EM half-step after half-step (Space)", this::togglePlay);
        this.eButton = Controls.button("E-step", "Recompute the responsibilities Q(z|x) for the current θ", this::eStep);
        this.mButton = Controls.button("M-step", "Refit each component to its Q-weighted points (Q6)", this::mStep);
        buildPlot();
        chart.setLabels(null, "half-step", null);
        chart.setPrefHeight(190);
        chart.setMinHeight(150);
        chart.cursorXProperty().addListener((o, a, b) -> {
            if (!updatingTimeline && runner != null && !Double.isNaN(b.doubleValue())) {
                runner.seek((int) Math.round(b.doubleValue()));
            }
        });
        figure = new VBox(plot, chart);
        VBox.setVgrow(plot, Priority.ALWAYS);
        figure.getStyleClass().add("figure-area");
        view.setCenter(figure);
        buildControls();
        restart("EM starts from " + form.value("init"));
    }

    // ---- the contract ----------------------------------------------------------------------

    @Override
    public String id() {
        return "em";
    }

    @Override
    public String title() {
        return "EM";
    }

    @Override
    public String description() {
        return "Expectation-maximisation fits a mixture of K Gaussians, p(x) = Σ_z p_z N(x; μ_z, Σ_z), "
                + "one half-step at a time (homework questions 4 to 7).\n\n"
                + "The E-step gives each point its responsibilities Q(z|x), the posterior of each component: "
                + "the points take the blend of their components' colours. The M-step moves each component "
                + "to the Q-weighted mean and variance of the points, and sets its weight to its share of Q. "
                + "Each component is drawn as its one-standard-deviation ellipse (the second one dashed).\n\n"
                + "The chart shows the log-likelihood ℓ(θ) and the ELBO: they meet after every E-step, and the "
                + "ELBO lies below after an M-step. Drag the timeline, or click the chart, to go back. "
                + "Click a point to see its responsibilities.";
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
        applyFlags();
        if (values.keySet().stream().anyMatch(k -> !k.equals("heatmap") && !k.equals("responsibilities"))) {
            restart("Settings applied");
        }
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
            message.set("The data set is empty: EM needs at least one point. The EM pane keeps its data.");
            return true;
        }
        data = d;
        customData = true;
        dataLabel = d.size() + " points";
        restart("New data (" + d.size() + " points): the run starts again");
        return true;
    }

    // ---- state files -------------------------------------------------------------------------

    /** The most points of custom data a state file may hold (as the flow pane). */
    static final int MAX_STATE_POINTS = 1_000_000;
    /**
     * The most half-steps a state may ask to recompute: twice the runner's history, far past
     * where play stops by itself (convergence); a hostile file cannot ask for an endless run.
     */
    static final int MAX_STATE_HALF_STEPS = 2 * SimulationRunner.DEFAULT_HISTORY_CAPACITY;
    /** The most point-half-steps (points × half-steps) a restore recomputes: a few minutes of work at worst. */
    static final long MAX_STATE_WORK = 5_000_000_000L;
    private static final List<String> COVARIANCE_IDS = List.of("spherical", "diagonal", "full");

    /**
     * Beyond the parameters: the data set when it is not the pane's own blobs ({@code data},
     * inline), the run's length and the half-step shown ({@code run}: {@code half-steps} and
     * {@code at}; scrubbing back keeps the later half-steps, so both are needed for the same
     * timeline and curves), the start the run began from when it was made by hand
     * ({@code start}: the seeded starts are recomputed from {@code init} and {@code seed}), the
     * hand-made start kept for later restarts when it is not that one ({@code manual-start}:
     * dragged under another covariance type, or put aside for another start) and the clicked
     * point ({@code selected}). The mixtures of the run are not saved: EM is deterministic, so
     * the same start and the same number of half-steps give the same numbers bit for bit. A
     * state taken while playing holds the half-step shown then; the restored pane is paused there.
     */
    @Override
    public void saveState(org.genlab.core.state.StateWriter extras) {
        if (customData) {
            extras.points("data", data);
        }
        SimulationRunner.Snapshot<Frame> s = shown;
        if (s != null) {
            extras.object("run").put("half-steps", (long) s.lastIndex()).put("at", (long) s.index());
        }
        boolean manual = "manual".equals(form.value("init"));
        if (manual && runStart != null) {
            writeMixture(extras.object("start"), runStart);
        }
        if (manualStart != null && (!manual || !manualStart.equals(runStart))) {
            writeMixture(extras.object("manual-start"), manualStart);
        }
        if (selectedPoint >= 0 && selectedPoint < data.size()) {
            extras.put("selected", (long) selectedPoint);
        }
    }

    /**
     * Restores what {@link #saveState} wrote, after the state's parameters were applied. Checks
     * everything first: the data set, the run's length (at most {@link #MAX_STATE_HALF_STEPS},
     * and not more work than {@link #MAX_STATE_WORK}) and the half-step shown within what the
     * history keeps, a start (of K components and the covariance type of the parameters) only
     * with {@code params.init = manual}, the clicked point within the data, and that the seeded
     * start can be made on the data. A state without a start (one written by hand) starts as
     * {@link #apply} would: from the shown mixture for manual, not at all for Q4 with K other
     * than 2 (the pane keeps its run and says why, as on screen). Then runs
     * EM from that start to exactly that many half-steps, off the FX thread, and shows the
     * half-step asked for; {@link #whenSettled} completes once it is drawn.
     */
    @Override
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only("data", "run", "start", "manual-start", "selected");
        Dataset2D d = data;
        boolean custom = false;
        if (extras.has("data")) {
            d = extras.points("data", MAX_STATE_POINTS);
            if (d.isEmpty()) {
                throw new org.genlab.core.state.StateException(extras.path() + ".data", "the data set is empty: EM needs at least one point");
            }
            custom = true;
        }
        EmSettings settings = settings();
        String initName = (String) form.value("init");
        int k = (int) (long) (Long) form.value("k");
        int halfSteps = -1, at = -1;
        if (extras.has("run")) {
            org.genlab.core.state.StateReader r = extras.object("run");
            r.only("half-steps", "at");
            halfSteps = (int) r.integer("half-steps", 0, MAX_STATE_HALF_STEPS);
            if ((long) halfSteps * d.size() > MAX_STATE_WORK) {
                throw new org.genlab.core.state.StateException(r.path() + ".half-steps", halfSteps + " half-steps on " + d.size()
                        + " points is more than a restore recomputes (" + MAX_STATE_WORK + " point-half-steps)");
            }
            // the runner keeps the newest DEFAULT_HISTORY_CAPACITY half-steps: older ones cannot be shown
            at = (int) r.integer("at", Math.max(0, halfSteps - SimulationRunner.DEFAULT_HISTORY_CAPACITY + 1), halfSteps);
        }
        Mixture start = null;
        if (extras.has("start")) {
            if (!initName.equals("manual")) {
                throw new org.genlab.core.state.StateException(extras.path() + ".start",
                        "a start is given, but params.init is " + initName + ", not manual");
            }
            start = readMixture(extras.object("start"), settings.covarianceType(), k);
        }
        Mixture kept = extras.has("manual-start") ? readMixture(extras.object("manual-start"), null, -1) : null;
        int selected = extras.has("selected") ? (int) extras.integer("selected", 0, d.size() - 1) : -1;
        // The Q4 start with K other than 2 starts no run (the pane says why and keeps the one it
        // has, as apply did), and a manual start not given is made as apply made it: a state
        // written by hand (a lesson's) holds only what it wants to change.
        boolean madeByApply = start == null && (initName.equals("manual") || initName.equals("q4") && k != 2);
        Mixture init = start;
        if (init == null && !madeByApply) {
            try {
                init = EmInit.byName(initName).orElseThrow().create(d, k, settings, new Rng((Long) form.value("seed")));
            } catch (IllegalArgumentException e) {
                throw new org.genlab.core.state.StateException("params.init", "EM cannot start from " + initName + " here: " + e.getMessage());
            }
        }
        // everything fits: now change the pane
        if (custom) {
            data = d;
            customData = true;
            dataLabel = d.size() + " points";
        }
        manualStart = kept != null ? kept : start;
        selectedPoint = selected;
        restart("State restored", init, halfSteps, at);
    }

    private static void writeMixture(org.genlab.core.state.StateWriter w, Mixture m) {
        int k = m.k();
        double[] mx = new double[k], my = new double[k], a = new double[k], b = new double[k], c = new double[k];
        for (int z = 0; z < k; z++) {
            mx[z] = m.meanX(z);
            my[z] = m.meanY(z);
            a[z] = m.covXX(z);
            b[z] = m.covXY(z);
            c[z] = m.covYY(z);
        }
        w.put("type", m.type().id()).put("weights", m.weights()).put("mean-x", mx).put("mean-y", my)
                .put("cov-xx", a).put("cov-xy", b).put("cov-yy", c);
    }

    /**
     * A mixture written by {@link #writeMixture}: one to eight components, each field of K
     * numbers, weights summing to 1, covariances positive definite and of the type given;
     * {@code wantType} and {@code wantK}, when given, are what the parameters ask for.
     */
    private static Mixture readMixture(org.genlab.core.state.StateReader m, CovarianceType wantType, int wantK)
            throws org.genlab.core.state.StateException {
        m.only("type", "weights", "mean-x", "mean-y", "cov-xx", "cov-xy", "cov-yy");
        CovarianceType type = CovarianceType.byName(m.choice("type", COVARIANCE_IDS)).orElseThrow();
        if (wantType != null && type != wantType) {
            throw new org.genlab.core.state.StateException(m.path() + ".type", type.id() + ", but params.covariance is " + wantType.id());
        }
        int maxK = (int) ((Param.Int) PARAMS.get("k").orElseThrow()).max();
        double[] w = m.reals("weights", maxK, 0, 1);
        if (w.length == 0) {
            throw new org.genlab.core.state.StateException(m.path() + ".weights", "a mixture needs at least one component");
        }
        if (wantK > 0 && w.length != wantK) {
            throw new org.genlab.core.state.StateException(m.path() + ".weights", w.length + " components, but params.k is " + wantK);
        }
        double big = 1e12;
        double[][] f = new double[5][];
        String[] names = {"mean-x", "mean-y", "cov-xx", "cov-xy", "cov-yy"};
        for (int i = 0; i < names.length; i++) {
            f[i] = m.reals(names[i], maxK, i < 2 ? -big : i == 3 ? -1e24 : 0, i < 2 ? big : 1e24);
            if (f[i].length != w.length) {
                throw new org.genlab.core.state.StateException(m.path() + "." + names[i], f[i].length + " values, but weights has " + w.length);
            }
        }
        double[][] means = new double[w.length][];
        double[][][] cov = new double[w.length][][];
        for (int z = 0; z < w.length; z++) {
            means[z] = new double[] {f[0][z], f[1][z]};
            cov[z] = new double[][] {{f[2][z], f[3][z]}, {f[3][z], f[4][z]}};
        }
        try {
            return Mixture.of(type, w, means, cov);
        } catch (IllegalArgumentException e) {
            throw new org.genlab.core.state.StateException(m.path(), "not a mixture: " + e.getMessage());
        }
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        switch (s) {
            case PLAY_PAUSE -> togglePlay();
            case STEP -> runner.step();
            case STEP_BACK -> runner.stepBack();
            case RESET -> runner.reset();
            case RESET_VIEW -> plot.resetView();
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Question 4's predict-then-reveal: from the Q4 start on the pane's data, the true mixture
     * after one EM iteration and three plausible wrong ones (means not weighted by the
     * responsibilities, variances not updated, the components' roles swapped), as four small
     * figures in an order drawn from the seed. Revealing the answer plays the real step.
     */
    @Override
    public java.util.Optional<org.genlab.ui.topic.GeneratedQuiz> generateQuiz() {
        if (data.size() < 2) {
            return java.util.Optional.empty();
        }
        EmSettings settings = new EmSettings(CovarianceType.SPHERICAL, (Double) form.value("floor"), TOLERANCE);
        Em model = new Em(data, settings);
        Mixture start = EmInit.Q4.create(data, 2, settings, new Rng(0));
        Mixture truth = model.step(model.step(model.start(start))).mixture();
        double[] mean = data.mean();
        double[] w = truth.weights();
        double[][] mu = truth.means();
        double[] var = {truth.variance(0), truth.variance(1)};
        List<Mixture> candidates = List.of(
                truth,
                Mixture.spherical(w, new double[][] {mean.clone(), mean.clone()}, var),
                Mixture.spherical(w, mu, new double[] {start.variance(0), start.variance(1)}),
                Mixture.spherical(new double[] {w[1], w[0]}, new double[][] {mu[1], mu[0]}, new double[] {var[1], var[0]}));
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
        java.util.Collections.shuffle(order, new java.util.Random(new Rng((Long) form.value("seed")).nextLong()));
        List<Node> figures = new ArrayList<>();
        for (int c : order) {
            figures.add(thumbnail(candidates.get(c), start));
        }
        return java.util.Optional.of(new org.genlab.ui.topic.GeneratedQuiz(figures, order.indexOf(0), this::playQ4Step));
    }

    /** After the reveal: back to the Q4 start, then one full iteration, stepped so it can be watched. */
    private void playQ4Step() {
        form.setValue("k", 2L);
        form.setValue("init", "q4");
        form.setValue("covariance", "spherical");
        form.setValue("iterations", 0L);
        restart("The real step, from question 4's start");
        iteration();
    }

    /** A small figure of a candidate mixture over the data, the start drawn faintly. */
    private Node thumbnail(Mixture m, Mixture start) {
        PlotCanvas p = new PlotCanvas();
        p.setPrefSize(116, 104);
        p.setMinSize(116, 104);
        p.setMaxSize(116, 104);
        p.setEqualAspect(true);
        p.setAxesVisible(false);
        p.setGridVisible(false);
        p.setLegendVisible(false);
        p.setPanMode(org.genlab.ui.plot.PanMode.NONE);
        p.setZoomEnabled(false);
        ScatterLayer dots = new ScatterLayer(context.pool());
        dots.setPoints(data.xs(), data.ys(), GREY, 1.5);
        EllipseLayer circles = new EllipseLayer();
        List<EllipseLayer.Ellipse> list = new ArrayList<>();
        for (int z = 0; z < 2; z++) {
            Mixture.Ellipse s0 = start.ellipse(z);
            list.add(new EllipseLayer.Ellipse(s0.centerX(), s0.centerY(), s0.semiMajor(), s0.semiMinor(), s0.angle(),
                    0xFFCCCCCC, 1, z == 1, 0));
            Mixture.Ellipse e = m.ellipse(z);
            list.add(new EllipseLayer.Ellipse(e.centerX(), e.centerY(), e.semiMajor(), e.semiMinor(), e.angle(),
                    Colormaps.category(componentColour(z)), 2, z == 1, 0));
        }
        circles.setEllipses(list);
        circles.setCentreMarkers(true);
        p.getLayers().addAll(dots, circles);
        Dataset2D.Bounds b = data.bounds();
        double cx = (b.minX() + b.maxX()) / 2, cy = (b.minY() + b.maxY()) / 2;
        double h = Math.max(b.width(), b.height()) / 2 * 1.15;
        p.setHome(cx - h, cx + h, cy - h, cy + h);
        p.resetView();
        return p;
    }

    @Override
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /**
     * The run's half-steps, 0 (the start θ₀) to twice the largest "Run to": a half-step not
     * computed yet is run to first (from the same start, so the same numbers); past
     * convergence the last half-step stays.
     */
    @Override
    public java.util.Optional<org.genlab.ui.topic.PaneTime> time() {
        long maxIterations = ((Param.Int) PARAMS.get("iterations").orElseThrow()).max();
        return java.util.Optional.of(new org.genlab.ui.topic.PaneTime("half-step", 0, 2 * maxIterations,
                shown != null && shown.lastIndex() > 0 ? shown.lastIndex() : 20, true,
                t -> seekHalfStep((int) Math.round(t))).withNow(() -> shown == null ? Double.NaN : shown.index()));
    }

    private CompletableFuture<Void> seekHalfStep(int k) {
        if (runner == null || shown == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("EM has no run to show: " + message.get()));
        }
        CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
        boolean converged = runner.history().get(shown.lastIndex()).state().converged();
        if (k > shown.lastIndex() && !converged && !shown.playing()) {
            apply(Map.of("iterations", (long) Math.ceil(k / 2.0)));
            ready = reached;
        }
        return ready.thenComposeAsync(v -> {
            int index = Math.max(shown.firstIndex(), Math.min(k, shown.lastIndex()));
            if (shown.index() == index && !shown.playing()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            seekTarget = index;
            seekShown = new CompletableFuture<>();
            runner.seek(index);
            return seekShown;
        }, context.uiExecutor()).thenCompose(v -> whenSettled());
    }

    @Override
    public CompletableFuture<Void> whenSettled() {
        return reached.thenComposeAsync(v -> {
            chart.redrawNow();
            return plot.whenSettled();
        }, context.uiExecutor()).orTimeout(120, java.util.concurrent.TimeUnit.SECONDS)
                .thenRunAsync(plot::redrawNow, context.uiExecutor());
    }

    @Override
    public void dispose() {
        if (runner != null) {
            runner.close();
        }
    }

    /**
     * The data set, and the responsibilities Q(z | x_i) of the half-step shown (one column per
     * component) when it has them.
     */
    @Override
    public java.util.List<org.genlab.core.io.CsvTable> tables() {
        if (data == null) {
            return java.util.List.of();
        }
        java.util.List<org.genlab.core.io.CsvTable> out = new java.util.ArrayList<>();
        out.add(org.genlab.core.io.CsvTable.points("data", "the data set (" + data.size() + " points)", data.xs(), data.ys(), data.weights()));
        if (shown != null && shown.state().state().responsibilities().isPresent()) {
            Responsibilities q = shown.state().state().responsibilities().get();
            java.util.List<String> cols = new java.util.ArrayList<>(java.util.List.of("x", "y", "weight"));
            for (int z = 1; z <= q.k(); z++) {
                cols.add("Q" + z);
            }
            java.util.List<double[]> rows = new java.util.ArrayList<>(data.size());
            for (int i = 0; i < data.size(); i++) {
                double[] r = new double[3 + q.k()];
                r[0] = data.x(i);
                r[1] = data.y(i);
                r[2] = data.weight(i);
                for (int z = 0; z < q.k(); z++) {
                    r[3 + z] = q.q(i, z);
                }
                rows.add(r);
            }
            out.add(new org.genlab.core.io.CsvTable("responsibilities", "responsibilities Q(z | x) at half-step " + shown.index(), cols, rows));
        }
        return out;
    }

    /** The current half-step (for tests and lessons). */
    public EmState state() {
        return shown.state().state();
    }

    /** The tangency view (for tests). */
    TangencyView tangency() {
        return tangency;
    }

    /** The runner (for tests). */
    SimulationRunner<Frame> runner() {
        return runner;
    }

    /** Selects point i as a click on it does (for tests). */
    void select(int i) {
        selectedPoint = i;
        showPoint();
    }

    // ---- running -----------------------------------------------------------------------------

    /** The EM settings the parameters ask for. */
    private EmSettings settings() {
        CovarianceType type = CovarianceType.byName((String) form.value("covariance")).orElseThrow();
        return new EmSettings(type, (Double) form.value("floor"), TOLERANCE);
    }

    /** A new run from the current settings and data; the old run is cancelled. */
    private void restart(String why) {
        restart(why, null, -1, -1);
    }

    /**
     * A new run on the current data; the old run is cancelled.
     *
     * @param start     the start to run from, or null for the one the settings make
     * @param halfSteps run exactly this many half-steps, convergence or not (a restored state),
     *                  or -1 to run as far as "Run to" says
     * @param at        the half-step to show once there (a restored state scrubbed back), or -1
     *                  for the last
     */
    private void restart(String why, Mixture start, int halfSteps, int at) {
        EmSettings settings;
        Mixture init;
        try {
            settings = settings();
            CovarianceType type = settings.covarianceType();
            String initName = (String) form.value("init");
            int k = (int) (long) (Long) form.value("k");
            if (start == null && initName.equals("q4") && k != 2) {
                message.set("The Q4 start is for K = 2: set Components to 2, or pick another start.");
                return;
            }
            em = new Em(data, settings);
            xs = data.xs();
            ys = data.ys();
            if (start != null) {
                init = start;
            } else if (initName.equals("manual")) {
                Mixture base = manualStart != null ? manualStart : shown != null ? shown.state().state().mixture() : null;
                if (base == null || base.k() != k) {
                    base = EmInit.Q5_2.create(data, k, settings, new Rng((Long) form.value("seed")));
                }
                init = base.type() == type ? base : Mixture.of(type, base.weights(), base.means(), sphericalised(base, type));
            } else {
                init = EmInit.byName(initName).orElseThrow().create(data, k, settings, new Rng((Long) form.value("seed")));
            }
        } catch (IllegalArgumentException e) {
            message.set("Cannot start EM: " + e.getMessage());
            return;
        }
        if (runner != null) {
            runner.close();
        }
        Em model = em;
        Frame first = frame(model.start(init));
        runStart = first.state().mixture();
        runner = new SimulationRunner<>(first, f -> frame(model.step(f.state())), context.pool().executor(),
                context.uiExecutor(), this::show);
        runner.setStepDelay(Duration.ofMillis((long) speed.getValue()));
        runner.setStopCondition(PLAY_UNTIL);
        iterationPending = false;
        target = (int) (long) (Long) form.value("iterations");
        exactGoal = halfSteps;
        seekAfterRun = at;
        reached = new CompletableFuture<>();
        show(runner.snapshot());
        if (halfSteps > 0) {
            // Run straight to that half-step, past convergence if the state's user stepped on.
            runner.setStepDelay(Duration.ZERO);
            runner.setStopCondition(f -> halfStep(f.state()) >= halfSteps);
            runner.play();
        } else if (halfSteps < 0 && target > 0) {
            // Run straight to the requested iteration (off the FX thread), then stop.
            int goal = target;
            runner.setStepDelay(Duration.ZERO);
            runner.setStopCondition(f -> f.state().converged() || f.state().iteration() >= goal && f.state().phase() == EmState.Phase.M);
            runner.play();
        }
        fitView();
        message.set(why + " (" + dataLabel + ", K = " + init.k() + ", " + settings.covarianceType().id() + ").");
        dataInfo.setText("Fitting " + dataLabel + ".");
    }

    /** The absolute index of a half-step state: 0 the start, 2i + 1 the E-step of iteration i + 1, 2i its M-step. */
    static int halfStep(EmState s) {
        return switch (s.phase()) {
            case INITIAL -> 0;
            case E -> 2 * s.iteration() + 1;
            case M -> 2 * s.iteration();
        };
    }

    /** Colours each point by its responsibilities (off the FX thread, with the step). */
    private Frame frame(EmState s) {
        int n = em.data().size();
        int[] colours = new int[n];
        java.util.Optional<Responsibilities> q = s.responsibilities();
        int k = s.mixture().k();
        for (int i = 0; i < n; i++) {
            if (q.isEmpty()) {
                colours[i] = GREY;
                continue;
            }
            // colour_i = Σ_z Q(z|x_i) colour_z, channel by channel
            double r = 0, g = 0, b = 0;
            for (int z = 0; z < k; z++) {
                double w = q.get().q(i, z);
                int c = Colormaps.category(componentColour(z));
                r += w * ((c >> 16) & 0xFF);
                g += w * ((c >> 8) & 0xFF);
                b += w * (c & 0xFF);
            }
            colours[i] = 0xFF000000 | (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
        }
        return new Frame(s, colours);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Okabe-Ito index of component z: blue, orange, green, purple, ... (never red against green alone). */
    static int componentColour(int z) {
        int[] order = {4, 0, 2, 6, 1, 5, 3, 7};
        return order[z % order.length];
    }

    private void togglePlay() {
        if (shown != null && shown.playing()) {
            runner.pause();
        } else {
            runner.play();
        }
    }

    private void eStep() {
        if (state().phase() != EmState.Phase.E) {
            runner.step();
        }
    }

    private void mStep() {
        if (state().phase() == EmState.Phase.E) {
            runner.step();
        }
    }

    /** A full iteration: whatever half-step is next, then, if that was an E-step, the M-step. */
    private void iteration() {
        iterationPending = state().phase() != EmState.Phase.E;
        runner.step();
    }

    // ---- showing a half-step ------------------------------------------------------------------

    private void show(SimulationRunner.Snapshot<Frame> snap) {
        shown = snap;
        EmState s = snap.state().state();
        if (snap.hasError()) {
            message.set("EM stopped: " + snap.error());
        }
        boolean byQ = (Boolean) form.value("responsibilities");
        points.setPoints(xs, ys, byQ ? snap.state().colours() : new int[] {Colormaps.category(4)},
                new double[] {xs.length > 5000 ? 2.5 : 5});
        drawMixture(s.mixture(), !snap.playing());
        // While playing, the chart (text and two polylines, repainted whole) follows at most twice a
        // second; every half-step is still in it once play stops.
        long now = System.nanoTime();
        if (!snap.playing() || now - lastChartUpdate > CHART_INTERVAL_NANOS) {
            lastChartUpdate = now;
            updateChart(snap);
        }
        updateTimeline(snap);
        updateLabels(s);
        if (iterationPending && s.phase() == EmState.Phase.E && !snap.playing()) {
            iterationPending = false;
            runner.step();
        }
        playButton.setText(snap.playing() ? "Pause" : "Play");
        if (seekShown != null && !snap.playing() && snap.index() == seekTarget) {
            CompletableFuture<Void> done = seekShown;
            seekShown = null;
            done.complete(null);
        }
        boolean goal = exactGoal >= 0 ? snap.lastIndex() >= exactGoal : s.iteration() >= target || s.converged();
        if (!reached.isDone() && !snap.playing() && (goal || snap.hasError())) {
            runner.setStopCondition(PLAY_UNTIL);
            runner.setStepDelay(Duration.ofMillis((long) speed.getValue()));
            if (!snap.hasError() && seekAfterRun >= 0 && snap.index() != seekAfterRun) {
                runner.seek(seekAfterRun); // reached completes when that half-step is shown
            } else {
                exactGoal = -1;
                seekAfterRun = -1;
                reached.complete(null);
            }
        }
        // While playing both stay disabled: toggling them on every half-step repaints them each time.
        eButton.setDisable(snap.playing() || s.phase() == EmState.Phase.E);
        mButton.setDisable(snap.playing() || s.phase() != EmState.Phase.E);
    }

    /** Draws the mixture; {@code updateWeights} also refreshes the weights field (not while playing: it repaints). */
    private void drawMixture(Mixture m, boolean updateWeights) {
        List<EllipseLayer.Ellipse> list = new ArrayList<>();
        List<LegendEntry> legend = new ArrayList<>();
        for (int z = 0; z < m.k(); z++) {
            Mixture.Ellipse e = m.ellipse(z);
            int c = Colormaps.category(componentColour(z));
            // The homework draws the second component dashed.
            list.add(new EllipseLayer.Ellipse(e.centerX(), e.centerY(), e.semiMajor(), e.semiMinor(), e.angle(), c, 2.5,
                    z % 2 == 1, 0));
            legend.add(new LegendEntry(String.format(Locale.ROOT, "z = %d, p = %.2f", z + 1, m.weight(z)), c,
                    z % 2 == 1 ? LegendEntry.Kind.DASHED_LINE : LegendEntry.Kind.LINE));
        }
        ellipses.setEllipses(list);
        ellipses.setLegendEntries(legend);
        heatmap.setField(new MixtureField(m));
        double[] hx = new double[m.k()], hy = new double[m.k()];
        int[] hc = new int[m.k()];
        for (int z = 0; z < m.k(); z++) {
            double[] h = handle(m, z);
            hx[z] = h[0];
            hy[z] = h[1];
            hc[z] = Colormaps.category(componentColour(z));
        }
        handles.setPoints(hx, hy, hc, new double[] {6});
        if (dragComponent < 0 && updateWeights) {
            weightsField.setText(weightsText(m));
        }
    }

    /** Where component z's standard-deviation handle sits: one σ to the right of its mean (along its major axis). */
    private static double[] handle(Mixture m, int z) {
        Mixture.Ellipse e = m.ellipse(z);
        return new double[] {e.centerX() + e.semiMajor() * Math.cos(e.angle()), e.centerY() + e.semiMajor() * Math.sin(e.angle())};
    }

    private static String weightsText(Mixture m) {
        StringBuilder sb = new StringBuilder();
        for (int z = 0; z < m.k(); z++) {
            sb.append(z == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", m.weight(z)));
        }
        return sb.toString();
    }

    /** Covariances of {@code m} made to fit {@code type}: the average variance for spherical, the diagonal for diagonal. */
    private static double[][][] sphericalised(Mixture m, CovarianceType type) {
        double[][][] c = m.covariances();
        for (double[][] s : c) {
            if (type == CovarianceType.SPHERICAL) {
                double v = (s[0][0] + s[1][1]) / 2;
                s[0][0] = v;
                s[1][1] = v;
            }
            if (type != CovarianceType.FULL) {
                s[0][1] = 0;
                s[1][0] = 0;
            }
        }
        return c;
    }

    // ---- editing the start by hand ---------------------------------------------------------

    /** Hit radius for a mean or a handle: a 44-pixel target, as DESIGN asks of draggable handles. */
    static final double HANDLE_HIT = 22;

    private void onPress(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || e.isShiftDown() || shown == null) {
            return;
        }
        Mixture m = shown.state().state().mixture();
        double best = HANDLE_HIT;
        dragComponent = -1;
        for (int z = 0; z < m.k(); z++) {
            double[] h = handle(m, z);
            double dh = Math.hypot(plot.worldToScreen(h[0], h[1]).getX() - e.getX(), plot.worldToScreen(h[0], h[1]).getY() - e.getY());
            double dm = Math.hypot(plot.worldToScreen(m.meanX(z), m.meanY(z)).getX() - e.getX(),
                    plot.worldToScreen(m.meanX(z), m.meanY(z)).getY() - e.getY());
            if (dh < best) {
                best = dh;
                dragComponent = z;
                dragHandle = true;
            }
            if (dm < best) {
                best = dm;
                dragComponent = z;
                dragHandle = false;
            }
        }
        if (dragComponent >= 0) {
            runner.pause();
            dragBase = m;
            e.consume();
        }
    }

    private void onDrag(MouseEvent e) {
        if (dragComponent < 0) {
            return;
        }
        javafx.geometry.Point2D w = plot.screenToWorld(e.getX(), e.getY());
        Mixture moved = dragged(dragBase, dragComponent, dragHandle, w.getX(), w.getY());
        if (moved != null) {
            drawMixture(moved, true);
        }
        e.consume();
    }

    private void onRelease(MouseEvent e) {
        if (dragComponent < 0) {
            return;
        }
        javafx.geometry.Point2D w = plot.screenToWorld(e.getX(), e.getY());
        Mixture moved = dragged(dragBase, dragComponent, dragHandle, w.getX(), w.getY());
        String what = dragHandle ? "the spread of component " : "the mean of component ";
        int z = dragComponent;
        dragComponent = -1;
        if (moved != null) {
            startFrom(moved, "You moved " + what + (z + 1) + ": EM starts again from your mixture");
        } else {
            drawMixture(dragBase, true);
        }
        e.consume();
    }

    /** {@code base} with component z's mean at (x, y), or its spread scaled so the handle is at (x, y). */
    static Mixture dragged(Mixture base, int z, boolean handle, double x, double y) {
        if (!handle) {
            return base.withMean(z, x, y);
        }
        double[] h = handle(base, z);
        double r0 = Math.hypot(h[0] - base.meanX(z), h[1] - base.meanY(z));
        double r1 = Math.hypot(x - base.meanX(z), y - base.meanY(z));
        if (!(r0 > 0) || !(r1 > 1e-6)) {
            return null;
        }
        // Σ_z scaled by (r1 / r0)²: every standard deviation grows by r1 / r0.
        double f = (r1 / r0) * (r1 / r0);
        return base.withCovariance(z, base.covXX(z) * f, base.covXY(z) * f, base.covYY(z) * f);
    }

    /** Makes {@code m} the manual start and runs EM from it. */
    private void startFrom(Mixture m, String why) {
        manualStart = m;
        form.setValue("init", "manual");
        form.setValue("k", (long) m.k());
        form.setValue("iterations", 0L);
        restart(why);
    }

    /** Applies the typed start weights (normalised to sum to 1). */
    private void applyWeights() {
        Mixture m = shown.state().state().mixture();
        String[] parts = weightsField.getText().split(",");
        if (parts.length != m.k()) {
            manualError.setText("Weights: give " + m.k() + " numbers separated by commas, one per component.");
            return;
        }
        double[] w = new double[parts.length];
        double sum = 0;
        for (int z = 0; z < w.length; z++) {
            try {
                w[z] = Double.parseDouble(parts[z].trim());
            } catch (NumberFormatException ex) {
                manualError.setText("Weights: '" + parts[z].trim() + "' (component " + (z + 1) + ") is not a number.");
                return;
            }
            if (!(w[z] > 0) || !Double.isFinite(w[z])) {
                manualError.setText("Weights: component " + (z + 1) + " needs a weight above 0.");
                return;
            }
            sum += w[z];
        }
        for (int z = 0; z < w.length; z++) {
            w[z] /= sum;
        }
        manualError.setText("");
        startFrom(m.withWeights(w), "New start weights: EM starts again from your mixture");
    }

    private void updateChart(SimulationRunner.Snapshot<Frame> snap) {
        var history = runner.history();
        int first = history.firstIndex(), last = history.lastIndex();
        double[] hx = new double[last - first + 1], ll = new double[hx.length], elbo = new double[hx.length];
        for (int i = first; i <= last; i++) {
            EmState s = history.get(i).state();
            hx[i - first] = i;
            ll[i - first] = s.logLikelihood();
            elbo[i - first] = s.elbo().orElse(Double.NaN);
        }
        llSeries.setData(hx, ll);
        elboSeries.setData(hx, elbo);
        updatingTimeline = true;
        chart.setCursorX(snap.index());
        updatingTimeline = false;
    }

    private void updateTimeline(SimulationRunner.Snapshot<Frame> snap) {
        updatingTimeline = true;
        timeline.setMin(snap.firstIndex());
        timeline.setMax(Math.max(snap.firstIndex() + 1, snap.lastIndex()));
        timeline.setValue(snap.index());
        timeline.setDisable(snap.lastIndex() == snap.firstIndex());
        updatingTimeline = false;
        timelineLabel.setText("half-step " + snap.index() + " of " + snap.lastIndex());
    }

    private void updateLabels(EmState s) {
        String phase = switch (s.phase()) {
            case INITIAL -> "start θ₀";
            case E -> "after E-step " + (s.iteration() + 1);
            case M -> "after M-step " + s.iteration();
        };
        // Always three lines, so the controls below never move when play starts (moving them
        // repaints the whole column: 150-180 nodes, 12-24 ms a frame in the software renderer).
        String gap = s.gap().isPresent() ? String.format(Locale.ROOT, "ELBO %.4f   gap %.2e", s.elbo().getAsDouble(), s.gap().getAsDouble())
                : "ELBO and gap: after the first E-step";
        stateLabel.setText(String.format(Locale.ROOT, "%s\nℓ(θ) = %.4f\n%s", phase, s.logLikelihood(), gap));
        List<EmEvent> seen = new ArrayList<>();
        var history = runner.history();
        for (int i = history.firstIndex(); i <= shown.index(); i++) {
            seen.addAll(history.get(i).state().events());
        }
        // Rebuilt only when the list changes: new nodes cost CSS and layout on every half-step.
        if (!seen.equals(shownEvents)) {
            shownEvents = seen;
            eventsBox.getChildren().clear();
            if (seen.isEmpty()) {
                eventsBox.getChildren().add(Controls.wrapped("None so far.", "hint"));
            }
            for (EmEvent e : seen) {
                eventsBox.getChildren().add(Controls.wrapped("Iteration " + e.iteration() + ": " + e.message(), "em-event"));
            }
            if (!seen.isEmpty()) {
                message.set(seen.get(seen.size() - 1).message());
            }
        }
        // Typesetting the formulas and the tangency curves wait until play stops, so playing stays smooth.
        if (!shown.playing()) {
            mStepView.setMarkdown(s.phase() == EmState.Phase.M && !s.sums().isEmpty() ? mStepText(s) : MSTEP_HINT);
            tangency.show(em, s);
        }
        showPoint();
    }

    private static final String MSTEP_HINT = "After an M-step, the estimates of question 6 appear here with the numbers "
            + "of this run: $\\hat\\mu_z = \\sum_i Q(z|x^i)\\,x^i / \\sum_i Q(z|x^i)$, and so on.";

    /** Question 6's estimates with this M-step's numbers, for the first two components. */
    private String mStepText(EmState s) {
        StringBuilder sb = new StringBuilder();
        double n = em.data().totalWeight();
        boolean spherical = s.mixture().type() == CovarianceType.SPHERICAL;
        for (int z = 0; z < Math.min(2, s.sums().size()); z++) {
            ComponentSums c = s.sums().get(z);
            int k = z + 1;
            sb.append(String.format(Locale.ROOT, "$$\\hat\\mu_%d = \\frac{\\sum_i Q(%d|x^i)\\,x^i}{\\sum_i Q(%d|x^i)}"
                    + " = \\frac{(%s,\\ %s)}{%s}$$%n%n$$= (%s,\\ %s)$$%n%n", k, k, k, g(c.sumQx()), g(c.sumQy()), g(c.sumQ()),
                    g(c.meanX()), g(c.meanY())));
            if (spherical) {
                sb.append(String.format(Locale.ROOT, "$$\\hat\\sigma_%d^2 = \\frac{\\sum_i Q(%d|x^i)\\,\\|x^i - \\hat\\mu_%d\\|^2}"
                        + "{d\\,\\sum_i Q(%d|x^i)}$$%n%n$$= \\frac{%s}{2 \\cdot %s} = %s$$%n%n", k, k, k, k,
                        g(c.sumQSquaredDistance()), g(c.sumQ()), g(s.mixture().variance(z))));
            }
            sb.append(String.format(Locale.ROOT, "$$\\hat p_%d = \\frac{1}{n}\\sum_i Q(%d|x^i) = \\frac{%s}{%s} = %s$$%n%n",
                    k, k, g(c.sumQ()), g(n), g(s.mixture().weight(z))));
        }
        if (s.sums().size() > 2) {
            sb.append("The other components follow the same formulas.");
        }
        return sb.toString();
    }

    /** Four significant digits for the formulas. */
    private static String g(double v) {
        if (v == 0) {
            return "0";
        }
        String t = String.format(Locale.ROOT, "%.4g", v);
        return t.contains("e") ? t : t.replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private void showPoint() {
        if (selectedPoint < 0 || selectedPoint >= em.data().size()) {
            pointLabel.setText("Click a point to see its responsibilities.");
            points.setSelected();
            return;
        }
        points.setSelected(selectedPoint);
        EmState s = state();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Point %d at (%.3f, %.3f)", selectedPoint + 1,
                em.data().x(selectedPoint), em.data().y(selectedPoint)));
        java.util.Optional<Responsibilities> q = s.responsibilities();
        if (q.isEmpty()) {
            sb.append("\nNo responsibilities yet: take an E-step.");
        } else {
            for (int z = 0; z < q.get().k(); z++) {
                sb.append(String.format(Locale.ROOT, "\nQ(%d | x) = %.4f", z + 1, q.get().q(selectedPoint, z)));
            }
        }
        pointLabel.setText(sb.toString());
    }

    // ---- building ------------------------------------------------------------------------------

    private final Slider speed = new Slider(0, 800, 250);

    private void buildPlot() {
        plot.setEqualAspect(true);
        plot.setAxisLabels("x₁", "x₂");
        plot.setFocusTraversable(true);
        heatmap.setColorScale(ColorScale.auto(Colormaps.VIRIDIS).withAlpha(150));
        heatmap.setVisible(false);
        points.setOutline(0xFFFFFFFF);
        points.setSelectionColor(0xFF000000);
        ellipses.setCentreMarkers(true);
        handles.setOutline(0xFFFFFFFF);
        plot.getLayers().addAll(heatmap, points, ellipses, handles);
        plot.setComposited(context.pool().executor());
        chart.setComposited(context.pool().executor());
        plot.setPanMode(org.genlab.ui.plot.PanMode.SECONDARY);
        plot.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        plot.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        plot.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        plot.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                selectedPoint = points.nearestPoint(plot.getViewport(), e.getX(), e.getY(), 12);
                showPoint();
            }
        });
    }

    private void fitView() {
        Dataset2D.Bounds b = data.bounds();
        double cx = (b.minX() + b.maxX()) / 2, cy = (b.minY() + b.maxY()) / 2;
        double hw = Math.max(0.5, b.width() / 2) * 1.2, hh = Math.max(0.5, b.height() / 2) * 1.2;
        plot.setHome(cx - hw, cx + hw, cy - hh, cy + hh);
        plot.resetView();
    }

    private void onParam(String name) {
        if (name.equals("heatmap") || name.equals("responsibilities")) {
            applyFlags();
            if (shown != null) {
                show(shown);
            }
        } else {
            restart("New settings: the run starts again");
        }
    }

    private void applyFlags() {
        heatmap.setVisible((Boolean) form.value("heatmap"));
    }

    private void buildControls() {
        controls.getStyleClass().add("controls");
        Button iterationButton = Controls.button("Iteration", "One E-step and one M-step (Right steps one half-step)", this::iteration);
        Button back = Controls.button("◀ Back", "One half-step back (Left)", () -> runner.stepBack());
        Button reset = Controls.button("Reset", "Back to the start θ₀ (Home)", () -> runner.reset());
        Button useData = Controls.button("Use the data pane's data",
                "Fit the data set made in the data pane; the run starts again", () -> useData(context.sharedData().get()));
        speed.setTooltip(new Tooltip("Pause between half-steps while playing"));
        speed.valueProperty().addListener((o, a, b) -> {
            if (runner != null) {
                runner.setStepDelay(Duration.ofMillis(b.longValue()));
            }
        });
        timeline.setTooltip(new Tooltip("Every half-step of the run; drag to go back"));
        timeline.valueProperty().addListener((o, a, b) -> {
            if (!updatingTimeline && runner != null) {
                runner.seek((int) Math.round(b.doubleValue()));
            }
        });
        timeline.setId("em-timeline");
        weightsField.setId("em-weights");
        weightsField.setTooltip(new Tooltip("The start weights p_z, one per component; they are scaled to sum to 1"));
        weightsField.setOnAction(e -> applyWeights());
        stateLabel.getStyleClass().add("stat-value");
        stateLabel.setId("em-state");
        stateLabel.setWrapText(true);
        pointLabel.getStyleClass().add("stat-value");
        pointLabel.setWrapText(true);
        timelineLabel.getStyleClass().add("hint");
        VBox.setMargin(mStepView, new Insets(0));
        controls.getChildren().addAll(
                Controls.heading("RUN"), Controls.flow(eButton, mButton, iterationButton),
                Controls.flow(playButton, back, reset), Controls.label("Speed (pause between half-steps)", "hint"), speed,
                timeline, timelineLabel, stateLabel,
                Controls.heading("MODEL"), form.node(),
                Controls.heading("YOUR OWN START"),
                Controls.wrapped("Drag a mean (the +) or a spread handle (the dot on a circle) to start EM from your own "
                        + "mixture; type the weights and press Enter.", "hint"),
                weightsField, manualError,
                Controls.heading("DATA"), dataInfo, useData,
                Controls.heading("M-STEP (QUESTION 6)"), mStepView,
                Controls.heading("ELBO AGAINST ℓ (QUESTION 7)"), tangency,
                Controls.heading("POINT"), pointLabel,
                Controls.heading("EVENTS"), eventsBox);
    }

    /** The mixture's log-density as a heatmap field, evaluated a row at a time. */
    private static final class MixtureField implements Field2D {
        private final Mixture m;

        MixtureField(Mixture m) {
            this.m = m;
        }

        @Override
        public double value(double x, double y) {
            return m.logDensity(x, y);
        }

        @Override
        public void evaluateRow(double[] xs, double y, double[] out, int offset) {
            double[] row = new double[xs.length];
            m.logDensityRow(y, xs, row, new double[m.k()]);
            System.arraycopy(row, 0, out, offset, xs.length);
        }
    }
}
