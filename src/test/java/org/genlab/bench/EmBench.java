package org.genlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.genlab.compute.ComputePool;
import org.genlab.core.data.DataCsv;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.em.CovarianceType;
import org.genlab.core.em.Em;
import org.genlab.core.em.EmInit;
import org.genlab.core.em.EmSettings;
import org.genlab.core.em.Mixture;
import org.genlab.core.em.Responsibilities;
import org.genlab.core.math.Rng;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full EM iteration (E then M), K = 8, full covariances, on N = 100,000 and 1,000,000
 * points. Target: at least 10x faster than scikit-learn 1.2's {@code GaussianMixture} in the
 * same run ({@code ../shared/tools/reference/em_sklearn.py}).
 *
 * <p>Uses the very points scikit-learn timed when they exist: {@code /tmp/em100k.csv} and
 * {@code /tmp/em1m.csv}, written by {@code em_sklearn.py --n N --k 8 --csv FILE}. Otherwise it
 * draws the same kind of data (8 blobs, sd 0.6, centres uniform in [-5, 5]²) from a seeded
 * {@link Rng}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class EmBench {
    @Param({"100000", "1000000"})
    int n;

    private Em em;
    private Mixture mixture;
    private ComputePool pool;

    @Setup
    public void setup() throws IOException, org.genlab.core.data.DataFormatException {
        Path csv = Path.of(n == 100_000 ? "/tmp/em100k.csv" : "/tmp/em1m.csv");
        Dataset2D data = Files.exists(csv) ? DataCsv.read(csv) : blobs(n, 8, 0);
        EmSettings settings = new EmSettings(CovarianceType.FULL, EmSettings.DEFAULT_VARIANCE_FLOOR, 0);
        em = new Em(data, settings);
        mixture = EmInit.Q5_3.create(data, 8, settings, new Rng(0));
        pool = ComputePool.shared();
    }

    private static Dataset2D blobs(int n, int k, long seed) {
        Rng rng = new Rng(seed);
        double[] cx = new double[k], cy = new double[k];
        for (int j = 0; j < k; j++) {
            cx[j] = rng.uniform(-5, 5);
            cy[j] = rng.uniform(-5, 5);
        }
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.gaussian(cx[i % k], 0.6);
            y[i] = rng.gaussian(cy[i % k], 0.6);
        }
        return Dataset2D.of(x, y);
    }

    /** Fast path: the fused E+M pass on the shared pool (2 threads on 2 cores). */
    @Benchmark
    public Em.Iteration fusedIteration() {
        return em.iterate(mixture, pool.executor(), pool.size());
    }

    /** The fused pass on the calling thread only. */
    @Benchmark
    public Em.Iteration fusedIterationOneThread() {
        return em.iterate(mixture, null, 1);
    }

    /** Plain reference: the E-step's responsibilities, then the two-pass M-step. */
    @Benchmark
    public Mixture plainIteration() {
        Responsibilities q = em.responsibilities(mixture);
        return em.maximize(q, mixture);
    }
}
