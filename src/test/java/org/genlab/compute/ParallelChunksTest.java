package org.genlab.compute;

import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.genlab.compute.ParallelChunks.ChunkFn;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelChunksTest {
    private static final int DRAWS = 1_000_000;
    private static final int CHUNK = 10_000;

    private static final ChunkFn<Double> GAUSSIAN_SUM = (chunk, from, to, rng) -> {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += rng.nextGaussian();
        }
        return sum;
    };

    private static double monteCarloSum(long seed, int threads) {
        try (ComputePool pool = new ComputePool(threads)) {
            return ParallelChunks.reduce(DRAWS, CHUNK, seed, GAUSSIAN_SUM, Double::sum, pool);
        }
    }

    @Test
    void theSameSeedGivesBitwiseIdenticalResultsWhateverTheThreadCount() {
        double one = monteCarloSum(42, 1);
        double two = monteCarloSum(42, 2);
        double eight = monteCarloSum(42, 8);
        Executor direct = Runnable::run;
        double callerOnly = ParallelChunks.reduce(DRAWS, CHUNK, 42, GAUSSIAN_SUM, Double::sum, direct, 1);

        assertThat(two).isEqualTo(one);
        assertThat(eight).isEqualTo(one);
        assertThat(callerOnly).isEqualTo(one);
        assertThat(Math.abs(one / DRAWS)).as("mean of standard normals").isLessThan(0.01);
    }

    @Test
    void anotherSeedGivesAnotherResult() {
        assertThat(monteCarloSum(43, 2)).isNotEqualTo(monteCarloSum(42, 2));
    }

    @Test
    void matchesASequentialLoopOverTheSamePerChunkStreams() {
        double expected = 0;
        for (int chunk = 0; chunk * CHUNK < DRAWS; chunk++) {
            Rng rng = Rng.forStream(7, chunk);
            double partial = 0;
            for (int i = 0; i < CHUNK; i++) {
                partial += rng.nextGaussian();
            }
            expected = chunk == 0 ? partial : expected + partial;
        }
        assertThat(monteCarloSum(7, 2)).isEqualTo(expected);
    }

    @Test
    void combinesPartialsInChunkOrderWithARaggedLastChunk() {
        try (ComputePool pool = new ComputePool(2)) {
            String ranges = ParallelChunks.reduce(10, 4, 0,
                    (chunk, from, to, rng) -> chunk + ":" + from + "-" + to, (a, b) -> a + " " + b, pool);
            assertThat(ranges).isEqualTo("0:0-4 1:4-8 2:8-10");
            assertThat(ParallelChunks.chunkCount(10, 4)).isEqualTo(3);
            assertThat(ParallelChunks.reduce(0, 4, 0, (chunk, from, to, rng) -> to - from, Integer::sum, pool))
                    .as("an empty range is one empty chunk").isZero();
        }
    }

    @Test
    void forEachFillsOutputArraysIdenticallyWhateverTheThreadCount() {
        double[][] outputs = new double[2][1000];
        for (int threads = 1; threads <= 2; threads++) {
            double[] out = outputs[threads - 1];
            try (ComputePool pool = new ComputePool(threads)) {
                ParallelChunks.forEach(out.length, 64, 5, (chunk, from, to, rng) -> {
                    for (int i = from; i < to; i++) {
                        out[i] = rng.nextDouble();
                    }
                }, pool);
            }
        }
        assertThat(outputs[1]).containsExactly(outputs[0]);
        assertThat(outputs[0][64]).as("chunk 1 starts its own stream").isEqualTo(Rng.forStream(5, 1).nextDouble());
        assertThat(outputs[0]).doesNotContain(0.0);
    }

    @Test
    void reduceCalledFromInsideATaskOnAOneThreadPoolCompletes() throws Exception {
        try (ComputePool pool = new ComputePool(1)) {
            Future<Double> nested = pool.submit(() ->
                    ParallelChunks.reduce(DRAWS, CHUNK, 42, GAUSSIAN_SUM, Double::sum, pool));
            assertThat(nested.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(monteCarloSum(42, 1));
        }
    }

    @Test
    void nestedReducesOnASaturatedPoolComplete() throws Exception {
        try (ComputePool pool = new ComputePool(2)) {
            Future<Long> outer = pool.submit(() -> ParallelChunks.reduce(8, 1, 1,
                    (chunk, from, to, rng) -> ParallelChunks.reduce(100, 10, chunk,
                            (c, f, t, r) -> (long) (t - f), Long::sum, pool),
                    Long::sum, pool));
            assertThat(outer.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(800L);
        }
    }

    @Test
    void aFailingChunkIsRethrownToTheCaller() {
        try (ComputePool pool = new ComputePool(2)) {
            assertThatThrownBy(() -> ParallelChunks.reduce(100, 10, 0, (chunk, from, to, rng) -> {
                if (chunk == 3) {
                    throw new ArithmeticException("chunk 3");
                }
                return 0;
            }, Integer::sum, pool)).isInstanceOf(ArithmeticException.class).hasMessage("chunk 3");
        }
    }
}
