package org.genlab.ui.vae;

import org.genlab.ui.topic.PaneView;
import org.genlab.ui.plot.Curves;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.genlab.compute.ComputeJob;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.genlab.core.vae.ElboTerms;
import org.genlab.core.vae.Shapes;
import org.genlab.core.vae.Vae;
import org.genlab.core.vae.VaeData;
import org.genlab.core.vae.VaeFile;
import org.genlab.core.vae.VaeSettings;
import org.genlab.core.vae.VaeTrainer;
import org.genlab.ui.plot.CanvasRegion;
import org.genlab.ui.plot.Colormaps;
import org.genlab.ui.plot.EllipseLayer;
import org.genlab.ui.plot.ImageLayer;
import org.genlab.ui.plot.LegendEntry;
import org.genlab.ui.plot.LineChart;
import org.genlab.ui.plot.PanMode;
import org.genlab.ui.plot.PathLayer;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.RasterImage;
import org.genlab.ui.plot.ScatterLayer;
import org.genlab.ui.shell.Shortcut;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.ParamForm;
import org.genlab.ui.topic.TopicContext;

/**
 * A trained VAE's latent space (issue 9, the picture a lecturer puts on the screen): the encoded
 * means of the data coloured by a known factor, one-standard-deviation posterior ellipses of the
 * items picked, the decoding of the point under the pointer, the interpolation between two
 * picked items, an optional mosaic of decodings over the latent plane, and live training with
 * the ELBO's two terms charted. The shipped model (shapes, latent 2, β = 1) is shown at start,
 * so a lecture needs no waiting; Train starts a fresh model with the settings of the form.
 *
 * <p>Training runs as a job on the pool; every quarter second it posts the terms, every second a
 * snapshot of the model with the shown items' encodings (a snapshot encodes and decodes while
 * training goes on). Decoding one z under the pointer costs tens of microseconds, so it is done
 * on the FX thread, within the frame.
 */
final class LatentView extends PaneView {
    /** Items encoded and drawn (a sample of the data set: enough to see the structure, cheap to re-encode). */
    static final int SHOWN = 2000;
    /** Points of the two-moons data set, when the data pane's are not used. */
    static final int TWO_MOONS_N = 1000;
    /** The latent plane drawn: [−SPAN, SPAN]². */
    static final double SPAN = 3.2;
    /** Decodings per side of the mosaic, and between two picked items. */
    static final int MOSAIC = 15, INTERPOLATION = 9;
    private static final int IMAGE_PX = 120, STRIP_PX = 30;
    private static final double PICK_PX = 14;
    private static final int[] PICK_COLOURS = {Curves.VERMILLION, Curves.BLUE};

    private final PlotCanvas latentPlot = Curves.plot("z₁", "z₂");
    private final ImageLayer mosaicLayer = new ImageLayer();
    private final ScatterLayer meansLayer;
    private final EllipseLayer posteriors = new EllipseLayer();
    private final PathLayer interpolationPath = new PathLayer();
    private final ScatterLayer pickDots = new ScatterLayer();
    private final ScatterLayer hoverDot = new ScatterLayer();
    private final PlotCanvas dataPlot = Curves.plot("x₁", "x₂");
    private final ScatterLayer dataLayer;
    private final ScatterLayer decodedLayer;
    private final ScatterLayer dataHover = new ScatterLayer();
    private final ImageView hoverImage = pixelView(IMAGE_PX);
    private final ImageView[] pickOriginal = {pixelView(64), pixelView(64)};
    private final ImageView[] pickDecoded = {pixelView(64), pixelView(64)};
    private final javafx.scene.layout.FlowPane strip = new javafx.scene.layout.FlowPane(3, 3);
    private final VBox[] pickBoxes = new VBox[2];
    private final Label stripLabel = Controls.wrapped("Click two encoded points to see the decodings between them.", "hint");
    private final Label hoverLabel = Controls.label("Point at the latent plane", "hint");
    private final LineChart curves = new LineChart();
    private final LineChart.Series negElboSeries = curves.addSeries("−ELBO", Curves.BLACK);
    private final LineChart.Series reconSeries = curves.addSeries("reconstruction", Curves.BLUE);
    private final LineChart.Series klSeries = curves.addSeries("KL", Curves.ORANGE);
    private final StackPane topRight = new StackPane();
    private final VBox imagesBox = new VBox(6);
    private final Label readout = Controls.wrapped("", "stat-value");
    private final Button trainButton;

    private Shapes shapes;
    private Dataset2D points;
    private Dataset2D customPoints;
    private VaeData data;
    private int[] shown = new int[0];
    private VaeData shownData;
    private Vae vae;
    private String modelLabel = "";
    private Vae.Encodings encodings;
    private VaeTrainer trainer;
    private ComputeJob<VaeTrainer> training;
    private final List<Integer> picks = new ArrayList<>();
    private long modelToken;

    LatentView(TopicContext context, ParamForm form, Consumer<String> message) {
        super("latent", context, form, message);
        meansLayer = new ScatterLayer(context.pool());
        dataLayer = new ScatterLayer(context.pool());
        decodedLayer = new ScatterLayer(context.pool());
        latentPlot.setEqualAspect(true);
        latentPlot.setPanMode(PanMode.SECONDARY);
        latentPlot.setFocusTraversable(true);
        posteriors.setLegendEntries(List.of(LegendEntry.line("q(z | x) ± 1 sd of a picked item", Curves.VERMILLION)));
        hoverDot.setOutline(0xFFFFFFFF);
        pickDots.setOutline(0xFFFFFFFF);
        latentPlot.getLayers().addAll(mosaicLayer, meansLayer, posteriors, interpolationPath, pickDots, hoverDot);
        latentPlot.addEventHandler(MouseEvent.MOUSE_MOVED, this::onHover);
        latentPlot.addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClick);
        dataLayer.setLegendEntries(List.of(LegendEntry.point("data x", Curves.GREY)));
        decodedLayer.setLegendEntries(List.of(LegendEntry.point("decoded prior samples E[x | z]", Curves.ORANGE)));
        dataHover.setLegendEntries(List.of(LegendEntry.point("decoding at the pointer", Curves.VERMILLION)));
        dataHover.setOutline(0xFFFFFFFF);
        dataPlot.getLayers().addAll(dataLayer, decodedLayer, dataHover);
        dataPlot.setEqualAspect(true);
        // a small plot: the colours are named in the title rather than in a legend over the data
        dataPlot.setLegendVisible(false);
        dataPlot.setTitle("grey: data · orange: decoded z ~ N(0, I)");
        curves.setLabels(null, "epoch", null);
        curves.setSnapToInteger(false);
        curves.setMinHeight(120);

        HBox picked = new HBox(6);
        for (int k = 0; k < 2; k++) {
            VBox pair = new VBox(2, label(k == 0 ? "A: item" : "B: item", PICK_COLOURS[k]), pickOriginal[k], label("decoded", PICK_COLOURS[k]),
                    pickDecoded[k]);
            pickBoxes[k] = pair;
            picked.getChildren().add(pair);
        }
        VBox hover = new VBox(2, hoverLabel, hoverImage);
        javafx.scene.layout.FlowPane images = new javafx.scene.layout.FlowPane(12, 6, hover, picked);
        images.setMinSize(0, 0);
        imagesBox.getChildren().addAll(images, stripLabel, strip);
        imagesBox.setPadding(new Insets(6));
        topRight.getChildren().setAll(imagesBox);
        strip.setAlignment(Pos.CENTER_LEFT);
        // the pictures wrap and the column clips rather than widen the figure past the window
        for (javafx.scene.layout.Region r : new javafx.scene.layout.Region[] {imagesBox, topRight, strip}) {
            r.setMinSize(0, 0);
        }
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(topRight.widthProperty());
        clip.heightProperty().bind(topRight.heightProperty());
        topRight.setClip(clip);

        GridPane figure = Curves.grid(new double[] {60, 40}, new double[] {100});
        VBox rightColumn = new VBox(6, topRight, curves);
        rightColumn.setMinWidth(0);
        curves.setMinWidth(0);
        latentPlot.setMinSize(200, 200);
        VBox.setVgrow(topRight, Priority.ALWAYS);
        VBox.setVgrow(curves, Priority.ALWAYS);
        figure.add(latentPlot, 0, 0);
        figure.add(rightColumn, 1, 0);
        setFigure(figure, latentPlot, dataPlot, curves);
        latentPlot.setPrefSize(560, 560);
        dataPlot.setPrefSize(360, 300);
        curves.setPrefSize(360, 220);

        trainButton = Controls.toggle("Train", "Pause", "Train a fresh VAE with these settings in the background; press again "
                + "to pause, again to go on", this::toggleTraining);
        trainButton.setId("vae-train");
        Button reset = Controls.button("Reset", "Forget the training and show the shipped model (shapes, latent 2, β = 1) or an "
                + "untrained one", () -> resetModel("Reset"));
        Button clear = Controls.button("Clear picks", "Forget the picked items", this::clearPicks);
        Button useData = Controls.button("Use the data pane's data", "Train on the 2-D points made in the data pane",
                () -> useData(context.sharedData().get()));
        controls.getChildren().addAll(Controls.flow(trainButton, reset, clear), readout, useData);
    }

    private static Label label(String text, int argb) {
        Label l = new Label(text);
        l.setStyle(String.format(Locale.ROOT, "-fx-text-fill: #%06x; -fx-font-weight: bold", argb & 0xFFFFFF));
        return l;
    }

    private static ImageView pixelView(int size) {
        ImageView v = new ImageView();
        v.setFitWidth(size);
        v.setFitHeight(size);
        v.setSmooth(false);
        v.setPreserveRatio(true);
        v.setStyle("-fx-border-color: #888");
        return v;
    }

    // ---- the view contract ----------------------------------------------------------------------




    @Override
    public List<CanvasRegion> canvases() {
        return isImages() ? List.of(latentPlot, curves) : List.of(latentPlot, dataPlot, curves);
    }

    @Override
    public String readout() {
        return readout.getText() + "\n" + stripLabel.getText() + "\n" + hoverLabel.getText();
    }

    /** The model shown (for tests). */
    Vae model() {
        return vae;
    }

    /** The encodings of the shown items, or null before the first (for tests). */
    Vae.Encodings encodings() {
        return encodings;
    }

    /** Indices into the data set of the shown items (for tests). */
    int[] shownItems() {
        return shown.clone();
    }

    /** The Shapes behind the image data set, or null for points (for tests). */
    Shapes shapes() {
        return isImages() ? shapes : null;
    }

    /** The decodings between the two picks (for tests). */
    int interpolationSize() {
        return strip.getChildren().size();
    }

    /** The image under the pointer (for tests). */
    WritableImage hoverPicture() {
        return (WritableImage) hoverImage.getImage();
    }

    /** The chart's −ELBO series (for tests). */
    LineChart.Series negElbo() {
        return negElboSeries;
    }

    /** The trainer, or null (for tests). */
    VaeTrainer trainer() {
        return trainer;
    }

    private boolean isImages() {
        return choice("data").equals("shapes");
    }

    private int latentDim() {
        return (int) integer("latent-dim");
    }

    private boolean disposed;

    @Override
    public void stop() {
        if (training != null) {
            training.cancel();
        }
    }

    @Override
    public void dispose() {
        disposed = true;
        stop();
        invalidate();
    }

    @Override
    public void refresh(String changed) {
        mosaicWanted = (Boolean) form.value("mosaic");
        if (changed == null && data != null && vae != null && configuration().equals(shownConfiguration)) {
            redrawAll(true);
            return;
        }
        if (changed == null || changed.equals("data") || changed.equals("seed") || changed.equals("latent-dim")
                || changed.equals("beta")) {
            resetModel(changed == null ? "The latent space" : "New " + changed);
            return;
        }
        switch (changed) {
            // with a 1-D latent the colour factor is also the vertical axis
            case "colour" -> redrawAll(latentDim() == 1);
            case "mosaic" -> {
                if (mosaicWanted && mosaic == null && vae != null && training == null) {
                    Vae m = vae;
                    compute("the decoded grid", () -> mosaicOf(m), r -> {
                        if (m == vae) {
                            mosaic = r;
                            showMosaic();
                        }
                    });
                }
                showMosaic();
            }
            case "epochs" -> say("Press Train: a fresh VAE trains for " + integer("epochs") + " epochs.");
            default -> redrawAll(false);
        }
    }

    /** Adopts the data pane's data as the points data set. */
    boolean useData(Dataset2D d) {
        if (d.isEmpty()) {
            say("The data set is empty: the VAE keeps its data.");
            return true;
        }
        customPoints = d;
        form.setValue("data", "points");
        resetModel("New data (" + d.size() + " points)");
        return true;
    }

    // ---- data and model -----------------------------------------------------------------------------

    /** A data set with the sample of its items that is drawn. */
    private record Built(Shapes shapes, Dataset2D points, VaeData data, int[] shown, VaeData shownData) {
    }

    /**
     * The data set of the settings (any thread): the shapes from the seed (the previous ones
     * again if the seed is the same), or the points; and a fixed, seeded sample of its items.
     */
    private static Built buildData(boolean images, long seed, Shapes previous, Dataset2D custom) {
        Shapes sh = null;
        Dataset2D pts = null;
        VaeData d;
        if (images) {
            sh = previous != null && previous.seed() == seed ? previous : Shapes.generate(Shapes.DEFAULT_N, seed);
            d = sh.data();
        } else {
            pts = custom != null ? custom : Preset.TWO_MOONS.generate(TWO_MOONS_N, Preset.TWO_MOONS.defaultNoise(), seed);
            d = VaeData.of(pts, custom != null ? "data pane" : "two-moons");
        }
        int n = d.size(), k = Math.min(SHOWN, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Rng rng = Rng.forStream(seed, 17);
        for (int i = 0; i < k; i++) {
            int j = i + (int) (rng.nextDouble() * (n - i));
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] shownItems = java.util.Arrays.copyOf(order, k);
        float[][] rows = new float[k][];
        for (int i = 0; i < k; i++) {
            rows[i] = d.row(shownItems[i]);
        }
        return new Built(sh, pts, d, shownItems, VaeData.of(d.name(), rows));
    }

    /** What the model shown depends on; a change of any of these starts again. */
    private String configuration() {
        return choice("data") + "|" + seed() + "|" + latentDim() + "|" + real("beta") + "|" + System.identityHashCode(customPoints);
    }

    private String shownConfiguration = "";

    private VaeSettings settings() {
        VaeSettings base = isImages() ? VaeSettings.IMAGES : VaeSettings.POINTS;
        return base.withLatent(latentDim()).withBeta(real("beta")).withEpochs((int) integer("epochs")).withSeed(seed());
    }

    /** Stops training, rebuilds the data, and shows the shipped model where it fits, else an untrained one. */
    private void resetModel(String why) {
        resetModel(why, null);
    }

    /**
     * Stops training, rebuilds the data, and shows {@code restored}'s model with its picks,
     * pointer, curves and readout, or (null) the shipped model where it fits, else an untrained one.
     */
    private void resetModel(String why, Restored restored) {
        if (training != null) {
            training.cancel();
            training = null;
        }
        trainer = null;
        status = null;
        trainButton.setText("Train");
        picks.clear();
        negElboSeries.clear();
        reconSeries.clear();
        klSeries.clear();
        curves.setLabels("Loss (press Train)", "epoch", null);
        hovered = false;
        hover = null;
        restoredSteps = 0;
        restoredModel = null;
        shownSteps = 0;
        shownConfiguration = configuration();
        // until the new data and model arrive together nothing old is drawn or can be pointed at
        vae = null;
        encodings = null;
        mosaic = null;
        meansLayer.setPoints(new double[0], new double[0], 0, 3);
        posteriors.setEllipses(List.of());
        pickDots.setPoints(new double[0], new double[0], 0, 3);
        interpolationPath.setPaths(List.of());
        mosaicLayer.setImage(null, 0, 0, 0, 0);
        strip.getChildren().clear();
        // images: the decodings at the pointer, of the picks and between them; points: the data plane
        topRight.getChildren().setAll(isImages() ? imagesBox : dataPlot);
        long token = ++modelToken;
        boolean images = isImages();
        boolean builtIn = images && latentDim() == 2 && real("beta") == 1.0;
        VaeSettings s = settings();
        long seed = seed();
        Shapes previous = shapes;
        Dataset2D custom = customPoints;
        compute("the model", () -> {
            Built b = buildData(images, seed, previous, custom);
            Vae m;
            String label;
            if (restored != null) {
                m = restored.vae();
                label = restored.label();
            } else if (builtIn) {
                try {
                    m = VaeFile.loadBuiltIn();
                    label = "the shipped model (shapes, latent 2, β = 1)";
                } catch (java.io.IOException e) {
                    m = new VaeTrainer(b.data(), s).vae();
                    label = "an untrained model (the shipped one did not load: " + e.getMessage() + ")";
                }
            } else {
                m = new VaeTrainer(b.data(), s).vae();
                label = "an untrained model: press Train";
            }
            // the JVM's first decode loads the vector kernels (about 0.1 s): not on the FX thread
            m.decode(new float[m.latentDim()]);
            return new Object[] {b, new Snapshot(m, m.encode(b.shownData(), context.pool().executor(), 2), label, mosaicOf(m),
                    restored == null ? 0 : restored.steps())};
        }, out -> {
            if (token == modelToken) {
                Built b = (Built) out[0];
                Snapshot snap = (Snapshot) out[1];
                if (b.shapes() != null) {
                    shapes = b.shapes();
                }
                points = b.points();
                data = b.data();
                shown = b.shown();
                shownData = b.shownData();
                modelLabel = snap.label;
                if (restored != null) {
                    showRestored(snap, restored);
                } else {
                    show(snap, true);
                }
                say(why + ": showing " + snap.label + ".");
            }
        });
    }

    /** A model with the encodings of the shown items and, for a 2-D latent, its mosaic. */
    private record Snapshot(Vae vae, Vae.Encodings encodings, String label, RasterImage mosaic, int steps) {
    }

    /** Shows a model; the view goes home only for a new model, not for training's snapshots (a pan stays). */
    private void show(Snapshot s, boolean home) {
        boolean first = encodings == null || picks.isEmpty() && !hovered;
        shownSteps = s.steps();
        vae = s.vae();
        encodings = s.encodings();
        if (s.mosaic() != null || home) {
            mosaic = s.mosaic();
        }
        if (first && picks.isEmpty()) {
            pickDefaults();
        }
        redrawAll(home);
        if (!hovered) {
            hoverAt(0, 0);
        }
    }

    /** Whether the pointer has been over the plane (until then the decoding at z = 0 is shown). */
    private boolean hovered;
    /** The latent point last pointed at, or null. */
    private double[] hover;
    /** The training steps behind the model shown (0: the shipped or an untrained model). */
    private int shownSteps;
    /** A model restored from a state file and its steps: Train (or a seek past them) goes on from it. */
    private Vae restoredModel;
    private int restoredSteps;

    /** Everything of a state file beyond the parameters, checked, to show once the data are built. */
    private record Restored(Vae vae, String label, int steps, List<Integer> picks, double[] hover, double[] epochs, double[] negElbo,
            double[] reconstruction, double[] kl, Status status) {
    }

    /** The most points of custom data a state file may hold. */
    static final int MAX_STATE_POINTS = 1_000_000;
    /** The largest model blob a state file may hold (the shipped model is about 1 MB). */
    static final int MAX_MODEL_BYTES = 8 << 20;

    /**
     * Beyond the parameters: the data pane's points when they are the data ({@code data},
     * inline), the model shown ({@code model}: {@link VaeFile} bytes, inlined even for the
     * shipped model so a state file stands alone; about 1.3 MB of base64 for a shapes model, a
     * few tens of kB for points), its label and training steps, the picked pair, the latent
     * point under the pointer if it was over the plane, the training curves and the training
     * readout. The data set, the encodings, the mosaic and the decodings are recomputed from
     * the seed and the model, bit for bit. While Train runs, the model is that of the newest
     * snapshot shown. Nothing is written while the first model is still loading.
     */
    @Override
    public void saveState(org.genlab.core.state.StateWriter extras) {
        if (!isImages() && customPoints != null) {
            extras.points("data", customPoints);
        }
        Vae m = vae;
        if (m == null) {
            return;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            VaeFile.write(m, bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
        extras.bytes("model", bytes.toByteArray());
        extras.put("label", modelLabel);
        extras.put("steps", shownSteps);
        extras.put("picks", picks.stream().mapToLong(Integer::longValue).toArray());
        if (hovered && hover != null) {
            extras.put("hover", hover.clone());
        }
        int n = negElboSeries.size();
        if (n > 0) {
            double[] ep = new double[n], ne = new double[n], re = new double[n], kl = new double[n];
            for (int i = 0; i < n; i++) {
                ep[i] = negElboSeries.x(i);
                ne[i] = negElboSeries.y(i);
                re[i] = reconSeries.y(i);
                kl[i] = klSeries.y(i);
            }
            extras.object("curves").put("epoch", ep).put("neg-elbo", ne).put("reconstruction", re).put("kl", kl);
        }
        Status st = status;
        if (st != null) {
            org.genlab.core.state.StateWriter w = extras.object("status");
            w.put("epoch", st.epoch()).put("epochs", st.epochs()).put("beta", st.beta()).put("steps-per-second", st.stepsPerSecond());
            if (st.last() != null) {
                w.object("last").put("neg-elbo", st.last().negElbo()).put("reconstruction", st.last().reconstruction())
                        .put("kl", st.last().kl());
            }
            if (st.failure() != null) {
                w.put("failure", st.failure());
            }
        }
    }

    /**
     * Restores what {@link #saveState} wrote, after the parameters. Checks everything first: the
     * points (only with {@code params.data = points}), that the model is a VAE of the latent
     * size, input, likelihood and β the parameters say, that the picks are shown items, the
     * curves' lengths and the readout's numbers; then builds the data and shows the model with
     * them, without training. Train afterwards goes on from the restored weights and steps with
     * fresh optimisers (see {@link VaeTrainer}); a seek before the restored steps starts again
     * from the seed, as it does on any pane.
     */
    @Override
    public void restoreState(org.genlab.core.state.StateReader extras) throws org.genlab.core.state.StateException {
        extras.only("data", "model", "label", "steps", "picks", "hover", "curves", "status");
        String at = extras.path() + ".";
        boolean images = isImages();
        Dataset2D d = null;
        if (extras.has("data")) {
            if (images) {
                throw new org.genlab.core.state.StateException(at + "data", "a data set is given, but params.data is shapes, not points");
            }
            d = extras.points("data", MAX_STATE_POINTS);
            if (d.isEmpty()) {
                throw new org.genlab.core.state.StateException(at + "data", "the data set is empty");
            }
        }
        if (!extras.has("model")) {
            for (String k : List.of("label", "steps", "picks", "hover", "curves", "status")) {
                if (extras.has(k)) {
                    throw new org.genlab.core.state.StateException(at + k, "given without a model");
                }
            }
            if (d != null) {
                customPoints = d;
                resetModel("State restored (" + d.size() + " points)");
            }
            return;
        }
        Vae m;
        try {
            m = VaeFile.read(new java.io.ByteArrayInputStream(extras.bytes("model", MAX_MODEL_BYTES)));
        } catch (java.io.IOException e) {
            throw new org.genlab.core.state.StateException(at + "model", "not a VAE model: " + e.getMessage());
        }
        VaeSettings s = settings();
        int inputs = images ? Shapes.PIXELS : 2;
        if (m.latentDim() != latentDim()) {
            throw new org.genlab.core.state.StateException(at + "model", "a model with a latent of size " + m.latentDim()
                    + ", but params.latent-dim is " + latentDim());
        }
        if (m.inputDim() != inputs || m.likelihood() != s.likelihood()) {
            throw new org.genlab.core.state.StateException(at + "model", "a model of " + m.inputDim() + " inputs with a "
                    + m.likelihood().id() + " decoder, but params.data " + choice("data") + " takes " + inputs + " with a "
                    + s.likelihood().id() + " one");
        }
        if (m.beta() != real("beta")) {
            throw new org.genlab.core.state.StateException(at + "model", "a model trained with β = " + m.beta() + ", but params.beta is "
                    + real("beta"));
        }
        String label = extras.text("label", 2000);
        int steps = (int) extras.integer("steps", 0, Integer.MAX_VALUE);
        int n = images ? Shapes.DEFAULT_N : d != null ? d.size() : TWO_MOONS_N;
        int count = Math.min(SHOWN, n);
        long[] pk = extras.integers("picks", 2, 0, count - 1);
        List<Integer> picked = new ArrayList<>();
        for (int k = 0; k < pk.length; k++) {
            if (picked.contains((int) pk[k])) {
                throw new org.genlab.core.state.StateException(at + "picks[" + k + "]", "item " + pk[k] + " is picked twice");
            }
            picked.add((int) pk[k]);
        }
        double[] hv = null;
        if (extras.has("hover")) {
            hv = extras.reals("hover", 2, -1e6, 1e6);
            if (hv.length != 2) {
                throw new org.genlab.core.state.StateException(at + "hover", "expected the two coordinates of a latent point, found "
                        + hv.length + " numbers");
            }
        }
        double[] ep = new double[0], ne = ep, re = ep, kl = ep;
        if (extras.has("curves")) {
            org.genlab.core.state.StateReader c = extras.object("curves");
            c.only("epoch", "neg-elbo", "reconstruction", "kl");
            ep = c.reals("epoch", 1_000_000, 0, 1e9);
            ne = c.reals("neg-elbo", 1_000_000, -1e300, 1e300);
            re = c.reals("reconstruction", 1_000_000, -1e300, 1e300);
            kl = c.reals("kl", 1_000_000, -1e300, 1e300);
            String[] names = {"neg-elbo", "reconstruction", "kl"};
            double[][] ys = {ne, re, kl};
            for (int k = 0; k < 3; k++) {
                if (ys[k].length != ep.length) {
                    throw new org.genlab.core.state.StateException(c.path() + "." + names[k], ys[k].length + " values, but epoch has "
                            + ep.length);
                }
            }
            for (int i = 1; i < ep.length; i++) {
                if (ep[i] < ep[i - 1]) {
                    throw new org.genlab.core.state.StateException(c.path() + ".epoch[" + i + "]", "the epochs must not decrease");
                }
            }
        }
        Status st = null;
        if (extras.has("status")) {
            org.genlab.core.state.StateReader w = extras.object("status");
            w.only("epoch", "epochs", "beta", "steps-per-second", "last", "failure");
            ElboTerms last = null;
            if (w.has("last")) {
                org.genlab.core.state.StateReader l = w.object("last");
                l.only("neg-elbo", "reconstruction", "kl");
                last = new ElboTerms(l.real("neg-elbo", -1e300, 1e300), l.real("reconstruction", -1e300, 1e300),
                        l.real("kl", -1e300, 1e300));
            }
            st = new Status(w.real("epoch", 0, 1e9), (int) w.integer("epochs", 1, 1_000_000), w.real("beta", 0, 1e6), last,
                    w.real("steps-per-second", 0, 1e12), w.has("failure") ? w.text("failure", 2000) : null);
        }
        // everything fits: now change the view
        if (d != null) {
            customPoints = d;
        }
        resetModel("State restored", new Restored(m, label, steps, picked, hv, ep, ne, re, kl, st));
    }

    /** Shows a restored model exactly as it was saved: its picks (none if none), pointer, curves and readout. */
    private void showRestored(Snapshot s, Restored r) {
        vae = s.vae();
        encodings = s.encodings();
        mosaic = s.mosaic();
        shownSteps = r.steps();
        restoredModel = s.vae();
        restoredSteps = r.steps();
        picks.clear();
        picks.addAll(r.picks());
        hovered = r.hover() != null;
        hover = r.hover();
        negElboSeries.setData(r.epochs(), r.negElbo());
        reconSeries.setData(r.epochs(), r.reconstruction());
        klSeries.setData(r.epochs(), r.kl());
        if (r.epochs().length > 0) {
            curves.setLabels(null, "epoch", null);
        }
        status = r.status();
        redrawAll(true);
        if (hovered) {
            hoverAt(hover[0], hover[1]);
        } else {
            hoverAt(0, 0);
        }
    }

    /**
     * A trainer going on from the model restored from a state file, if it is still the one
     * shown, its steps are at most {@code maxSteps} and short of the plan, and its networks fit
     * the settings; else null (once asked, the restored model is forgotten as a start).
     */
    private VaeTrainer resumed(VaeSettings s, int maxSteps) {
        Vae m = restoredModel;
        int steps = restoredSteps;
        restoredModel = null;
        restoredSteps = 0;
        if (m == null || m != vae || steps == 0 || steps > maxSteps) {
            return null;
        }
        try {
            VaeTrainer tr = new VaeTrainer(data, s, m, steps, context.pool().executor(), Math.max(1, context.pool().size() - 1));
            return tr.remaining() > 0 ? tr : null;
        } catch (IllegalArgumentException e) {
            return null; // another architecture (the shipped model, say): Train starts afresh
        }
    }

    /**
     * Two items to start with, so the figure shows an interpolation before anyone clicks: the
     * shown items with the smallest and the largest first latent coordinate.
     */
    private void pickDefaults() {
        int lo = 0, hi = 0;
        for (int i = 0; i < encodings.size(); i++) {
            if (encodings.means()[i][0] < encodings.means()[lo][0]) {
                lo = i;
            }
            if (encodings.means()[i][0] > encodings.means()[hi][0]) {
                hi = i;
            }
        }
        if (lo != hi) {
            picks.clear();
            picks.add(lo);
            picks.add(hi);
        }
    }

    private RasterImage mosaic;
    /** The Decoded grid flag, read by the training thread when it takes a snapshot. */
    private volatile boolean mosaicWanted;

    private void redrawAll(boolean home) {
        if (vae == null) {
            return;
        }
        double lo = -SPAN, hi = SPAN;
        if (latentDim() == 2) {
            latentPlot.setHome(lo, hi, lo, hi);
            latentPlot.setAxisLabels("z₁", "z₂");
        } else {
            latentPlot.setHome(lo, hi, -0.6, colourRange()[1] + 0.6);
            latentPlot.setAxisLabels("z", choice("colour") + " (jittered)");
        }
        latentPlot.setEqualAspect(latentDim() == 2);
        if (home) {
            latentPlot.resetView();
        }
        showMeans();
        showMosaic();
        showPicks();
        if (!isImages()) {
            showDataSpace();
        }
        showReadout();
    }

    // ---- drawing ----------------------------------------------------------------------------------

    /**
     * Training steps, 0 (an untrained model from the seed) to the planned epochs' steps: the
     * latent space taking shape. A seek trains the pane's trainer on to that step (or starts a
     * fresh one from the seed if it is past it, or its settings changed), so the same seed gives
     * the same frames, and Train afterwards goes on from there.
     */
    @Override
    public java.util.Optional<org.genlab.ui.topic.PaneTime> time() {
        if (data == null) {
            return java.util.Optional.empty();
        }
        int perEpoch = (int) Math.ceil(data.size() / (double) Math.max(1, settings().batch()));
        int planned = Math.max(1, settings().epochs() * perEpoch);
        return java.util.Optional.of(new org.genlab.ui.topic.PaneTime("training step", 0, planned, planned, true,
                t -> seekTraining((int) Math.round(t))).withNow(() -> shownSteps));
    }

    private CompletableFuture<Void> seekTraining(int k) {
        if (training != null && !training.isDone()) {
            training.cancel();
        }
        VaeSettings s = settings();
        if (trainer == null) {
            trainer = resumed(s, k);
        }
        if (trainer == null || !trainer.settings().equals(s) || trainer.stepsDone() > k || trainer.failed()) {
            trainer = new VaeTrainer(data, s, context.pool().executor(), Math.max(1, context.pool().size() - 1));
            status = null;
            negElboSeries.clear();
            reconSeries.clear();
            klSeries.clear();
        }
        VaeTrainer tr = trainer;
        VaeData shownRows = shownData;
        long token = ++modelToken;
        compute("training step " + k, () -> {
            int todo = k - tr.stepsDone();
            ElboTerms[] terms = todo > 0 ? tr.step(todo) : new ElboTerms[0];
            double ne = 0, re = 0, kl = 0;
            for (ElboTerms e : terms) {
                ne += e.negElbo();
                re += e.reconstruction();
                kl += e.kl();
            }
            int n = Math.max(1, terms.length);
            Vae m = tr.vae();
            Snapshot snap = new Snapshot(m, m.encode(shownRows, context.pool().executor(), 2), "training step " + k, mosaicOf(m),
                    tr.stepsDone());
            return new Object[] {snap, Status.of(tr), tr.epoch(), terms.length, ne / n, re / n, kl / n};
        }, out -> {
            if (token != modelToken || tr != trainer) {
                return;
            }
            modelLabel = "training step " + k;
            show((Snapshot) out[0], false);
            if ((int) out[3] > 0) {
                showTerms(tr, (Status) out[1], (double) out[2], (double) out[4], (double) out[5], (double) out[6]);
            }
        });
        return whenSettled();
    }

    /**
     * The encoded items: the index of each in the data set, the mean and log-variance of
     * q(z | x) per latent dimension, and its known factors (images) or coordinates (points).
     */
    @Override
    public List<org.genlab.core.io.CsvTable> tables() {
        Vae.Encodings e = encodings;
        if (e == null || shown.length == 0) {
            return List.of();
        }
        int d = e.means()[0].length;
        List<String> cols = new ArrayList<>(List.of("item"));
        for (int j = 1; j <= d; j++) {
            cols.add("mu" + j);
        }
        for (int j = 1; j <= d; j++) {
            cols.add("logvar" + j);
        }
        List<String> known = isImages() ? Shapes.FACTOR_NAMES : List.of("x", "y");
        cols.addAll(known);
        List<double[]> rows = new ArrayList<>(shown.length);
        for (int i = 0; i < shown.length && i < e.size(); i++) {
            double[] r = new double[cols.size()];
            int c = 0;
            r[c++] = shown[i];
            for (int j = 0; j < d; j++) {
                r[c++] = shortest(e.means()[i][j]);
            }
            for (int j = 0; j < d; j++) {
                r[c++] = shortest(e.logVars()[i][j]);
            }
            for (String f : known) {
                r[c++] = isImages() ? shapes.factor(shown[i], f) : f.equals("x") ? points.x(shown[i]) : points.y(shown[i]);
            }
            rows.add(r);
        }
        return List.of(new org.genlab.core.io.CsvTable("latent", "encoded means and log-variances of " + rows.size() + " items",
                cols, rows));
    }

    /** A float as the double of its shortest decimal (0.1f as 0.1, not 0.10000000149011612): it reads back to the same float. */
    private static double shortest(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    /** The colour factor of item i of the data set, and the factor's range. */
    private double factor(int i) {
        String c = choice("colour");
        if (isImages()) {
            return shapes.factor(i, c);
        }
        return c.equals("y") ? points.y(i) : points.x(i);
    }

    private double[] colourRange() {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i : shown) {
            double f = factor(i);
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    private boolean categorical() {
        return isImages() && choice("colour").equals("kind");
    }

    private int colourOf(int item, double[] range) {
        double f = factor(item);
        if (categorical()) {
            return Colormaps.category(new int[] {0, 4, 5}[(int) f]);
        }
        return Colormaps.VIRIDIS.argb(range[1] > range[0] ? (f - range[0]) / (range[1] - range[0]) : 0.5);
    }

    /** The shown items at their encoded means, coloured by the chosen factor. */
    private void showMeans() {
        if (encodings == null) {
            return;
        }
        int n = shown.length;
        double[] xs = new double[n], ys = new double[n];
        int[] colours = new int[n];
        double[] radius = new double[n];
        double[] range = colourRange();
        Rng jitter = new Rng(5);
        for (int i = 0; i < n; i++) {
            xs[i] = encodings.means()[i][0];
            ys[i] = latentDim() == 2 ? encodings.means()[i][1] : factor(shown[i]) + (categorical() ? 0.25 : 0.03 * (range[1] - range[0]))
                    * (jitter.nextDouble() * 2 - 1);
            colours[i] = (colourOf(shown[i], range) & 0x00FFFFFF) | 0xCC000000;
            radius[i] = 3;
        }
        meansLayer.setPoints(xs, ys, colours, radius);
        List<LegendEntry> legend = new ArrayList<>();
        if (categorical()) {
            for (int k = 0; k < Shapes.KIND_NAMES.size(); k++) {
                legend.add(LegendEntry.point(Shapes.KIND_NAMES.get(k), Colormaps.category(new int[] {0, 4, 5}[k])));
            }
        } else {
            legend.add(LegendEntry.point(String.format(Locale.ROOT, "%s = %.2f", choice("colour"), range[0]), Colormaps.VIRIDIS.argb(0)));
            legend.add(LegendEntry.point(String.format(Locale.ROOT, "%s = %.2f", choice("colour"), range[1]), Colormaps.VIRIDIS.argb(1)));
        }
        meansLayer.setLegendEntries(legend);
    }

    /** Decodings of a MOSAIC × MOSAIC grid over the plane, as one raster (images, latent 2). */
    private static RasterImage mosaicOf(Vae m) {
        if (m.latentDim() != 2 || m.inputDim() != Shapes.PIXELS) {
            return null;
        }
        float[][] zs = new float[MOSAIC * MOSAIC][];
        for (int r = 0; r < MOSAIC; r++) {
            for (int c = 0; c < MOSAIC; c++) {
                // row 0 of the raster is the top of the plane: z₂ = +SPAN
                zs[r * MOSAIC + c] = new float[] {(float) (-SPAN + (c + 0.5) * 2 * SPAN / MOSAIC),
                    (float) (SPAN - (r + 0.5) * 2 * SPAN / MOSAIC)};
            }
        }
        float[][] dec = m.decode(zs);
        int side = MOSAIC * Shapes.SIDE;
        int[] px = new int[side * side];
        for (int r = 0; r < MOSAIC; r++) {
            for (int c = 0; c < MOSAIC; c++) {
                float[] img = dec[r * MOSAIC + c];
                for (int y = 0; y < Shapes.SIDE; y++) {
                    for (int x = 0; x < Shapes.SIDE; x++) {
                        // lighter than the pictures on the right, so the encoded points stay visible on top
                        int g = 255 - (int) Math.round(0.55 * (255 - grey(img[y * Shapes.SIDE + x])));
                        // faint grid lines between tiles
                        if (x == 0 || y == 0) {
                            g = Math.min(g, 225);
                        }
                        px[(r * Shapes.SIDE + y) * side + c * Shapes.SIDE + x] = 0xFF000000 | g << 16 | g << 8 | g;
                    }
                }
            }
        }
        return new RasterImage(side, side, px);
    }

    /** Pixel value v in [0, 1] (1: shape) as a grey level: the shape dark on white. */
    private static int grey(float v) {
        return 255 - Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    private void showMosaic() {
        boolean on = (Boolean) form.value("mosaic") && mosaic != null && latentDim() == 2;
        mosaicLayer.setImage(on ? mosaic : null, -SPAN, SPAN, -SPAN, SPAN);
        if ((Boolean) form.value("mosaic") && !isImages()) {
            say("The decoded grid is for images; with points, the decodings are drawn in the data plot.");
        }
    }

    private static WritableImage picture(float[] img) {
        WritableImage w = new WritableImage(Shapes.SIDE, Shapes.SIDE);
        for (int y = 0; y < Shapes.SIDE; y++) {
            for (int x = 0; x < Shapes.SIDE; x++) {
                int g = grey(img[y * Shapes.SIDE + x]);
                w.getPixelWriter().setArgb(x, y, 0xFF000000 | g << 16 | g << 8 | g);
            }
        }
        return w;
    }

    private float[] zAt(double x, double y) {
        return latentDim() == 2 ? new float[] {(float) x, (float) y} : new float[] {(float) x};
    }

    private void onHover(MouseEvent e) {
        if (vae == null) {
            return;
        }
        Point2D w = latentPlot.screenToWorld(e.getX(), e.getY());
        pointAt(w.getX(), w.getY());
    }

    /** The pointer at latent point (x, y): its decoding is shown, and kept in a state file. */
    void pointAt(double x, double y) {
        hovered = true;
        hover = new double[] {x, y};
        hoverAt(x, y);
    }

    /** Decodes the latent point (x, y) (y ignored for a 1-D latent) and shows it. */
    void hoverAt(double x, double y) {
        float[] z = zAt(x, y);
        float[] dec = vae.decode(z);
        hoverDot.setPoints(new double[] {x}, new double[] {latentDim() == 2 ? y : latentPlot.getViewport().ymin() + 0.2},
                Curves.BLACK, 6);
        String at = latentDim() == 2 ? String.format(Locale.ROOT, "z = (%.2f, %.2f)", x, y) : String.format(Locale.ROOT, "z = %.2f", x);
        if (isImages()) {
            hoverImage.setImage(picture(dec));
            hoverLabel.setText("decoded at " + at);
        } else {
            dataHover.setPoints(new double[] {dec[0]}, new double[] {dec[1]}, Curves.VERMILLION, 8);
            hoverLabel.setText(String.format(Locale.ROOT, "E[x | %s] = (%.2f, %.2f)", at, dec[0], dec[1]));
        }
    }

    private void onClick(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress() || encodings == null) {
            return;
        }
        latentPlot.requestFocus();
        int i = meansLayer.nearestPoint(latentPlot.getViewport(), e.getX(), e.getY(), PICK_PX);
        if (i < 0) {
            return;
        }
        pick(i);
    }

    /** Picks shown item i (an index into the shown items); a third pick replaces the older one. */
    void pick(int i) {
        if (picks.contains(i)) {
            return;
        }
        if (picks.size() == 2) {
            picks.remove(0);
        }
        picks.add(i);
        showPicks();
    }

    private void clearPicks() {
        picks.clear();
        showPicks();
    }

    /** Posterior ellipses, originals and reconstructions of the picks, and the interpolation between them. */
    private void showPicks() {
        List<EllipseLayer.Ellipse> ellipses = new ArrayList<>();
        double[] px = new double[picks.size()], py = new double[picks.size()];
        int[] pc = new int[picks.size()];
        double[] pr = new double[picks.size()];
        for (int k = 0; k < 2; k++) {
            pickOriginal[k].setImage(null);
            pickDecoded[k].setImage(null);
            pickBoxes[k].setVisible(k < picks.size() && isImages());
        }
        for (int k = 0; k < picks.size(); k++) {
            int i = picks.get(k);
            float[] m = encodings.means()[i], lv = encodings.logVars()[i];
            double y = latentDim() == 2 ? m[1] : meansLayer.y(i);
            double v2 = latentDim() == 2 ? Math.exp(lv[1]) : 1e-6;
            ellipses.add(EllipseLayer.Ellipse.ofCovariance(m[0], y, Math.exp(lv[0]), 0, v2, 1, PICK_COLOURS[k]).withLineWidth(2.5));
            px[k] = m[0];
            py[k] = y;
            pc[k] = PICK_COLOURS[k];
            pr[k] = 7;
            if (isImages()) {
                pickOriginal[k].setImage(picture(shownData.row(i)));
                pickDecoded[k].setImage(picture(vae.decode(m)));
            }
        }
        posteriors.setEllipses(ellipses);
        pickDots.setPoints(px, py, pc, pr);
        strip.getChildren().clear();
        if (picks.size() == 2) {
            float[] a = encodings.means()[picks.get(0)], b = encodings.means()[picks.get(1)];
            double[] lx = new double[INTERPOLATION], ly = new double[INTERPOLATION];
            List<double[]> decodedPoints = new ArrayList<>();
            for (int s = 0; s < INTERPOLATION; s++) {
                double t = (double) s / (INTERPOLATION - 1);
                float[] z = new float[a.length];
                for (int d = 0; d < z.length; d++) {
                    z[d] = (float) ((1 - t) * a[d] + t * b[d]);
                }
                lx[s] = z[0];
                ly[s] = latentDim() == 2 ? z[1] : (1 - t) * py[0] + t * py[1];
                float[] dec = vae.decode(z);
                if (isImages()) {
                    ImageView v = pixelView(STRIP_PX);
                    v.setImage(picture(dec));
                    strip.getChildren().add(v);
                } else {
                    decodedPoints.add(new double[] {dec[0], dec[1]});
                }
            }
            interpolationPath.setPaths(List.of(PathLayer.Path.of(lx, ly, Curves.BLACK, 2).withDashes(6, 4)));
            stripLabel.setText("From A to B in " + (INTERPOLATION - 1) + " equal steps of z:");
        } else {
            interpolationPath.setPaths(List.of());
            stripLabel.setText(picks.isEmpty() ? "Click two encoded points to see the decodings between them."
                    : "Click a second point to see the decodings between them.");
        }
    }

    /** Points: the data, and decodings of prior samples (the model's idea of the data's shape). */
    private void showDataSpace() {
        dataLayer.setPoints(points.xs(), points.ys(), 0x88777777, 3);
        Rng rng = Rng.forStream(seed(), 23);
        int n = 500;
        float[][] zs = new float[n][latentDim()];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < latentDim(); d++) {
                zs[i][d] = (float) rng.nextGaussian();
            }
        }
        float[][] dec = vae.decode(zs);
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = dec[i][0];
            ys[i] = dec[i][1];
        }
        decodedLayer.setPoints(xs, ys, 0xCCE69F00, 3);
        Dataset2D.Bounds b = points.bounds();
        double pad = 0.15 * Math.max(b.width(), b.height()) + 0.1;
        dataPlot.setHome(b.minX() - pad, b.maxX() + pad, b.minY() - pad, b.maxY() + pad);
        dataPlot.resetView();
    }

    /**
     * The trainer's state, read on the training thread between steps and posted: the trainer's
     * getters share its lock with step(), so the FX thread asking them would wait for a batch.
     */
    private record Status(double epoch, int epochs, double beta, ElboTerms last, double stepsPerSecond, String failure) {
        static Status of(VaeTrainer tr) {
            return new Status(tr.epoch(), tr.settings().epochs(), tr.settings().beta(), tr.lastTerms(), tr.stepsPerSecond(),
                    tr.failure());
        }
    }

    private Status status;

    private void showReadout() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s, %d items (%d drawn); latent %d%n", isImages() ? "shapes" : data.name() + " points",
                data.size(), shown.length, vae.latentDim()));
        Status st = status;
        if (st == null) {
            s.append("Model: ").append(modelLabel);
        } else {
            ElboTerms t = st.last();
            s.append(String.format(Locale.ROOT, "epoch %.2f of %d, β = %s%n", st.epoch(), st.epochs(), fmt(st.beta())));
            if (t != null) {
                s.append(String.format(Locale.ROOT, "−ELBO %.2f = reconstruction %.2f + β·KL %.2f (KL %.2f)%n%.0f steps/s",
                        t.negElbo(), t.reconstruction(), st.beta() * t.kl(), t.kl(), st.stepsPerSecond()));
            }
            if (st.failure() != null) {
                s.append("\nstopped: ").append(st.failure());
            }
        }
        readout.setText(s.toString());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    // ---- training -----------------------------------------------------------------------------------

    private void toggleTraining() {
        if (training != null && !training.isDone()) {
            training.cancel();
            return;
        }
        if (vae == null) {
            say("The model is still loading.");
            return;
        }
        VaeSettings s = settings();
        if (trainer == null && (trainer = resumed(s, Integer.MAX_VALUE)) != null) {
            modelLabel = "training";
        } else if (trainer == null || !trainer.settings().equals(s) || trainer.remaining() == 0 || trainer.failed()) {
            trainer = new VaeTrainer(data, s, context.pool().executor(), Math.max(1, context.pool().size() - 1));
            status = null;
            negElboSeries.clear();
            reconSeries.clear();
            klSeries.clear();
            modelLabel = "training";
        }
        VaeTrainer tr = trainer;
        VaeData shownRows = shownData;
        Executor ui = context.uiExecutor();
        trainButton.setText("Pause");
        long token = ++modelToken;
        training = ComputeJob.<VaeTrainer>builder("Training the VAE", progress -> {
                    long lastTerms = 0, lastModel = System.nanoTime();
                    double ne = 0, re = 0, kl = 0;
                    int count = 0;
                    while (tr.remaining() > 0 && !progress.isCancelled() && !tr.failed()) {
                        for (ElboTerms t : tr.step(Math.min(5, tr.remaining()))) {
                            ne += t.negElbo();
                            re += t.reconstruction();
                            kl += t.kl();
                            count++;
                        }
                        long now = System.nanoTime();
                        if (count > 0 && (now - lastTerms > 250_000_000L || tr.remaining() == 0)) {
                            lastTerms = now;
                            double e = tr.epoch(), a = ne / count, b = re / count, c = kl / count;
                            ne = re = kl = 0;
                            count = 0;
                            Status st = Status.of(tr);
                            ui.execute(() -> showTerms(tr, st, e, a, b, c));
                            progress.report(Math.min(1, e / tr.settings().epochs()),
                                    String.format(Locale.ROOT, "epoch %.1f of %d", e, tr.settings().epochs()));
                        }
                        if (now - lastModel > 1_000_000_000L || tr.remaining() == 0) {
                            lastModel = now;
                            Vae m = tr.vae();
                            Snapshot snap = new Snapshot(m, m.encode(shownRows, null, 1), "training", mosaicWanted ? mosaicOf(m) : null,
                                    tr.stepsDone());
                            ui.execute(() -> {
                                if (token == modelToken && tr == trainer) {
                                    show(snap, false);
                                }
                            });
                        }
                    }
                    return tr;
                })
                .tracker(context.jobs())
                .onSuccess(this::trainingStopped)
                .onFailure(e -> {
                    if (tr == trainer) {
                        trainButton.setText("Train");
                        say("Training failed: " + e.getMessage());
                    }
                })
                .onCancelled(() -> trainingStopped(tr))
                .start(context.pool().executor(), ui);
        say("Training a VAE on " + (isImages() ? "the shapes" : "the points") + " with β = " + fmt(s.beta()) + "...");
    }

    private void showTerms(VaeTrainer tr, Status st, double epoch, double negElbo, double recon, double kl) {
        if (tr != trainer) {
            return;
        }
        status = st;
        curves.setLabels(null, "epoch", null);
        negElboSeries.add(epoch, negElbo);
        reconSeries.add(epoch, recon);
        klSeries.add(epoch, kl);
        showReadout();
    }

    private void trainingStopped(VaeTrainer tr) {
        if (tr != trainer) {
            return; // a run that was reset away: the button belongs to the newer one
        }
        trainButton.setText("Train");
        status = Status.of(tr); // the job has ended: the lock is free
        if (disposed) {
            return;
        }
        Vae m = tr.vae();
        long token = ++modelToken;
        VaeData shownRows = shownData;
        int steps = tr.stepsDone();
        compute("the trained model", () -> new Snapshot(m, m.encode(shownRows, context.pool().executor(), 2), "trained", mosaicOf(m),
                        steps),
                snap -> {
                    if (token == modelToken) {
                        modelLabel = "trained";
                        show(snap, false);
                    }
                });
        say(tr.failed() ? "Training stopped: " + tr.failure() + ". The last good model is kept."
                : tr.remaining() == 0 ? "Training finished after " + tr.epochsDone() + " epochs."
                : "Training paused at epoch " + String.format(Locale.ROOT, "%.1f", tr.epoch()) + ": press Train to go on.");
    }

    @Override
    public boolean onShortcut(Shortcut s) {
        switch (s) {
            case PLAY_PAUSE -> toggleTraining();
            case RESET -> resetModel("Reset");
            default -> {
                return false;
            }
        }
        return true;
    }
}
