package org.genlab.bench;

import java.util.concurrent.TimeUnit;
import org.genlab.compute.ComputePool;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.diffusion.ExactDiffusion;
import org.genlab.core.diffusion.NoiseSchedule;
import org.genlab.core.diffusion.Particles;
import org.genlab.core.diffusion.SampleOptions;
import org.genlab.core.diffusion.Sampler;
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
 * The diffusion samplers on the exact ε*, 10,000 particles:
 * <ul>
 *   <li>{@code ddpmTwoPoint}: 1,000 DDPM steps on the homework's two points; target at most
 *       0.5 s on 2 cores;</li>
 *   <li>{@code ddimEightGaussians}: 100 DDIM steps over 256 points (eight-gaussians, n = 256,
 *       seed 0); target at most 1.5 s on 2 cores.</li>
 * </ul>
 * Each has a one-thread run and the plain reference (ε* by the homework's formula point by
 * point) beside it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class DiffusionBench {
    private static final int N = 10_000;

    private ExactDiffusion twoPoint;
    private ExactDiffusion eight;
    private ComputePool pool;

    @Setup
    public void setup() {
        twoPoint = new ExactDiffusion(Dataset2D.of(new double[] {1, 0}, new double[] {0, 1}), NoiseSchedule.linear());
        eight = new ExactDiffusion(Preset.EIGHT_GAUSSIANS.generate(256, 0.1, 0), NoiseSchedule.linear());
        pool = ComputePool.shared();
    }

    private SampleOptions onPool() {
        return SampleOptions.of(N, 0).withExecutor(pool.executor(), pool.size());
    }

    /** 10,000 particles, 1,000 DDPM steps, two-point data, the shared pool. */
    @Benchmark
    public Particles ddpmTwoPoint() {
        return twoPoint.sample(Sampler.ddpm(Sampler.Variance.POSTERIOR), onPool()).samples();
    }

    /** The same on the calling thread only. */
    @Benchmark
    public Particles ddpmTwoPointOneThread() {
        return twoPoint.sample(Sampler.ddpm(Sampler.Variance.POSTERIOR), SampleOptions.of(N, 0)).samples();
    }

    /** Plain reference: the same with ε* by the homework's formula, on the shared pool. */
    @Benchmark
    public Particles ddpmTwoPointReference() {
        return twoPoint.sample(Sampler.ddpm(Sampler.Variance.POSTERIOR), onPool().withReference(true)).samples();
    }

    /** 10,000 particles, 100 DDIM steps, 256 data points, the shared pool. */
    @Benchmark
    public Particles ddimEightGaussians() {
        return eight.sample(Sampler.ddim(100), onPool()).samples();
    }

    /** The same on the calling thread only. */
    @Benchmark
    public Particles ddimEightGaussiansOneThread() {
        return eight.sample(Sampler.ddim(100), SampleOptions.of(N, 0)).samples();
    }

    /** Plain reference: the same with ε* by the homework's formula, on the shared pool. */
    @Benchmark
    public Particles ddimEightGaussiansReference() {
        return eight.sample(Sampler.ddim(100), onPool().withReference(true)).samples();
    }
}
