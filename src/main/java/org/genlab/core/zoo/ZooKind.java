package org.genlab.core.zoo;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The six density models of the homework's question 1, with what a card says about each: what
 * is learned, how p(x) is obtained, how a sample is drawn. The texts are GenLab's own words.
 */
public enum ZooKind {
    KDE("kde", "Kernel density estimator", 2,
            "Nothing is learned: the model is the data set itself, a kernel K and a bandwidth h.",
            "p(x) = 1/(n h^d) Σ_i K((x − x_i)/h), with d = 2 here.",
            "Pick a data point x_i at random, then add kernel noise: x = x_i + h ε, ε ~ K."),
    AR("ar", "Autoregressive", 10,
            "A network for each conditional: p(x1) and p(x2 | x1), each a softmax over bins.",
            "p(x) = p(x1) p(x2 | x1), the chain rule with learned factors.",
            "Draw x1 from p(x1), then x2 from p(x2 | x1) at that x1."),
    GMM("gmm", "Gaussian mixture", 2,
            "Weights π_k, means μ_k and covariances Σ_k, fitted by EM.",
            "p(x) = Σ_k π_k N(x; μ_k, Σ_k).",
            "Pick a component k with probability π_k, then draw x ~ N(μ_k, Σ_k)."),
    FLOW("flow", "Normalizing flow", 10,
            "An invertible map f_θ (affine coupling layers), fitted by maximum likelihood.",
            "p(x) = p_Z(f_θ(x)) |det ∂f_θ/∂x|, the change of variables.",
            "Draw z ~ N(0, I), then x = f_θ⁻¹(z)."),
    VAE("vae", "Variational auto-encoder", 10,
            "An encoder q_φ(z | x) and a decoder p_θ(x | z), fitted by maximising the ELBO.",
            "log p(x) ≥ E_q[log p_θ(x | z)] − KL(q_φ(z | x) ‖ p(z)); importance sampling estimates log p(x) itself.",
            "Draw z ~ N(0, I), decode it to p_θ(x | z), and draw x from that."),
    DIFFUSION("diffusion", "Diffusion model", 2,
            "A noise predictor ε_θ(x_t, t), fitted by denoising score matching.",
            "log p(x) by the probability-flow ODE: log p_T(x_T) plus the integral of the divergence of its drift.",
            "Draw x_T ~ N(0, I) and run the reverse process down to t = 0.");

    private final String id;
    private final String title;
    private final int minPoints;
    private final String learned;
    private final String density;
    private final String sampling;

    ZooKind(String id, String title, int minPoints, String learned, String density, String sampling) {
        this.id = id;
        this.title = title;
        this.minPoints = minPoints;
        this.learned = learned;
        this.density = density;
        this.sampling = sampling;
    }

    /** The command line's {@code --model} value. */
    public String id() {
        return id;
    }

    /** The card's title. */
    public String title() {
        return title;
    }

    /** The fewest data points a fit accepts. */
    public int minPoints() {
        return minPoints;
    }

    /** What the model learns. */
    public String learned() {
        return learned;
    }

    /** How p(x) is obtained. */
    public String density() {
        return density;
    }

    /** How a sample is drawn. */
    public String sampling() {
        return sampling;
    }

    /** The kind whose id is {@code id}. */
    public static Optional<ZooKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    /** Every id, in order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ZooKind::id).toList();
    }
}
