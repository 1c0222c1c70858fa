package org.genlab.core.vae;

/**
 * The terms of a VAE's loss, each a weighted mean per example over a batch or a data set:
 * negElbo = reconstruction + β kl, with reconstruction = −log p(x | z) at one reparameterized
 * z = μ + σ ε and kl = KL(q(z | x) ‖ N(0, I)) in closed form. With β = 1, −negElbo is the
 * ELBO, a lower bound on log p(x) (in nats).
 */
public record ElboTerms(double negElbo, double reconstruction, double kl) {
    /** −negElbo: the ELBO (the β-weighted objective when β ≠ 1). */
    public double elbo() {
        return -negElbo;
    }

    /** Whether all three numbers are finite. */
    public boolean finite() {
        return Double.isFinite(negElbo) && Double.isFinite(reconstruction) && Double.isFinite(kl);
    }
}
