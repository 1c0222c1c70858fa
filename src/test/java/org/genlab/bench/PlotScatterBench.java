package org.genlab.bench;

import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.genlab.ui.plot.Colormaps;
import org.genlab.ui.plot.FxPainter;
import org.genlab.ui.plot.RasterImage;
import org.genlab.ui.plot.ScatterRasterizer;
import org.genlab.ui.plot.Viewport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 100,000 scatter points (radius 3 px, Okabe-Ito colours) on a 1200x800 plot: rasterisation off
 * the FX thread, the one image draw on the FX thread (headless Monocle, software Prism), and the
 * sum. Target: at most 16 ms together.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Dglass.platform=Monocle",
    "-Dmonocle.platform=Headless", "-Dprism.order=sw"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class PlotScatterBench {
    private static final int N = 100_000, W = 1200, H = 800;

    private Viewport viewport;
    private double[] wx, wy, radius;
    private int[] argb;
    private RasterImage[] rasters;
    private int next;
    private Canvas canvas;
    private FxPainter painter;
    private Stage stage;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        viewport = new Viewport(-4, 4, -3, 3, W, H, Viewport.Margins.NONE, false);
        Random rnd = new Random(1);
        wx = new double[N];
        wy = new double[N];
        radius = new double[N];
        argb = new int[N];
        for (int i = 0; i < N; i++) {
            int c = i % 8;
            double t = 2 * Math.PI * c / 8;
            wx[i] = 2 * Math.cos(t) + 0.5 * rnd.nextGaussian();
            wy[i] = 2 * Math.sin(t) + 0.5 * rnd.nextGaussian();
            radius[i] = 3;
            argb[i] = Colormaps.category(c);
        }
        rasters = new RasterImage[] {rasterise(), rasterise()}; // two instances: every draw uploads
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException already) {
            started.countDown();
        }
        started.await();
        Platform.setImplicitExit(false);
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            canvas = new Canvas(W, H);
            painter = new FxPainter(canvas.getGraphicsContext2D());
            stage = new Stage();
            stage.setScene(new Scene(new Pane(canvas), W, H));
            stage.show();
            shown.countDown();
        });
        shown.await();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Platform.runLater(() -> stage.close());
    }

    /** World to raster pixels, then the banded parallel disk stamping. */
    private RasterImage rasterise() {
        double[] px = new double[N], py = new double[N];
        for (int i = 0; i < N; i++) {
            px[i] = viewport.toScreenX(wx[i]);
            py[i] = viewport.toScreenY(wy[i]);
        }
        return ScatterRasterizer.render(W, H, px, py, argb, radius, N);
    }

    private void drawOnFx(RasterImage r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            canvas.getGraphicsContext2D().clearRect(0, 0, W, H);
            painter.drawImage(r, 0, 0, W, H);
            done.countDown();
        });
        done.await();
    }

    /** Off-FX part: rasterise 100k points. */
    @Benchmark
    public RasterImage scatter100kRasterise() {
        return rasterise();
    }

    /**
     * FX part: a new raster instance each time (as after every re-rasterisation), so each op copies
     * the pixels into the reused PixelBuffer and draws it once.
     */
    @Benchmark
    public void scatter100kFxDraw() throws InterruptedException {
        RasterImage r = rasters[next ^= 1];
        drawOnFx(new RasterImage(r.width(), r.height(), r.pixels()));
    }

    /** Both: rasterise, then draw on the FX thread and wait. */
    @Benchmark
    public void scatter100kTotal() throws InterruptedException {
        drawOnFx(rasterise());
    }

    /** Plain reference rasteriser, for comparison. */
    @Benchmark
    public RasterImage scatter100kReference() {
        double[] px = new double[N], py = new double[N];
        for (int i = 0; i < N; i++) {
            px[i] = viewport.toScreenX(wx[i]);
            py[i] = viewport.toScreenY(wy[i]);
        }
        return ScatterRasterizer.renderReference(W, H, px, py, argb, radius, N);
    }
}
