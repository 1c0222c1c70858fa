package org.genlab.ui.data;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.genlab.compute.ComputeJob;
import org.genlab.compute.ProgressReader;
import org.genlab.core.data.DataCsv;
import org.genlab.core.data.DataFormatException;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.param.Param;
import org.genlab.core.param.ParamSet;
import org.genlab.ui.plot.AbstractLayer;
import org.genlab.ui.plot.Colormaps;
import org.genlab.ui.plot.EllipseLayer;
import org.genlab.ui.plot.LegendEntry;
import org.genlab.ui.plot.PanMode;
import org.genlab.ui.plot.Painter;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.ScatterLayer;
import org.genlab.ui.plot.Viewport;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;

/**
 * The data pane: a 2-D data set editor. Presets with size, noise and seed; click to add a
 * point, drag to move, right-click or Delete to remove, drag on empty space to box-select;
 * undo and redo; CSV import and export; count, mean and covariance. Every other pane can take
 * this pane's data on request.
 */
public final class DataTopic implements Topic {
    /** Radius of a point of weight 1, in pixels. */
    static final double POINT_RADIUS = 5;
    /** How close (pixels) a click must be to a point to select or delete it; farther away a click adds a point. */
    static final double HIT_RADIUS = 12;
    /**
     * How close (pixels) a press must be to a point for a drag to move it: a 44-pixel target, as
     * for every draggable handle. Between {@link #HIT_RADIUS} and this, the press waits: moving
     * the mouse drags the nearest point, releasing it where it was adds a point as before.
     */
    static final double DRAG_RADIUS = 22;
    /** Pixels the mouse must move before a waiting press becomes a drag. */
    static final double DRAG_SLOP = 3;
    private static final int POINT_COLOUR = Colormaps.category(4); // Okabe-Ito blue
    private static final int SELECTION_COLOUR = 0xFF000000;
    private static final int MEAN_COLOUR = Colormaps.category(0); // Okabe-Ito orange

    /** The data pane's declared parameters. */
    public static final ParamSet PARAMS = ParamSet.of(
            new Param.Choice("preset", "Preset", "The shape of the data set; its geometry is fixed, so a seed reproduces it exactly",
                    Preset.names(), Preset.TWO_MOONS.id()),
            new Param.Int("n", "Points", "How many points to draw (1 to 100,000)", 1, 100_000, 200L),
            new Param.Real("noise", "Noise", "Standard deviation of the Gaussian noise added to each point", 0, 2, 0.05),
            new Param.Int("seed", "Seed", "The random seed: the same seed and settings give the same points",
                    0, Integer.MAX_VALUE, 0L),
            new Param.Flag("ellipses", "Spread", "Draw the data's mean and the ellipses of its covariance at one and two standard deviations",
                    false));

    private final TopicContext context;
    private final DataViewModel vm;
    private final PlotCanvas plot = new PlotCanvas();
    private final ScatterLayer points;
    private final EllipseLayer spread = new EllipseLayer();
    private final BoxLayer box = new BoxLayer();
    private final ParamForm form;
    private final BorderPane view = new BorderPane();
    private final VBox controls = new VBox();
    private final Label presetInfo = new Label();
    private final Label fileError = new Label();
    private final GridPane stats = new GridPane();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** Mouse gesture under way: none, moving points, or drawing a selection box. */
    /** PENDING: pressed near (not on) a point; becomes MOVE of that point on a drag, or adds a point on release. */
    private enum Gesture { NONE, MOVE, BOX, PENDING }

    /** The point a PENDING press would drag, and where the press was on screen. */
    private int pendingPoint = -1;
    private double pressX, pressY;

    private Gesture gesture = Gesture.NONE;
    private Point2D pressWorld;
    private ComputeJob<Dataset2D> importJob;

    public DataTopic(TopicContext context) {
        this.context = context;
        Preset p = Preset.TWO_MOONS;
        this.vm = new DataViewModel(p.generate(p.defaultN(), p.defaultNoise(), 0));
        this.points = new ScatterLayer(context.pool());
        this.form = new ParamForm(PARAMS, (name, value) -> {
            if (name.equals("preset")) {
                showPresetDefaults((String) value);
            }
            if (name.equals("ellipses")) {
                spread.setVisible((Boolean) value);
            } else {
                regenerate();
            }
        });
        form.setValue("noise", p.defaultNoise());
        buildPlot();
        buildControls();
        view.setCenter(plot);
        view.getStyleClass().add("figure-area");
        vm.dataProperty().addListener((o, a, d) -> onDataChanged(d));
        vm.selectionProperty().addListener((o, a, s) -> points.setSelected(s));
        vm.lastEditProperty().addListener((o, a, s) -> message.set(s));
        onDataChanged(vm.data());
        fitView();
        message.set(vm.data().size() + " points (" + p.id() + ", seed 0)");
    }

    /** The view model (for tests and for lessons that drive the pane). */
    public DataViewModel viewModel() {
        return vm;
    }

    /** The plot (for tests). */
    public PlotCanvas plot() {
        return plot;
    }

    @Override
    public String id() {
        return "data";
    }

    @Override
    public String title() {
        return "Data";
    }

    @Override
    public String description() {
        return "Every model in GenLab learns from a set of 2-D points. Make one here from a preset "
                + "(the same seed always gives the same points), edit it by hand, or load a CSV file.\n\n"
                + "Click empty space to add a point. Drag a point to move it; drag on empty space to select "
                + "a box of points (Ctrl adds to the selection). Right-click a point, or press Delete, to remove. "
                + "Right-drag pans, the wheel zooms, Ctrl+0 resets the view. Ctrl+Z undoes any edit.\n\n"
                + "'two-point' is exactly the homework's data set {[1,0], [0,1]}. Other panes keep their own "
                + "data until you ask them to use this one.";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Node controls() {
        return controls;
    }

    /** The data set as the pane's own CSV format (x, y and a weight column when weighted): it loads back. */
    @Override
    public java.util.List<org.genlab.core.io.CsvTable> tables() {
        Dataset2D d = vm.data();
        return java.util.List.of(org.genlab.core.io.CsvTable.points("data", "the data set (" + d.size() + " points)", d.xs(), d.ys(), d.weights()));
    }

    @Override
    public Node figure() {
        return plot;
    }

    @Override
    public ParamSet parameters() {
        return PARAMS;
    }

    /**
     * Applies lesson or command-line values. A new preset brings its own default size and
     * noise unless they are given too, so {@code preset: two-point} alone gives exactly the
     * homework's two points.
     */
    @Override
    public void apply(Map<String, Object> values) {
        if (values.containsKey("preset")) {
            showPresetDefaults((String) values.get("preset"));
        }
        values.forEach(form::setValue);
        spread.setVisible((Boolean) form.value("ellipses"));
        if (values.keySet().stream().anyMatch(k -> !k.equals("ellipses"))) {
            regenerate();
        }
    }

    @Override
    public void setHiddenControls(java.util.Set<String> names) {
        form.setHiddenOnly(names);
    }

    /** Puts a preset's default size and noise in the form (without drawing). */
    private void showPresetDefaults(String presetId) {
        Preset p = Preset.byName(presetId).orElseThrow();
        form.setValue("n", (long) Math.min(p.defaultN(), 100_000));
        form.setValue("noise", p.defaultNoise());
    }

    @Override
    public Map<String, Object> values() {
        return new LinkedHashMap<>(form.values());
    }

    /** The most points a state file may hold inline: as many as a CSV import reads. */
    static final int MAX_STATE_POINTS = DataCsv.MAX_ROWS;

    /**
     * Beyond the parameters: the points ({@code points}, inline: a state file names no other
     * file) unless they are exactly the preset the parameters draw, and the selection
     * ({@code selected}, ascending indices), which the figure marks. The undo history is not
     * saved: the figure does not show it, and a restored pane starts a history of its own.
     */
    @Override
    public void saveState(org.genlab.core.state.StateWriter extras) {
        Dataset2D d = vm.data();
        if (!d.equals(presetOfForm())) {
            extras.points("points", d);
        }
        int[] sel = vm.selection();
        if (sel.length > 0) {
            long[] idx = new long[sel.length];
            for (int i = 0; i < sel.length; i++) {
                idx[i] = sel[i];
            }
            extras.put("selected", idx);
        }
    }

    /**
     * Restores what {@link #saveState} wrote, after the state's parameters drew their preset.
     * Checks everything first (the points, at most {@link #MAX_STATE_POINTS}; each selected
     * index inside the data set, ascending, none twice), then puts the points in place of the
     * preset (one undo step, as an import is) and selects.
     */
    @Override
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only("points", "selected");
        Dataset2D d = extras.has("points") ? extras.points("points", MAX_STATE_POINTS) : vm.data();
        int[] sel = new int[0];
        if (extras.has("selected")) {
            long[] idx = extras.integers("selected", d.size(), 0, Math.max(0, d.size() - 1));
            sel = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                if (i > 0 && idx[i] <= idx[i - 1]) {
                    throw new org.genlab.core.state.StateException(extras.path() + ".selected[" + i + "]",
                            idx[i] == idx[i - 1] ? "selected twice" : "the indices must ascend");
                }
                sel[i] = (int) idx[i];
            }
        }
        // everything fits: now change the pane
        if (extras.has("points")) {
            vm.replace(d, "Restored " + d.size() + " points from a state file");
            fitView();
        }
        if (sel.length > 0) {
            vm.select(sel);
        }
    }

    /** The data set the form's preset, size, noise and seed draw (what {@link #regenerate} makes). */
    private Dataset2D presetOfForm() {
        Preset p = Preset.byName((String) form.value("preset")).orElseThrow();
        return p.generate((int) (long) (Long) form.value("n"), (Double) form.value("noise"), (Long) form.value("seed"));
    }

    @Override
    public boolean useData(Dataset2D data) {
        vm.replace(data, "Loaded " + data.size() + " points");
        fitView();
        return true;
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        switch (s) {
            case UNDO -> vm.undo();
            case REDO -> vm.redo();
            case DELETE -> vm.deleteSelected();
            case SELECT_ALL -> vm.selectAll();
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

    @Override
    public CompletableFuture<Void> whenSettled() {
        // Once the rasters are in, draw again so the figure shows them.
        return plot.whenSettled().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                .thenRunAsync(plot::redrawNow, context.uiExecutor());
    }

    @Override
    public void dispose() {
        if (importJob != null) {
            importJob.cancel();
        }
    }

    // ---- reactions ---------------------------------------------------------------------------

    /** Draws the preset with the form's settings (one undo step) and frames it. */
    private void regenerate() {
        Preset p = Preset.byName((String) form.value("preset")).orElseThrow();
        long n = (Long) form.value("n");
        double noise = (Double) form.value("noise");
        long seed = (Long) form.value("seed");
        vm.generate(p, (int) n, noise, seed);
        presetInfo.setText(p.description());
        fitView();
    }

    private void onDataChanged(Dataset2D d) {
        // Large sets get small dots; weighted points get an area proportional to their weight.
        double base = d.size() > 20_000 ? 2.5 : POINT_RADIUS;
        double[] radius = {base};
        if (!d.hasUnitWeights()) {
            double meanW = d.totalWeight() / d.size();
            radius = new double[d.size()];
            for (int i = 0; i < radius.length; i++) {
                radius[i] = Math.max(2.5, Math.min(14, base * Math.sqrt(d.weight(i) / meanW)));
            }
        }
        points.setPoints(d.xs(), d.ys(), new int[] {POINT_COLOUR}, radius);
        points.setSelected(vm.selection());
        updateStats(d);
        context.sharedData().set(d);
    }

    /** Frames the data: its bounds plus a margin, at least one unit wide. */
    private void fitView() {
        Dataset2D d = vm.data();
        double x0 = -1, x1 = 1, y0 = -1, y1 = 1;
        if (!d.isEmpty()) {
            Dataset2D.Bounds b = d.bounds();
            double cx = (b.minX() + b.maxX()) / 2, cy = (b.minY() + b.maxY()) / 2;
            double hw = Math.max(0.5, b.width() / 2) * 1.15, hh = Math.max(0.5, b.height() / 2) * 1.15;
            x0 = cx - hw;
            x1 = cx + hw;
            y0 = cy - hh;
            y1 = cy + hh;
        }
        plot.setHome(x0, x1, y0, y1);
        plot.resetView();
    }

    // ---- plot and mouse ------------------------------------------------------------------------

    private void buildPlot() {
        plot.setEqualAspect(true);
        plot.setAxisLabels("x₁", "x₂");
        plot.setPanMode(PanMode.SECONDARY);
        points.setSelectionColor(SELECTION_COLOUR);
        points.setOutline(0xFFFFFFFF);
        points.setLegendEntries(List.of(LegendEntry.point("data", POINT_COLOUR)));
        spread.setCentreMarkers(true);
        spread.setVisible(false);
        plot.getLayers().addAll(spread, points, box);
        plot.setFocusTraversable(true);
        plot.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        plot.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        plot.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        plot.addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClick);
    }

    private boolean isEditGesture(MouseEvent e) {
        return e.getButton() == MouseButton.PRIMARY && !e.isShiftDown();
    }

    private void onPress(MouseEvent e) {
        plot.requestFocus();
        if (!isEditGesture(e)) {
            return;
        }
        pressWorld = plot.screenToWorld(e.getX(), e.getY());
        int hit = points.nearestPoint(plot.getViewport(), e.getX(), e.getY(), HIT_RADIUS);
        if (hit >= 0) {
            if (e.isShortcutDown()) {
                vm.toggleSelected(hit);
                gesture = Gesture.NONE;
                return;
            }
            grab(hit);
        } else if (!e.isShortcutDown() && (pendingPoint = points.nearestPoint(plot.getViewport(), e.getX(), e.getY(), DRAG_RADIUS)) >= 0) {
            gesture = Gesture.PENDING;
            pressX = e.getX();
            pressY = e.getY();
        } else {
            gesture = Gesture.BOX;
            box.set(pressWorld, pressWorld);
        }
        e.consume();
    }

    /** Starts moving point {@code i}, with the selection if it is in it, else alone. */
    private void grab(int i) {
        if (java.util.Arrays.binarySearch(vm.selection(), i) < 0) {
            vm.select(new int[] {i});
        }
        vm.beginDrag();
        gesture = Gesture.MOVE;
    }

    private void onDrag(MouseEvent e) {
        if (gesture == Gesture.NONE || pressWorld == null) {
            return;
        }
        if (gesture == Gesture.MOVE && !vm.isDragging()) {
            // Another edit (undo, delete, a lesson step, an import) ended the drag under the mouse.
            gesture = Gesture.NONE;
            return;
        }
        if (gesture == Gesture.PENDING) {
            if (Math.hypot(e.getX() - pressX, e.getY() - pressY) < DRAG_SLOP) {
                return;
            }
            if (pendingPoint >= vm.data().size()) { // an edit meanwhile removed it
                gesture = Gesture.NONE;
                return;
            }
            grab(pendingPoint);
        }
        Point2D w = plot.screenToWorld(e.getX(), e.getY());
        if (gesture == Gesture.MOVE) {
            vm.dragBy(w.getX() - pressWorld.getX(), w.getY() - pressWorld.getY());
        } else {
            box.set(pressWorld, w);
        }
        e.consume();
    }

    private void onRelease(MouseEvent e) {
        if (gesture == Gesture.MOVE) {
            vm.endDrag();
        } else if (gesture == Gesture.PENDING) {
            clickEmptySpace(false);
        } else if (gesture == Gesture.BOX) {
            Point2D w = plot.screenToWorld(e.getX(), e.getY());
            box.clear();
            if (e.isStillSincePress()) {
                clickEmptySpace(e.isShortcutDown());
            } else {
                vm.selectInBox(pressWorld.getX(), pressWorld.getY(), w.getX(), w.getY(), e.isShortcutDown());
            }
        }
        gesture = Gesture.NONE;
    }

    /** A click away from every point: clears the selection, or adds a point where there is none. */
    private void clickEmptySpace(boolean shortcut) {
        if (shortcut) {
            // Ctrl-click on empty space keeps the selection.
        } else if (vm.selection().length > 0) {
            vm.clearSelection();
        } else {
            vm.addPoint(pressWorld.getX(), pressWorld.getY());
        }
    }

    private void onClick(MouseEvent e) {
        if (e.getButton() == MouseButton.SECONDARY && e.isStillSincePress()) {
            int hit = points.nearestPoint(plot.getViewport(), e.getX(), e.getY(), HIT_RADIUS);
            if (hit >= 0) {
                vm.deletePoint(hit);
            }
            e.consume();
        }
    }

    /** The rubber band of a box selection, dashed. */
    private static final class BoxLayer extends AbstractLayer {
        private volatile Point2D a, b;

        void set(Point2D from, Point2D to) {
            a = from;
            b = to;
            requestRepaint();
        }

        void clear() {
            a = b = null;
            requestRepaint();
        }

        @Override
        public void paint(Painter p, Viewport v) {
            if (a == null || b == null) {
                return;
            }
            double x0 = v.toScreenX(Math.min(a.getX(), b.getX())), x1 = v.toScreenX(Math.max(a.getX(), b.getX()));
            double y0 = v.toScreenY(Math.max(a.getY(), b.getY())), y1 = v.toScreenY(Math.min(a.getY(), b.getY()));
            p.setFill(0x220072B2);
            p.fillRect(x0, y0, x1 - x0, y1 - y0);
            p.setStroke(0xFF000000);
            p.setLineWidth(1.5);
            p.setDashes(6, 4);
            p.strokeRect(x0, y0, x1 - x0, y1 - y0);
        }
    }

    // ---- controls ------------------------------------------------------------------------------

    private void buildControls() {
        controls.getStyleClass().add("controls");
        presetInfo.setWrapText(true);
        presetInfo.getStyleClass().add("hint");
        presetInfo.setText(Preset.TWO_MOONS.description());
        Button generate = Controls.button("Generate", "Draw the preset again with these settings (undoable)", this::regenerate);
        Button nextSeed = Controls.button("Next seed", "Seed + 1, and draw again", () -> {
            form.setValue("seed", (Long) form.value("seed") + 1);
            regenerate();
        });
        generate.setId("data-generate");

        Button undo = Controls.button("Undo", "Undo the last edit (Ctrl+Z)", vm::undo);
        undo.disableProperty().bind(vm.canUndoProperty().not());
        Button redo = Controls.button("Redo", "Redo (Ctrl+Y)", vm::redo);
        redo.disableProperty().bind(vm.canRedoProperty().not());
        Button delete = Controls.button("Delete selected", "Remove the selected points (Delete)", vm::deleteSelected);
        delete.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.selectionProperty().get().length == 0, vm.selectionProperty()));
        Button selectAll = Controls.button("Select all", "Select every point (Ctrl+A)", vm::selectAll);
        Button clear = Controls.button("Clear", "Remove every point (undoable)", vm::clear);

        Button importCsv = Controls.button("Import CSV…", "Load points from a CSV file with header x,y or x,y,weight", this::chooseImport);
        Button exportCsv = Controls.button("Export CSV…", "Save these points as CSV (x,y, and weight when not all 1)", this::chooseExport);
        fileError.getStyleClass().add("error-text");
        fileError.setWrapText(true);
        fileError.setId("data-file-error");
        fileError.managedProperty().bind(fileError.textProperty().isNotEmpty());
        fileError.visibleProperty().bind(fileError.textProperty().isNotEmpty());

        stats.getStyleClass().add("stat-grid");
        stats.setHgap(12);
        stats.setVgap(4);
        stats.setId("data-stats");

        controls.getChildren().addAll(
                Controls.heading("DATA SET"), form.node(), presetInfo, Controls.flow(generate, nextSeed),
                Controls.heading("EDIT"), Controls.flow(undo, redo, delete, selectAll, clear),
                Controls.heading("FILE"), Controls.flow(importCsv, exportCsv), fileError,
                Controls.heading("STATISTICS"), stats);
    }

    private void updateStats(Dataset2D d) {
        stats.getChildren().clear();
        int r = 0;
        stats.addRow(r++, Controls.label("count", "stat-name"), Controls.label(Integer.toString(d.size()), "stat-value"));
        if (!d.hasUnitWeights()) {
            stats.addRow(r++, Controls.label("total weight", "stat-name"), Controls.label(num(d.totalWeight()), "stat-value"));
        }
        if (d.isEmpty()) {
            spread.setEllipses(List.of());
            return;
        }
        double[] m = d.mean();
        double[][] c = d.covariance();
        stats.addRow(r++, Controls.label("mean", "stat-name"), Controls.label("(" + num(m[0]) + ", " + num(m[1]) + ")", "stat-value"));
        stats.addRow(r++, Controls.label("covariance", "stat-name"), Controls.label("⎡" + num(c[0][0]) + "  " + num(c[0][1]) + "⎤", "stat-value"));
        stats.addRow(r, new Label(""), Controls.label("⎣" + num(c[1][0]) + "  " + num(c[1][1]) + "⎦", "stat-value"));
        spread.setEllipses(List.of(
                EllipseLayer.Ellipse.ofCovariance(m[0], m[1], c[0][0], c[0][1], c[1][1], 1, MEAN_COLOUR),
                EllipseLayer.Ellipse.ofCovariance(m[0], m[1], c[0][0], c[0][1], c[1][1], 2, MEAN_COLOUR).withDashed(true)));
        spread.setLegendEntries(List.of(LegendEntry.line("mean, 1σ", MEAN_COLOUR),
                new LegendEntry("2σ", MEAN_COLOUR, LegendEntry.Kind.DASHED_LINE)));
    }

    /** Four significant digits, no float noise; scientific notation outside [0.001, 1e6). */
    static String num(double v) {
        double a = Math.abs(v);
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        if (a >= 1e-3 && a < 1e6) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    private void chooseImport() {
        FileChooser fc = csvChooser("Import points from CSV");
        File f = fc.showOpenDialog(plot.getScene().getWindow());
        if (f != null) {
            importFile(f.toPath());
        }
    }

    /**
     * Reads a CSV file on the compute pool; on success the data is replaced (one undo step),
     * on failure the message names the file, line and column and the data is left as it was.
     */
    public void importFile(Path file) {
        if (importJob != null) {
            importJob.cancel();
        }
        fileError.setText("");
        ComputeJob<?>[] self = new ComputeJob<?>[1];
        importJob = ComputeJob.<Dataset2D>builder("Reading " + file.getFileName(), progress -> {
                    long size = java.nio.file.Files.size(file);
                    return DataCsv.read(file, in -> new ProgressReader(in, size, progress));
                })
                .tracker(context.jobs())
                .onSuccess(d -> {
                    if (importJob != self[0]) {
                        return; // a newer import took over
                    }
                    vm.replace(d, "Imported " + d.size() + " points from " + file.getFileName());
                    fitView();
                })
                .onFailure(ex -> {
                    if (importJob != self[0]) {
                        return;
                    }
                    String msg = ex instanceof DataFormatException || ex instanceof IOException
                            ? ex.getMessage() : ex.toString();
                    fileError.setText("Not imported: " + msg + ". The data is unchanged.");
                    message.set("Import failed: " + msg);
                })
                .start(context.pool().executor(), context.uiExecutor());
        self[0] = importJob;
    }

    private void chooseExport() {
        FileChooser fc = csvChooser("Export points as CSV");
        fc.setInitialFileName("genlab-data.csv");
        File f = fc.showSaveDialog(plot.getScene().getWindow());
        if (f != null) {
            exportFile(f.toPath());
        }
    }

    /**
     * Writes the data as CSV (atomically) on the compute pool; the outcome shows in the status
     * bar, or under the file buttons.
     */
    public void exportFile(Path file) {
        Dataset2D data = vm.data();
        ComputeJob.<Void>builder("Writing " + file.getFileName(), progress -> {
                    DataCsv.write(data, file);
                    return null;
                })
                .tracker(context.jobs())
                .onSuccess(v -> {
                    fileError.setText("");
                    message.set("Exported " + data.size() + " points to " + file);
                })
                .onFailure(ex -> fileError.setText("Not exported: " + file + ": " + ex.getMessage()))
                .start(context.pool().executor(), context.uiExecutor());
    }

    /** The last file error shown, or empty (for tests). */
    public String fileError() {
        return fileError.getText();
    }

    private static FileChooser csvChooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV (x,y[,weight])", "*.csv"));
        return fc;
    }

}
