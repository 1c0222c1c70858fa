package org.genlab.core.zoo;

import java.util.Objects;

/**
 * Everything a fit may be told; each model reads the fields that concern it.
 *
 * @param seed          every random choice of a fit (initial weights, batches, k-means++) comes from it
 * @param bandwidth     KDE: h; 0 means the rule of thumb (Scott's, h = n^(-1/6) times the mean sd)
 * @param kernel        KDE: {@code gaussian} or {@code epanechnikov}
 * @param bins          autoregressive: bins per coordinate of each softmax
 * @param components    Gaussian mixture: K
 * @param covariance    Gaussian mixture: {@code spherical}, {@code diagonal} or {@code full}
 * @param couplings     flow: the number of affine coupling layers
 * @param latent        VAE: the latent dimension, 1 or 2
 * @param exactDenoiser diffusion: use the exact empirical denoiser (memorises the data) instead of a trained network
 * @param effort        a multiplier on every training length (1 = the defaults; tests use less)
 */
public record ZooSettings(long seed, double bandwidth, String kernel, int bins, int components, String covariance,
        int couplings, int latent, boolean exactDenoiser, double effort) {
    /** The pane's and the command line's defaults. */
    public static final ZooSettings DEFAULTS = new ZooSettings(0, 0, "gaussian", 32, 8, "full", 6, 2, false, 1);

    public ZooSettings {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(covariance, "covariance");
        if (!(bandwidth >= 0) || !Double.isFinite(bandwidth)) {
            throw new IllegalArgumentException("bandwidth: must be finite and >= 0 (0 = rule of thumb), got " + bandwidth);
        }
        if (!kernel.equals("gaussian") && !kernel.equals("epanechnikov")) {
            throw new IllegalArgumentException("kernel: must be gaussian or epanechnikov, got '" + kernel + "'");
        }
        if (bins < 2 || bins > 256) {
            throw new IllegalArgumentException("bins: must be 2 to 256, got " + bins);
        }
        if (components < 1 || components > 32) {
            throw new IllegalArgumentException("components: must be 1 to 32, got " + components);
        }
        if (!covariance.equals("spherical") && !covariance.equals("diagonal") && !covariance.equals("full")) {
            throw new IllegalArgumentException("covariance: must be spherical, diagonal or full, got '" + covariance + "'");
        }
        if (couplings < 1 || couplings > 32) {
            throw new IllegalArgumentException("couplings: must be 1 to 32, got " + couplings);
        }
        if (latent != 1 && latent != 2) {
            throw new IllegalArgumentException("latent: must be 1 or 2, got " + latent);
        }
        if (!(effort > 0) || effort > 100) {
            throw new IllegalArgumentException("effort: must be in (0, 100], got " + effort);
        }
    }

    public ZooSettings withSeed(long s) {
        return new ZooSettings(s, bandwidth, kernel, bins, components, covariance, couplings, latent, exactDenoiser, effort);
    }

    public ZooSettings withBandwidth(double h) {
        return new ZooSettings(seed, h, kernel, bins, components, covariance, couplings, latent, exactDenoiser, effort);
    }

    public ZooSettings withKernel(String k) {
        return new ZooSettings(seed, bandwidth, k, bins, components, covariance, couplings, latent, exactDenoiser, effort);
    }

    public ZooSettings withBins(int b) {
        return new ZooSettings(seed, bandwidth, kernel, b, components, covariance, couplings, latent, exactDenoiser, effort);
    }

    public ZooSettings withComponents(int k) {
        return new ZooSettings(seed, bandwidth, kernel, bins, k, covariance, couplings, latent, exactDenoiser, effort);
    }

    public ZooSettings withCovariance(String c) {
        return new ZooSettings(seed, bandwidth, kernel, bins, components, c, couplings, latent, exactDenoiser, effort);
    }

    public ZooSettings withCouplings(int c) {
        return new ZooSettings(seed, bandwidth, kernel, bins, components, covariance, c, latent, exactDenoiser, effort);
    }

    public ZooSettings withLatent(int l) {
        return new ZooSettings(seed, bandwidth, kernel, bins, components, covariance, couplings, l, exactDenoiser, effort);
    }

    public ZooSettings withExactDenoiser(boolean e) {
        return new ZooSettings(seed, bandwidth, kernel, bins, components, covariance, couplings, latent, e, effort);
    }

    public ZooSettings withEffort(double e) {
        return new ZooSettings(seed, bandwidth, kernel, bins, components, covariance, couplings, latent, exactDenoiser, e);
    }
}
