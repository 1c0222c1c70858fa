package org.genlab.core.zoo;

/** What a model's log p(x) number is: the exact value, a lower bound on it, or an estimate of it. */
public enum DensityKind {
    /** The model's density itself (KDE, autoregressive, mixture, flow). */
    EXACT("exact"),
    /** A lower bound on log p(x) (the VAE's ELBO). */
    BOUND("bound"),
    /** A stochastic or numerical estimate (the VAE's importance-sampled value, the diffusion ODE). */
    ESTIMATE("estimate");

    private final String id;

    DensityKind(String id) {
        this.id = id;
    }

    /** The lower-case name the command line prints. */
    public String id() {
        return id;
    }
}
