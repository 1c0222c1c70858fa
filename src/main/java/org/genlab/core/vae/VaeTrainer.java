package org.genlab.core.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Adam;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.MlpShape;

/**
 * Trains a {@link Vae} on a data set step by step: minibatch Adam on −ELBO. Each epoch visits
 * the examples in a fresh seeded random order, in batches of {@link VaeSettings#batch()} (the
 * last batch of an epoch holds the rest); each step, per example i of the batch,
 *
 * <pre>
 *   (μ, log σ²) = encoder(x_i),  ε ~ N(0, I),  z = μ + σ ε   (one reparameterized draw)
 *   ℓ_i = −log p(x_i | z) + β KL(N(μ, σ²) ‖ N(0, I)),  KL = ½ Σ_j (μ_j² + σ_j² − 1 − log σ_j²)
 * </pre>
 *
 * and takes one Adam step (one optimiser per network, same learning rate) on
 * L = Σ w_i ℓ_i / Σ w_i (w_i the example weights, all 1 for images). The gradient reaches the
 * encoder through z: dL/dμ = dL/dz + β μ, dL/d log σ² = dL/dz ε σ/2 + β (σ² − 1)/2 (each times
 * w_i / Σ w).
 *
 * <p>Seeds: the encoder's initial weights come from {@code Rng.forStream(seed, 0)}, the
 * decoder's from stream 1, the epochs' orders from stream 2 and the ε draws from stream 3.
 * The engine's chunks depend on the batch size alone, so the same settings give the same
 * numbers on one thread or many (bitwise with ReLU, which the defaults use; SiLU's vector exp
 * may differ in a float's last bit between interpreted and compiled code).
 *
 * <p>A step whose loss is not finite, or whose update makes a parameter not finite, stops
 * training: the networks go back to the parameters that gave the last finite loss,
 * {@link #failure()} says what happened, {@link #stepsDone()} counts the updates kept, and later
 * calls to {@link #step(int)} do nothing.
 *
 * <p>Threading: the methods are synchronized. Drive {@link #step(int)} from one background
 * thread, a few steps at a time, and stop calling it to cancel (a call never blocks for long:
 * one step of the default model on 128 images is about 5 ms). {@link #vae()} may be called from
 * any thread at any time; it returns an immutable snapshot that encodes and decodes
 * concurrently with further training.
 */
public final class VaeTrainer {
    private final VaeData data;
    private final VaeSettings settings;
    private final Executor executor;
    private final int parallelism;
    private final int n;
    private final int batchRows;
    private final int stepsPerEpoch;
    private final int latent;
    private final int dim;
    private final int outs;
    private final Mlp encoder;
    private final Mlp decoder;
    private final Adam encAdam;
    private final Adam decAdam;
    private final Rng order;
    private final Rng noise;
    private final int[] perm;
    private final Work full;
    private Work last;
    private int cursor;
    private int done;
    /** The steps and whole epochs counted before this trainer ran any (a trainer resumed from a saved model). */
    private int resumedAt, epochsBefore;
    private long nanos;
    private ElboTerms lastTerms;
    private final List<ElboTerms> epochs = new ArrayList<>();
    private double sumNeg, sumRec, sumKl, sumW;
    private String failure;
    private float[] lastGoodEnc, lastGoodDec;

    /**
     * A trainer on {@code data} with fresh networks, running their chunks on {@code executor}
     * (null: on the caller) with up to {@code parallelism} threads.
     *
     * @throws IllegalArgumentException if the data do not suit the likelihood (Bernoulli needs
     *     values in [0, 1]; the message starts with {@code data:}) or parallelism &lt; 1
     */
    public VaeTrainer(VaeData data, VaeSettings settings, Executor executor, int parallelism) {
        this.data = Objects.requireNonNull(data, "data");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: must be at least 1, got " + parallelism);
        }
        if (settings.likelihood() == Likelihood.BERNOULLI) {
            float[] v = data.values();
            for (int i = 0; i < v.length; i++) {
                if (!(v[i] >= 0 && v[i] <= 1)) {
                    throw new IllegalArgumentException("data: the Bernoulli likelihood needs values in [0, 1]; value " + (i % data.dim())
                            + " of row " + (i / data.dim()) + " is " + v[i]);
                }
            }
        }
        this.executor = executor;
        this.parallelism = parallelism;
        n = data.size();
        dim = data.dim();
        latent = settings.latent();
        outs = settings.likelihood().decoderOutputs(dim);
        batchRows = Math.min(settings.batch(), n);
        stepsPerEpoch = (n + batchRows - 1) / batchRows;
        encoder = Mlp.create(MlpShape.of(dim, settings.hidden(), settings.layers(), 2 * latent, settings.activation()),
                Rng.forStream(settings.seed(), 0));
        decoder = Mlp.create(MlpShape.of(latent, settings.hidden(), settings.layers(), outs, settings.activation()),
                Rng.forStream(settings.seed(), 1));
        encAdam = new Adam(settings.lr());
        decAdam = new Adam(settings.lr());
        order = Rng.forStream(settings.seed(), 2);
        noise = Rng.forStream(settings.seed(), 3);
        perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        full = new Work(batchRows);
    }

    /**
     * A trainer that goes on from a saved model (a pane restored from a state file): its
     * encoder and decoder weights, with {@code stepsDone} steps counted already, so the step
     * count, the epoch and the plan carry on. The optimisers are fresh Adams and the batch order
     * and noise come from the seed's streams as for a fresh trainer (a part-done epoch gets a
     * fresh shuffle): Adam's moments and the streams' positions are not in a state file, so the
     * steps after a resume are sensible but not the bits an uninterrupted run makes. The epoch
     * means of {@link #epochTerms()} are those of the epochs this trainer ran.
     *
     * @throws IllegalArgumentException if {@code start} does not have the networks, likelihood
     *     and β the settings make (the message starts with {@code start:}), stepsDone &lt; 0, or
     *     as the other constructor
     */
    public VaeTrainer(VaeData data, VaeSettings settings, Vae start, int stepsDone, Executor executor, int parallelism) {
        this(data, settings, executor, parallelism);
        if (!start.encoder().shape().equals(encoder.shape()) || !start.decoder().shape().equals(decoder.shape())) {
            throw new IllegalArgumentException("start: networks " + start.encoder().shape() + " and " + start.decoder().shape()
                    + ", the settings make " + encoder.shape() + " and " + decoder.shape());
        }
        if (start.likelihood() != settings.likelihood() || start.beta() != settings.beta()) {
            throw new IllegalArgumentException("start: likelihood " + start.likelihood().id() + " and beta " + start.beta()
                    + ", the settings have " + settings.likelihood().id() + " and " + settings.beta());
        }
        if (stepsDone < 0) {
            throw new IllegalArgumentException("stepsDone: must be at least 0, got " + stepsDone);
        }
        encoder.setParameters(start.encoder().parameters());
        decoder.setParameters(start.decoder().parameters());
        done = stepsDone;
        resumedAt = stepsDone;
        epochsBefore = stepsDone / stepsPerEpoch;
        cursor = stepsDone % stepsPerEpoch;
        if (cursor != 0) {
            shuffle();
        }
    }

    /** A trainer on the caller's thread alone. */
    public VaeTrainer(VaeData data, VaeSettings settings) {
        this(data, settings, null, 1);
    }

    /** The buffers of one batch size (an epoch's last batch may be smaller). */
    private final class Work {
        final int rows;
        final FMatrixRMaj x;
        final double[] w;
        final double[] eps;
        final Mlp.Pass encPass;
        final Mlp.Pass decPass;
        final double[] h;
        final double[] dh;
        final FMatrixRMaj dhm;
        final double[] zd;
        final FMatrixRMaj z;
        final double[] out;
        final double[] dOut;
        final FMatrixRMaj dOutm;
        final double[] dz;

        Work(int rows) {
            this.rows = rows;
            x = new FMatrixRMaj(rows, dim);
            w = new double[rows];
            eps = new double[rows * latent];
            encPass = encoder.newPass(executor, parallelism);
            decPass = decoder.newPass(executor, parallelism);
            h = new double[rows * 2 * latent];
            dh = new double[rows * 2 * latent];
            dhm = new FMatrixRMaj(rows, 2 * latent);
            zd = new double[rows * latent];
            z = new FMatrixRMaj(rows, latent);
            out = new double[rows * outs];
            dOut = new double[rows * outs];
            dOutm = new FMatrixRMaj(rows, outs);
            dz = new double[rows * latent];
        }
    }

    /** The settings. */
    public VaeSettings settings() {
        return settings;
    }

    /** Steps in one epoch: ceil(n / batch). */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** The planned steps: epochs x steps per epoch. */
    public int plannedSteps() {
        return settings.epochs() * stepsPerEpoch;
    }

    /**
     * Runs up to k more steps and returns their loss terms in order (each the batch's weighted
     * mean per example, at the parameters before that step's update). Returns fewer (possibly
     * none) if training has stopped on a number that is not finite; see {@link #failure()}.
     * Training may go on past {@link #plannedSteps()}: the plan is only what {@link #remaining()}
     * counts down.
     *
     * @throws IllegalArgumentException if k &lt; 1 (the message starts with {@code k:})
     */
    public synchronized ElboTerms[] step(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k: must be at least 1, got " + k);
        }
        ElboTerms[] terms = new ElboTerms[k];
        int ran = 0;
        long t0 = System.nanoTime();
        while (ran < k && failure == null) {
            ElboTerms t = oneStep();
            if (failure == null) {
                terms[ran++] = t;
            }
        }
        nanos += System.nanoTime() - t0;
        return ran == k ? terms : Arrays.copyOf(terms, ran);
    }

    /** Runs the steps to the end of the current epoch and returns that epoch's terms (null if training stopped). */
    public synchronized ElboTerms runEpoch() {
        int before = epochs.size();
        step(stepsPerEpoch - cursor);
        return epochs.size() > before ? epochs.get(epochs.size() - 1) : null;
    }

    private ElboTerms oneStep() {
        if (cursor == 0) {
            shuffle();
        }
        int r0 = cursor * batchRows;
        int rows = Math.min(batchRows, n - r0);
        Work wk = rows == batchRows ? full : (last != null ? last : (last = new Work(rows)));
        for (int r = 0; r < rows; r++) {
            int i = perm[r0 + r];
            data.copyRow(i, wk.x.data, r * dim);
            wk.w[r] = data.weight(i);
        }
        for (int e = 0; e < wk.eps.length; e++) {
            wk.eps[e] = noise.nextGaussian();
        }
        ElboTerms t = forwardBackward(wk);
        int step = done + 1;
        if (!t.finite()) {
            if (lastGoodEnc != null) {
                encoder.setParameters(lastGoodEnc);
                decoder.setParameters(lastGoodDec);
            }
            failure = "step " + step + ": the loss is " + t.negElbo() + "; training stopped, and the networks are back at the parameters"
                    + (lastGoodEnc == null ? " they started with" : " that gave the finite loss of step " + done)
                    + " (try a smaller learning rate)";
            done = Math.max(0, done - 1);
            return t;
        }
        lastGoodEnc = encoder.parametersInto(lastGoodEnc);
        lastGoodDec = decoder.parametersInto(lastGoodDec);
        encAdam.step(encoder);
        decAdam.step(decoder);
        String bad = nonFinite(encoder, "encoder");
        if (bad == null) {
            bad = nonFinite(decoder, "decoder");
        }
        if (bad != null) {
            encoder.setParameters(lastGoodEnc);
            decoder.setParameters(lastGoodDec);
            failure = "step " + step + ": the update made " + bad + " (loss " + t.negElbo()
                    + "); training stopped, and the networks are back at the parameters that gave that loss (try a smaller learning rate)";
            return t;
        }
        done = step;
        lastTerms = t;
        double wsum = 0;
        for (int r = 0; r < rows; r++) {
            wsum += wk.w[r];
        }
        sumNeg += wsum * t.negElbo();
        sumRec += wsum * t.reconstruction();
        sumKl += wsum * t.kl();
        sumW += wsum;
        if (++cursor == stepsPerEpoch) {
            epochs.add(new ElboTerms(sumNeg / sumW, sumRec / sumW, sumKl / sumW));
            sumNeg = sumRec = sumKl = sumW = 0;
            cursor = 0;
        }
        return t;
    }

    /** A fresh order of the rows (Fisher-Yates), for each epoch. */
    private void shuffle() {
        for (int i = n - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
    }

    private static String nonFinite(Mlp net, String name) {
        int i = net.firstNonFiniteParameter();
        return i < 0 ? null : name + " parameter " + i + " " + net.parameter(i);
    }

    /**
     * The loss of a batch at fixed ε (rows x latent, row-major) and, when it is finite, its
     * gradients: both networks' gradients are set to dL/dparameters (not accumulated). For the
     * step and for the gradient checks.
     */
    ElboTerms lossAndGradients(FMatrixRMaj x, double[] w, double[] eps) {
        Work wk = new Work(x.numRows);
        System.arraycopy(x.data, 0, wk.x.data, 0, x.numRows * dim);
        System.arraycopy(w, 0, wk.w, 0, x.numRows);
        System.arraycopy(eps, 0, wk.eps, 0, wk.eps.length);
        return forwardBackward(wk);
    }

    private ElboTerms forwardBackward(Work wk) {
        int rows = wk.rows;
        int l2 = 2 * latent;
        FMatrixRMaj hm = wk.encPass.forward(wk.x);
        for (int i = 0; i < wk.h.length; i++) {
            wk.h[i] = hm.data[i];
        }
        for (int r = 0; r < rows; r++) {
            VaeLoss.reparameterize(wk.h, r * l2, wk.eps, r * latent, latent, wk.zd);
        }
        for (int i = 0; i < wk.zd.length; i++) {
            wk.z.data[i] = (float) wk.zd[i];
        }
        FMatrixRMaj om = wk.decPass.forward(wk.z);
        for (int i = 0; i < wk.out.length; i++) {
            wk.out[i] = om.data[i];
        }
        double wsum = 0;
        for (int r = 0; r < rows; r++) {
            wsum += wk.w[r];
        }
        double rec = 0, kl = 0;
        float[] x = wk.x.data;
        for (int r = 0; r < rows; r++) {
            double s = wk.w[r] / wsum;
            rec += s * VaeLoss.reconstruction(settings.likelihood(), settings.variance(), wk.out, r * outs, x, r * dim, dim, wk.dOut, s);
            kl += s * VaeLoss.kl(wk.h, r * l2, latent);
        }
        ElboTerms t = new ElboTerms(rec + settings.beta() * kl, rec, kl);
        if (!t.finite()) {
            return t;
        }
        for (int i = 0; i < wk.dOut.length; i++) {
            wk.dOutm.data[i] = (float) wk.dOut[i];
        }
        encoder.zeroGradients();
        decoder.zeroGradients();
        FMatrixRMaj dzm = wk.decPass.backward(wk.dOutm);
        for (int i = 0; i < wk.dz.length; i++) {
            wk.dz[i] = dzm.data[i];
        }
        for (int r = 0; r < rows; r++) {
            VaeLoss.encoderGradient(wk.h, r * l2, wk.eps, wk.dz, r * latent, latent, settings.beta() * wk.w[r] / wsum, wk.dh);
        }
        for (int i = 0; i < wk.dh.length; i++) {
            wk.dhm.data[i] = (float) wk.dh[i];
        }
        wk.encPass.backward(wk.dhm);
        return t;
    }

    /** The encoder as it is now (a copy); with {@link #decoderNetwork()}, for tests and files. */
    synchronized Mlp encoderNetwork() {
        return encoder.copy();
    }

    /** The decoder as it is now (a copy). */
    synchronized Mlp decoderNetwork() {
        return decoder.copy();
    }

    /** The encoder's accumulated gradients (tests). */
    synchronized float[] encoderGradients() {
        return encoder.gradients();
    }

    /** The decoder's accumulated gradients (tests). */
    synchronized float[] decoderGradients() {
        return decoder.gradients();
    }

    /** Replaces both networks' parameters (tests: the failure path). */
    synchronized void setParameters(float[] enc, float[] dec) {
        encoder.setParameters(enc);
        decoder.setParameters(dec);
    }

    /** Updates kept so far (a failed step does not count, nor the update that led to it). */
    public synchronized int stepsDone() {
        return done;
    }

    /** Progress in epochs: completed epochs plus the fraction of the current one (1.5: half-way through the second). */
    public synchronized double epoch() {
        return epochsBefore + epochs.size() + (double) cursor / stepsPerEpoch;
    }

    /** Completed epochs. */
    public synchronized int epochsDone() {
        return epochsBefore + epochs.size();
    }

    /**
     * The terms of each completed epoch: the weighted means per example over its steps, each
     * step's at the parameters before its update (a running mean while the model learns).
     */
    public synchronized List<ElboTerms> epochTerms() {
        return List.copyOf(epochs);
    }

    /** The planned steps not yet run: max(0, {@link #plannedSteps()} − {@link #stepsDone()}). */
    public synchronized int remaining() {
        return Math.max(0, plannedSteps() - done);
    }

    /** The terms of the last completed step, or null before the first. */
    public synchronized ElboTerms lastTerms() {
        return lastTerms;
    }

    /** Why training stopped, or null while it can go on. */
    public synchronized String failure() {
        return failure;
    }

    /** Whether training stopped on a number that is not finite. */
    public synchronized boolean failed() {
        return failure != null;
    }

    /** Steps per second over all calls of {@link #step(int)} so far (0 before the first). */
    public synchronized double stepsPerSecond() {
        return nanos == 0 ? 0 : Math.max(0, done - resumedAt) * 1e9 / nanos;
    }

    /** Seconds per epoch at {@link #stepsPerSecond()} (0 before the first step). */
    public synchronized double secondsPerEpoch() {
        double s = stepsPerSecond();
        return s == 0 ? 0 : stepsPerEpoch / s;
    }

    /**
     * A snapshot of the model as it is now: immutable, its own copy of the networks, safe to
     * encode and decode with from any thread while training goes on.
     */
    public synchronized Vae vae() {
        return new Vae(encoder.copy(), decoder.copy(), settings.likelihood(), settings.beta(), settings.variance(), data.name());
    }

    @Override
    public String toString() {
        return "VaeTrainer[" + settings + ", " + parallelism + (executor == null ? " (caller)" : "") + " threads, " + done + " steps]";
    }
}
