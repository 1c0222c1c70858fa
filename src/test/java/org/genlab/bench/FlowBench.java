package org.genlab.bench;

import java.util.concurrent.TimeUnit;
import org.genlab.compute.ComputePool;
import org.genlab.core.data.Preset;
import org.genlab.core.diffusion.Particles;
import org.genlab.core.flow.ExactFlow;
import org.genlab.core.flow.FlowSampleOptions;
import org.genlab.core.flow.FlowSampler;
import org.genlab.core.flow.LearnedField;
import org.genlab.core.flow.Solver;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Activation;
import org.genlab.core.nn.Mlp;
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
 * Flow-matching sampling, 10,000 particles from N(0, I) through 100 Euler steps:
 * <ul>
 *   <li>{@code exactEightGaussians}: the exact marginal velocity over 256 points
 *       (eight-gaussians, n = 256, seed 0); target at most 1.5 s on 2 cores; with a one-thread
 *       run and the plain reference (the velocity by the homework's formula point by point)
 *       beside it;</li>
 *   <li>{@code learnedWidth128}: a network 3-128-128-128-2 (SiLU, random weights: the time does
 *       not depend on them); target faster than PyTorch 1.13 in the same run, timed by
 *       {@code ../shared/tools/reference/fm_torch.py --sample --hidden 128}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class FlowBench {
    private static final int N = 10_000;
    private static final int STEPS = 100;

    private ExactFlow eight;
    private LearnedField learned;
    private ComputePool pool;

    @Setup
    public void setup() {
        eight = new ExactFlow(Preset.EIGHT_GAUSSIANS.generate(256, 0.1, 0));
        learned = new LearnedField(Mlp.create(LearnedField.shape(128, 3, Activation.SILU), new Rng(0)));
        pool = ComputePool.shared();
    }

    private FlowSampleOptions onPool() {
        return FlowSampleOptions.of(N, 0).withExecutor(pool.executor(), pool.size());
    }

    /** Exact field over 256 points, 100 Euler steps, the shared pool. */
    @Benchmark
    public Particles exactEightGaussians() {
        return FlowSampler.sample(eight.field(), Solver.EULER, STEPS, onPool()).samples();
    }

    /** The same on the calling thread only. */
    @Benchmark
    public Particles exactEightGaussiansOneThread() {
        return FlowSampler.sample(eight.field(), Solver.EULER, STEPS, FlowSampleOptions.of(N, 0)).samples();
    }

    /** Plain reference: the velocity by the homework's formula point by point, on the shared pool. */
    @Benchmark
    public Particles exactEightGaussiansReference() {
        return FlowSampler.sample(eight.referenceField(), Solver.EULER, STEPS, onPool()).samples();
    }

    /** A width-128 network, 100 Euler steps, the shared pool. */
    @Benchmark
    public Particles learnedWidth128() {
        return FlowSampler.sample(learned, Solver.EULER, STEPS, onPool()).samples();
    }

    /** The same on the calling thread only. */
    @Benchmark
    public Particles learnedWidth128OneThread() {
        return FlowSampler.sample(learned, Solver.EULER, STEPS, FlowSampleOptions.of(N, 0)).samples();
    }
}
