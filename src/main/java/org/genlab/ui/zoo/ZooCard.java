package org.genlab.ui.zoo;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.genlab.compute.ComputePool;
import org.genlab.core.em.Mixture;
import org.genlab.core.zoo.DensityKind;
import org.genlab.core.zoo.SampleTrace;
import org.genlab.core.zoo.ZooGrid;
import org.genlab.core.zoo.ZooKind;
import org.genlab.ui.plot.ColorScale;
import org.genlab.ui.plot.Colormaps;
import org.genlab.ui.plot.EllipseLayer;
import org.genlab.ui.plot.Field2D;
import org.genlab.ui.plot.HeatmapLayer;
import org.genlab.ui.plot.PathLayer;
import org.genlab.ui.plot.Painter;
import org.genlab.ui.plot.PlotCanvas;
import org.genlab.ui.plot.ScatterLayer;
import org.genlab.ui.plot.TextLayer;

/**
 * One model's card in the zoo: its density as a heatmap, its samples, optionally its training
 * data and one sample traced stage by stage, and the text that says what the model learns, how
 * it gets p(x), how it samples and what kind of number its density is. FX thread only.
 */
final class ZooCard {
    static final int SAMPLE_FILL = 0x99FFFFFF, SAMPLE_LINE = 0x00000000, DATA = 0xFF000000, TRACE = 0xFFD55E00,
            PICKED = 0xFF56B4E9, ELLIPSE = 0xFFE69F00;

    /** The lowest density shaded, relative to the card's highest. */
    static final double DECADES = 1e-3;

    final ZooKind kind;
    final PlotCanvas plot = new PlotCanvas();
    private final VBox node = new VBox(3);
    private final javafx.scene.layout.BorderPane body = new javafx.scene.layout.BorderPane();
    private final VBox words = new VBox(3);
    private final Label title = new Label();
    private final Label badge = new Label();
    private final Label status = new Label();
    private final Label text = new Label();
    private final HeatmapLayer heat;
    private final ScatterLayer dataLayer;
    private final ScatterLayer sampleLayer;
    private final EllipseLayer ellipses = new EllipseLayer();
    private final PathLayer gridLines = new PathLayer();
    private final PathLayer tracePaths = new PathLayer();
    private final EllipseLayer traceRings = new EllipseLayer();
    private final ScatterLayer traceDot;
    private final TextLayer traceNumbers = new TextLayer();
    private boolean enlarged;
    /** The data's window (the plot's home), which sizes the trace's marks. */
    private ZooGrid window;
    private String summary = "";
    private String densityLabel = "";
    private List<String> captions = List.of();

    ZooCard(ZooKind kind, ComputePool pool, Runnable onClick) {
        this.kind = kind;
        heat = new HeatmapLayer(pool);
        dataLayer = new ScatterLayer(pool);
        sampleLayer = new ScatterLayer(pool);
        traceDot = new ScatterLayer(pool);
        sampleLayer.setOutline(SAMPLE_LINE);
        traceDot.setOutline(0xFFFFFFFF);
        ellipses.setCentreMarkers(false);
        for (var layer : List.of(heat, gridLines, dataLayer, sampleLayer, ellipses, tracePaths, traceRings, traceDot, traceNumbers)) {
            plot.addLayer(layer);
        }
        plot.setEqualAspect(true);
        plot.setGridVisible(false);
        plot.setMinSize(120, 100);
        plot.setPrefSize(320, 220);
        VBox.setVgrow(plot, Priority.ALWAYS);
        plot.setId("zoo-card-" + kind.id());
        title.setText(kind.title());
        title.getStyleClass().add("zoo-card-title");
        badge.getStyleClass().add("zoo-badge");
        status.getStyleClass().add("zoo-card-status");
        text.getStyleClass().add("zoo-card-text");
        text.setWrapText(false);
        text.setMinHeight(Region.USE_PREF_SIZE);
        status.setWrapText(false);
        plot.setAxesVisible(false);
        node.setMinSize(0, 0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        title.setMinWidth(0);
        HBox head = new HBox(6, title, gap, badge);
        words.getChildren().addAll(status, text);
        body.setCenter(plot);
        body.setBottom(words);
        VBox.setVgrow(body, Priority.ALWAYS);
        node.getChildren().addAll(head, body);
        node.getStyleClass().add("zoo-card");
        node.setPadding(new Insets(4));
        node.setOnMouseClicked(e -> onClick.run());
        Tooltip.install(node, new Tooltip(kind.title() + "\nLearns: " + kind.learned() + "\np(x): " + kind.density()
                + "\nSampling: " + kind.sampling() + "\nClick to enlarge; click again (or choose Model: all) to go back."));
        status.setText("waiting to be fitted");
        setBadge(null);
        refreshText();
    }

    javafx.scene.layout.Region node() {
        return node;
    }

    /** The enlarged card shows the colour bar and its text in full size. */
    void setEnlarged(boolean on) {
        enlarged = on;
        heat.setColorBar(on);
        text.setWrapText(on);
        status.setWrapText(on);
        body.setBottom(null);
        body.setRight(null);
        if (on) {
            words.setPrefWidth(380);
            words.setMaxWidth(380);
            words.setPadding(new Insets(0, 0, 0, 12));
            body.setRight(words);
        } else {
            words.setPrefWidth(Region.USE_COMPUTED_SIZE);
            words.setMaxWidth(Double.MAX_VALUE);
            words.setPadding(Insets.EMPTY);
            body.setBottom(words);
        }
        node.getStyleClass().remove("zoo-card-enlarged");
        if (on) {
            node.getStyleClass().add("zoo-card-enlarged");
        }
        plot.setAxesVisible(on);
        refreshText();
    }

    void setView(ZooGrid g) {
        window = g;
        plot.setHome(g.xmin(), g.xmax(), g.ymin(), g.ymax());
        plot.setView(g.xmin(), g.xmax(), g.ymin(), g.ymax());
    }

    void setBadge(DensityKind k) {
        badge.setText(k == null ? "" : switch (k) {
            case EXACT -> "exact";
            case BOUND -> "lower bound";
            case ESTIMATE -> "estimate";
        });
        badge.getStyleClass().removeAll("zoo-badge-exact", "zoo-badge-bound", "zoo-badge-estimate");
        if (k != null) {
            badge.getStyleClass().add("zoo-badge-" + k.id());
        }
    }

    /** A progress or failure line; failures are styled so they stand out. */
    void setStatus(String line, boolean failure) {
        status.setText(line);
        status.getStyleClass().remove("zoo-card-failure");
        if (failure) {
            status.getStyleClass().add("zoo-card-failure");
        }
    }

    String status() {
        return status.getText();
    }

    String text() {
        return text.getText();
    }

    void setSummary(String s, String density) {
        summary = s;
        densityLabel = density;
        refreshText();
    }

    /** Clears what the last model drew (a failed fit shows nothing old). */
    void clear() {
        heat.setField(null);
        sampleLayer.setPoints(new double[0], new double[0], SAMPLE_FILL, 2);
        ellipses.setEllipses(List.of());
        gridLines.setPaths(List.of());
        setTrace(null, false);
        setBadge(null);
        summary = "";
        refreshText();
    }

    void setDensity(ZooGrid g, double[] logDensity) {
        double[] p = new double[logDensity.length];
        double max = 0;
        for (int i = 0; i < p.length; i++) {
            double v = Math.exp(logDensity[i]);
            p[i] = Double.isFinite(v) ? v : 0;
            max = Math.max(max, p[i]);
        }
        // three decades on a log scale: a sharp model's thin ridges and a smooth one's shoulders both show
        heat.setColorScale(max > 0 ? ColorScale.auto(Colormaps.VIRIDIS).withLog(true).withRange(max * DECADES, max)
                : ColorScale.auto(Colormaps.VIRIDIS));
        Field2D inside = Field2D.ofGrid(g.columns(), g.rows(), p);
        // nothing is computed outside the grid: shade it as the lowest colour, not the border held out
        heat.setField((x, y) -> x < g.xmin() || x > g.xmax() || y < g.ymin() || y > g.ymax() ? 0 : inside.value(x, y));
    }

    void setDensityVisible(boolean on) {
        heat.setVisible(on);
    }

    void setSamples(double[][] s, boolean visible) {
        double[] xs = new double[s.length], ys = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            xs[i] = s[i][0];
            ys[i] = s[i][1];
        }
        sampleLayer.setPoints(xs, ys, SAMPLE_FILL, s.length > 3000 ? 1.0 : enlarged ? 2.0 : 1.4);
        sampleLayer.setVisible(visible);
    }

    void setSamplesVisible(boolean on) {
        sampleLayer.setVisible(on);
    }

    void setData(double[] xs, double[] ys, boolean visible) {
        dataLayer.setPoints(xs, ys, DATA, xs.length > 3000 ? 1.2 : 1.8);
        dataLayer.setVisible(visible);
    }

    void setDataVisible(boolean on) {
        dataLayer.setVisible(on);
    }

    /** The mixture card's 2-sd ellipses. */
    void setMixture(Mixture m) {
        List<EllipseLayer.Ellipse> list = new ArrayList<>();
        for (int z = 0; z < m.k(); z++) {
            EllipseLayer.Ellipse e = EllipseLayer.Ellipse.ofCovariance(m.meanX(z), m.meanY(z), m.covXX(z), m.covXY(z), m.covYY(z), 2, ELLIPSE);
            list.add(new EllipseLayer.Ellipse(e.cx(), e.cy(), e.rx(), e.ry(), e.angle(), ELLIPSE, 1.2, false, 0));
        }
        ellipses.setEllipses(list);
    }

    /** The flow card's warped grid (polylines in data space). */
    void setWarpedGrid(List<double[][]> lines, boolean visible) {
        List<PathLayer.Path> paths = new ArrayList<>();
        for (double[][] l : lines) {
            paths.add(PathLayer.Path.of(l[0], l[1], 0x99FFFFFF, 1));
        }
        gridLines.setPaths(paths);
        gridLines.setVisible(visible);
    }

    void setGridVisible(boolean on) {
        gridLines.setVisible(on);
    }

    /** One sample's stages: numbered marks, the paths between them and, on the card, their captions. */
    void setTrace(SampleTrace t, boolean visible) {
        List<PathLayer.Path> paths = new ArrayList<>();
        List<EllipseLayer.Ellipse> rings = new ArrayList<>();
        List<TextLayer.Label> numbers = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        double[] dot = null;
        if (t != null) {
            // sized by the data's window, not by the plot's present viewport: the same trace draws the
            // same marks whether it came before or after the card was laid out or enlarged (a restored state)
            var v = plot.getViewport();
            double xmin = window != null ? window.xmin() : v.xmin(), xmax = window != null ? window.xmax() : v.xmax();
            double ymin = window != null ? window.ymin() : v.ymin(), ymax = window != null ? window.ymax() : v.ymax();
            double span = Math.max(xmax - xmin, ymax - ymin);
            int k = 1;
            for (SampleTrace.Stage s : t.stages()) {
                caps.add(k + ". " + s.caption());
                if (s.pathX().length > 1) {
                    paths.add(PathLayer.Path.of(s.pathX(), s.pathY(), TRACE, 2.5));
                }
                double lx = s.x(), ly = s.y();
                switch (s.mark()) {
                    case VERTICAL_LINE -> {
                        paths.add(new PathLayer.Path(new double[] {s.x(), s.x()}, new double[] {ymin - span, ymax + span}, TRACE, 2,
                                new double[] {6, 4}, PathLayer.Marker.NONE, PathLayer.Marker.NONE));
                        ly = ymax - 0.06 * span;
                    }
                    case PICKED -> rings.add(EllipseLayer.Ellipse.circle(s.x(), s.y(), 0.03 * span, PICKED));
                    case LATENT -> rings.add(EllipseLayer.Ellipse.circle(s.x(), s.y(), 0.03 * span, PICKED).withDashed(true));
                    case SAMPLE -> dot = new double[] {s.x(), s.y()};
                }
                numbers.add(new TextLayer.Label(lx + 0.045 * span, ly + 0.045 * span, String.valueOf(k), 0xFFFFFFFF, 13,
                        Painter.HAlign.CENTER, Painter.VAlign.CENTER, true));
                k++;
            }
        }
        tracePaths.setPaths(paths);
        traceRings.setEllipses(rings);
        traceDot.setPoints(dot == null ? new double[0] : new double[] {dot[0]}, dot == null ? new double[0] : new double[] {dot[1]},
                TRACE, 6);
        traceNumbers.setLabels(numbers);
        captions = List.copyOf(caps);
        setTraceVisible(visible);
    }

    void setTraceVisible(boolean on) {
        for (var l : List.of(tracePaths, traceRings, traceDot, traceNumbers)) {
            l.setVisible(on);
        }
        traceShown = on;
        refreshText();
    }

    private boolean traceShown;

    /** The stage captions of the trace shown (for tests and the enlarged card). */
    List<String> captions() {
        return captions;
    }

    private void refreshText() {
        StringBuilder b = new StringBuilder();
        if (enlarged) {
            b.append("What is learned: ").append(kind.learned()).append("\n\n");
            b.append("Density: ").append(kind.density()).append("\n\n");
            b.append("Sampling: ").append(kind.sampling());
        } else {
            b.append("Learns: ").append(kind.briefLearned()).append('\n');
            b.append("p(x): ").append(kind.briefDensity()).append('\n');
            b.append("Sample: ").append(kind.briefSampling());
        }
        if (enlarged && !densityLabel.isEmpty()) {
            b.append("\n\n").append("Shaded: ").append(densityLabel);
        }
        if (enlarged && !summary.isEmpty()) {
            b.append("\n\n").append(summary);
        }
        if (traceShown && !captions.isEmpty()) {
            if (enlarged) {
                b.append("\n\nOne sample, stage by stage:");
                captions.forEach(c -> b.append('\n').append(c));
            } else {
                b.append("\nOne sample, stage by stage: ").append(String.join(" → ", captions));
            }
        }
        text.setText(b.toString());
    }
}
