package org.genlab.bench;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.genlab.core.zoo.CouplingFlow;
import org.genlab.core.zoo.Estimator;
import org.genlab.core.zoo.FitMonitor;
import org.genlab.core.zoo.VaeModel;
import org.genlab.core.zoo.ZooModel;
import org.genlab.core.zoo.ZooSettings;

/**
 * The zoo's two neural models on 2,000 points of two-moons (noise 0.05) and eight-gaussians
 * (noise 0.1), seed 0, parallelism 2 (a fixed pool of 2 threads), default settings:
 * <ul>
 *   <li>fit time ({@link CouplingFlow}: target ≤ ~6 s; {@link VaeModel}: likewise), best of 2 fits;</li>
 *   <li>held-out mean log-likelihood on an 80/20 split (shuffled with seed 0): the flow's exact
 *       density, the VAE's ELBO and IS estimate;</li>
 *   <li>density grids: the flow on 256 x 256 (target ≤ 100 ms), the VAE's IS estimate on 64 x 64
 *       (target well under 5 s) and its ELBO on 64 x 64; median of 7 after 3 warm-ups.</li>
 * </ul>
 * Run: {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:<ejml, commons-math>
 * org.genlab.bench.ZooNeuralBench}.
 */
public final class ZooNeuralBench {
    private ZooNeuralBench() {
    }

    /** Runs the measurements and prints one line per figure. */
    public static void main(String[] args) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Preset p : new Preset[] {Preset.TWO_MOONS, Preset.EIGHT_GAUSSIANS}) {
                double noise = p == Preset.TWO_MOONS ? 0.05 : 0.1;
                Dataset2D all = p.generate(2000, noise, 0);
                Dataset2D[] split = split(all, 0.8, 0);
                for (String kind : new String[] {"flow", "vae"}) {
                    double best = Double.MAX_VALUE;
                    ZooModel m = null;
                    for (int rep = 0; rep < 2; rep++) {
                        long t0 = System.nanoTime();
                        m = fit(kind, all, pool);
                        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    }
                    System.out.printf(Locale.ROOT, "%-16s %-4s fit on 2,000 points: %.2f s  (%s)%n", p.id(), kind, best, m.summary());
                    ZooModel train = fit(kind, split[0], pool);
                    for (Estimator e : train.estimators()) {
                        double[] out = new double[split[1].size()];
                        train.logDensity(e, split[1].xs(), split[1].ys(), out, 0, FitMonitor.NONE, pool, 2);
                        double s = 0;
                        for (double v : out) {
                            s += v;
                        }
                        System.out.printf(Locale.ROOT, "%-16s %-4s held-out mean log-likelihood (80/20), %s: %.3f nats%n", p.id(), kind,
                                e.id(), s / out.length);
                    }
                    if (kind.equals("flow")) {
                        System.out.printf(Locale.ROOT, "%-16s flow 256x256 grid, exact: %.1f ms%n", p.id(), gridMillis(m, Estimator.EXACT, 256, pool));
                    } else {
                        System.out.printf(Locale.ROOT, "%-16s vae  64x64 grid, is: %.1f ms, elbo: %.1f ms%n", p.id(),
                                gridMillis(m, VaeModel.IS, 64, pool), gridMillis(m, VaeModel.ELBO, 64, pool));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ZooModel fit(String kind, Dataset2D d, ExecutorService pool) {
        return kind.equals("flow") ? CouplingFlow.fit(d, ZooSettings.DEFAULTS, FitMonitor.NONE, pool, 2)
                : VaeModel.fit(d, ZooSettings.DEFAULTS, FitMonitor.NONE, pool, 2);
    }

    /** A seeded shuffle cut into the first {@code fraction} and the rest. */
    static Dataset2D[] split(Dataset2D d, double fraction, long seed) {
        int n = d.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Rng rng = new Rng(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int cut = (int) Math.round(n * fraction);
        double[][] a = new double[2][cut], b = new double[2][n - cut];
        for (int i = 0; i < n; i++) {
            double[][] dst = i < cut ? a : b;
            int k = i < cut ? i : i - cut;
            dst[0][k] = d.x(perm[i]);
            dst[1][k] = d.y(perm[i]);
        }
        return new Dataset2D[] {Dataset2D.of(a[0], a[1]), Dataset2D.of(b[0], b[1])};
    }

    /** Median wall time of a g x g grid over [−2, 3] x [−2, 2], parallelism 2. */
    private static double gridMillis(ZooModel m, Estimator e, int g, ExecutorService pool) {
        double[] xs = new double[g * g], ys = new double[g * g], out = new double[g * g];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                xs[i * g + j] = -2 + 5.0 * j / (g - 1);
                ys[i * g + j] = -2 + 4.0 * i / (g - 1);
            }
        }
        double[] t = new double[10];
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            m.logDensity(e, xs, ys, out, r, FitMonitor.NONE, pool, 2);
            t[r] = (System.nanoTime() - t0) / 1e6;
        }
        double[] measured = java.util.Arrays.copyOfRange(t, 3, 10);
        java.util.Arrays.sort(measured);
        return measured[3];
    }
}
