package org.genlab.core.vae;

/**
 * The VAE's per-example loss terms and their gradients, written once for the trainer, the
 * model's evaluation and the tests. Encoder outputs h are rows [μ (L), log σ² (L)].
 */
final class VaeLoss {
    /** log(2 pi). */
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private VaeLoss() {
    }

    /** z = μ + exp(½ log σ²) ε for one row (h at hOff, ε and z at zOff). */
    static void reparameterize(double[] h, int hOff, double[] eps, int zOff, int latent, double[] z) {
        for (int j = 0; j < latent; j++) {
            // z = mu + sigma eps, sigma = exp(lv / 2)
            z[zOff + j] = h[hOff + j] + Math.exp(0.5 * h[hOff + latent + j]) * eps[zOff + j];
        }
    }

    /** KL(N(μ, diag σ²) ‖ N(0, I)) = ½ Σ_j (μ_j² + σ_j² − 1 − log σ_j²), for one row. */
    static double kl(double[] h, int hOff, int latent) {
        double s = 0;
        for (int j = 0; j < latent; j++) {
            double mu = h[hOff + j], lv = h[hOff + latent + j];
            s += mu * mu + Math.exp(lv) - 1 - lv;
        }
        return 0.5 * s;
    }

    /**
     * −log p(x | z) for one row from the decoder's outputs {@code out[outOff...]}; when
     * {@code dOut} is not null, writes scale · d(−log p)/d(out) there (same offsets).
     */
    static double reconstruction(Likelihood lik, double variance, double[] out, int outOff, float[] x, int xOff, int dim,
                                 double[] dOut, double scale) {
        double s = 0;
        switch (lik) {
            case BERNOULLI:
                for (int d = 0; d < dim; d++) {
                    double l = out[outOff + d], xv = x[xOff + d];
                    // softplus(l) - x l, softplus(l) = max(l, 0) + log(1 + e^-|l|)
                    s += Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))) - xv * l;
                    if (dOut != null) {
                        // d/dl = sigmoid(l) - x
                        dOut[outOff + d] = scale * (sigmoid(l) - xv);
                    }
                }
                return s;
            case GAUSSIAN: {
                double inv = 1 / variance, logVar = Math.log(variance);
                for (int d = 0; d < dim; d++) {
                    double r = x[xOff + d] - out[outOff + d];
                    // 0.5 (log 2pi + log s^2 + (x - m)^2 / s^2)
                    s += 0.5 * (LOG_2PI + logVar + r * r * inv);
                    if (dOut != null) {
                        // d/dm = -(x - m) / s^2
                        dOut[outOff + d] = -scale * r * inv;
                    }
                }
                return s;
            }
            default:
                for (int d = 0; d < dim; d++) {
                    double r = x[xOff + d] - out[outOff + d];
                    double raw = out[outOff + dim + d];
                    double lv = Math.max(raw, Vae.LOG_VAR_FLOOR);
                    double inv = Math.exp(-lv);
                    // 0.5 (log 2pi + lv + (x - m)^2 e^-lv)
                    s += 0.5 * (LOG_2PI + lv + r * r * inv);
                    if (dOut != null) {
                        // d/dm = -(x - m) e^-lv; d/dlv = 0.5 (1 - (x - m)^2 e^-lv), zero below the floor
                        dOut[outOff + d] = -scale * r * inv;
                        dOut[outOff + dim + d] = raw > Vae.LOG_VAR_FLOOR ? scale * 0.5 * (1 - r * r * inv) : 0;
                    }
                }
                return s;
        }
    }

    /**
     * The encoder's upstream gradient for one row, from dL/dz (which already carries the
     * row's scale) and the KL's closed form weighted by {@code betaScale} = β · scale:
     * dL/dμ = dL/dz + β s μ; dL/dlog σ² = dL/dz ε ½ σ + β s ½ (σ² − 1).
     */
    static void encoderGradient(double[] h, int hOff, double[] eps, double[] dz, int zOff, int latent, double betaScale,
                                double[] dh) {
        for (int j = 0; j < latent; j++) {
            double mu = h[hOff + j], lv = h[hOff + latent + j];
            double sigma = Math.exp(0.5 * lv);
            dh[hOff + j] = dz[zOff + j] + betaScale * mu;
            dh[hOff + latent + j] = dz[zOff + j] * eps[zOff + j] * 0.5 * sigma + betaScale * 0.5 * (sigma * sigma - 1);
        }
    }

    /** 1 / (1 + e^-l), without overflow. */
    static double sigmoid(double l) {
        if (l >= 0) {
            return 1 / (1 + Math.exp(-l));
        }
        double e = Math.exp(l);
        return e / (1 + e);
    }
}
