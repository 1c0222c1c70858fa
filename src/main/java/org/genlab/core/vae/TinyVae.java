package org.genlab.core.vae;

import org.genlab.core.math.Rng;

/**
 * The small VAE of question 3(d), for checking its gradient formulas. Data and latent have the
 * same dimension d (so the printed Q3(d) i expression, which evaluates the decoder at x, can be
 * computed at all).
 *
 * <ul>
 *   <li>encoder q_φ(z | x) = N(NN_φ(x), σ² I), sampled as z = g(ε, φ, x) = NN_φ(x) + σ ε;</li>
 *   <li>decoder p_θ(x | z) = N(NN_θ(z), σ_x² I); prior p(z) = N(0, I);</li>
 *   <li>both networks {@link TinyNet}s with one tanh hidden layer.</li>
 * </ul>
 *
 * <p>With fixed ε₁..ε_n (common random numbers) the ELBO estimate
 * Ê = (1/n) Σ_j [log p_θ(x | z_j) + log p(z_j) − log q_φ(z_j | x)], z_j = g(ε_j, φ, x), is an
 * ordinary function of θ and φ, and the correct estimators are its exact gradients:
 * <ul>
 *   <li>∇_θ Ê = (1/n) Σ (1/σ_x²) (∂NN_θ(z_j)/∂θ)ᵀ (x − NN_θ(z_j));</li>
 *   <li>∇_φ Ê = (1/n) Σ (∂g/∂φ)ᵀ ∇_z log p_θ(x, z) at z = z_j, where
 *       ∇_z log p_θ(x, z) = (1/σ_x²) (∂NN_θ(z)/∂z)ᵀ (x − NN_θ(z)) − z and ∂g/∂φ = ∂NN_φ(x)/∂φ; the
 *       entropy term −log q_φ(g | x) = |ε|²/2 + const does not depend on φ for a fixed σ.</li>
 * </ul>
 * {@link #finiteDifference} checks both. Beside them are the printed expressions
 * (ERRATA.md Q3(d) i and ii). Immutable.
 */
public final class TinyVae {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int dim;
    private final TinyNet encoder, decoder;
    private final double sigma, sigmaX;
    private final double[] theta, phi;

    /**
     * A VAE with these parameters (theta for the decoder, phi for the encoder, in {@link TinyNet}'s
     * layout).
     *
     * @throws IllegalArgumentException ("dim: ...", "hidden: ...", "sigma: ...", "sigmaX: ...",
     *     "theta: ...", "phi: ...") for sizes below 1, σ ≤ 0, or parameter arrays of the wrong
     *     length or with numbers that are not finite
     */
    public TinyVae(int dim, int hidden, double sigma, double sigmaX, double[] theta, double[] phi) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim: must be >= 1, got " + dim);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden: must be >= 1, got " + hidden);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma: must be > 0 and finite, got " + sigma);
        }
        if (!(sigmaX > 0) || !Double.isFinite(sigmaX)) {
            throw new IllegalArgumentException("sigmaX: must be > 0 and finite, got " + sigmaX);
        }
        this.dim = dim;
        this.encoder = new TinyNet(dim, hidden, dim);
        this.decoder = new TinyNet(dim, hidden, dim);
        requireParameters("theta", theta, decoder.parameterCount());
        requireParameters("phi", phi, encoder.parameterCount());
        this.sigma = sigma;
        this.sigmaX = sigmaX;
        this.theta = theta.clone();
        this.phi = phi.clone();
    }

    /** A VAE with parameters drawn from {@code rng}: weights N(0, 1/fan-in), biases N(0, 0.1²); θ first, then φ. */
    public static TinyVae random(int dim, int hidden, double sigma, double sigmaX, Rng rng) {
        TinyNet net = new TinyNet(Math.max(dim, 1), Math.max(hidden, 1), Math.max(dim, 1));
        double[] theta = init(net, rng), phi = init(net, rng);
        return new TinyVae(dim, hidden, sigma, sigmaX, theta, phi);
    }

    private static double[] init(TinyNet net, Rng rng) {
        double[] p = new double[net.parameterCount()];
        int b1 = net.hidden() * net.in(), w2 = b1 + net.hidden(), b2 = w2 + net.out() * net.hidden();
        for (int i = 0; i < p.length; i++) {
            double scale = i < b1 ? 1 / Math.sqrt(net.in()) : i < w2 || i >= b2 ? 0.1 : 1 / Math.sqrt(net.hidden());
            p[i] = scale * rng.nextGaussian();
        }
        return p;
    }

    private static void requireParameters(String field, double[] p, int count) {
        if (p.length != count) {
            throw new IllegalArgumentException(field + ": must have " + count + " entries, got " + p.length);
        }
        for (int i = 0; i < p.length; i++) {
            if (!Double.isFinite(p[i])) {
                throw new IllegalArgumentException(field + ": entry " + i + " must be finite, got " + p[i]);
            }
        }
    }

    /** d, the dimension of x and of z. */
    public int dim() {
        return dim;
    }

    /** The encoder's standard deviation σ. */
    public double sigma() {
        return sigma;
    }

    /** The decoder's standard deviation σ_x. */
    public double sigmaX() {
        return sigmaX;
    }

    /** A copy of θ (the decoder's parameters). */
    public double[] theta() {
        return theta.clone();
    }

    /** A copy of φ (the encoder's parameters). */
    public double[] phi() {
        return phi.clone();
    }

    /** The encoder network's shape (φ's layout). */
    public TinyNet encoder() {
        return encoder;
    }

    /** The decoder network's shape (θ's layout). */
    public TinyNet decoder() {
        return decoder;
    }

    /** This VAE with other parameters. */
    public TinyVae with(double[] theta, double[] phi) {
        return new TinyVae(dim, encoder.hidden(), sigma, sigmaX, theta, phi);
    }

    /** n draws of ε ~ N(0, I_d) (n rows of d), to hold fixed across gradient evaluations. */
    public double[][] drawEps(int n, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("n: must be >= 1, got " + n);
        }
        double[][] eps = new double[n][dim];
        for (double[] e : eps) {
            for (int i = 0; i < dim; i++) {
                e[i] = rng.nextGaussian();
            }
        }
        return eps;
    }

    /** NN_φ(x), the encoder's mean. */
    public double[] encode(double[] x) {
        requireVector("x", x);
        return encoder.apply(phi, x);
    }

    /** NN_θ(z), the decoder's mean. */
    public double[] decode(double[] z) {
        requireVector("z", z);
        return decoder.apply(theta, z);
    }

    /** z = g(ε, φ, x) = NN_φ(x) + σ ε. */
    public double[] reparameterize(double[] x, double[] eps) {
        requireVector("eps", eps);
        double[] m = encode(x);
        for (int i = 0; i < dim; i++) {
            m[i] += sigma * eps[i];
        }
        return m;
    }

    /** The ELBO estimate Ê(θ, φ) with the fixed ε (see the class comment). */
    public double elbo(double[] x, double[][] eps) {
        return elbo(theta, phi, x, eps);
    }

    private double elbo(double[] th, double[] ph, double[] x, double[][] eps) {
        requireVector("x", x);
        double[] mean = encoder.apply(ph, x);
        double sum = 0, sx2 = sigmaX * sigmaX, s2 = sigma * sigma;
        for (double[] e : eps) {
            requireVector("eps", e);
            double[] z = new double[dim];
            for (int i = 0; i < dim; i++) {
                z[i] = mean[i] + sigma * e[i];
            }
            double[] y = decoder.apply(th, z);
            double r2 = 0, z2 = 0, q2 = 0;
            for (int i = 0; i < dim; i++) {
                r2 += (x[i] - y[i]) * (x[i] - y[i]);
                z2 += z[i] * z[i];
                q2 += (z[i] - mean[i]) * (z[i] - mean[i]);
            }
            double logLik = -0.5 * (dim * (LOG_2PI + Math.log(sx2)) + r2 / sx2);
            double logPrior = -0.5 * (dim * LOG_2PI + z2);
            double logQ = -0.5 * (dim * (LOG_2PI + Math.log(s2)) + q2 / s2);
            sum += logLik + logPrior - logQ;
        }
        return sum / eps.length;
    }

    /** The correct ∇_θ Ê: (1/n) Σ (1/σ_x²) (∂NN_θ(z)/∂θ)ᵀ (x − NN_θ(z)) at z = g(ε_j, φ, x). */
    public double[] thetaGradient(double[] x, double[][] eps) {
        double[] g = new double[theta.length];
        for (double[] e : eps) {
            double[] z = reparameterize(x, e);
            double[] v = residual(x, decoder.apply(theta, z));
            add(g, decoder.parameterVjp(theta, z, v));
        }
        return scale(g, 1.0 / eps.length);
    }

    /**
     * The correct ∇_φ Ê: (1/n) Σ (∂g/∂φ)ᵀ ∇_z log p_θ(x, z) at z = g(ε_j, φ, x), with
     * ∇_z log p_θ(x, z) = (1/σ_x²)(∂NN_θ(z)/∂z)ᵀ(x − NN_θ(z)) − z (the entropy term is constant in φ).
     */
    public double[] phiGradient(double[] x, double[][] eps) {
        double[] g = new double[phi.length];
        for (double[] e : eps) {
            double[] z = reparameterize(x, e);
            double[] gz = decoder.inputVjp(theta, z, residual(x, decoder.apply(theta, z)));
            for (int i = 0; i < dim; i++) {
                gz[i] -= z[i];
            }
            // ∂g/∂φ = ∂NN_φ(x)/∂φ, since g = NN_φ(x) + σ ε
            add(g, encoder.parameterVjp(phi, x, gz));
        }
        return scale(g, 1.0 / eps.length);
    }

    /**
     * The printed Q3(d) i: (1/n) Σ (1/σ_x²) (∇_θ NN_θ(x))ᵀ (NN_θ(z_j) − x): the decoder's Jacobian
     * taken at x instead of z, and the sign of the loss −ELBO.
     */
    public double[] printedThetaGradient(double[] x, double[][] eps) {
        double[] g = new double[theta.length];
        for (double[] e : eps) {
            double[] z = reparameterize(x, e);
            double[] v = scale(residual(x, decoder.apply(theta, z)), -1);
            add(g, decoder.parameterVjp(theta, x, v));
        }
        return scale(g, 1.0 / eps.length);
    }

    /**
     * The printed Q3(d) ii: (1/n) Σ (1/σ²)(∇_φ NN_φ(x) − ∇_φ g)ᵀ (NN_φ(x) − g), evaluated as
     * written (each Jacobian product computed on its own). Because ∇_φ g = ∇_φ NN_φ(x) for
     * g = NN_φ(x) + σ ε, it is identically zero: it keeps only −∇_φ log q_φ(g | x), which does not
     * depend on φ, and drops ∇_φ log p_θ(x, g).
     */
    public double[] printedPhiGradient(double[] x, double[][] eps) {
        double[] g = new double[phi.length];
        double[] mean = encode(x);
        for (double[] e : eps) {
            double[] z = reparameterize(x, e);
            double[] v = new double[dim];
            for (int i = 0; i < dim; i++) {
                v[i] = (mean[i] - z[i]) / (sigma * sigma);
            }
            double[] jNn = encoder.parameterVjp(phi, x, v);   // (∇_φ NN_φ(x))ᵀ v
            double[] jG = encoder.parameterVjp(phi, x, v);    // (∇_φ g)ᵀ v: g's Jacobian in φ is NN_φ's
            for (int k = 0; k < g.length; k++) {
                g[k] += jNn[k] - jG[k];
            }
        }
        return scale(g, 1.0 / eps.length);
    }

    /** Central finite differences of Ê in every parameter, step h: {∇_θ, ∇_φ}. */
    public double[][] finiteDifference(double[] x, double[][] eps, double h) {
        if (!(h > 0)) {
            throw new IllegalArgumentException("h: must be > 0, got " + h);
        }
        double[] gt = new double[theta.length], gp = new double[phi.length];
        for (int k = 0; k < theta.length; k++) {
            double[] up = theta.clone(), down = theta.clone();
            up[k] += h;
            down[k] -= h;
            gt[k] = (elbo(up, phi, x, eps) - elbo(down, phi, x, eps)) / (2 * h);
        }
        for (int k = 0; k < phi.length; k++) {
            double[] up = phi.clone(), down = phi.clone();
            up[k] += h;
            down[k] -= h;
            gp[k] = (elbo(theta, up, x, eps) - elbo(theta, down, x, eps)) / (2 * h);
        }
        return new double[][] {gt, gp};
    }

    /**
     * Everything the gradient check shows, for one x and fixed ε, with finite-difference step h.
     */
    public GradientCheck check(double[] x, double[][] eps, double h) {
        double[][] fd = finiteDifference(x, eps, h);
        return new GradientCheck(thetaGradient(x, eps), printedThetaGradient(x, eps), fd[0], phiGradient(x, eps),
                printedPhiGradient(x, eps), fd[1]);
    }

    /**
     * One step of gradient ascent on the mean ELBO over a batch, one ε per point drawn from
     * {@code rng}, with learning rate lr; returns the updated VAE.
     */
    public TinyVae ascend(double[][] batch, double lr, Rng rng) {
        if (batch.length == 0) {
            throw new IllegalArgumentException("batch: must not be empty");
        }
        double[] gt = new double[theta.length], gp = new double[phi.length];
        for (double[] x : batch) {
            double[][] eps = drawEps(1, rng);
            add(gt, thetaGradient(x, eps));
            add(gp, phiGradient(x, eps));
        }
        double[] t = theta.clone(), p = phi.clone();
        for (int k = 0; k < t.length; k++) {
            t[k] += lr * gt[k] / batch.length;
        }
        for (int k = 0; k < p.length; k++) {
            p[k] += lr * gp[k] / batch.length;
        }
        return with(t, p);
    }

    private double[] residual(double[] x, double[] y) {
        double[] v = new double[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (x[i] - y[i]) / (sigmaX * sigmaX);
        }
        return v;
    }

    private void requireVector(String field, double[] v) {
        if (v.length != dim) {
            throw new IllegalArgumentException(field + ": must have " + dim + " entries, got " + v.length);
        }
    }

    private static void add(double[] acc, double[] v) {
        for (int k = 0; k < acc.length; k++) {
            acc[k] += v[k];
        }
    }

    private static double[] scale(double[] v, double s) {
        for (int k = 0; k < v.length; k++) {
            v[k] *= s;
        }
        return v;
    }
}
