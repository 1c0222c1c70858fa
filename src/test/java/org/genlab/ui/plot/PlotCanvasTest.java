package org.genlab.ui.plot;

import org.genlab.testing.FxTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlotCanvasTest {
    private static final Executor DIRECT = Runnable::run;

    @BeforeAll
    static void fx() {
        FxTestSupport.start();
    }

    /** A 600x400 canvas in a scene, laid out. */
    private static PlotCanvas newCanvas() {
        return FxTestSupport.onFx(() -> {
            PlotCanvas c = new PlotCanvas();
            c.setHome(-3, 3, -3, 3);
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(c), 600, 400));
            stage.show();
            c.applyCss();
            c.layout();
            return c;
        });
    }

    private static WritableImage snapshot(PlotCanvas c) {
        FxTestSupport.drain(); // pending coalesced redraws
        FxTestSupport.drain(); // redraws requested by rasters published during the last one
        return FxTestSupport.onFx(() -> {
            c.redrawNow();
            return c.snapshotNode().snapshot(null, null);
        });
    }

    @Test
    void snapshotShowsPlottedPointsAndHeatmap() {
        PlotCanvas c = newCanvas();
        ScatterLayer small = new ScatterLayer(DIRECT);
        small.setPoints(new double[] {1}, new double[] {1}, 0xFFD55E00, 6);
        small.setLegendEntries(List.of(LegendEntry.point("data", 0xFFD55E00)));
        HeatmapLayer heat = new HeatmapLayer(DIRECT);
        heat.setField(GaussianMixtureField.ring8());
        FxTestSupport.onFx(() -> {
            c.addLayer(heat);
            c.addLayer(small);
        });
        WritableImage img = snapshot(c);
        Viewport v = c.getViewport();
        int px = (int) v.toScreenX(1), py = (int) v.toScreenY(1);
        assertThat(img.getPixelReader().getArgb(px, py)).isEqualTo(0xFFD55E00);
        // heatmap: the mixture is near zero at the origin (lowest viridis colour) and peaks on the ring
        int ox = (int) v.toScreenX(0), oy = (int) v.toScreenY(0);
        assertThat(img.getPixelReader().getArgb(ox, oy)).isEqualTo(0xFF440154);
        assertThat(heat.raster().current()).isNotNull();
    }

    @Test
    void largeScatterIsRasterisedOffThreadAndShown() {
        PlotCanvas c = newCanvas();
        ScatterLayer big = new ScatterLayer(DIRECT);
        int n = 5000;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -2 + 0.0001 * i;
            ys[i] = -2;
        }
        big.setPoints(xs, ys, 0xFF0072B2, 3);
        FxTestSupport.onFx(() -> c.addLayer(big));
        WritableImage img = snapshot(c);
        assertThat(big.raster().current()).isNotNull();
        Viewport v = c.getViewport();
        assertThat(img.getPixelReader().getArgb((int) v.toScreenX(-2), (int) v.toScreenY(-2))).isEqualTo(0xFF0072B2);
        assertThat(big.nearestPoint(v, v.toScreenX(-2), v.toScreenY(-2), 5)).isBetween(0, 20);
        assertThat(big.nearestPoint(v, 5, 5, 5)).isEqualTo(-1);
    }

    @Test
    void panAndZoomMethodsChangeTheViewport() {
        PlotCanvas c = newCanvas();
        FxTestSupport.onFx(() -> {
            Viewport before = c.getViewport();
            c.pan(60, 0);
            assertThat(c.getViewport().xmin()).isCloseTo(before.xmin() - 60 / before.scaleX(), within(1e-9));
            c.zoom(2, 300, 200);
            assertThat(c.getViewport().xmax() - c.getViewport().xmin())
                    .isCloseTo((before.xmax() - before.xmin()) / 2, within(1e-9));
            c.resetView();
            assertThat(c.getViewport().xmin()).isCloseTo(-3, within(1e-12));
        });
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y, MouseButton b,
                                    int clicks, boolean shift) {
        return new MouseEvent(type, x, y, x, y, b, clicks, shift, false, false, false,
                b == MouseButton.PRIMARY, b == MouseButton.MIDDLE, b == MouseButton.SECONDARY,
                false, false, true, null);
    }

    private static void drag(PlotCanvas c, MouseButton b, boolean shift, double dx) {
        Event.fireEvent(c, mouse(MouseEvent.MOUSE_PRESSED, 200, 200, b, 1, shift));
        Event.fireEvent(c, mouse(MouseEvent.MOUSE_DRAGGED, 200 + dx, 200, b, 1, shift));
        Event.fireEvent(c, mouse(MouseEvent.MOUSE_RELEASED, 200 + dx, 200, b, 1, shift));
    }

    @Test
    void mouseEventsPanZoomAndReset() {
        PlotCanvas c = newCanvas();
        FxTestSupport.onFx(() -> {
            Viewport v0 = c.getViewport();
            drag(c, MouseButton.PRIMARY, false, 50);
            assertThat(c.getViewport().toScreenX(v0.toWorldX(200))).isCloseTo(250, within(1e-9));

            double wx = c.getViewport().toWorldX(300), wy = c.getViewport().toWorldY(150);
            Event.fireEvent(c, new ScrollEvent(ScrollEvent.SCROLL, 300, 150, 300, 150, false, false, false, false,
                    false, false, 0, 40, 0, 40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                    ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
            assertThat(c.getViewport().xmax() - c.getViewport().xmin()).isLessThan(v0.xmax() - v0.xmin());
            assertThat(c.screenToWorld(300, 150).getX()).isCloseTo(wx, within(1e-9));
            assertThat(c.screenToWorld(300, 150).getY()).isCloseTo(wy, within(1e-9));

            Event.fireEvent(c, mouse(MouseEvent.MOUSE_PRESSED, 10, 10, MouseButton.PRIMARY, 2, false));
            Event.fireEvent(c, mouse(MouseEvent.MOUSE_RELEASED, 10, 10, MouseButton.PRIMARY, 2, false));
            Event.fireEvent(c, mouse(MouseEvent.MOUSE_CLICKED, 10, 10, MouseButton.PRIMARY, 2, false));
            assertThat(c.getViewport()).isEqualTo(v0);
        });
    }

    @Test
    void editorModeLeavesPrimaryButtonAlone() {
        PlotCanvas c = newCanvas();
        FxTestSupport.onFx(() -> {
            c.setPanMode(PanMode.SECONDARY);
            Viewport v0 = c.getViewport();
            drag(c, MouseButton.PRIMARY, false, 50);
            assertThat(c.getViewport()).isEqualTo(v0);
            drag(c, MouseButton.SECONDARY, false, 50);
            assertThat(c.getViewport()).isNotEqualTo(v0);
            Viewport v1 = c.getViewport();
            drag(c, MouseButton.PRIMARY, true, 30);
            assertThat(c.getViewport()).isNotEqualTo(v1);
            // an editor's event filter that consumes the press also prevents the built-in pan
            c.addEventFilter(MouseEvent.ANY, MouseEvent::consume);
            Viewport v2 = c.getViewport();
            drag(c, MouseButton.SECONDARY, false, 50);
            assertThat(c.getViewport()).isEqualTo(v2);
        });
    }

    @Test
    void redrawRequestsAreCoalesced() {
        PlotCanvas c = newCanvas();
        FxTestSupport.drain();
        long before = FxTestSupport.onFx(() -> {
            long n = c.getRedrawCount();
            for (int i = 0; i < 10; i++) {
                c.requestRedraw();
            }
            return n;
        });
        FxTestSupport.drain();
        assertThat(c.getRedrawCount()).isEqualTo(before + 1);
    }

    @Test
    void otherLayersPaintWithoutError() {
        PlotCanvas c = newCanvas();
        EllipseLayer el = new EllipseLayer();
        el.add(EllipseLayer.Ellipse.ofCovariance(0, 0, 1, 0.5, 0.5, 2, 0xFF0072B2).withDashed(true));
        VectorFieldLayer vf = new VectorFieldLayer();
        vf.setFunction((x, y, out) -> {
            out[0] = -y;
            out[1] = x;
        });
        PathLayer pl = new PathLayer();
        pl.add(PathLayer.Path.trajectory(new double[] {0, 1, Double.NaN, 2, 2.5}, new double[] {0, 1, 0, 0, 1},
                0xFFCC79A7, 2));
        TextLayer tl = new TextLayer();
        tl.add(TextLayer.Label.of(0, 2, "mode"));
        FxTestSupport.onFx(() -> {
            c.getLayers().addAll(List.of(el, vf, pl, tl));
            c.setTitle("Title");
            c.setAxisLabels("x", "y");
        });
        WritableImage img = snapshot(c);
        Viewport v = c.getViewport();
        // the 2-sigma ellipse's major semi-axis: sqrt(lambda_max) * 2, along the eigenvector
        double[] e = EllipseLayer.eigen(1, 0.5, 0.5);
        assertThat(e[0]).isGreaterThan(e[1]);
        assertThat(img.getPixelReader().getArgb((int) v.toScreenX(0), (int) v.toScreenY(0))).isNotEqualTo(0xFFFFFFFF);
    }

    @Test
    void anEllipseIsDrawnAlongItsCovariancesMajorAxis() {
        PlotCanvas c = newCanvas();
        int colour = 0xFF0072B2;
        EllipseLayer el = new EllipseLayer();
        el.add(EllipseLayer.Ellipse.ofCovariance(0, 0, 1, 0.5, 0.5, 2, colour).withLineWidth(3));
        FxTestSupport.onFx(() -> {
            c.setGridVisible(false);
            c.setLegendVisible(false);
            c.getLayers().add(el);
        });
        WritableImage img = snapshot(c);
        Viewport v = c.getViewport();
        // Independent reference: Commons Math's eigen-decomposition of the covariance.
        var eig = new org.apache.commons.math3.linear.EigenDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(new double[][] {{1, 0.5}, {0.5, 0.5}}));
        int major = eig.getRealEigenvalue(0) >= eig.getRealEigenvalue(1) ? 0 : 1;
        double r = 2 * Math.sqrt(eig.getRealEigenvalue(major));
        double vx = eig.getEigenvector(major).getEntry(0), vy = eig.getEigenvector(major).getEntry(1);
        assertThat(nearColour(img, v.toScreenX(r * vx), v.toScreenY(r * vy), colour)).as("major-axis end").isTrue();
        assertThat(nearColour(img, v.toScreenX(-r * vx), v.toScreenY(-r * vy), colour)).as("other end").isTrue();
        // Mirrored across the x axis the point is off the tilted ellipse.
        assertThat(nearColour(img, v.toScreenX(r * vx), v.toScreenY(-r * vy), colour)).as("mirror image").isFalse();
    }

    @Test
    void rasterisedPathsLookLikeVectorPaths() throws Exception {
        PlotCanvas vector = newCanvas(), raster = newCanvas();
        int colour = 0xFFD55E00;
        for (PlotCanvas c : List.of(vector, raster)) {
            PathLayer pl = new PathLayer();
            if (c == raster) {
                pl.setRasterized(org.genlab.compute.ComputePool.shared());
            }
            pl.add(PathLayer.Path.of(new double[] {-0.8, 0.8}, new double[] {-0.5, 0.5}, colour, 3));
            FxTestSupport.onFx(() -> {
                c.setGridVisible(false);
                c.setLegendVisible(false);
                c.getLayers().add(pl);
            });
            FxTestSupport.onFx(() -> c.whenSettled()).get(20, java.util.concurrent.TimeUnit.SECONDS);
            FxTestSupport.drain();
        }
        WritableImage a = snapshot(vector), b = snapshot(raster);
        Viewport v = vector.getViewport();
        for (double t : new double[] {-0.6, 0, 0.6}) {
            double x = t, y = t * 0.5 / 0.8;
            assertThat(nearColour(a, v.toScreenX(x), v.toScreenY(y), colour)).as("vector at %s", t).isTrue();
            assertThat(nearColour(b, v.toScreenX(x), v.toScreenY(y), colour)).as("raster at %s", t).isTrue();
        }
        assertThat(nearColour(b, v.toScreenX(0.5), v.toScreenY(-0.5), colour)).as("off the path").isFalse();
    }

    /** Whether a pixel within 2 px of (x, y) has about the given colour. */
    private static boolean nearColour(WritableImage img, double x, double y, int argb) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int p = img.getPixelReader().getArgb((int) Math.round(x) + dx, (int) Math.round(y) + dy);
                int d = Math.abs(((p >> 16) & 0xFF) - ((argb >> 16) & 0xFF)) + Math.abs(((p >> 8) & 0xFF) - ((argb >> 8) & 0xFF))
                        + Math.abs((p & 0xFF) - (argb & 0xFF));
                if (d < 60) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void ellipseEigenDecompositionMatchesCovariance() {
        double[] e = EllipseLayer.eigen(2, 0, 1);
        assertThat(e[0]).isCloseTo(2, within(1e-12));
        assertThat(e[1]).isCloseTo(1, within(1e-12));
        assertThat(e[2]).isCloseTo(0, within(1e-12));
        double[] r = EllipseLayer.eigen(1.5, 0.5, 1.5); // eigenvector (1, 1)/sqrt2 for lambda 2
        assertThat(r[0]).isCloseTo(2, within(1e-12));
        assertThat(r[2]).isCloseTo(Math.PI / 4, within(1e-12));
    }

    @Test
    void aCompositedFrameWaitsForTheRasterItAskedForInsteadOfShowingTheOldOne() throws Exception {
        java.util.concurrent.ExecutorService compositor = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ExecutorService rasters = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        try {
            HeatmapLayer heat = new HeatmapLayer(rasters);
            PlotCanvas c = FxTestSupport.onFx(() -> {
                PlotCanvas pc = new PlotCanvas();
                pc.addLayer(heat);
                heat.setField(Field2D.of((x, y) -> x));
                Stage s = new Stage();
                s.setScene(new Scene(new StackPane(pc), 300, 300));
                s.show();
                pc.applyCss();
                pc.layout();
                pc.setComposited(compositor);
                return pc;
            });
            awaitTrue(() -> FxTestSupport.onFx(() -> c.getCompositeCount() > 0 && heat.pendingRaster() == 0));
            // and quiet: the first frames also settle the margins, which changes the viewport
            long before;
            do {
                before = FxTestSupport.onFx(c::getCompositeCount);
                Thread.sleep(300);
            } while (FxTestSupport.onFx(c::getCompositeCount) != before || heat.pendingRaster() != 0);
            long shown = FxTestSupport.onFx(c::getCompositeCount);
            long held = FxTestSupport.onFx(c::getSkippedCompositeCount);
            // the next raster cannot finish until the gate opens
            rasters.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            FxTestSupport.onFx(() -> heat.setField(Field2D.of((x, y) -> y)));
            awaitTrue(() -> FxTestSupport.onFx(c::getSkippedCompositeCount) == held + 1);
            assertThat(FxTestSupport.onFx(c::getCompositeCount)).as("the frame with the old raster is not shown").isEqualTo(shown);
            gate.countDown();
            awaitTrue(() -> FxTestSupport.onFx(c::getCompositeCount) > shown);
            assertThat(heat.pendingRaster()).as("the frame shown has the new raster").isZero();
            // (a second request to redraw while waiting for the same raster is held back too)
            assertThat(FxTestSupport.onFx(c::getSkippedCompositeCount)).isGreaterThanOrEqualTo(held + 1);
        } finally {
            gate.countDown();
            compositor.shutdownNow();
            rasters.shutdownNow();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
