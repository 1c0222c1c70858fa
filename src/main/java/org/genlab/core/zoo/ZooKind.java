package org.genlab.core.zoo;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The six density models of the homework's question 1, with what a card says about each: what
 * is learned, how p(x) is obtained, how a sample is drawn. The texts are GenLab's own words.
 */
public enum ZooKind {
    KDE("kde", "Kernel density estimator", "KDE", 2,
            "nothing: the data and a bandwidth h", "1/(n h²) Σᵢ K((x − xᵢ)/h)", "pick xᵢ, add h ε",
            "Nothing is learned: the model is the data set itself, a kernel K and a bandwidth h.",
            "p(x) = 1/(n h^d) Σ_i K((x − x_i)/h), with d = 2 here.",
            "Pick a data point x_i at random, then add kernel noise: x = x_i + h ε, ε ~ K."),
    AR("ar", "Autoregressive", "Autoregressive", 10,
            "softmax nets for p(x₁) and p(x₂ | x₁)", "p(x₁) p(x₂ | x₁)", "x₁ ~ p(x₁), then x₂ ~ p(x₂ | x₁)",
            "A network for each factor: p(x₁) and p(x₂ | x₁), each a softmax over bins.",
            "p(x) = p(x₁) p(x₂ | x₁), the chain rule with learned factors.",
            "Draw x₁ from p(x₁), then x₂ from p(x₂ | x₁) at that x₁."),
    GMM("gmm", "Gaussian mixture", "Gaussian mixture", 2,
            "πₖ, μₖ, Σₖ fitted by EM", "Σₖ πₖ N(x; μₖ, Σₖ)", "k ~ π, then x ~ N(μₖ, Σₖ)",
            "Weights π_k, means μ_k and covariances Σ_k, fitted by EM.",
            "p(x) = Σ_k π_k N(x; μ_k, Σ_k).",
            "Pick a component k with probability π_k, then draw x ~ N(μ_k, Σ_k)."),
    FLOW("flow", "Normalizing flow", "Flow", 10,
            "an invertible f_θ, by max. likelihood", "p_Z(f(x)) |det ∂f/∂x|", "z ~ N(0, I), x = f⁻¹(z)",
            "An invertible map f_θ (affine coupling layers), fitted by maximum likelihood.",
            "p(x) = p_Z(f_θ(x)) |det ∂f_θ/∂x|, the change of variables.",
            "Draw z ~ N(0, I), then x = f_θ⁻¹(z)."),
    VAE("vae", "Variational auto-encoder", "VAE", 10,
            "encoder q_φ(z|x), decoder p_θ(x|z)", "log p(x) ≥ ELBO (a bound)", "z ~ N(0, I), then x ~ p_θ(x | z)",
            "An encoder q_φ(z | x) and a decoder p_θ(x | z), fitted by maximising the ELBO (its KL weighted 0.8 while training, "
                    + "which avoids a collapsed fit; the bound shown weights it fully).",
            "log p(x) ≥ E_q[log p_θ(x | z)] − KL(q_φ(z | x) ‖ p(z)); importance sampling estimates log p(x) itself.",
            "Draw z ~ N(0, I), decode it to p_θ(x | z), and draw x from that."),
    DIFFUSION("diffusion", "Diffusion model", "Diffusion", 2,
            "a noise predictor ε_θ(x_t, t)", "ODE: log p_T(x_T) + ∫ div f dt", "x_T ~ N(0, I), reverse to t = 0",
            "A noise predictor ε_θ(x_t, t), fitted by denoising score matching.",
            "log p(x) by the probability-flow ODE: log p_T(x_T) plus the integral of the divergence of its drift.",
            "Draw x_T ~ N(0, I) and run the reverse process down to t = 0.");

    private final String id;
    private final String title;
    private final String shortTitle;
    private final int minPoints;
    private final String briefLearned;
    private final String briefDensity;
    private final String briefSampling;
    private final String learned;
    private final String density;
    private final String sampling;

    ZooKind(String id, String title, String shortTitle, int minPoints, String briefLearned, String briefDensity, String briefSampling,
            String learned, String density, String sampling) {
        this.id = id;
        this.title = title;
        this.shortTitle = shortTitle;
        this.minPoints = minPoints;
        this.briefLearned = briefLearned;
        this.briefDensity = briefDensity;
        this.briefSampling = briefSampling;
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

    /** A short name for tables ("KDE", "Flow"). */
    public String shortTitle() {
        return shortTitle;
    }

    /** The fewest data points a fit accepts. */
    public int minPoints() {
        return minPoints;
    }

    /** What the model learns, in a few words for a small card. */
    public String briefLearned() {
        return briefLearned;
    }

    /** How p(x) is obtained, as a short formula. */
    public String briefDensity() {
        return briefDensity;
    }

    /** How a sample is drawn, in a few words. */
    public String briefSampling() {
        return briefSampling;
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
