package org.genlab.core.flow;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Adam;
import org.genlab.core.nn.Losses;
import org.genlab.core.nn.Mlp;

/**
 * Trains a velocity network v_θ(x, t) by flow matching (the homework's question 9 g), step by
 * step. Each step draws a batch of rows
 *
 * <pre>
 *   t ~ U(0, 1),  x0 ~ N(0, I),  x1 ~ the data by weight,  x_t = (1 − t) x0 + t x1,
 *   input (x_t, t),  target x1 − x0   (= (x1 − x_t)/(1 − t), so nothing divides by 1 − t)
 * </pre>
 *
 * and takes one Adam step on the mean squared error. The initial weights come from
 * {@code Rng.forStream(seed, 0)} and the batches from {@code Rng.forStream(seed, 1)}; the
 * engine's training chunks depend on the batch alone, so the same settings give the same
 * losses and network on any number of threads (to float rounding; see below).
 *
 * <p>A step whose loss is not finite, or whose update makes a parameter not finite, stops
 * training: the network goes back to the parameters that gave the last finite loss (the
 * update after them is what broke it; {@link #stepsDone()} then counts the updates kept),
 * {@link #failure()} says what happened, and later calls to {@link #step(int)} do nothing.
 *
 * <p>Reproducibility: the engine's chunks depend on the batch alone, so the thread count does
 * not change the numbers; but the engine's vector SiLU uses the Vector API's EXP, whose
 * compiled (intrinsic) and interpreted forms can differ in the last bit of a float, so two runs
 * agree to float rounding (about 1e-7 relative per step), not always bitwise. The methods are synchronized, so
 * a pane may call {@link #step(int)} on a background thread and read {@link #field()} or
 * {@link #network()} from another.
 */
public final class FlowTrainer {
    private final FlowTrainSettings settings;
    private final Executor executor;
    private final int parallelism;
    private final double[] px;
    private final double[] py;
    private final double[] cumulative;
    private final Mlp net;
    private final Mlp.Pass pass;
    private final Adam adam;
    private final Rng rng;
    private final FMatrixRMaj x;
    private final FMatrixRMaj target;
    private final FMatrixRMaj grad;
    private int done;
    /** The steps counted before this trainer ran any (a trainer resumed from a saved network). */
    private int resumedAt;
    private long nanos;
    private double lastLoss = Double.NaN;
    private String failure;
    /** The parameters at which the last finite loss was computed. */
    private float[] lastGood;

    /**
     * A trainer on {@code data} with fresh weights, running its chunks on {@code executor}
     * (null: on the caller) with up to {@code parallelism} threads.
     *
     * @throws IllegalArgumentException if the data set is empty, has a total weight that is not
     *     finite and positive (message starts with {@code data}), or parallelism &lt; 1
     */
    public FlowTrainer(Dataset2D data, FlowTrainSettings settings, Executor executor, int parallelism) {
        Objects.requireNonNull(data, "data");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("data: the data set is empty");
        }
        if (!(data.totalWeight() > 0) || !Double.isFinite(data.totalWeight())) {
            throw new IllegalArgumentException("data: the total weight must be finite and > 0, got " + data.totalWeight());
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: must be at least 1, got " + parallelism);
        }
        this.executor = executor;
        this.parallelism = parallelism;
        px = data.xs();
        py = data.ys();
        cumulative = new double[px.length];
        double running = 0;
        for (int i = 0; i < px.length; i++) {
            running += data.weight(i);
            cumulative[i] = running;
        }
        net = Mlp.create(LearnedField.shape(settings.hidden(), settings.layers(), settings.activation()),
                Rng.forStream(settings.seed(), 0));
        pass = net.newPass(executor, parallelism);
        adam = new Adam(settings.lr());
        rng = Rng.forStream(settings.seed(), 1);
        x = new FMatrixRMaj(settings.batch(), LearnedField.INPUTS);
        target = new FMatrixRMaj(settings.batch(), LearnedField.OUTPUTS);
        grad = new FMatrixRMaj(settings.batch(), LearnedField.OUTPUTS);
    }

    /**
     * A trainer that goes on from a saved network (a pane restored from a state file): the
     * network's weights, with {@code stepsDone} steps counted already so the step count and the
     * plan carry on. The optimiser is a fresh Adam and the batches come from the seed's stream
     * as for a fresh trainer: Adam's moments and the batch stream's position are not in a state
     * file, so the steps after a resume are sensible but not the bits an uninterrupted run makes.
     *
     * @throws IllegalArgumentException if {@code start} has another shape than the settings make
     *     (the message starts with {@code start:}), or stepsDone &lt; 0, or as the other constructor
     */
    public FlowTrainer(Dataset2D data, FlowTrainSettings settings, Mlp start, int stepsDone, Executor executor, int parallelism) {
        this(data, settings, executor, parallelism);
        if (!start.shape().equals(net.shape())) {
            throw new IllegalArgumentException("start: a network of shape " + start.shape() + ", the settings make " + net.shape());
        }
        if (stepsDone < 0) {
            throw new IllegalArgumentException("stepsDone: must be at least 0, got " + stepsDone);
        }
        net.setParameters(start.parameters());
        done = stepsDone;
        resumedAt = stepsDone;
    }

    /** A trainer on the caller's thread alone. */
    public FlowTrainer(Dataset2D data, FlowTrainSettings settings) {
        this(data, settings, null, 1);
    }

    /** The settings. */
    public FlowTrainSettings settings() {
        return settings;
    }

    /**
     * Runs up to k more steps and returns their losses in order. Returns fewer (possibly none)
     * if training has stopped on a loss or parameter that is not finite; see {@link #failure()}.
     *
     * @throws IllegalArgumentException if k &lt; 1 (the message starts with {@code k:})
     */
    public synchronized double[] step(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k: must be at least 1, got " + k);
        }
        double[] losses = new double[k];
        int ran = 0;
        long t0 = System.nanoTime();
        while (ran < k && failure == null) {
            double loss = oneStep();
            if (failure == null) {
                losses[ran++] = loss;
            }
        }
        nanos += System.nanoTime() - t0;
        return ran == k ? losses : java.util.Arrays.copyOf(losses, ran);
    }

    /** One step; on failure sets {@link #failure} and leaves the parameters as they were. */
    private double oneStep() {
        int rows = x.numRows;
        float[] xd = x.data;
        float[] td = target.data;
        double total = cumulative[cumulative.length - 1];
        for (int r = 0; r < rows; r++) {
            double t = rng.nextDouble();
            double x0x = rng.nextGaussian();
            double x0y = rng.nextGaussian();
            int i = pick(rng.nextDouble() * total);
            // x_t = (1 − t) x0 + t x1,  target x1 − x0
            xd[3 * r] = (float) ((1 - t) * x0x + t * px[i]);
            xd[3 * r + 1] = (float) ((1 - t) * x0y + t * py[i]);
            xd[3 * r + 2] = (float) t;
            td[2 * r] = (float) (px[i] - x0x);
            td[2 * r + 1] = (float) (py[i] - x0y);
        }
        FMatrixRMaj y = pass.forward(x);
        double loss = Losses.mse(y, target, grad);
        int step = done + 1;
        if (!Double.isFinite(loss)) {
            // the current parameters give a loss that is not finite: go back to those of the last finite loss
            if (lastGood != null) {
                net.setParameters(lastGood);
            }
            failure = "step " + step + ": the loss is " + loss + "; training stopped, and the network is back at the parameters"
                    + (lastGood == null ? " it started with" : " that gave the finite loss of step " + done)
                    + " (try a smaller learning rate, or data on a smaller scale)";
            done = Math.max(0, done - 1);
            return loss;
        }
        lastGood = net.parametersInto(lastGood);
        net.zeroGradients();
        pass.backward(grad);
        adam.step(net);
        int bad = net.firstNonFiniteParameter();
        if (bad >= 0) {
            failure = "step " + step + ": the update made a parameter " + net.parameter(bad) + " (loss " + loss
                    + "); training stopped, and the network is back at the parameters that gave that loss"
                    + " (try a smaller learning rate, or data on a smaller scale)";
            net.setParameters(lastGood);
            return loss;
        }
        done = step;
        lastLoss = loss;
        return loss;
    }

    private int pick(double u) {
        return org.genlab.core.math.Cumulative.pick(cumulative, u);
    }

    /** Updates kept so far (a failed step does not count, nor the update that led to it). */
    public synchronized int stepsDone() {
        return done;
    }

    /** The planned steps not yet run: max(0, settings.steps() − stepsDone()). */
    public synchronized int remaining() {
        return Math.max(0, settings.steps() - done);
    }

    /** The loss of the last completed step (NaN before the first). */
    public synchronized double lastLoss() {
        return lastLoss;
    }

    /** Why training stopped, or null while it can go on. */
    public synchronized String failure() {
        return failure;
    }

    /** Whether training stopped on a number that is not finite. */
    public synchronized boolean failed() {
        return failure != null;
    }

    /** Steps per second over all calls of {@link #step(int)} so far (0 before the first; a resumed trainer's earlier steps do not count). */
    public synchronized double stepsPerSecond() {
        return nanos == 0 ? 0 : Math.max(0, done - resumedAt) * 1e9 / nanos;
    }

    /** A copy of the network as it is now. */
    public synchronized Mlp network() {
        return net.copy();
    }

    /** The velocity field of the network as it is now (a copy: later steps do not change it). */
    public synchronized LearnedField field() {
        return new LearnedField(net);
    }

    /** The executor and parallelism the trainer was made with, e.g. {@code "2 threads"}. */
    @Override
    public String toString() {
        return "FlowTrainer[" + settings + ", " + parallelism + (executor == null ? " (caller)" : "") + " threads, " + done + " steps]";
    }
}
