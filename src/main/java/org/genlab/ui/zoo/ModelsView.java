package org.genlab.ui.zoo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.genlab.compute.ComputeJob;
import org.genlab.compute.ProgressSink;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.zoo.Estimator;
import org.genlab.core.zoo.FitMonitor;
import org.genlab.core.zoo.GmmModel;
import org.genlab.core.zoo.SampleTrace;
import org.genlab.core.zoo.ZooFile;
import org.genlab.core.zoo.ZooGrid;
import org.genlab.core.zoo.ZooKind;
import org.genlab.core.zoo.ZooModel;
import org.genlab.core.zoo.ZooModels;
import org.genlab.core.zoo.ZooSettings;
import org.genlab.core.zoo.ZooSplit;
import org.genlab.ui.plot.CanvasRegion;
import org.genlab.ui.plot.Curves;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.PaneView;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.TopicContext;

/**
 * The zoo's models view (question 1): one data set split 80/20, six models fitted to the 80%,
 * each on a card with its density, its samples and how it draws one; click a card to enlarge it.
 * Below, the held-out table: each model's mean log-likelihood on the 20%, labelled exact, bound
 * or estimate, with its fitting time.
 *
 * <p>All fitting and evaluation runs as one job on the pool (progress and Cancel in the status
 * bar), cheapest models first, each card filled in as soon as its model is ready. Only the models
 * whose settings changed are refitted; the expensive densities (the VAE's importance estimate, the
 * diffusion ODE) are computed on a 64x64 grid first and refined to 128x128 after every card is up.
 */
final class ModelsView extends PaneView {
    /** Cards in reading order (three per row). */
    static final List<ZooKind> ORDER = List.of(ZooKind.KDE, ZooKind.AR, ZooKind.GMM, ZooKind.FLOW, ZooKind.VAE, ZooKind.DIFFUSION);
    /** The order models are fitted in: cheapest first, so cards fill in quickly. */
    static final List<ZooKind> FIT_ORDER = List.of(ZooKind.KDE, ZooKind.GMM, ZooKind.AR, ZooKind.FLOW, ZooKind.VAE, ZooKind.DIFFUSION);
    static final int EXACT_GRID = 256, ELBO_GRID = 128, COARSE_GRID = 64, FINE_GRID = 128;
    /** Samples of the held-out importance estimate and ODE draw from this seed. */
    private static final long EVAL_SEED = 11;

    private final Map<ZooKind, ZooCard> cards = new EnumMap<>(ZooKind.class);
    private final GridPane grid = new GridPane();
    private int columns;
    private final StackPane centre = new StackPane();
    private final BorderPane focusPane = new BorderPane();
    private final Label focusText = new Label();
    private final GridPane table = new GridPane();
    private final Label tableNote = new Label();
    private final Label dataLine = new Label();
    private final Map<ZooKind, Row> rows = new EnumMap<>(ZooKind.class);
    private final Map<String, Fit> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Fit> e) {
            return size() > 14;
        }
    };
    /** What each card shows now (its key), and what it should show. */
    private final Map<ZooKind, String> shownKey = new EnumMap<>(ZooKind.class);
    /** The samples each card shows now, rows (x, y), for the CSV export. */
    private final Map<ZooKind, double[][]> shownSamples = new EnumMap<>(ZooKind.class);
    private final Set<ZooKind> stale = EnumSet.noneOf(ZooKind.class);
    /** What each card shows now, when its model was fitted (a failed fit shows none): the models a state file holds. */
    private final Map<ZooKind, Fitted> fitted = new EnumMap<>(ZooKind.class);
    private Dataset2D custom;
    private Request request;
    private ComputeJob<?> job;
    private long jobGeneration;
    private int traceIndex;
    private CompletableFuture<Void> jobDone = CompletableFuture.completedFuture(null);

    /** One held-out table row. */
    record Row(Label model, Label value, Label kind, Label is, Label seconds) {
    }

    /** Everything a fit job reads, fixed when it starts. */
    record Request(String dataKey, Dataset2D data, ZooSplit split, ZooGrid view, ZooSettings settings, String estimator, String denoiser,
            int samples, long seed) {
    }

    /** What a job produces for one card; {@code table} scores the held-out row, {@code exact} is the exact denoiser the diffusion card may show. */
    record Fitted(ZooKind kind, String key, ZooModel shown, Estimator estimator, double[] logDensity, ZooGrid grid, boolean coarse,
            double[][] samples, SampleTrace trace, double heldOut, Estimator heldOutEstimator, double heldOutIs, double seconds,
            List<double[][]> warpedGrid, String error, Fit table, Fit exact) {
    }

    /**
     * A fitted model and how long its fit took. The time is a wall-clock figure kept with the
     * model, so a card shows how long its model took to fit, also when the model comes from the
     * cache or from a state file, not how long a cache lookup took. The model's bytes in
     * {@link ZooFile}'s format are made once, on the first state saved (or are those a state
     * gave), so saving again is cheap and a restored zoo saves what it was given.
     */
    static final class Fit {
        private final ZooModel model;
        private final double seconds;
        private byte[] bytes;

        Fit(ZooModel model, double seconds, byte[] bytes) {
            this.model = model;
            this.seconds = seconds;
            this.bytes = bytes;
        }

        ZooModel model() {
            return model;
        }

        double seconds() {
            return seconds;
        }

        /** The model as a {@link ZooFile} (FX thread). */
        byte[] bytes() {
            if (bytes == null) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try {
                    ZooFile.write(model, out);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e); // a byte array does not fail
                }
                bytes = out.toByteArray();
            }
            return bytes;
        }
    }

    ModelsView(TopicContext context, ParamForm form, Consumer<String> message) {
        super("models", context, form, message);
        List<CanvasRegion> canvases = new ArrayList<>();
        for (int i = 0; i < ORDER.size(); i++) {
            ZooKind k = ORDER.get(i);
            ZooCard card = new ZooCard(k, context.pool(), () -> toggleFocus(k));
            cards.put(k, card);
            canvases.add(card.plot);
        }
        grid.setPadding(new Insets(4));
        grid.setHgap(6);
        grid.setVgap(6);
        setColumns(3);
        centre.widthProperty().addListener((o, a, w) -> setColumns(w.doubleValue() < 760 ? 2 : 3));
        focusText.setWrapText(true);
        focusText.getStyleClass().add("zoo-focus-text");
        buildTable();
        VBox bottom = new VBox(4, dataLine, table, tableNote);
        bottom.setPadding(new Insets(6, 8, 6, 8));
        tableNote.setWrapText(true);
        tableNote.getStyleClass().add("zoo-table-note");
        BorderPane root = new BorderPane(centre);
        root.setBottom(bottom);
        centre.getChildren().setAll(grid);
        VBox.setVgrow(centre, Priority.ALWAYS);
        setFigure(root, canvases.toArray(CanvasRegion[]::new));
        Button refit = Controls.button("Refit all", "Fit all six models again from the current settings", () -> {
            cache.clear();
            shownKey.clear();
            refresh(null);
        });
        Button cancel = Controls.button("Cancel", "Stop fitting; the cards keep what is done", this::stop);
        Button useData = Controls.button("Use the data pane's data", "Fit the six models to the data set made in the data pane",
                () -> useData(context.sharedData().get()));
        Button next = Controls.button("Next sample ▶", "Trace the next sample stage by stage (Right)", () -> nextTrace(1));
        controls.getChildren().addAll(Controls.flow(refit, cancel), useData, next);
    }

    /** Lays the cards out in {@code n} columns (two on a narrow figure, three otherwise). */
    private void setColumns(int n) {
        if (n == columns) {
            return;
        }
        columns = n;
        int rowsNeeded = (ORDER.size() + n - 1) / n;
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        for (int c = 0; c < n; c++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(100.0 / n);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rowsNeeded; r++) {
            javafx.scene.layout.RowConstraints rc = new javafx.scene.layout.RowConstraints();
            rc.setPercentHeight(100.0 / rowsNeeded);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        placeCards();
    }

    /** Puts every card that is not enlarged into its grid cell. */
    private void placeCards() {
        grid.getChildren().clear();
        String f = choice("focus");
        for (int i = 0; i < ORDER.size(); i++) {
            ZooKind k = ORDER.get(i);
            if (!k.id().equals(f)) {
                grid.add(cards.get(k).node(), i % columns, i / columns);
            }
        }
    }

    private void buildTable() {
        table.setHgap(18);
        table.setVgap(2);
        table.getStyleClass().add("zoo-table");
        String[] heads = {"Model", "Held-out log p(x)", "Kind", "VAE: IS estimate", "Fit"};
        for (int c = 0; c < heads.length; c++) {
            Label h = Controls.label(heads[c], "zoo-table-head");
            table.add(h, c, 0);
        }
        int r = 1;
        for (ZooKind k : ORDER) {
            Row row = new Row(new Label(k.shortTitle()), new Label("…"), new Label(""), new Label(""), new Label(""));
            row.value().setId("zoo-heldout-" + k.id());
            row.is().setId("zoo-heldout-is-" + k.id());
            for (Label l : List.of(row.model(), row.value(), row.kind(), row.is(), row.seconds())) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
            table.addRow(r++, row.model(), row.value(), row.kind(), row.is(), row.seconds());
            rows.put(k, row);
        }
    }

    // ---- the PaneView contract -----------------------------------------------------------------

    @Override
    public void refresh(String changed) {
        if (changed != null) {
            switch (changed) {
                case "focus" -> {
                    layoutFocus();
                    return;
                }
                case "density", "samples", "points", "trace", "grid" -> {
                    applyVisibility();
                    return;
                }
                default -> {
                }
            }
        }
        Request r;
        try {
            r = newRequest();
        } catch (IllegalArgumentException e) {
            say("Cannot fit the zoo: " + e.getMessage());
            return;
        }
        boolean dataChanged = request == null || !request.dataKey().equals(r.dataKey()) || !request.view().equals(r.view());
        request = r;
        if (dataChanged) {
            for (ZooCard c : cards.values()) {
                c.setView(r.view());
                c.setData(r.split().train().xs(), r.split().train().ys(), bool("points"));
            }
            dataLine.setText(dataLabel() + ": " + r.split().train().size() + " points fit the models, " + r.split().test().size()
                    + " are held out.");
        }
        for (ZooKind k : ORDER) {
            if (!cardKey(k, r).equals(shownKey.get(k))) {
                stale.add(k);
            }
        }
        layoutFocus();
        startJob();
    }

    @Override
    public String readout() {
        StringBuilder b = new StringBuilder();
        for (ZooKind k : ORDER) {
            b.append(k.id()).append(": ").append(cards.get(k).status()).append(" | held-out ").append(rows.get(k).value().getText())
                    .append('\n');
        }
        return b.toString();
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        switch (s) {
            case STEP -> nextTrace(1);
            case STEP_BACK -> nextTrace(-1);
            case RESET -> {
                traceIndex = 0;
                nextTrace(0);
            }
            case PLAY_PAUSE -> form.setValue("trace", !bool("trace"));
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public void stop() {
        if (job != null) {
            job.cancel();
        }
    }

    @Override
    public CompletableFuture<Void> whenSettled() {
        return jobDone.thenCompose(v -> super.whenSettled());
    }

    /** The most points of custom data a state file may hold (as many as the data pane reads from a file). */
    static final int MAX_STATE_POINTS = org.genlab.core.data.DataCsv.MAX_ROWS;
    /** The largest model a state file may hold (a KDE keeps its training points: 16,000 points are well under 1 MB). */
    static final int MAX_MODEL_BYTES = 8 << 20;
    /** The largest fit time a state may give, in seconds (a day). */
    private static final double MAX_SECONDS = 86_400;

    /**
     * Beyond the parameters: the data pane's points when they are the data ({@code data},
     * inline), the traced sample's number when Right has moved on from the first ({@code trace}),
     * and each card's fitted model ({@code models.kde} ...: the {@link ZooFile} bytes and the
     * fit's wall-clock {@code seconds}; for the diffusion card showing the exact denoiser, that
     * model too as {@code exact}), so a restored zoo shows the same models, scores and card texts,
     * "fitted in" included, without fitting again. Only cards fitted for the present settings are
     * saved: a card still waiting for its refit is fitted again on the restored pane. The
     * densities, samples, traces and held-out scores are not saved: they are computed again from
     * the models and the seed, bit for bit.
     */
    @Override
    public void saveState(org.genlab.core.state.StateWriter extras) {
        if (choice("data").equals("custom") && custom != null) {
            extras.points("data", custom);
        }
        if (traceIndex != 0) {
            extras.put("trace", traceIndex);
        }
        Request r = request;
        if (r == null) {
            return;
        }
        org.genlab.core.state.StateWriter models = null;
        for (ZooKind k : ORDER) {
            Fitted f = fitted.get(k);
            if (f == null || stale.contains(k) || !f.key().equals(cardKey(k, r))) {
                continue;
            }
            if (models == null) {
                models = extras.object("models");
            }
            org.genlab.core.state.StateWriter m = models.object(k.id());
            m.bytes("model", f.table().bytes()).put("seconds", f.table().seconds());
            if (f.exact() != null) {
                m.bytes("exact", f.exact().bytes()).put("exact-seconds", f.exact().seconds());
            }
        }
    }

    /**
     * Restores what {@link #saveState} wrote, after the state's parameters were applied (which
     * started a fit that this replaces). Checks everything first: the data set (only with
     * {@code params.data = custom}), the trace number, and each model: a zoo model file of the
     * card's kind, made with the settings the parameters give (the mixture's covariance, the
     * flow's couplings, the VAE's latent size, the learned or exact denoiser). Then puts the
     * models, with their fit times, where a fit would have put them, and redraws: the job that
     * follows finds them and fits only the cards the state has no model for.
     */
    @Override
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only("data", "trace", "models");
        Dataset2D d = null;
        if (extras.has("data")) {
            if (!choice("data").equals("custom")) {
                throw new org.genlab.core.state.StateException(extras.path() + ".data",
                        "a data set is given, but params.data is " + choice("data") + ", not custom");
            }
            d = extras.points("data", MAX_STATE_POINTS);
            if (d.isEmpty()) {
                throw new org.genlab.core.state.StateException(extras.path() + ".data", "the data set is empty");
            }
        }
        int trace = (int) extras.integerOr("trace", 0, 0, Integer.MAX_VALUE / 2);
        Map<ZooKind, Fit[]> restored = new EnumMap<>(ZooKind.class);
        if (extras.has("models")) {
            org.genlab.core.state.StateReader models = extras.object("models");
            models.only(ZooKind.ids().toArray(String[]::new));
            for (ZooKind k : ORDER) {
                if (models.has(k.id())) {
                    restored.put(k, readModels(models.object(k.id()), k));
                }
            }
        }
        // everything fits: now change the pane
        if (d != null) {
            custom = d;
        }
        traceIndex = trace;
        Request r;
        try {
            r = newRequest();
        } catch (IllegalArgumentException e) {
            r = null; // the redraw below says why the zoo cannot be fitted
        }
        if (r != null) {
            Request req = r;
            synchronized (cache) {
                restored.forEach((k, fits) -> {
                    cache.put(modelKey(k, req, false), fits[0]);
                    if (fits[1] != null) {
                        cache.put(modelKey(k, req, true), fits[1]);
                    }
                });
            }
        }
        shownKey.clear();
        refresh(null);
    }

    /** One card's models from a state: {@code [table, exact or null]}, checked against the kind and the settings. */
    private Fit[] readModels(org.genlab.core.state.StateReader m, ZooKind k) throws org.genlab.core.state.StateException {
        boolean wantExact = k == ZooKind.DIFFUSION && choice("denoiser").equals("exact");
        m.only(wantExact ? new String[] {"model", "seconds", "exact", "exact-seconds"} : new String[] {"model", "seconds"});
        Fit table = readModel(m, "model", "seconds", k, false);
        Fit exact = wantExact ? readModel(m, "exact", "exact-seconds", k, true) : null;
        return new Fit[] {table, exact};
    }

    /** A fit of kind {@code k} from the zoo file bytes at {@code key} and the time at {@code secondsKey}, made with the form's settings. */
    private Fit readModel(org.genlab.core.state.StateReader m, String key, String secondsKey, ZooKind k, boolean exactDenoiser)
            throws org.genlab.core.state.StateException {
        String where = m.path() + "." + key;
        byte[] bytes = m.bytes(key, MAX_MODEL_BYTES);
        ZooModel model;
        try {
            model = ZooFile.read(new java.io.ByteArrayInputStream(bytes));
        } catch (java.io.IOException | RuntimeException e) {
            throw new org.genlab.core.state.StateException(where, "not a zoo model: " + e.getMessage());
        }
        if (model.kind() != k) {
            throw new org.genlab.core.state.StateException(where, "a " + model.kind().id() + " model, not a " + k.id() + " model");
        }
        String misfit = null;
        if (model instanceof org.genlab.core.zoo.Kde kde) {
            double h = real("bandwidth");
            if (!kde.kernel().equals(choice("kernel"))) {
                misfit = "a " + kde.kernel() + " kernel, but params.kernel is " + choice("kernel");
            } else if (h > 0 ? kde.ruleOfThumb() || kde.bandwidth() != h : !kde.ruleOfThumb()) {
                misfit = (kde.ruleOfThumb() ? "Scott's bandwidth" : "bandwidth " + kde.bandwidth()) + ", but params.bandwidth is " + h;
            }
        } else if (model instanceof org.genlab.core.zoo.Autoregressive ar && ar.bins() != integer("bins")) {
            misfit = ar.bins() + " bins, but params.bins is " + integer("bins");
        } else if (model instanceof GmmModel g && !g.mixture().type().id().equals(choice("covariance"))) {
            misfit = "a " + g.mixture().type().id() + " covariance, but params.covariance is " + choice("covariance");
        } else if (model instanceof org.genlab.core.zoo.CouplingFlow f && f.couplings() != integer("couplings")) {
            misfit = f.couplings() + " couplings, but params.couplings is " + integer("couplings");
        } else if (model instanceof org.genlab.core.zoo.VaeModel v && v.latentDim() != Integer.parseInt(choice("latent"))) {
            misfit = "a latent of size " + v.latentDim() + ", but params.latent is " + choice("latent");
        } else if (model instanceof org.genlab.core.zoo.DiffusionModel dm && dm.exactDenoiser() != exactDenoiser) {
            misfit = exactDenoiser ? "a learned denoiser, where the exact one belongs" : "the exact denoiser, where the learned one belongs";
        }
        if (misfit != null) {
            throw new org.genlab.core.state.StateException(where, "the model does not fit the settings: " + misfit);
        }
        return new Fit(model, m.real(secondsKey, 0, MAX_SECONDS), bytes);
    }

    /** The card of a model (for tests). */
    ZooCard card(ZooKind k) {
        return cards.get(k);
    }

    /** The held-out cell of a model (for tests). */
    String heldOut(ZooKind k) {
        return rows.get(k).value().getText();
    }

    boolean useData(Dataset2D d) {
        if (d == null || d.isEmpty()) {
            say("The data pane's data set is empty: the zoo keeps its data.");
            return true;
        }
        custom = d;
        form.setValue("data", "custom");
        refresh(null);
        return true;
    }

    // ---- requests and keys -----------------------------------------------------------------------

    private boolean bool(String name) {
        return (Boolean) form.value(name);
    }

    private String dataLabel() {
        String d = choice("data");
        return d.equals("custom") ? (custom == null ? "two-moons (no data from the data pane yet)" : "The data pane's data") : d;
    }

    private Request newRequest() {
        long seed = seed();
        String d = choice("data");
        Dataset2D data;
        String dataKey;
        if (d.equals("custom") && custom != null) {
            data = custom;
            dataKey = "custom@" + System.identityHashCode(custom);
        } else {
            Preset p = Preset.byName(d.equals("custom") ? "two-moons" : d).orElseThrow();
            int n = (int) integer("n");
            data = p.generate(n, p.defaultNoise(), seed);
            dataKey = p.id() + "/" + n + "/" + seed;
        }
        ZooSplit split = ZooSplit.of(data, seed);
        ZooSettings s = new ZooSettings(seed, real("bandwidth"), choice("kernel"), (int) integer("bins"), (int) integer("components"),
                choice("covariance"), (int) integer("couplings"), Integer.parseInt(choice("latent")), false, real("effort"));
        return new Request(dataKey, data, split, viewOf(data), s, choice("estimator"), choice("denoiser"), (int) integer("sample-count"),
                seed);
    }

    /** The shape of the window: as wide as a card's plot is, for its height. */
    static final double ASPECT = 1.6;

    /** A window of aspect {@link #ASPECT} around the data, with a 15% margin. */
    static ZooGrid viewOf(Dataset2D d) {
        Dataset2D.Bounds b = d.bounds();
        double cx = (b.minX() + b.maxX()) / 2, cy = (b.minY() + b.maxY()) / 2;
        double hy = Math.max(Math.max(b.width() / ASPECT, b.height()), 1e-3) * 0.5 * 1.3;
        double hx = hy * ASPECT;
        return new ZooGrid(cx - hx, cx + hx, EXACT_GRID, cy - hy, cy + hy, EXACT_GRID);
    }

    /** The window with n points across its height and as many more across its width as its shape asks. */
    static ZooGrid sized(ZooGrid g, int n) {
        return new ZooGrid(g.xmin(), g.xmax(), (int) Math.round(n * ASPECT), g.ymin(), g.ymax(), n);
    }

    /** The settings that decide a model (its cache key). */
    private static String modelKey(ZooKind k, Request r, boolean exactDenoiser) {
        ZooSettings s = r.settings();
        String own = switch (k) {
            case KDE -> s.bandwidth() + "/" + s.kernel();
            case AR -> s.bins() + "/" + s.effort();
            case GMM -> s.components() + "/" + s.covariance();
            case FLOW -> s.couplings() + "/" + s.effort();
            case VAE -> s.latent() + "/" + s.effort();
            case DIFFUSION -> exactDenoiser ? "exact" : "learned/" + s.effort();
        };
        return k.id() + "|" + r.dataKey() + "|" + own;
    }

    /** What decides everything a card shows. */
    private static String cardKey(ZooKind k, Request r) {
        String extra = switch (k) {
            case VAE -> r.estimator();
            case DIFFUSION -> r.denoiser();
            default -> "";
        };
        return modelKey(k, r, r.denoiser().equals("exact")) + "|" + extra + "|" + r.samples();
    }

    // ---- the job ----------------------------------------------------------------------------------

    private void startJob() {
        if (job != null) {
            job.cancel();
        }
        if (stale.isEmpty()) {
            return;
        }
        Request r = request;
        List<ZooKind> todo = FIT_ORDER.stream().filter(stale::contains).toList();
        for (ZooKind k : todo) {
            cards.get(k).setStatus("waiting to be fitted…", false);
        }
        long gen = ++jobGeneration;
        int traceAt = traceIndex;
        CompletableFuture<Void> done = new CompletableFuture<>();
        jobDone = done;
        int parallelism = Math.max(1, context.pool().size());
        job = ComputeJob.<Void>builder("Fitting the model zoo", sink -> {
            List<Fitted> refine = new ArrayList<>();
            for (int i = 0; i < todo.size(); i++) {
                ZooKind k = todo.get(i);
                Fitted f = fitOne(k, r, traceAt, sink, i, todo.size(), parallelism);
                context.uiExecutor().execute(() -> show(gen, f));
                if (f.coarse()) {
                    refine.add(f);
                }
            }
            for (int i = 0; i < refine.size(); i++) {
                Fitted f = refine.get(i);
                ZooGrid fine = sized(r.view(), FINE_GRID);
                int index = i;
                double[] ld = evaluate(f.shown(), f.estimator(), fine, sink, "refining the " + f.kind().title().toLowerCase(Locale.ROOT)
                        + " density to " + FINE_GRID + "x" + FINE_GRID, index, refine.size(), parallelism);
                Fitted g = new Fitted(f.kind(), f.key(), f.shown(), f.estimator(), ld, fine, false, f.samples(), f.trace(), f.heldOut(),
                        f.heldOutEstimator(), f.heldOutIs(), f.seconds(), f.warpedGrid(), null, f.table(), f.exact());
                context.uiExecutor().execute(() -> show(gen, g));
            }
            return null;
        }).tracker(context.jobs())
                .onSuccess(v -> done.complete(null))
                .onFailure(e -> {
                    if (gen == jobGeneration) {
                        say("Fitting the zoo failed: " + e.getMessage());
                    }
                    done.complete(null);
                })
                .onCancelled(() -> {
                    if (gen == jobGeneration) {
                        for (ZooKind k : stale) {
                            cards.get(k).setStatus("fitting cancelled: press Refit all", false);
                        }
                    }
                    done.complete(null);
                })
                .start(context.pool().executor(), context.uiExecutor());
    }

    /** Fits (or takes from the cache) one model and computes all its card shows. Runs on the pool. */
    private Fitted fitOne(ZooKind k, Request r, int traceAt, ProgressSink sink, int index, int count, int parallelism) {
        String key = cardKey(k, r);
        String title = k.title().toLowerCase(Locale.ROOT);
        FitMonitor monitor = monitor(sink, index, count, "fitting the " + title);
        Fit tableFit;
        Fit exactFit = null;
        try {
            tableFit = cached(modelKey(k, r, false), () -> ZooModels.fit(k, r.split().train(), r.settings(), monitor,
                    context.pool().executor(), parallelism));
            if (k == ZooKind.DIFFUSION && r.denoiser().equals("exact")) {
                exactFit = cached(modelKey(k, r, true), () -> ZooModels.fit(k, r.split().train(), r.settings().withExactDenoiser(true),
                        monitor, context.pool().executor(), parallelism));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return failed(k, key, e.getMessage());
        }
        ZooModel table = tableFit.model();
        ZooModel shown = exactFit == null ? table : exactFit.model();
        double seconds = tableFit.seconds() + (exactFit == null ? 0 : exactFit.seconds());
        sink.checkCancelled();
        Estimator est = k == ZooKind.VAE ? shown.estimator(r.estimator()) : shown.estimators().get(0);
        boolean expensive = k == ZooKind.DIFFUSION || (k == ZooKind.VAE && r.estimator().equals("is"));
        ZooGrid g = sized(r.view(), expensive ? COARSE_GRID : k == ZooKind.VAE ? ELBO_GRID : EXACT_GRID);
        double[] ld = evaluate(shown, est, g, sink, "the " + title + " density", index, count, parallelism);
        Estimator tableEst = table.estimators().get(0);
        double held = r.split().heldOut(table, tableEst, EVAL_SEED, FitMonitor.NONE, context.pool().executor(), parallelism);
        double heldIs = k == ZooKind.VAE
                ? r.split().heldOut(table, table.estimator("is"), EVAL_SEED, FitMonitor.NONE, context.pool().executor(), parallelism)
                : Double.NaN;
        double[][] samples = shown.sample(r.samples(), r.seed() + 1);
        SampleTrace trace = shown.trace(traceSeed(r.seed(), traceAt));
        List<double[][]> warped = shown instanceof org.genlab.core.zoo.CouplingFlow flow ? flow.warpedGrid(2.5, 9, 60) : List.of();
        return new Fitted(k, key, shown, est, ld, g, expensive, samples, trace, held, tableEst, heldIs, seconds, warped, null, tableFit,
                exactFit);
    }

    private static Fitted failed(ZooKind k, String key, String why) {
        return new Fitted(k, key, null, null, null, null, false, null, null, Double.NaN, null, Double.NaN, 0, List.of(), why, null, null);
    }

    /**
     * The cached fit under {@code key}, or a new one, timed. A fit that lands after another
     * came under the same key (a model a state file restored while an older job was still
     * fitting) gives way to it, so a restored card keeps its restored model and time.
     */
    private Fit cached(String key, java.util.function.Supplier<ZooModel> fit) {
        synchronized (cache) {
            Fit m = cache.get(key);
            if (m != null) {
                return m;
            }
        }
        long t0 = System.nanoTime();
        ZooModel model = fit.get();
        Fit m = new Fit(model, (System.nanoTime() - t0) / 1e9, null);
        synchronized (cache) {
            Fit other = cache.get(key);
            if (other != null) {
                return other;
            }
            cache.put(key, m);
        }
        return m;
    }

    private double[] evaluate(ZooModel m, Estimator est, ZooGrid g, ProgressSink sink, String what, int index, int count,
            int parallelism) {
        double[] out = new double[g.size()];
        m.logDensity(est, g.pointXs(), g.pointYs(), out, EVAL_SEED, monitor(sink, index, count, what), context.pool().executor(),
                parallelism);
        return out;
    }

    private static FitMonitor monitor(ProgressSink sink, int index, int count, String what) {
        return new FitMonitor() {
            @Override
            public void progress(double fraction, String message) {
                double f = Math.max(0, Math.min(1, fraction));
                sink.report((index + f) / count, what + (message == null ? "" : ": " + message));
            }

            @Override
            public boolean cancelled() {
                return sink.isCancelled();
            }
        };
    }

    private static long traceSeed(long seed, int index) {
        return seed * 1_000_003L + 17 + index;
    }

    // ---- showing results (FX thread) -----------------------------------------------------------------

    /** The data set the models are fitted to, and each card's samples. */
    @Override
    public List<org.genlab.core.io.CsvTable> tables() {
        List<org.genlab.core.io.CsvTable> out = new ArrayList<>();
        if (request != null) {
            Dataset2D d = request.data();
            out.add(org.genlab.core.io.CsvTable.points("data", "the data set (" + d.size() + " points)", d.xs(), d.ys(), d.weights()));
        }
        shownSamples.forEach((kind, rowsXY) -> out.add(new org.genlab.core.io.CsvTable("samples-" + kind.id(),
                kind.title() + " samples (" + rowsXY.length + ")", List.of("x", "y"), java.util.Arrays.asList(rowsXY))));
        return out;
    }

    private void show(long gen, Fitted f) {
        if (gen != jobGeneration) {
            return;
        }
        ZooCard card = cards.get(f.kind());
        Row row = rows.get(f.kind());
        if (f.error() != null) {
            fitted.remove(f.kind());
            shownSamples.remove(f.kind());
            card.clear();
            card.setStatus(f.error(), true);
            row.value().setText("—");
            row.kind().setText("");
            row.seconds().setText("");
            row.is().setText("");
            stale.remove(f.kind());
            shownKey.put(f.kind(), f.key());
            return;
        }
        card.setBadge(f.estimator().kind());
        card.setDensity(f.grid(), f.logDensity());
        card.setDensityVisible(bool("density"));
        card.setSummary(f.shown().summary(), f.estimator().label() + ", on a log colour scale over three decades"
                + (f.coarse() ? " (a coarse first pass; refining…)" : ""));
        card.setSamples(f.samples(), bool("samples"));
        shownSamples.put(f.kind(), f.samples());
        card.setTrace(f.trace(), bool("trace"));
        if (f.shown() instanceof GmmModel g) {
            card.setMixture(g.mixture());
        }
        card.setWarpedGrid(f.warpedGrid(), bool("grid"));
        card.setStatus("fitted in " + secs(f.seconds()) + (f.coarse() ? "; refining the density…" : "") + " · " + f.shown().summary(),
                false);
        row.value().setText(format(f.heldOut()));
        row.is().setText(Double.isNaN(f.heldOutIs()) ? "" : format(f.heldOutIs()));
        row.kind().setText(f.heldOutEstimator().kind().id());
        row.seconds().setText(secs(f.seconds()));
        fitted.put(f.kind(), f);
        stale.remove(f.kind());
        shownKey.put(f.kind(), f.key());
        tableNote.setText("Mean log p(x) in nats per held-out point; higher is better. Exact rows compare directly; the VAE's bound sits "
                + "below its true value and its importance estimate nearer it; the diffusion row is the learned model's ODE estimate. "
                + "Every model saw the same " + request.split().train().size() + " points and is scored on the same "
                + request.split().test().size() + ".");
        layoutFocus();
    }

    private static String format(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : v == Double.NEGATIVE_INFINITY ? "−∞ (a held-out point has p = 0)" : "—";
    }

    private static String secs(double s) {
        return s < 0.05 ? "< 0.1 s" : String.format(Locale.ROOT, "%.1f s", s);
    }

    private void applyVisibility() {
        for (ZooCard c : cards.values()) {
            c.setDensityVisible(bool("density"));
            c.setSamplesVisible(bool("samples"));
            c.setDataVisible(bool("points"));
            c.setTraceVisible(bool("trace"));
            c.setGridVisible(bool("grid"));
        }
    }

    private void toggleFocus(ZooKind k) {
        form.setValue("focus", choice("focus").equals(k.id()) ? "all" : k.id());
        layoutFocus();
    }

    private void layoutFocus() {
        String f = choice("focus");
        if (f.equals("all")) {
            if (!centre.getChildren().contains(grid)) {
                focusPane.setCenter(null);
                cards.values().forEach(c -> c.setEnlarged(false));
                placeCards();
                centre.getChildren().setAll(grid);
            }
            return;
        }
        ZooCard c = cards.get(ZooKind.byId(f).orElseThrow());
        if (focusPane.getCenter() != c.node()) {
            for (ZooCard o : cards.values()) {
                o.setEnlarged(false);
            }
            grid.getChildren().remove(c.node());
            c.setEnlarged(true);
            focusPane.setCenter(c.node());
            centre.getChildren().setAll(focusPane);
        }
    }

    private void nextTrace(int delta) {
        traceIndex = Math.max(0, traceIndex + delta);
        if (!bool("trace")) {
            form.setValue("trace", true);
        }
        long seed = traceSeed(seed(), traceIndex);
        Map<ZooKind, ZooModel> models = new EnumMap<>(ZooKind.class);
        Request r = request;
        if (r == null) {
            return;
        }
        for (ZooKind k : ORDER) {
            String key = modelKey(k, r, k == ZooKind.DIFFUSION && r.denoiser().equals("exact"));
            Fit m;
            synchronized (cache) {
                m = cache.get(key);
            }
            if (m != null) {
                models.put(k, m.model());
            }
        }
        compute("the next traced sample", () -> {
            Map<ZooKind, SampleTrace> t = new EnumMap<>(ZooKind.class);
            models.forEach((k, m) -> t.put(k, m.trace(seed)));
            return t;
        }, t -> {
            t.forEach((k, tr) -> cards.get(k).setTrace(tr, true));
            say("Traced sample " + (traceIndex + 1) + " of each model (Right: the next, Left: the previous).");
        });
    }
}
