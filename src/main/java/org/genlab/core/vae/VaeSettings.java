package org.genlab.core.vae;

import java.util.Objects;
import org.genlab.core.nn.Activation;

/**
 * The settings of {@link VaeTrainer}: the model (likelihood, latent dimension, hidden width
 * and layers of both networks, their activation, β, the fixed variance of
 * {@link Likelihood#GAUSSIAN}) and the training (batch, Adam's learning rate, planned epochs,
 * seed).
 *
 * <p>The encoder is input → {@code layers} x {@code hidden} ({@code activation}) → 2 latent
 * (means, then log-variances), the decoder latent → {@code layers} x {@code hidden} →
 * {@link Likelihood#decoderOutputs}, both with linear outputs.
 *
 * @param likelihood the decoder's p(x | z)
 * @param latent     latent dimension, 1..{@value #MAX_LATENT}
 * @param hidden     hidden width, 1..4096
 * @param layers     hidden layers per network, 1..8
 * @param activation the hidden layers' activation
 * @param batch      examples per step, at least 1 (a data set smaller than it is one batch)
 * @param lr         Adam's learning rate, finite and &gt; 0
 * @param epochs     planned epochs, at least 1 ({@link VaeTrainer#remaining()} counts down from them)
 * @param beta       the KL's weight β, finite and ≥ 0 (1: the ELBO)
 * @param variance   σ² of {@link Likelihood#GAUSSIAN}, finite and &gt; 0 (stored, unused by the others)
 * @param seed       seeds the initial weights, the batches and the ε draws
 */
public record VaeSettings(Likelihood likelihood, int latent, int hidden, int layers, Activation activation, int batch, double lr,
                          int epochs, double beta, double variance, long seed) {
    /** The largest latent dimension. */
    public static final int MAX_LATENT = 16;

    /** Images: Bernoulli, latent 2, 2 hidden layers of 256 (ReLU), batch 128, lr 1e-3, 10 epochs, β 1, seed 0. */
    public static final VaeSettings IMAGES = new VaeSettings(Likelihood.BERNOULLI, 2, 256, 2, Activation.RELU, 128, 1e-3, 10, 1, 0.01, 0);

    /**
     * 2-D points: Gaussian with learned variance, latent 1, 2 hidden layers of 64 (ReLU), batch 128,
     * lr 1e-3, 200 epochs, β 1, seed 0.
     */
    public static final VaeSettings POINTS = new VaeSettings(Likelihood.GAUSSIAN_LEARNED, 1, 64, 2, Activation.RELU, 128, 1e-3, 200, 1, 0.01, 0);

    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException naming the field, e.g. {@code latent: must be in 1..16, got 0}
     */
    public VaeSettings {
        Objects.requireNonNull(likelihood, "likelihood");
        Objects.requireNonNull(activation, "activation");
        if (latent < 1 || latent > MAX_LATENT) {
            throw new IllegalArgumentException("latent: must be in 1.." + MAX_LATENT + ", got " + latent);
        }
        if (hidden < 1 || hidden > 4096) {
            throw new IllegalArgumentException("hidden: must be in 1..4096, got " + hidden);
        }
        if (layers < 1 || layers > 8) {
            throw new IllegalArgumentException("layers: must be in 1..8, got " + layers);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch: must be at least 1, got " + batch);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr: must be finite and > 0, got " + lr);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs: must be at least 1, got " + epochs);
        }
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta: must be finite and >= 0, got " + beta);
        }
        if (!(variance > 0) || !Double.isFinite(variance)) {
            throw new IllegalArgumentException("variance: must be finite and > 0, got " + variance);
        }
    }

    /** The same with another latent dimension. */
    public VaeSettings withLatent(int latent) {
        return new VaeSettings(likelihood, latent, hidden, layers, activation, batch, lr, epochs, beta, variance, seed);
    }

    /** The same with another network size. */
    public VaeSettings withNetwork(int hidden, int layers) {
        return new VaeSettings(likelihood, latent, hidden, layers, activation, batch, lr, epochs, beta, variance, seed);
    }

    /** The same with another likelihood. */
    public VaeSettings withLikelihood(Likelihood likelihood) {
        return new VaeSettings(likelihood, latent, hidden, layers, activation, batch, lr, epochs, beta, variance, seed);
    }

    /** The same with another activation. */
    public VaeSettings withActivation(Activation activation) {
        return new VaeSettings(likelihood, latent, hidden, layers, activation, batch, lr, epochs, beta, variance, seed);
    }

    /** The same with another batch size. */
    public VaeSettings withBatch(int batch) {
        return new VaeSettings(likelihood, latent, hidden, layers, activation, batch, lr, epochs, beta, variance, seed);
    }

    /** The same with another learning rate. */
    public VaeSettings withLr(double lr) {
        return new VaeSettings(likelihood, latent, hidden, layers, activation, batch, lr, epochs, beta, variance, seed);
    }

    /** The same with another number of epochs. */
    public VaeSettings withEpochs(int epochs) {
        return new VaeSettings(likelihood, latent, hidden, layers, activation, batch, lr, epochs, beta, variance, seed);
    }

    /** The same with another β. */
    public VaeSettings withBeta(double beta) {
        return new VaeSettings(likelihood, latent, hidden, layers, activation, batch, lr, epochs, beta, variance, seed);
    }

    /** The same with another fixed variance. */
    public VaeSettings withVariance(double variance) {
        return new VaeSettings(likelihood, latent, hidden, layers, activation, batch, lr, epochs, beta, variance, seed);
    }

    /** The same with another seed. */
    public VaeSettings withSeed(long seed) {
        return new VaeSettings(likelihood, latent, hidden, layers, activation, batch, lr, epochs, beta, variance, seed);
    }
}
