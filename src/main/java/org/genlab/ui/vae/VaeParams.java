package org.genlab.ui.vae;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genlab.core.param.Param;
import org.genlab.core.param.ParamSet;
import org.genlab.core.vae.GradientEstimators;
import org.genlab.core.vae.InverseCdfSampler;
import org.genlab.core.vae.McLikelihood;

/**
 * The VAE pane's declared parameters (question 3), one list for the controls, the lessons and
 * the command line. Each view reads only its own; {@link #BY_VIEW} says which, so the form shows
 * the controls of the view on screen and no others.
 */
public final class VaeParams {
    /** The views, in the order the pane offers them. */
    public static final List<String> VIEWS = List.of("invcdf", "mc", "elbo", "reparam", "latent");

    /** The targets of the inverse-CDF view; {@code drawn} is the histogram the user draws. */
    public static final List<String> TARGETS = List.of("mixture", "exponential", "uniform", "drawn");

    public static final ParamSet PARAMS = ParamSet.of(
            new Param.Choice("view", "View", "Which part of question 3: inverse-CDF latent models (b i-iii), the naive "
                    + "Monte-Carlo likelihood (b iv-vii), the ELBO and the KL (c), the reparameterization trick (d), or a "
                    + "trained VAE's latent space",
                    VIEWS, "invcdf"),
            // ---- (b) i-iii: inverse-CDF latent models
            new Param.Choice("target", "Target p(x)", "The distribution the latent model should reproduce: the mixture "
                    + "0.3 N(−2, 0.5²) + 0.7 N(1.5, 1), Exp(1), U(0, 1), or a histogram you draw on the top plot",
                    TARGETS, "mixture"),
            new Param.Choice("latent", "Latent p(z)", "The latent's distribution: U(0, 1) (question 3 b ii) or N(0, 1) (b iii)",
                    List.of("uniform", "normal"), "uniform"),
            new Param.Choice("option", "p(x | z)", "The homework's choices: (a) x = F⁻¹(z); (b) x = F⁻¹(P(z)), P the latent's "
                    + "CDF; (b-density) x = F⁻¹(p(z)), p the latent's density, as printed; (c) x ~ N(F(z), 1)",
                    List.of("a", "b", "b-density", "c"), "a"),
            new Param.Int("draws", "Draws", "How many z are drawn and pushed through p(x | z)", 1, 100_000, 2000L),
            // ---- (b) iv-vii: the naive Monte-Carlo likelihood
            new Param.Int("dim", "Dimension d", "The dimension of z and of x in the model z ~ N(0, I), x = A z + N(0, 0.3² I)",
                    1, McLikelihood.MAX_DIM, 8L),
            new Param.Int("samples", "Samples m", "How many z the estimate of p(x) averages over", 1, 100_000, 1000L),
            new Param.Choice("proposal", "Proposal", "Where the z come from: the prior N(0, I) (the homework's estimator), "
                    + "the exact posterior p(z | x) (an ideal encoder), or the posterior 1.2 times wider",
                    List.of("prior", "posterior", "wide"), "prior"),
            // ---- (c): the ELBO
            new Param.Real("x1", "Observed x₁", "First coordinate of the observed x", -4, 4, 1.0),
            new Param.Real("x2", "Observed x₂", "Second coordinate of the observed x", -4, 4, 0.5),
            new Param.Real("q-mean", "Mean of q", "The mean of q(z | x) = N(mean, var); drag the curve on the latent axis too",
                    -3, 3, 0.0),
            new Param.Real("q-var", "Variance of q", "The variance of q(z | x); it must be above zero", 0.01, 4, 1.0),
            // ---- (d): the reparameterization trick
            new Param.Choice("function", "f(z)", "The function whose expectation E_q[f(z)] is differentiated: "
                    + "z₁² + 2 z₂² + z₁ z₂, or sin z₁ + cos z₂", List.of("quadratic", "trig"), "quadratic"),
            new Param.Real("mu1", "μ₁", "Mean of q in the first coordinate", -3, 3, 0.5),
            new Param.Real("mu2", "μ₂", "Mean of q in the second coordinate", -3, 3, -0.5),
            new Param.Real("sigma1", "σ₁", "Standard deviation of q in the first coordinate", 0.1, 3, 1.0),
            new Param.Real("sigma2", "σ₂", "Standard deviation of q in the second coordinate", 0.1, 3, 0.5),
            new Param.Int("grad-samples", "Samples n", "How many ε each gradient estimate averages over",
                    1, GradientEstimators.MAX_SAMPLES / 100, 1L),
            new Param.Choice("pair", "Gradient shown", "Which two entries of the gradient the cloud shows: with respect to the "
                    + "means (μ₁, μ₂) or the standard deviations (σ₁, σ₂)", List.of("means", "sds"), "means"),
            // ---- a trained VAE's latent space
            new Param.Choice("data", "Data", "What the VAE learns: 16 × 16 images of squares, ellipses and triangles "
                    + "(10,000, made from the seed), or 2-D points (two moons, or the data pane's data)",
                    List.of("shapes", "points"), "shapes"),
            new Param.Int("latent-dim", "Latent size", "The dimension of z: 2 for a map, 1 for a line", 1, 2, 2L),
            new Param.Real("beta", "β", "The weight of the KL in the loss: above 1 a tidier latent space, below 1 sharper "
                    + "reconstructions (a change starts training again)", 0, 8, 1.0),
            new Param.Int("epochs", "Epochs", "How many passes over the data Train makes", 1, 500, 10L),
            new Param.Choice("colour", "Colour by", "The known factor the encoded points are coloured by",
                    List.of("kind", "x", "y", "scale", "rotation"), "x"),
            new Param.Flag("mosaic", "Decoded grid", "Show the decoding of a grid of latent points under the encoded data", false),
            // ---- shared
            new Param.Int("seed", "Seed", "The random seed: same seed, same draws, same pictures", 0, Integer.MAX_VALUE, 0L));

    /** The parameters each view uses (view and seed belong to all). */
    public static final Map<String, Set<String>> BY_VIEW = Map.of(
            "invcdf", Set.of("target", "latent", "option", "draws"),
            "mc", Set.of("dim", "samples", "proposal"),
            "elbo", Set.of("x1", "x2", "q-mean", "q-var"),
            "reparam", Set.of("function", "mu1", "mu2", "sigma1", "sigma2", "grad-samples", "pair"),
            "latent", Set.of("data", "latent-dim", "beta", "epochs", "colour", "mosaic"));

    static {
        if (InverseCdfSampler.MAX_N < 100_000) {
            throw new AssertionError("the draws range exceeds the sampler's limit");
        }
    }

    private VaeParams() {
    }

    /** Whether the parameter is shown with this view. */
    public static boolean belongsTo(String param, String view) {
        return param.equals("view") || param.equals("seed") || BY_VIEW.getOrDefault(view, Set.of()).contains(param);
    }
}
