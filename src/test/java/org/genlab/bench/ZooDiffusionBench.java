package org.genlab.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.genlab.core.zoo.DiffusionModel;
import org.genlab.core.zoo.FitMonitor;
import org.genlab.core.zoo.ZooSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The zoo's diffusion model on 2,000 points of two-moons (noise 0.05, seed 0), parallelism 2:
 * <ul>
 *   <li>{@code fitLearned}: the default fit (6,000 Adam steps); target at most 8 s;</li>
 *   <li>{@code grid64Learned}, {@code grid64Exact}: log p by the ODE on a 64x64 grid (4,096
 *       points, the pane's first pass); target at most 5 s;</li>
 *   <li>{@code grid256Learned}: the 256x256 background pass.</li>
 * </ul>
 * {@link #main} prints the same figures once without JMH, plus eight-gaussians and the held-out
 * mean log-likelihood on a seeded 80/20 split of 2,500 points:
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:... org.genlab.bench.ZooDiffusionBench}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class ZooDiffusionBench {
    private Dataset2D moons;
    private ExecutorService pool;
    private DiffusionModel learned;
    private DiffusionModel exact;
    private double[][] grid64;
    private double[][] grid256;

    @Setup
    public void setup() {
        moons = Preset.TWO_MOONS.generate(2000, 0.05, 0);
        pool = Executors.newFixedThreadPool(2);
        learned = DiffusionModel.fit(moons, ZooSettings.DEFAULTS, FitMonitor.NONE, pool, 2);
        exact = DiffusionModel.fit(moons, ZooSettings.DEFAULTS.withExactDenoiser(true), FitMonitor.NONE, pool, 2);
        grid64 = grid(moons, 64);
        grid256 = grid(moons, 256);
    }

    @TearDown
    public void tearDown() {
        pool.shutdownNow();
    }

    /** A g x g grid over the data's bounds with a margin of 0.5: {xs, ys}. */
    static double[][] grid(Dataset2D d, int g) {
        Dataset2D.Bounds b = d.bounds();
        double[] xs = new double[g * g], ys = new double[g * g];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                xs[i * g + j] = b.minX() - 0.5 + (b.width() + 1) * j / (g - 1);
                ys[i * g + j] = b.minY() - 0.5 + (b.height() + 1) * i / (g - 1);
            }
        }
        return new double[][] {xs, ys};
    }

    static double[] density(DiffusionModel m, double[][] g, ExecutorService pool) {
        double[] out = new double[g[0].length];
        m.logDensity(DiffusionModel.ODE, g[0], g[1], out, 0, FitMonitor.NONE, pool, 2);
        return out;
    }

    @Benchmark
    public DiffusionModel fitLearned() {
        return DiffusionModel.fit(moons, ZooSettings.DEFAULTS, FitMonitor.NONE, pool, 2);
    }

    @Benchmark
    public double[] grid64Learned() {
        return density(learned, grid64, pool);
    }

    @Benchmark
    public double[] grid64Exact() {
        return density(exact, grid64, pool);
    }

    @Benchmark
    public double[] grid256Learned() {
        return density(learned, grid256, pool);
    }

    /** Prints fit and grid times, and held-out log-likelihoods, for two-moons and eight-gaussians. */
    public static void main(String[] args) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Preset p : new Preset[] {Preset.TWO_MOONS, Preset.EIGHT_GAUSSIANS}) {
                double noise = p == Preset.TWO_MOONS ? 0.05 : p.defaultNoise();
                Dataset2D d = p.generate(2000, noise, 0);
                for (boolean ex : new boolean[] {false, true}) {
                    long t0 = System.nanoTime();
                    DiffusionModel m = DiffusionModel.fit(d, ZooSettings.DEFAULTS.withExactDenoiser(ex), FitMonitor.NONE, pool, 2);
                    double fit = (System.nanoTime() - t0) / 1e9;
                    double[][] g64 = grid(d, 64);
                    density(m, g64, pool); // warm-up
                    t0 = System.nanoTime();
                    density(m, g64, pool);
                    double t64 = (System.nanoTime() - t0) / 1e9;
                    t0 = System.nanoTime();
                    density(m, grid(d, 256), pool);
                    double t256 = (System.nanoTime() - t0) / 1e9;
                    t0 = System.nanoTime();
                    m.sample(2000, 1);
                    double ts = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "%s %s: fit %.2f s, 64x64 %.2f s, 256x256 %.2f s, 2,000 samples %.2f s%n",
                            p.id(), ex ? "exact" : "learned", fit, t64, t256, ts);
                }
                // held-out: 2,500 points shuffled (seed 7), the first 2,000 train, the last 500 test
                Dataset2D all = p.generate(2500, noise, 0);
                double[] ax = all.xs(), ay = all.ys();
                Rng r = new Rng(7);
                for (int i = ax.length - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    double t = ax[i];
                    ax[i] = ax[j];
                    ax[j] = t;
                    t = ay[i];
                    ay[i] = ay[j];
                    ay[j] = t;
                }
                Dataset2D train = Dataset2D.of(Arrays.copyOf(ax, 2000), Arrays.copyOf(ay, 2000));
                double[][] test = {Arrays.copyOfRange(ax, 2000, 2500), Arrays.copyOfRange(ay, 2000, 2500)};
                for (boolean ex : new boolean[] {false, true}) {
                    DiffusionModel m = DiffusionModel.fit(train, ZooSettings.DEFAULTS.withExactDenoiser(ex), FitMonitor.NONE, pool, 2);
                    double[] o = density(m, test, pool);
                    double[] tr = density(m, new double[][] {Arrays.copyOf(ax, 500), Arrays.copyOf(ay, 500)}, pool);
                    System.out.printf(Locale.ROOT, "%s %s: mean log-likelihood held-out %.3f, on 500 training points %.3f%n",
                            p.id(), ex ? "exact" : "learned", Arrays.stream(o).average().orElse(Double.NaN),
                            Arrays.stream(tr).average().orElse(Double.NaN));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
