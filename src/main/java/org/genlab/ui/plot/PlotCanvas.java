package org.genlab.ui.plot;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * A resizable 2-D plot: background, grid, axes, the {@link PlotLayer}s in order, then the legend.
 *
 * <p><b>Redraw</b>: {@link #requestRedraw()} (safe from any thread) marks the plot dirty and
 * schedules a single redraw on the FX thread; further requests before it runs are coalesced.
 * Layers' repaint listeners are wired to it automatically.
 *
 * <p><b>Mouse</b>: by default ({@link PanMode#ANY_BUTTON}) dragging pans, the wheel zooms about
 * the cursor, and a primary double-click without dragging resets to the home view. An editor
 * takes over the primary button with {@code setPanMode(PanMode.SECONDARY)} (pan with right or
 * middle drag, or Shift + left drag) and adds its own handlers to this node, converting positions
 * with {@link #screenToWorld}. The canvas's own handlers are ordinary event handlers on this
 * region, so an editor can also suppress any built-in gesture by consuming the event in an event
 * filter ({@code addEventFilter}) on this node.
 */
public class PlotCanvas extends CanvasRegion {
    private static final double WHEEL_ZOOM_PER_PIXEL = 1.0025;

    private final ObservableList<PlotLayer> layers = FXCollections.observableArrayList();
    /** The layers of the latest frame, copied on the FX thread, for {@link #rastersPending} on the painting thread. */
    private volatile List<PlotLayer> painted = List.of();
    private final ReadOnlyObjectWrapper<Viewport> viewport;
    private double[] home = {-1, 1, -1, 1};
    private String title, xLabel, yLabel;
    private boolean gridVisible = true, legendVisible = true, zoomEnabled = true, axesVisible = true, yTicksVisible = true;
    private Legend.Corner legendCorner = Legend.Corner.TOP_RIGHT;
    private PanMode panMode = PanMode.ANY_BUTTON;

    // drag state
    private boolean panning, dragged;
    private double pressX, pressY;
    private Viewport pressViewport;

    /** A plot showing [-1, 1] x [-1, 1]. */
    public PlotCanvas() {
        viewport = new ReadOnlyObjectWrapper<>(this, "viewport",
                new Viewport(-1, 1, -1, 1, 600, 400, Axes.margins(false, false, false), false));
        getStyleClass().add("plot-canvas");
        setPrefSize(600, 400);
        setMinSize(80, 60);
        layers.addListener((ListChangeListener<PlotLayer>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(l -> l.setRepaintListener(null));
                c.getAddedSubList().forEach(l -> l.setRepaintListener(this::requestRedraw));
            }
            requestRedraw();
        });
        viewport.addListener((obs, o, n) -> requestRedraw());
        updateMargins(); // at the current presentation scale
        installMouse();
    }

    // ---- layers and state ------------------------------------------------------------------

    /** @return the live layer list, painted first to last */
    public ObservableList<PlotLayer> getLayers() {
        return layers;
    }

    /** Appends a layer. */
    public void addLayer(PlotLayer layer) {
        layers.add(layer);
    }

    /** Removes a layer. */
    public void removeLayer(PlotLayer layer) {
        layers.remove(layer);
    }

    /** @return the current viewport */
    public Viewport getViewport() {
        return viewport.get();
    }

    /** @return the viewport property; changes on every pan, zoom, resize or {@link #setView} */
    public ReadOnlyObjectProperty<Viewport> viewportProperty() {
        return viewport.getReadOnlyProperty();
    }

    /** Shows a world rectangle (keeps the screen size). */
    public void setView(double xmin, double xmax, double ymin, double ymax) {
        viewport.set(getViewport().withWorld(xmin, xmax, ymin, ymax));
    }

    /** Sets the home world rectangle and shows it. */
    public void setHome(double xmin, double xmax, double ymin, double ymax) {
        home = new double[] {xmin, xmax, ymin, ymax};
        resetView();
    }

    /** Shows the home world rectangle again. */
    public void resetView() {
        setView(home[0], home[1], home[2], home[3]);
    }

    /** Same pixels per world unit on both axes (expands the shorter range to fit). */
    public void setEqualAspect(boolean equal) {
        viewport.set(getViewport().withEqualAspect(equal));
    }

    /** Sets an optional title (null for none). */
    public void setTitle(String title) {
        this.title = title;
        updateMargins();
    }

    /** Sets optional axis labels (null for none). */
    public void setAxisLabels(String xLabel, String yLabel) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        updateMargins();
    }

    private void updateMargins() {
        double k = FigureStyle.current().scale();
        viewport.set(getViewport().withMargins(axesVisible ? Axes.margins(title != null, xLabel != null, yLabel != null, k)
                : new Viewport.Margins(4, 4, 4, 4)));
        requestRedraw();
    }

    /**
     * Shows or hides the frame, ticks and their labels; without them the plot area fills the
     * whole region (for thumbnails).
     */
    public void setAxesVisible(boolean visible) {
        axesVisible = visible;
        updateMargins();
    }

    /** Shows or hides the y axis's ticks and their labels (turn the grid off too, or its lines stay). */
    public void setYTicksVisible(boolean visible) {
        yTicksVisible = visible;
        requestRedraw();
    }

    /** Shows or hides the grid lines. */
    public void setGridVisible(boolean visible) {
        gridVisible = visible;
        requestRedraw();
    }

    /** Shows or hides the legend. */
    public void setLegendVisible(boolean visible) {
        legendVisible = visible;
        requestRedraw();
    }

    /** Sets the legend corner. */
    public void setLegendCorner(Legend.Corner corner) {
        legendCorner = corner;
        requestRedraw();
    }

    /** Sets which gestures pan; see {@link PanMode}. */
    public void setPanMode(PanMode mode) {
        panMode = mode;
    }

    /** @return the pan mode */
    public PanMode getPanMode() {
        return panMode;
    }

    /** Enables or disables wheel zoom. */
    public void setZoomEnabled(boolean enabled) {
        zoomEnabled = enabled;
    }

    /** Pans by a screen offset, as a drag would. */
    public void pan(double dxPixels, double dyPixels) {
        viewport.set(getViewport().pan(dxPixels, dyPixels));
    }

    /** Zooms by {@code factor} (&gt; 1 in) keeping the world point under (sx, sy) fixed. */
    public void zoom(double factor, double sx, double sy) {
        viewport.set(getViewport().zoom(factor, sx, sy));
    }

    /** @return world coordinates of a position in this node's coordinates */
    public Point2D screenToWorld(double sx, double sy) {
        Viewport v = getViewport();
        return new Point2D(v.toWorldX(sx), v.toWorldY(sy));
    }

    /** @return this node's coordinates of a world position */
    public Point2D worldToScreen(double x, double y) {
        Viewport v = getViewport();
        return new Point2D(v.toScreenX(x), v.toScreenY(y));
    }

    /** @return the node to snapshot or export (this region) */
    public javafx.scene.layout.Region snapshotNode() {
        return this;
    }

    /**
     * Draws now, then completes when every layer's off-thread raster is up to date (a headless
     * render or an export waits on this), or exceptionally if one failed.
     */
    public java.util.concurrent.CompletableFuture<Void> whenSettled() {
        applyCss();
        layout();
        redrawNow();
        java.util.concurrent.CompletableFuture<?>[] all = layers.stream().filter(PlotLayer::isVisible)
                .map(PlotLayer::whenSettled).toArray(java.util.concurrent.CompletableFuture[]::new);
        return java.util.concurrent.CompletableFuture.allOf(all);
    }

    @Override
    protected Viewport currentViewport() {
        return getViewport();
    }

    /**
     * Paints the whole plot with any painter, e.g. a {@link Java2dPainter} for export. Raster
     * layers draw their latest finished raster.
     */
    @Override
    public void paint(Painter p, Viewport v) {
        frame(v).accept(p);
    }

    /**
     * The plot's settings and layer list as they are now; layers keep their state in immutable or
     * volatile fields, so they may paint on another thread.
     */
    @Override
    protected java.util.function.Consumer<Painter> frame(Viewport v) {
        List<PlotLayer> list = List.copyOf(layers);
        painted = list;
        boolean grid = gridVisible, axes = axesVisible, legendOn = legendVisible, yTicks = yTicksVisible;
        String t = title, xl = xLabel, yl = yLabel;
        Legend.Corner corner = legendCorner;
        FigureStyle style = FigureStyle.current();
        return p0 -> {
            Painter p = style.wrap(p0);
            Axes.paintBackground(p, v);
            if (grid) {
                Axes.paintGrid(p, v);
            }
            List<LegendEntry> legend = new ArrayList<>();
            for (PlotLayer layer : list) {
                if (layer.isVisible()) {
                    p.save();
                    layer.paint(p, v);
                    p.restore();
                    legend.addAll(layer.legendEntries());
                }
            }
            if (axes) {
                Axes.paintFrame(p, v, t, xl, yl, yTicks);
            }
            if (legendOn) {
                Legend.paint(p, v, legend, corner);
            }
        };
    }

    @Override
    protected long rastersPending() {
        long stamp = 0;
        int i = 0;
        for (PlotLayer layer : painted) {
            i++;
            long g = layer.isVisible() ? layer.pendingRaster() : 0;
            if (g != 0) {
                stamp = 31 * stamp + g * 1_000_003L + i; // which layers wait, for which requests
            }
        }
        return stamp;
    }

    /** The presentation scale changes the room the labels need: new margins, then a redraw. */
    @Override
    protected void styleChanged() {
        updateMargins();
    }

    @Override
    protected void resized(double width, double height) {
        viewport.set(getViewport().withSize(width, height));
    }

    // ---- mouse -------------------------------------------------------------------------------

    private boolean startsPan(MouseEvent e) {
        return switch (panMode) {
            case ANY_BUTTON -> true;
            case SECONDARY -> e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE
                    || (e.getButton() == MouseButton.PRIMARY && e.isShiftDown());
            case NONE -> false;
        };
    }

    private boolean resetsView(MouseEvent e) {
        return e.getClickCount() == 2 && !dragged && switch (panMode) {
            case ANY_BUTTON -> e.getButton() == MouseButton.PRIMARY;
            case SECONDARY -> e.getButton() == MouseButton.MIDDLE;
            case NONE -> false;
        };
    }

    private void installMouse() {
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragged = false;
            panning = startsPan(e);
            if (panning) {
                pressX = e.getX();
                pressY = e.getY();
                pressViewport = getViewport();
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (panning) {
                dragged = true;
                // pan from the press position so rounding does not accumulate
                viewport.set(pressViewport.pan(e.getX() - pressX, e.getY() - pressY));
                e.consume();
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> panning = false);
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (resetsView(e)) {
                resetView();
                e.consume();
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (zoomEnabled && e.getDeltaY() != 0) {
                // zoom factor = 1.0025^deltaY: one wheel notch (40 px) zooms by about 10%
                zoom(Math.pow(WHEEL_ZOOM_PER_PIXEL, e.getDeltaY()), e.getX(), e.getY());
                e.consume();
            }
        });
    }
}
