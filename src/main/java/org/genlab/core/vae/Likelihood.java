package org.genlab.core.vae;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The decoder's likelihood p(x | z) of a {@link Vae}, per input coordinate, independent
 * given z.
 */
public enum Likelihood {
    /**
     * Bernoulli with probability sigmoid(l), l the decoder's output (a logit) per pixel; for
     * images with values in [0, 1] (a grey value counts as a fractional observation):
     * −log p(x | z) = Σ_d softplus(l_d) − x_d l_d. The decoded mean is sigmoid(l).
     */
    BERNOULLI("bernoulli"),
    /**
     * Gaussian N(m, σ²) with the decoder's output m as the mean and a fixed variance σ²
     * ({@link VaeSettings#variance()}): −log p(x | z) = Σ_d ½ (log 2π + log σ² + (x_d − m_d)²/σ²).
     */
    GAUSSIAN("gaussian"),
    /**
     * Gaussian with a learned variance: the decoder outputs a mean m_d and a log-variance s_d
     * per coordinate (2 x input outputs, means first), the log-variance floored at
     * {@link Vae#LOG_VAR_FLOOR}: −log p(x | z) = Σ_d ½ (log 2π + s_d + (x_d − m_d)² e^(−s_d)).
     */
    GAUSSIAN_LEARNED("gaussian-learned");

    private final String id;

    Likelihood(String id) {
        this.id = id;
    }

    /** The name in files and on the command line: bernoulli, gaussian, gaussian-learned. */
    public String id() {
        return id;
    }

    /** The decoder's outputs for inputs of this dimension. */
    public int decoderOutputs(int inputDim) {
        return this == GAUSSIAN_LEARNED ? 2 * inputDim : inputDim;
    }

    /** Every id, in order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Likelihood::id).toList();
    }

    /** The likelihood with this id (case-insensitive). */
    public static Optional<Likelihood> byId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equalsIgnoreCase(id)).findFirst();
    }
}
