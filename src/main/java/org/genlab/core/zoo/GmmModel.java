package org.genlab.core.zoo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.em.CovarianceType;
import org.genlab.core.em.Em;
import org.genlab.core.em.EmInit;
import org.genlab.core.em.EmSettings;
import org.genlab.core.em.Mixture;
import org.genlab.core.math.Chunks;
import org.genlab.core.math.Rng;

/**
 * The Gaussian mixture (the homework's question 1 a iii): p(x) = Σ_k π_k N(x; μ_k, Σ_k), fitted
 * by EM ({@link Em}) from a seeded k-means++ start ({@link EmInit#KMEANS_PP}, from
 * {@code Rng.forStream(seed, 0)}), K = {@code settings.components()}, covariance type from
 * {@code settings.covariance()}, with the EM defaults (variance floor 1e-6, tolerance 1e-8 on
 * the log-likelihood per unit weight) and up to {@value #MAX_ITERATIONS} × effort iterations.
 * log p(x) is {@link Mixture#logDensity}: exact, finite for any finite x.
 *
 * <p>Sampling: k ~ π, then x = μ_k + L z with z ~ N(0, I) and L the Cholesky factor of Σ_k
 * (L = [[√a, 0], [b/√a, √(c − b²/a)]] for Σ_k = [[a, b], [b, c]]).
 *
 * <p>Immutable and thread-safe.
 */
public final class GmmModel implements ZooModel {
    /** EM iterations at effort 1. */
    public static final int MAX_ITERATIONS = 300;
    /** Iterations per call of {@link Em#fit}, between progress reports and cancellation checks. */
    private static final int BLOCK = 10;
    static final int VERSION = 1;
    private static final int CHUNK = 2048;

    private final Mixture mixture;
    private final int iterations;
    private final boolean converged;
    private final int points;
    private final double logLikelihood;

    private GmmModel(Mixture mixture, int iterations, boolean converged, int points, double logLikelihood) {
        this.mixture = mixture;
        this.iterations = iterations;
        this.converged = converged;
        this.points = points;
        this.logLikelihood = logLikelihood;
    }

    /**
     * Fits by EM. Bit-for-bit the same for any {@code parallelism} ({@link Em#fit} is).
     *
     * @throws IllegalArgumentException "data: ..." for too few points, "components: ..." when K
     *     exceeds the number of distinct points
     * @throws java.util.concurrent.CancellationException if the monitor cancels
     */
    public static GmmModel fit(Dataset2D data, ZooSettings settings, FitMonitor monitor, Executor executor, int parallelism) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(settings, "settings");
        FitMonitor mon = monitor == null ? FitMonitor.NONE : monitor;
        int min = ZooKind.GMM.minPoints();
        if (data.size() < min) {
            throw new IllegalArgumentException("data: the Gaussian mixture needs at least " + min + " points, got " + data.size());
        }
        int k = settings.components();
        int distinct = distinctPoints(data, k + 1);
        if (k > distinct) {
            throw new IllegalArgumentException("components: " + k + " components need at least " + k
                    + " distinct points, the data has " + distinct);
        }
        CovarianceType type = CovarianceType.byName(settings.covariance())
                .orElseThrow(() -> new IllegalArgumentException("covariance: unknown type '" + settings.covariance() + "'"));
        EmSettings es = EmSettings.of(type);
        Em em = new Em(data, es);
        Mixture m = EmInit.KMEANS_PP.create(data, k, es, Rng.forStream(settings.seed(), 0));
        int max = Math.max(1, (int) Math.round(MAX_ITERATIONS * settings.effort()));
        int done = 0;
        boolean conv = false;
        double ll = Double.NaN;
        while (done < max && !conv) {
            mon.checkCancelled();
            int block = Math.min(BLOCK, max - done);
            Em.Fit f = em.fit(m, block, executor, parallelism);
            int steps = f.mixtures().size() - 1;
            m = f.mixtures().get(steps);
            ll = f.logLikelihoods()[steps];
            conv = f.converged();
            done += steps;
            if (!Double.isFinite(ll)) {
                throw new IllegalStateException("fit: the log-likelihood became " + ll + " at EM iteration " + done
                        + "; try fewer components or another covariance type");
            }
            if (steps == 0) {
                break;
            }
            mon.progress((double) done / max, String.format(Locale.ROOT, "iteration %d of at most %d, log-likelihood per point %.4f",
                    done, max, ll / data.totalWeight()));
        }
        return new GmmModel(m, done, conv, data.size(), ll / data.totalWeight());
    }

    /** The number of distinct points, counting no further than {@code stop}. */
    private static int distinctPoints(Dataset2D data, int stop) {
        Set<List<Double>> seen = new HashSet<>();
        for (int i = 0; i < data.size() && seen.size() < stop; i++) {
            seen.add(List.of(data.x(i), data.y(i)));
        }
        return seen.size();
    }

    @Override
    public ZooKind kind() {
        return ZooKind.GMM;
    }

    @Override
    public List<Estimator> estimators() {
        return List.of(Estimator.EXACT);
    }

    /** The fitted mixture, for the pane's ellipses. */
    public Mixture mixture() {
        return mixture;
    }

    /** EM iterations run. */
    public int iterations() {
        return iterations;
    }

    /** Whether EM stopped because the tolerance was met. */
    public boolean converged() {
        return converged;
    }

    /** log p(x) = log Σ_k π_k N(x; μ_k, Σ_k), by {@link Mixture#logDensityRow} over runs of equal y. */
    @Override
    public void logDensity(Estimator estimator, double[] xs, double[] ys, double[] out, long seed,
            FitMonitor monitor, Executor executor, int parallelism) {
        if (!Estimator.EXACT.equals(estimator)) {
            throw new IllegalArgumentException("estimator: the gmm model has no estimator '"
                    + (estimator == null ? null : estimator.id()) + "'; it has [exact]");
        }
        if (xs.length != ys.length || out.length != xs.length) {
            throw new IllegalArgumentException("points: xs " + xs.length + ", ys " + ys.length + ", out " + out.length + " differ in length");
        }
        FitMonitor mon = monitor == null ? FitMonitor.NONE : monitor;
        int m = xs.length;
        int chunks = (m + CHUNK - 1) / CHUNK;
        AtomicInteger done = new AtomicInteger();
        Chunks.run(chunks, executor, parallelism, c -> {
            mon.checkCancelled();
            int lo = c * CHUNK, hi = Math.min(m, lo + CHUNK);
            double[] work = new double[mixture.k()];
            double[] rowX = new double[CHUNK];
            double[] rowOut = new double[CHUNK];
            int j = lo;
            while (j < hi) {
                int e = j + 1;
                while (e < hi && Double.compare(ys[e], ys[j]) == 0) {
                    e++;
                }
                int len = e - j;
                double[] rx = len == CHUNK ? rowX : new double[len];
                double[] ro = len == CHUNK ? rowOut : new double[len];
                System.arraycopy(xs, j, rx, 0, len);
                mixture.logDensityRow(ys[j], rx, ro, work);
                System.arraycopy(ro, 0, out, j, len);
                j = e;
            }
            mon.progress((double) done.incrementAndGet() / chunks, null);
        });
    }

    @Override
    public double[][] sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n: must be >= 0, got " + n);
        }
        Rng rng = new Rng(seed);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            int k = pick(rng.nextDouble());
            out[i] = draw(k, rng.nextGaussian(), rng.nextGaussian());
        }
        return out;
    }

    /** The component whose cumulative weight first exceeds u (skipping weight-0 components). */
    private int pick(double u) {
        double c = 0;
        int last = 0;
        for (int k = 0; k < mixture.k(); k++) {
            if (mixture.weight(k) > 0) {
                c += mixture.weight(k);
                last = k;
                if (u < c) {
                    return k;
                }
            }
        }
        return last;
    }

    /** μ_k + L z, L the Cholesky factor of Σ_k. */
    private double[] draw(int k, double z1, double z2) {
        double a = mixture.covXX(k), b = mixture.covXY(k), c = mixture.covYY(k);
        double l11 = Math.sqrt(a);
        double l21 = b / l11;
        double l22 = Math.sqrt(Math.max(c - l21 * l21, 0));
        return new double[] {mixture.meanX(k) + l11 * z1, mixture.meanY(k) + l21 * z1 + l22 * z2};
    }

    /** Stage 1 PICKED at μ_k; stage 2 SAMPLE with the path μ_k → x. Same draws as {@code sample(1, seed)}. */
    @Override
    public SampleTrace trace(long seed) {
        Rng rng = new Rng(seed);
        int k = pick(rng.nextDouble());
        double[] x = draw(k, rng.nextGaussian(), rng.nextGaussian());
        double mx = mixture.meanX(k), my = mixture.meanY(k);
        return new SampleTrace(List.of(
                SampleTrace.Stage.at(String.format(Locale.ROOT, "picked component %d (π_%d = %.3f)", k, k, mixture.weight(k)),
                        mx, my, SampleTrace.Mark.PICKED),
                new SampleTrace.Stage(String.format(Locale.ROOT, "drew x = (%.3f, %.3f) from N(μ_%d, Σ_%d)", x[0], x[1], k, k),
                        x[0], x[1], new double[] {mx, x[0]}, new double[] {my, x[1]}, SampleTrace.Mark.SAMPLE)));
    }

    /** E.g. "K = 8 full-covariance components, 87 EM iterations (converged), 2,000 points". */
    @Override
    public String summary() {
        return String.format(Locale.ROOT, "K = %d %s-covariance components, %d EM iterations (%s), %,d points",
                mixture.k(), mixture.type().id(), iterations, converged ? "converged" : "not converged", points);
    }

    /**
     * Writes: int version, UTF covariance type, int K, then per component π, μx, μy, Σxx, Σxy, Σyy;
     * then int iterations, boolean converged, int points, double log-likelihood per unit weight.
     */
    @Override
    public void writePayload(DataOutputStream out) throws IOException {
        out.writeInt(VERSION);
        out.writeUTF(mixture.type().id());
        out.writeInt(mixture.k());
        for (int k = 0; k < mixture.k(); k++) {
            out.writeDouble(mixture.weight(k));
            out.writeDouble(mixture.meanX(k));
            out.writeDouble(mixture.meanY(k));
            out.writeDouble(mixture.covXX(k));
            out.writeDouble(mixture.covXY(k));
            out.writeDouble(mixture.covYY(k));
        }
        out.writeInt(iterations);
        out.writeBoolean(converged);
        out.writeInt(points);
        out.writeDouble(logLikelihood);
    }

    /**
     * Reads what {@link #writePayload} wrote.
     *
     * @throws ZooFormatException naming the field when truncated or a value is out of range
     */
    public static GmmModel read(DataInputStream in) throws IOException {
        try {
            int version = in.readInt();
            if (version != VERSION) {
                throw new ZooFormatException("gmm version " + version + ": this GenLab reads version " + VERSION);
            }
            String typeId = in.readUTF();
            CovarianceType type = CovarianceType.byName(typeId)
                    .orElseThrow(() -> new ZooFormatException("gmm covariance type '" + typeId + "': unknown"));
            int k = in.readInt();
            if (k < 1 || k > 32) {
                throw new ZooFormatException("gmm components " + k + ": must be 1 to 32");
            }
            double[] w = new double[k];
            double[][] mu = new double[k][];
            double[][][] cov = new double[k][][];
            for (int z = 0; z < k; z++) {
                w[z] = in.readDouble();
                mu[z] = new double[] {in.readDouble(), in.readDouble()};
                double a = in.readDouble(), b = in.readDouble(), c = in.readDouble();
                cov[z] = new double[][] {{a, b}, {b, c}};
            }
            int iterations = in.readInt();
            if (iterations < 0) {
                throw new ZooFormatException("gmm iterations " + iterations + ": must be >= 0");
            }
            boolean converged = in.readBoolean();
            int points = in.readInt();
            if (points < ZooKind.GMM.minPoints()) {
                throw new ZooFormatException("gmm points " + points + ": must be at least " + ZooKind.GMM.minPoints());
            }
            double ll = in.readDouble();
            Mixture m;
            try {
                m = Mixture.of(type, w, mu, cov);
            } catch (IllegalArgumentException e) {
                throw new ZooFormatException("gmm mixture: " + e.getMessage(), e);
            }
            return new GmmModel(m, iterations, converged, points, ll);
        } catch (EOFException e) {
            throw new ZooFormatException("gmm payload: truncated", e);
        }
    }
}
