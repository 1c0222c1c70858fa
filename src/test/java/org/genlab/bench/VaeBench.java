package org.genlab.bench;

import java.util.concurrent.TimeUnit;
import org.genlab.compute.ComputePool;
import org.genlab.core.vae.ElboTerms;
import org.genlab.core.vae.Shapes;
import org.genlab.core.vae.VaeData;
import org.genlab.core.vae.VaeSettings;
import org.genlab.core.vae.VaeTrainer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training epoch of the default VAE ({@link VaeSettings#IMAGES}: 256-256-256-4 encoder,
 * 2-256-256-256 decoder, ReLU, Bernoulli, batch 128, Adam) on the default 10,000 {@link Shapes}
 * images: 79 steps. Target at most 6 s on 2 cores. Each measured epoch starts from fresh
 * weights (a new trainer per iteration, made outside the timing).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class VaeBench {
    private VaeData data;
    private ComputePool pool;
    private VaeTrainer shared;
    private VaeTrainer oneThread;

    @Setup
    public void setup() {
        data = Shapes.generate(Shapes.DEFAULT_N, 0).data();
        pool = ComputePool.shared();
    }

    @Setup(Level.Iteration)
    public void freshTrainers() {
        shared = new VaeTrainer(data, VaeSettings.IMAGES, pool.executor(), pool.size());
        oneThread = new VaeTrainer(data, VaeSettings.IMAGES);
    }

    /** One epoch on the shared pool. */
    @Benchmark
    public ElboTerms epoch() {
        return shared.runEpoch();
    }

    /** The same on the calling thread only. */
    @Benchmark
    public ElboTerms epochOneThread() {
        return oneThread.runEpoch();
    }
}
