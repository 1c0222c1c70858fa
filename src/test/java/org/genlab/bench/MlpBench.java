package org.genlab.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.genlab.core.nn.TrainingBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the flow-matching network MLP 3-H-H-H-2 (SiLU), batch 256, Adam, on 2
 * threads, the work {@code genlab bench mlp} times. Targets, in the same run as
 * {@code ../shared/tools/reference/fm_torch.py}: at least 1.5x PyTorch 1.13 at width 64,
 * at least 2x at width 256. {@link #trainStepScalar} runs the same step on the plain scalar
 * kernels (the fallback without the Vector API), for comparison.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class MlpBench {
    @Param({"64", "128", "256"})
    public int hidden;

    private ForkJoinPool pool;
    private TrainingBenchmark bench;

    @Setup(Level.Trial)
    public void setup() {
        pool = new ForkJoinPool(1);
        bench = new TrainingBenchmark(hidden, 3, 256, pool, 2, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    /** One Adam training step (batch drawn, forward, MSE, backward, update). */
    @Benchmark
    public double trainStep() {
        return bench.step();
    }

    /** The same step on the scalar kernels. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dgenlab.nn.kernels=scalar"})
    public double trainStepScalar() {
        return bench.step();
    }
}
