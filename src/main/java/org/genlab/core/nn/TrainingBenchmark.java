package org.genlab.core.nn;

import java.util.concurrent.Executor;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.math.Rng;

/**
 * The speed benchmark of the engine: training steps of the flow-matching network (input
 * (x_t, t), hidden SiLU layers, output a 2-D velocity; MSE loss; Adam at 1e-3) on random
 * targets, as {@code ../shared/tools/reference/fm_torch.py} does with PyTorch. Each step draws
 * x0 ~ N(0, I), x1 ~ N(0, I), t ~ U(0, 1), trains the net on
 * x_t = (1 - t) x0 + t x1 with target x1 - x0. Used by {@code genlab bench mlp} and the JMH
 * benchmark, so both time the same work.
 */
public final class TrainingBenchmark {
    private final Mlp net;
    private final Mlp.Pass pass;
    private final Adam adam = new Adam(1e-3);
    private final Rng rng;
    private final FMatrixRMaj x, target, grad;
    private double lastLoss;

    /**
     * @param hidden      hidden width
     * @param layers      number of hidden layers
     * @param batch       rows per step
     * @param executor    where chunks run besides the caller (null: the caller alone)
     * @param parallelism threads, the caller's included
     * @param seed        seeds the weights and the batches
     */
    public TrainingBenchmark(int hidden, int layers, int batch, Executor executor, int parallelism, long seed) {
        net = Mlp.create(MlpShape.of(3, hidden, layers, 2, Activation.SILU), Rng.forStream(seed, 0));
        pass = net.newPass(executor, parallelism);
        rng = Rng.forStream(seed, 1);
        x = new FMatrixRMaj(batch, 3);
        target = new FMatrixRMaj(batch, 2);
        grad = new FMatrixRMaj(batch, 2);
    }

    /** One training step; returns its loss. */
    public double step() {
        for (int r = 0; r < x.numRows; r++) {
            double t = rng.nextDouble();
            for (int c = 0; c < 2; c++) {
                double x0 = rng.nextGaussian(), x1 = rng.nextGaussian();
                // x_t = (1 - t) x0 + t x1; target u = x1 - x0
                x.set(r, c, (float) ((1 - t) * x0 + t * x1));
                target.set(r, c, (float) (x1 - x0));
            }
            x.set(r, 2, (float) t);
        }
        FMatrixRMaj y = pass.forward(x);
        lastLoss = Losses.mse(y, target, grad);
        net.zeroGradients();
        pass.backward(grad);
        adam.step(net);
        return lastLoss;
    }

    /** The loss of the last step. */
    public double lastLoss() {
        return lastLoss;
    }

    /** The network being trained. */
    public Mlp network() {
        return net;
    }

    /** Runs {@code warmup} steps, then times {@code steps} steps; returns steps per second. */
    public double stepsPerSecond(int warmup, int steps) {
        for (int i = 0; i < warmup; i++) {
            step();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            step();
        }
        long dt = Math.max(1, System.nanoTime() - t0);
        return steps * 1e9 / dt;
    }
}
