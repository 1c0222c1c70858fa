package org.genlab.core.vae;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.genlab.core.math.Rng;

/**
 * The naive Monte-Carlo likelihood of question 3(b) iv-vii, in d dimensions, with an exact
 * answer beside it.
 *
 * <p>The model: z ~ N(0, I_d), x = A z + e with e ~ N(0, s² I_d), s = {@value #NOISE_SD}, and A a
 * fixed random orthogonal d×d matrix (the Q factor of a Gaussian matrix, column signs fixed so
 * it is Haar-distributed). The observed x is one draw from the model. Both A and x come from the
 * model's seed. Because the model is linear-Gaussian, log p(x) = log N(x; 0, A Aᵀ + s² I) and
 * the posterior p(z | x) = N(Σ Aᵀ x / s², Σ), Σ = (I + Aᵀ A / s²)⁻¹, are exact; they are
 * computed for a general A (Cholesky factors), although for an orthogonal A the covariance is
 * 1.09 I.
 *
 * <p>{@link #estimate} is the estimator of Q3(b) vi generalised to importance sampling:
 * log p̂(x) = log (1/m) Σ_j w_j, w_j = p(x | z_j) p(z_j) / q(z_j), z_j ~ q, computed in log space
 * (log-mean-exp). With q the prior, w_j = p(x | z_j), the printed estimator; with q the exact
 * posterior every w_j equals p(x) (the ideal encoder); {@link Proposal#WIDE} is the posterior
 * with every standard deviation 1.2 times larger. Immutable.
 */
public final class McLikelihood {
    /** The largest dimension. */
    public static final int MAX_DIM = 64;
    /** The largest number of samples per estimate. */
    public static final int MAX_SAMPLES = 1_000_000;
    /** The largest number of repeats in {@link #spread}. */
    public static final int MAX_REPEATS = 10_000;
    /** The noise standard deviation s. */
    public static final double NOISE_SD = 0.3;
    /** How much wider (in standard deviation) the {@link Proposal#WIDE} proposal is than the posterior. */
    public static final double WIDE_FACTOR = 1.2;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** The proposal q(z) the samples are drawn from. */
    public enum Proposal {
        /** The prior N(0, I): the naive estimator of Q3(b) vi. */
        PRIOR("prior", 0),
        /** The exact posterior p(z | x): the ideal encoder; every weight is equal. */
        POSTERIOR("posterior", 1),
        /** The posterior with standard deviations {@value McLikelihood#WIDE_FACTOR} times larger. */
        WIDE("wide", WIDE_FACTOR);

        private final String id;
        private final double scale;

        Proposal(String id, double scale) {
            this.id = id;
            this.scale = scale;
        }

        /** The lower-case name used on the command line. */
        public String id() {
            return id;
        }

        /** The proposal with this {@link #id()}, case-insensitive. */
        public static Optional<Proposal> byName(String name) {
            return Arrays.stream(values()).filter(p -> p.id.equals(name.toLowerCase(Locale.ROOT))).findFirst();
        }
    }

    /**
     * One estimate.
     *
     * @param proposal the proposal
     * @param samples m
     * @param logEstimate log p̂(x), the log-mean-exp of the log weights
     * @param exact the exact log p(x)
     * @param weights the normalised weights w_j / Σ w (they sum to 1), in sample order
     * @param ess the effective sample size (Σ w)² / Σ w², between 1 and m
     */
    public record Estimate(Proposal proposal, int samples, double logEstimate, double exact, double[] weights, double ess) {
        /** Keeps its own copy of the weights. */
        public Estimate {
            weights = weights.clone();
        }

        /** A copy of the normalised weights. */
        @Override
        public double[] weights() {
            return weights.clone();
        }

        /** logEstimate − exact. */
        public double error() {
            return logEstimate - exact;
        }
    }

    /**
     * The spread of the estimate over independent repeats.
     *
     * @param dim d
     * @param proposal the proposal
     * @param samples m per estimate
     * @param repeats R
     * @param exact the exact log p(x)
     * @param mean the mean of the R estimates of log p(x)
     * @param sd their standard deviation (R − 1 in the denominator; 0 when R = 1)
     * @param bias mean − exact (negative for the naive estimator: Jensen)
     * @param meanEss the mean effective sample size
     */
    public record Spread(int dim, Proposal proposal, int samples, int repeats, double exact, double mean, double sd, double bias,
            double meanEss) {
    }

    private final int dim;
    private final long seed;
    private final double[][] a;          // A, row-major
    private final double[] x;            // the observed x
    private final double logP;           // exact log p(x)
    private final double[] postMean;     // posterior mean
    private final double[][] postChol;   // lower Cholesky factor L of the posterior covariance
    private final double postLogDetL;    // Σ log L_ii

    /**
     * The model in {@code dim} dimensions; A and the observed x are drawn from {@code new Rng(seed)}
     * (A first, then z, then the noise).
     *
     * @throws IllegalArgumentException ("dim: ...") if dim is not in 1..{@link #MAX_DIM}
     */
    public McLikelihood(int dim, long seed) {
        if (dim < 1 || dim > MAX_DIM) {
            throw new IllegalArgumentException("dim: must be in 1.." + MAX_DIM + ", got " + dim);
        }
        this.dim = dim;
        this.seed = seed;
        Rng rng = new Rng(seed);
        DMatrixRMaj g = new DMatrixRMaj(dim, dim);
        for (int i = 0; i < dim * dim; i++) {
            g.data[i] = rng.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(dim, dim);
        if (!qr.decompose(g.copy())) {
            throw new IllegalStateException("QR of a Gaussian matrix failed");
        }
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj r = qr.getR(null, false);
        a = new double[dim][dim];
        for (int j = 0; j < dim; j++) {
            double sign = r.get(j, j) < 0 ? -1 : 1;
            for (int i = 0; i < dim; i++) {
                a[i][j] = sign * q.get(i, j);
            }
        }
        double[] z = new double[dim];
        for (int i = 0; i < dim; i++) {
            z[i] = rng.nextGaussian();
        }
        x = new double[dim];
        for (int i = 0; i < dim; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += a[i][j] * z[j];
            }
            x[i] = s + NOISE_SD * rng.nextGaussian();
        }
        DMatrixRMaj am = new DMatrixRMaj(a);
        double s2 = NOISE_SD * NOISE_SD;
        // log p(x) = log N(x; 0, A Aᵀ + s² I), by the Cholesky factor of the covariance
        DMatrixRMaj cov = new DMatrixRMaj(dim, dim);
        CommonOps_DDRM.multTransB(am, am, cov);
        for (int i = 0; i < dim; i++) {
            cov.add(i, i, s2);
        }
        double[][] lc = cholesky(cov);
        double[] y = forwardSolve(lc, x);
        double quad = 0, logDet = 0;
        for (int i = 0; i < dim; i++) {
            quad += y[i] * y[i];
            logDet += 2 * Math.log(lc[i][i]);
        }
        logP = -0.5 * (dim * LOG_2PI + logDet + quad);
        // posterior precision Λ = I + Aᵀ A / s², covariance Σ = Λ⁻¹, mean Σ Aᵀ x / s²
        DMatrixRMaj prec = new DMatrixRMaj(dim, dim);
        CommonOps_DDRM.multTransA(am, am, prec);
        CommonOps_DDRM.scale(1 / s2, prec);
        for (int i = 0; i < dim; i++) {
            prec.add(i, i, 1);
        }
        DMatrixRMaj sigma = new DMatrixRMaj(dim, dim);
        if (!CommonOps_DDRM.invertSPD(prec.copy(), sigma)) {
            throw new IllegalStateException("the posterior precision is not positive definite");
        }
        DMatrixRMaj atx = new DMatrixRMaj(dim, 1);
        CommonOps_DDRM.multTransA(am, new DMatrixRMaj(dim, 1, true, x), atx);
        DMatrixRMaj mean = new DMatrixRMaj(dim, 1);
        CommonOps_DDRM.mult(sigma, atx, mean);
        CommonOps_DDRM.scale(1 / s2, mean);
        postMean = mean.data.clone();
        // symmetrise before the factorisation (the inverse is symmetric up to rounding)
        DMatrixRMaj sym = new DMatrixRMaj(dim, dim);
        CommonOps_DDRM.transpose(sigma, sym);
        CommonOps_DDRM.add(0.5, sigma, 0.5, sym, sym);
        postChol = cholesky(sym);
        double ld = 0;
        for (int i = 0; i < dim; i++) {
            ld += Math.log(postChol[i][i]);
        }
        postLogDetL = ld;
    }

    private static double[][] cholesky(DMatrixRMaj m) {
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m.numRows, true);
        if (!chol.decompose(m.copy())) {
            throw new IllegalStateException("matrix is not positive definite");
        }
        DMatrixRMaj l = chol.getT(null);
        double[][] out = new double[m.numRows][m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j <= i; j++) {
                out[i][j] = l.get(i, j);
            }
        }
        return out;
    }

    /** Solves L y = b for lower-triangular L. */
    private static double[] forwardSolve(double[][] l, double[] b) {
        double[] y = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double s = b[i];
            for (int j = 0; j < i; j++) {
                s -= l[i][j] * y[j];
            }
            y[i] = s / l[i][i];
        }
        return y;
    }

    /** d. */
    public int dim() {
        return dim;
    }

    /** The seed A and x were drawn from. */
    public long seed() {
        return seed;
    }

    /** A copy of A. */
    public double[][] a() {
        return deepCopy(a);
    }

    /** A copy of the observed x. */
    public double[] observed() {
        return x.clone();
    }

    /** The exact log p(x). */
    public double exactLogLikelihood() {
        return logP;
    }

    /** A copy of the exact posterior mean E[z | x]. */
    public double[] posteriorMean() {
        return postMean.clone();
    }

    /** The exact posterior covariance Σ = (I + Aᵀ A / s²)⁻¹ (a new array). */
    public double[][] posteriorCovariance() {
        double[][] c = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                double s = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    s += postChol[i][k] * postChol[j][k];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    /** log p(x | z) = log N(x; A z, s² I). */
    public double logLikelihood(double[] z) {
        double s2 = NOISE_SD * NOISE_SD, r2 = 0;
        for (int i = 0; i < dim; i++) {
            double s = x[i];
            double[] row = a[i];
            for (int j = 0; j < dim; j++) {
                s -= row[j] * z[j];
            }
            r2 += s * s;
        }
        return -0.5 * (dim * (LOG_2PI + Math.log(s2)) + r2 / s2);
    }

    /**
     * Estimates log p(x) from m samples of the proposal, drawn from {@code rng} (d standard
     * normals per sample). Costs about m d² operations, so the largest case (d = 64, m = 10⁶)
     * takes seconds: run it off the UI thread.
     *
     * @throws IllegalArgumentException ("samples: ...") if m is not in 1..{@link #MAX_SAMPLES}
     */
    public Estimate estimate(Proposal proposal, int samples, Rng rng) {
        requireSamples(samples);
        double[] logW = new double[samples];
        double[] eps = new double[dim];
        double[] z = new double[dim];
        double c = proposal.scale;
        for (int j = 0; j < samples; j++) {
            double e2 = 0;
            for (int i = 0; i < dim; i++) {
                eps[i] = rng.nextGaussian();
                e2 += eps[i] * eps[i];
            }
            if (proposal == Proposal.PRIOR) {
                // w = p(x | z) p(z) / p(z)
                logW[j] = logLikelihood(eps);
            } else {
                double z2 = 0;
                for (int i = 0; i < dim; i++) {
                    double s = postMean[i];
                    double[] row = postChol[i];
                    for (int k = 0; k <= i; k++) {
                        s += c * row[k] * eps[k];
                    }
                    z[i] = s;
                    z2 += s * s;
                }
                double logPrior = -0.5 * (dim * LOG_2PI + z2);
                double logQ = -0.5 * (dim * LOG_2PI + e2) - dim * Math.log(c) - postLogDetL;
                logW[j] = logLikelihood(z) + logPrior - logQ;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logW) {
            max = Math.max(max, v);
        }
        double sum = 0, sum2 = 0;
        double[] w = new double[samples];
        for (int j = 0; j < samples; j++) {
            w[j] = Math.exp(logW[j] - max);
            sum += w[j];
            sum2 += w[j] * w[j];
        }
        for (int j = 0; j < samples; j++) {
            w[j] /= sum;
        }
        double logEstimate = max + Math.log(sum / samples);
        return new Estimate(proposal, samples, logEstimate, logP, w, sum * sum / sum2);
    }

    /**
     * Repeats {@link #estimate} R times, repeat r drawing from {@code Rng.forStream(seed, r)},
     * and reports the estimates' mean, standard deviation and bias.
     *
     * @throws IllegalArgumentException ("samples: ...", "repeats: ...") out of range
     */
    public Spread spread(Proposal proposal, int samples, int repeats, long seed) {
        requireSamples(samples);
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new IllegalArgumentException("repeats: must be in 1.." + MAX_REPEATS + ", got " + repeats);
        }
        double[] est = new double[repeats];
        double ess = 0;
        for (int r = 0; r < repeats; r++) {
            Estimate e = estimate(proposal, samples, Rng.forStream(seed, r));
            est[r] = e.logEstimate();
            ess += e.ess();
        }
        double mean = Arrays.stream(est).average().orElseThrow();
        double ss = 0;
        for (double v : est) {
            ss += (v - mean) * (v - mean);
        }
        double sd = repeats > 1 ? Math.sqrt(ss / (repeats - 1)) : 0;
        return new Spread(dim, proposal, samples, repeats, logP, mean, sd, mean - logP, ess / repeats);
    }

    private static void requireSamples(int samples) {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples: must be in 1.." + MAX_SAMPLES + ", got " + samples);
        }
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
