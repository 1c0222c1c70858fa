package org.genlab.core.zoo;

import java.util.concurrent.Executor;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Adam;
import org.genlab.core.nn.Losses;
import org.genlab.core.nn.Mlp;

/**
 * Trains the noise predictor ε_θ by the denoising loss, in standardised coordinates. Each
 * step draws a batch of rows
 * <pre>
 *   λ ~ U(λ(σ = 0.01), λ(T)),  x_0 ~ the data by weight,  ε ~ N(0, I),  x = √ᾱ x_0 + σ ε,
 *   loss = mean over rows of |ε − ε_θ(x, λ)|²
 * </pre>
 * (λ uniform weights every octave of σ alike, the grid the ODE and the sampler run on) and
 * takes one Adam step. The weights returned are an exponential moving average of the iterates
 * (decay min(0.995, (1 + t)/(10 + t)) at step t), which plays the part of a decaying learning
 * rate. Initial weights come from {@code Rng.forStream(seed, 0)}, batches from stream 1, the
 * fixed evaluation batch from stream 2; the engine's chunks depend on the batch alone, so the
 * thread count does not change the numbers (up to the engine's float rounding caveat, see
 * {@code FlowTrainer}).
 */
final class DiffusionTrainer {
    /** Rows of the fixed batch on which the loss is reported before and after training. */
    static final int EVAL_ROWS = 4096;

    /** Training settings: network width and depth, batch rows, steps, Adam's learning rate. */
    record Config(int hidden, int layers, int batch, int steps, double lr) {
        /** Default length at effort 1. */
        static final int STEPS = 6000;

        /** The defaults scaled by {@code effort}: 64 wide, 3 hidden layers, batch 256, lr 2e-3. */
        static Config of(double effort) {
            return new Config(64, 3, 256, Math.max(1, (int) Math.round(STEPS * effort)), 2e-3);
        }
    }

    /** The trained network (moving average), the steps and the evaluation losses before and after. */
    record Result(Mlp net, int steps, double initialLoss, double finalLoss) {
    }

    private DiffusionTrainer() {
    }

    /** Cumulative weights for picking data points by weight. */
    static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double run = 0;
        for (int i = 0; i < w.length; i++) {
            run += w[i];
            c[i] = run;
        }
        return c;
    }

    /** The first index whose cumulative weight exceeds u (u in [0, W)). */
    static int pick(double[] cumulative, double u) {
        return org.genlab.core.math.Cumulative.pick(cumulative, u);
    }

    /** One training row: level, noisy point and its noise, drawn in that order (λ, index, εx, εy). */
    private static void draw(double[] zx, double[] zy, double[] cum, Rng rng, double[] row) {
        double lam = DiffusionNetField.LAMBDA_LO + (DiffusionNetField.LAMBDA_HI - DiffusionNetField.LAMBDA_LO) * rng.nextDouble();
        int i = pick(cum, rng.nextDouble() * cum[cum.length - 1]);
        double e1 = rng.nextGaussian();
        double e2 = rng.nextGaussian();
        double s = Math.sqrt(DiffusionSchedule.alphaBar(lam));
        double sigma = Math.sqrt(DiffusionSchedule.sigma2(lam));
        row[0] = lam;
        // x = √ᾱ x_0 + σ ε
        row[1] = s * zx[i] + sigma * e1;
        row[2] = s * zy[i] + sigma * e2;
        row[3] = e1;
        row[4] = e2;
    }

    /**
     * The denoising loss E|ε − ε_f(x, λ)|² of any predictor on {@code rows} rows drawn as in
     * training from {@code rng}: the same rng seed gives the same rows for every predictor.
     */
    static double denoisingLoss(DiffusionField f, double[] zx, double[] zy, double[] cum, int rows, Rng rng) {
        double[] lam = new double[rows], x = new double[rows], y = new double[rows], tx = new double[rows], ty = new double[rows];
        double[] row = new double[5];
        for (int r = 0; r < rows; r++) {
            draw(zx, zy, cum, rng, row);
            lam[r] = row[0];
            x[r] = row[1];
            y[r] = row[2];
            tx[r] = row[3];
            ty[r] = row[4];
        }
        double[] ex = new double[rows], ey = new double[rows];
        f.epsilon(lam, x, y, rows, ex, ey, null);
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            double dx = ex[r] - tx[r];
            double dy = ey[r] - ty[r];
            sum += dx * dx + dy * dy;
        }
        return sum / rows;
    }

    /**
     * Trains on standardised points (zx, zy) with weights w.
     *
     * @throws IllegalStateException "fit: ..." if the loss or a parameter stops being finite
     * @throws java.util.concurrent.CancellationException if the monitor cancels
     */
    static Result train(double[] zx, double[] zy, double[] w, Config cfg, long seed, FitMonitor monitor,
            Executor executor, int parallelism) {
        double[] cum = cumulative(w);
        Mlp net = Mlp.create(DiffusionNetField.shape(cfg.hidden(), cfg.layers()), Rng.forStream(seed, 0));
        double initial = denoisingLoss(new DiffusionNetField(net), zx, zy, cum, EVAL_ROWS, Rng.forStream(seed, 2));
        Mlp.Pass pass = net.newPass(executor, parallelism);
        Adam adam = new Adam(cfg.lr());
        Rng rng = Rng.forStream(seed, 1);
        int b = cfg.batch();
        FMatrixRMaj in = new FMatrixRMaj(b, DiffusionNetField.INPUTS);
        FMatrixRMaj target = new FMatrixRMaj(b, 2);
        FMatrixRMaj grad = new FMatrixRMaj(b, 2);
        float[] ema = net.parameters();
        double[] row = new double[5];
        double loss = Double.NaN;
        int every = Math.max(1, cfg.steps() / 100);
        for (int step = 1; step <= cfg.steps(); step++) {
            monitor.checkCancelled();
            for (int r = 0; r < b; r++) {
                draw(zx, zy, cum, rng, row);
                DiffusionNetField.input(row[0], row[1], row[2], in.data, r * DiffusionNetField.INPUTS);
                target.data[2 * r] = (float) row[3];
                target.data[2 * r + 1] = (float) row[4];
            }
            FMatrixRMaj out = pass.forward(in);
            // Losses.mse averages over the 2 b cells; the loss per row is |ε − ε_θ|² = 2 mse
            loss = 2 * Losses.mse(out, target, grad);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("fit: the loss became " + loss + " at step " + step + " of " + cfg.steps()
                        + "; try another seed, or data with fewer extreme points");
            }
            net.zeroGradients();
            pass.backward(grad);
            adam.step(net);
            float[] p = net.parameters();
            float decay = (float) Math.min(0.995, (1.0 + step) / (10.0 + step));
            for (int i = 0; i < p.length; i++) {
                if (!Float.isFinite(p[i])) {
                    throw new IllegalStateException("fit: a network parameter became " + p[i] + " at step " + step
                            + " (loss " + loss + "); try another seed, or data with fewer extreme points");
                }
                // ema = d ema + (1 − d) θ
                ema[i] = decay * ema[i] + (1 - decay) * p[i];
            }
            if (step % every == 0 || step == cfg.steps()) {
                monitor.progress((double) step / cfg.steps(),
                        String.format(java.util.Locale.ROOT, "step %d of %d, loss %.3f", step, cfg.steps(), loss));
            }
        }
        Mlp trained = Mlp.of(net.shape(), ema);
        double fin = denoisingLoss(new DiffusionNetField(trained), zx, zy, cum, EVAL_ROWS, Rng.forStream(seed, 2));
        if (!Double.isFinite(fin)) {
            throw new IllegalStateException("fit: the trained network's loss is " + fin + "; try another seed");
        }
        return new Result(trained, cfg.steps(), initial, fin);
    }
}
