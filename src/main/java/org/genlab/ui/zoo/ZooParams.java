package org.genlab.ui.zoo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genlab.core.param.Param;
import org.genlab.core.param.ParamSet;
import org.genlab.core.zoo.ZooKind;
import org.genlab.core.zoo.ZooSettings;

/**
 * The zoo pane's parameters (questions 1 and 2): one form for its three views. {@link #BY_VIEW}
 * says which view reads which, so the form shows only the controls of the view on screen.
 */
public final class ZooParams {
    /** The data sets the models view offers; {@code custom} is the data pane's, once given. */
    static final List<String> DATA_CHOICES = List.of("two-moons", "eight-gaussians", "two-blobs", "three-blobs", "rings", "spiral",
            "checkerboard", "custom");
    /** {@code all}, then one id per model. */
    static final List<String> FOCUS_CHOICES;

    static {
        List<String> f = new java.util.ArrayList<>(List.of("all"));
        f.addAll(ZooKind.ids());
        FOCUS_CHOICES = List.copyOf(f);
    }

    private static final ZooSettings D = ZooSettings.DEFAULTS;

    /** Every parameter of the pane. */
    public static final ParamSet PARAMS = ParamSet.of(
            new Param.Choice("view", "View", "models: six density models fitted to one data set (question 1); logistic: "
                    + "q = σ(w + b) against n on the data x = (1) (question 2 b); logistic-2d: σ(wᵀx + b) on labelled 2-D data "
                    + "and labels sampled from it (question 2 a)", List.of("models", "logistic", "logistic-2d"), "models"),
            new Param.Choice("data", "Data", "The data set all six models are fitted to (custom: the data pane's, after "
                    + "\"Use the data pane's data\")", DATA_CHOICES, "two-moons"),
            new Param.Int("n", "Points", "How many points the data set has; 80% train the models, 20% are held out", 20, 20_000, 2000L),
            new Param.Int("seed", "Seed", "The random seed: same seed, same data, split, fits and samples", 0, Integer.MAX_VALUE, 0L),
            new Param.Choice("focus", "Model", "all: the six cards; or one model enlarged with its text", FOCUS_CHOICES, "all"),
            new Param.Flag("density", "Density", "Shade each model's density p(x) (or its bound or estimate)", true),
            new Param.Flag("samples", "Samples", "Show samples drawn by each model's own procedure", true),
            new Param.Flag("points", "Training data", "Show the points the models were fitted to", false),
            new Param.Flag("trace", "Trace a sample", "Draw one sample stage by stage, with what each stage does (Right: the next one)", false),
            new Param.Int("sample-count", "Samples drawn", "How many samples each model draws", 10, 20_000, 500L),
            new Param.Real("bandwidth", "KDE bandwidth h", "The kernel's width h; 0 uses Scott's rule of thumb", 0, 10, D.bandwidth()),
            new Param.Choice("kernel", "KDE kernel", "The kernel K of the estimator", List.of("gaussian", "epanechnikov"), D.kernel()),
            new Param.Int("bins", "AR bins", "Bins of each softmax conditional, p(x1) and p(x2 | x1)", 4, 128, (long) D.bins()),
            new Param.Int("components", "Mixture K", "The number of Gaussian components, fitted by EM", 1, 32, (long) D.components()),
            new Param.Choice("covariance", "Mixture covariance", "Each component's covariance: σ²I, diagonal or full",
                    List.of("spherical", "diagonal", "full"), D.covariance()),
            new Param.Int("couplings", "Flow couplings", "Affine coupling layers in the normalizing flow", 1, 16, (long) D.couplings()),
            new Param.Flag("grid", "Flow grid", "The flow's warped grid: a regular grid in z mapped to x by f⁻¹", false),
            new Param.Choice("latent", "VAE latent", "The VAE's latent dimension", List.of("1", "2"), String.valueOf(D.latent())),
            new Param.Choice("estimator", "VAE density", "elbo: the lower bound; is: an importance-sampled estimate of log p(x), "
                    + "computed coarse to fine", List.of("elbo", "is"), "elbo"),
            new Param.Choice("denoiser", "Diffusion denoiser", "learned: a trained noise network ε_θ; exact: the exact empirical "
                    + "denoiser, which memorises the data (its samples are training points)", List.of("learned", "exact"), "learned"),
            new Param.Real("effort", "Training effort", "A multiplier on every training length: below 1 for a quick look, above 1 "
                    + "for sharper fits", 0.05, 4, 1.0),
            new Param.Real("p", "Proportion p", "The proportion of labels 1 in the data x = (1)", 0, 1, 0.3),
            new Param.Int("labels", "Labels n", "How many labelled points x = (1) the regression is fitted to", 1, 100_000, 100L),
            new Param.Real("lr", "Learning rate", "Gradient descent's step size on the mean cross-entropy", 0.001, 10, 1.0),
            new Param.Int("gd-steps", "Descent steps", "How many full-batch gradient steps from w = b = 0", 1, 100_000, 2000L),
            new Param.Int("draws", "Label draws", "How many labels are sampled from p̂(Y | X = x) by u < q", 1, 10_000, 40L));

    private static final Set<String> SHARED = Set.of("view", "seed");

    /** The parameters each view reads, besides {@code view} and {@code seed}. */
    public static final Map<String, Set<String>> BY_VIEW = Map.of(
            "models", Set.of("data", "n", "focus", "density", "samples", "points", "trace", "sample-count", "bandwidth", "kernel",
                    "bins", "components", "covariance", "couplings", "grid", "latent", "estimator", "denoiser", "effort"),
            "logistic", Set.of("p", "labels", "lr", "gd-steps", "draws"),
            "logistic-2d", Set.of("data", "n", "lr", "gd-steps"));

    private ZooParams() {
    }

    /** Whether {@code view} reads {@code param}. */
    public static boolean belongsTo(String param, String view) {
        return SHARED.contains(param) || BY_VIEW.getOrDefault(view, Set.of()).contains(param);
    }
}
