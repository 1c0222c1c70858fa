package org.genlab.core.vae;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.MlpShape;

/**
 * A trained variational autoencoder (Kingma and Welling 2014): an encoder network
 * x → (μ, log σ²) of q(z | x) = N(μ, diag σ²), a decoder network z → the parameters of
 * p(x | z) ({@link Likelihood}), the prior p(z) = N(0, I), and the β it was trained with.
 *
 * <p>Immutable and thread-safe: it holds its own copies of the two networks and only ever
 * runs them forward ({@link Mlp#predict}, which keeps no state), so any number of threads may
 * encode and decode at once, also while a {@link VaeTrainer} goes on training (it hands out
 * snapshots with {@link VaeTrainer#vae()}). The single-example methods run on the caller; one
 * 2-D z to 256 pixels costs about the decoder's 2 x 256 x 256 multiply-adds (some tens of
 * microseconds), cheap enough for every mouse move. The batched methods take an executor and
 * run fixed chunks of 256 rows on it, so their results do not depend on the threads.
 */
public final class Vae {
    /** The floor of a learned log-variance ({@link Likelihood#GAUSSIAN_LEARNED}): log 1e-4, σ ≥ 0.01. */
    public static final double LOG_VAR_FLOOR = Math.log(1e-4);

    /** q(z | x) for one x. */
    public record Encoding(float[] mean, float[] logVar) {
    }

    /** q(z | x) for many x: row i of each array is example i. */
    public record Encodings(float[][] means, float[][] logVars) {
        /** Number of examples. */
        public int size() {
            return means.length;
        }
    }

    private final Mlp encoder;
    private final Mlp decoder;
    private final Likelihood likelihood;
    private final int latent;
    private final int inputDim;
    private final double beta;
    private final double variance;
    private final String datasetName;

    /** Takes ownership of the networks (already checked). */
    Vae(Mlp encoder, Mlp decoder, Likelihood likelihood, double beta, double variance, String datasetName) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.likelihood = likelihood;
        this.latent = decoder.shape().inputs();
        this.inputDim = encoder.shape().inputs();
        this.beta = beta;
        this.variance = variance;
        this.datasetName = datasetName;
    }

    /**
     * A model from two networks (copied).
     *
     * @throws IllegalArgumentException if the shapes do not fit together or with the likelihood,
     *     β is negative or not finite, or the variance is not finite and &gt; 0 (the message names it)
     */
    public static Vae of(Mlp encoder, Mlp decoder, Likelihood likelihood, double beta, double variance, String datasetName) {
        Objects.requireNonNull(likelihood, "likelihood");
        Objects.requireNonNull(datasetName, "datasetName");
        String why = shapeProblem(encoder.shape(), decoder.shape(), likelihood);
        if (why != null) {
            throw new IllegalArgumentException("model: " + why);
        }
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta: must be finite and >= 0, got " + beta);
        }
        if (!(variance > 0) || !Double.isFinite(variance)) {
            throw new IllegalArgumentException("variance: must be finite and > 0, got " + variance);
        }
        return new Vae(encoder.copy(), decoder.copy(), likelihood, beta, variance, datasetName);
    }

    /** Why these networks cannot be the encoder and decoder of a VAE, or null if they can. */
    static String shapeProblem(MlpShape enc, MlpShape dec, Likelihood lik) {
        int latent = dec.inputs();
        if (latent < 1 || latent > VaeSettings.MAX_LATENT) {
            return "the decoder takes " + latent + " inputs, a latent dimension outside 1.." + VaeSettings.MAX_LATENT;
        }
        if (enc.outputs() != 2 * latent) {
            return "the encoder has " + enc.outputs() + " outputs, expected " + 2 * latent + " (mean and log-variance of a latent of " + latent + ")";
        }
        int want = lik.decoderOutputs(enc.inputs());
        if (dec.outputs() != want) {
            return "the decoder has " + dec.outputs() + " outputs, expected " + want + " (" + lik.id() + " for " + enc.inputs() + " inputs)";
        }
        return null;
    }

    /** The latent dimension L. */
    public int latentDim() {
        return latent;
    }

    /** The dimension of x (256 for {@link Shapes}, 2 for points). */
    public int inputDim() {
        return inputDim;
    }

    /** The decoder's likelihood. */
    public Likelihood likelihood() {
        return likelihood;
    }

    /** The β the model was trained with (the weight of the KL in its loss). */
    public double beta() {
        return beta;
    }

    /** σ² of {@link Likelihood#GAUSSIAN} (stored for the others, unused). */
    public double variance() {
        return variance;
    }

    /** The name of the data set it was trained on ({@code shapes}, or a CSV file's name). */
    public String datasetName() {
        return datasetName;
    }

    /** A copy of the encoder. */
    public Mlp encoder() {
        return encoder.copy();
    }

    /** A copy of the decoder. */
    public Mlp decoder() {
        return decoder.copy();
    }

    /** q(z | x) for one x of {@link #inputDim()} values, on the caller. */
    public Encoding encode(float[] x) {
        checkLength("x", x, inputDim);
        FMatrixRMaj h = encoder.predict(FMatrixRMaj.wrap(1, inputDim, x.clone()));
        float[] mean = new float[latent], logVar = new float[latent];
        System.arraycopy(h.data, 0, mean, 0, latent);
        System.arraycopy(h.data, latent, logVar, 0, latent);
        return new Encoding(mean, logVar);
    }

    /**
     * q(z | x) for every row of {@code data}, in fixed chunks on {@code executor} (null: the
     * caller) with up to {@code parallelism} threads. Call it off the FX thread for a whole set.
     */
    public Encodings encode(VaeData data, Executor executor, int parallelism) {
        if (data.dim() != inputDim) {
            throw new IllegalArgumentException("data: rows of " + data.dim() + " values, the model takes " + inputDim);
        }
        FMatrixRMaj h = encodeMatrix(data, executor, parallelism);
        int n = data.size();
        float[][] means = new float[n][latent], logVars = new float[n][latent];
        for (int i = 0; i < n; i++) {
            System.arraycopy(h.data, i * 2 * latent, means[i], 0, latent);
            System.arraycopy(h.data, i * 2 * latent + latent, logVars[i], 0, latent);
        }
        return new Encodings(means, logVars);
    }

    private FMatrixRMaj encodeMatrix(VaeData data, Executor executor, int parallelism) {
        FMatrixRMaj h = new FMatrixRMaj(data.size(), 2 * latent);
        encoder.predict(FMatrixRMaj.wrap(data.size(), inputDim, data.values()), h, executor, parallelism);
        return h;
    }

    /**
     * The decoded mean E[x | z] for one z of {@link #latentDim()} values, on the caller:
     * pixel probabilities sigmoid(logits) for {@link Likelihood#BERNOULLI}, the Gaussian's mean
     * otherwise. A new array of {@link #inputDim()}.
     */
    public float[] decode(float[] z) {
        checkLength("z", z, latent);
        FMatrixRMaj out = decoder.predict(FMatrixRMaj.wrap(1, latent, z.clone()));
        float[] mean = new float[inputDim];
        means(out.data, 0, mean);
        return mean;
    }

    /** {@link #decode(float[])} for each z, on the caller. */
    public float[][] decode(float[][] zs) {
        return decode(zs, null, 1);
    }

    /**
     * {@link #decode(float[])} for each z (a grid of 15 x 15, say), in fixed chunks on
     * {@code executor} (null: the caller) with up to {@code parallelism} threads.
     */
    public float[][] decode(float[][] zs, Executor executor, int parallelism) {
        if (zs.length == 0) {
            return new float[0][];
        }
        FMatrixRMaj z = new FMatrixRMaj(zs.length, latent);
        for (int i = 0; i < zs.length; i++) {
            checkLength("z[" + i + "]", zs[i], latent);
            System.arraycopy(zs[i], 0, z.data, i * latent, latent);
        }
        int outs = decoder.shape().outputs();
        FMatrixRMaj out = new FMatrixRMaj(zs.length, outs);
        decoder.predict(z, out, executor, parallelism);
        float[][] result = new float[zs.length][inputDim];
        for (int i = 0; i < zs.length; i++) {
            means(out.data, i * outs, result[i]);
        }
        return result;
    }

    /** The means of p(x | z) from the decoder's outputs at {@code off}. */
    private void means(float[] out, int off, float[] mean) {
        if (likelihood == Likelihood.BERNOULLI) {
            for (int d = 0; d < inputDim; d++) {
                mean[d] = (float) VaeLoss.sigmoid(out[off + d]);
            }
        } else {
            System.arraycopy(out, off, mean, 0, inputDim);
        }
    }

    /**
     * The loss terms over a whole data set (weighted means per example), each example with one
     * ε ~ N(0, I) drawn from {@code new Rng(seed)} in row order; networks run in fixed chunks on
     * {@code executor} (null: the caller). The same seed gives the same numbers on any thread count.
     */
    public ElboTerms evaluate(VaeData data, long seed, Executor executor, int parallelism) {
        if (data.dim() != inputDim) {
            throw new IllegalArgumentException("data: rows of " + data.dim() + " values, the model takes " + inputDim);
        }
        int n = data.size();
        FMatrixRMaj hm = encodeMatrix(data, executor, parallelism);
        double[] h = new double[hm.data.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = hm.data[i];
        }
        Rng rng = new Rng(seed);
        double[] eps = new double[n * latent];
        double[] zd = new double[n * latent];
        FMatrixRMaj z = new FMatrixRMaj(n, latent);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < latent; j++) {
                eps[i * latent + j] = rng.nextGaussian();
            }
            VaeLoss.reparameterize(h, i * 2 * latent, eps, i * latent, latent, zd);
        }
        for (int i = 0; i < zd.length; i++) {
            z.data[i] = (float) zd[i];
        }
        int outs = decoder.shape().outputs();
        FMatrixRMaj out = new FMatrixRMaj(n, outs);
        decoder.predict(z, out, executor, parallelism);
        double[] row = new double[outs];
        double rec = 0, kl = 0, w = 0;
        float[] x = data.values();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < outs; k++) {
                row[k] = out.data[i * outs + k];
            }
            double wi = data.weight(i);
            rec += wi * VaeLoss.reconstruction(likelihood, variance, row, 0, x, i * inputDim, inputDim, null, 0);
            kl += wi * VaeLoss.kl(h, i * 2 * latent, latent);
            w += wi;
        }
        rec /= w;
        kl /= w;
        return new ElboTerms(rec + beta * kl, rec, kl);
    }

    private static void checkLength(String name, float[] v, int n) {
        if (v.length != n) {
            throw new IllegalArgumentException(name + ": has " + v.length + " values, the model expects " + n);
        }
    }

    @Override
    public String toString() {
        return "Vae[" + likelihood.id() + ", latent " + latent + ", encoder " + encoder.shape() + ", decoder " + decoder.shape()
                + ", beta " + beta + ", data " + datasetName + "]";
    }
}
