package org.genlab.bench;

import java.util.concurrent.TimeUnit;
import org.genlab.ui.plot.ColorScale;
import org.genlab.ui.plot.Colormaps;
import org.genlab.ui.plot.GaussianMixtureField;
import org.genlab.ui.plot.HeatmapRasterizer;
import org.genlab.ui.plot.RasterImage;
import org.genlab.ui.plot.Viewport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Heatmap of an 8-component 2-D Gaussian mixture (full covariances, on a circle) at 512x512:
 * field evaluation plus colormap into the ARGB buffer. Target: at most 15 ms on 2 cores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class PlotHeatmapBench {
    private GaussianMixtureField field;
    private double[] xs, ys;
    private ColorScale scale;

    @Setup
    public void setup() {
        field = GaussianMixtureField.ring8();
        Viewport v = new Viewport(-3, 3, -3, 3, 512, 512, Viewport.Margins.NONE, false);
        xs = HeatmapRasterizer.gridX(v, 512);
        ys = HeatmapRasterizer.gridY(v, 512);
        scale = ColorScale.auto(Colormaps.VIRIDIS);
    }

    /** Fast path: parallel row chunks, precomputed inverse covariances, LUT colouring. */
    @Benchmark
    public RasterImage heatmap512() {
        return HeatmapRasterizer.render(field, xs, ys, scale);
    }

    /** Plain single-threaded reference, for comparison. */
    @Benchmark
    public RasterImage heatmap512Reference() {
        return HeatmapRasterizer.renderReference(field, xs, ys, scale);
    }
}
