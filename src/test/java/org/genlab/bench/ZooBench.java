package org.genlab.bench;

import java.util.Locale;
import org.genlab.compute.ComputePool;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.zoo.Estimator;
import org.genlab.core.zoo.FitMonitor;
import org.genlab.core.zoo.ZooGrid;
import org.genlab.core.zoo.ZooKind;
import org.genlab.core.zoo.ZooModel;
import org.genlab.core.zoo.ZooModels;
import org.genlab.core.zoo.ZooSettings;

/**
 * The zoo's speed targets (issue 10), as the pane meets them: fitting all six default models on
 * a 2,000-point data set (the pane fits the 80% training split, 1,600 points; this fits all
 * 2,000) one after the other on the shared pool, at most 30 s in total; each exact 256x256
 * heatmap at most 100 ms; the first 64x64 pass of the expensive densities (the VAE's importance
 * estimate, the diffusion ODE) within 5 s. Heatmap times are the best of 3 after a warm-up.
 *
 * <p>Run: {@code mvn -B -q package -DskipTests && mvn -B -q test-compile}, then
 * {@code java --add-modules jdk.incubator.vector -cp target/genlab.jar:target/test-classes org.genlab.bench.ZooBench [preset]}
 * (the shaded jar carries every dependency).
 */
public final class ZooBench {
    private ZooBench() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "two-moons";
        Preset preset = Preset.byName(name).orElseThrow();
        Dataset2D data = preset.generate(2000, preset.defaultNoise(), 0);
        ComputePool pool = ComputePool.shared();
        ZooGrid view = ZooGrid.square(-2, 3, -1.75, 2.25, 256);
        double total = 0;
        System.out.printf(Locale.ROOT, "zoo bench: %s, %d points, pool of %d%n", name, data.size(), pool.size());
        for (ZooKind k : ZooKind.values()) {
            long t0 = System.nanoTime();
            ZooModel m = ZooModels.fit(k, data, ZooSettings.DEFAULTS, FitMonitor.NONE, pool.executor(), pool.size());
            double fit = (System.nanoTime() - t0) / 1e9;
            total += fit;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s fit %6.2f s", k.id(), fit));
            for (Estimator e : m.estimators()) {
                boolean expensive = k == ZooKind.DIFFUSION || e.id().equals("is");
                ZooGrid g = expensive ? view.withSize(64) : view;
                double best = Double.MAX_VALUE;
                double[] out = new double[g.size()];
                double[] xs = g.pointXs(), ys = g.pointYs();
                for (int rep = 0; rep < (expensive ? 2 : 4); rep++) {
                    long s0 = System.nanoTime();
                    m.logDensity(e, xs, ys, out, 0, FitMonitor.NONE, pool.executor(), pool.size());
                    double ms = (System.nanoTime() - s0) / 1e6;
                    if (rep > 0 || expensive) {
                        best = Math.min(best, ms);
                    }
                }
                line.append(String.format(Locale.ROOT, " | %s %dx%d %8.1f ms", e.id(), g.nx(), g.ny(), best));
            }
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "all six fitted in %.2f s (target <= 30 s)%n", total);
        pool.close();
    }
}
