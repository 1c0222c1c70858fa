package org.genlab.core.zoo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.math.Chunks;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.MlpFile;
import org.genlab.core.nn.MlpFormatException;

/**
 * The zoo's diffusion model: a continuous-time variance-preserving diffusion on the
 * standardised data, with a noise predictor ε(x, t) that is either learned (an {@link Mlp}
 * trained by the denoising loss) or the exact empirical denoiser of the data set (question 8's
 * ε*, which memorises the data).
 *
 * <p><b>Why continuous time.</b> The question-8 code ({@code core.diffusion}) is the discrete
 * DDPM with T = 1000 steps; the likelihood needs the probability-flow ODE, which lives in
 * continuous time, so the zoo model uses the continuous limit of the same linear schedule
 * (β(t) = 0.1 + 19.9 t on t in [0, 1], {@link DiffusionSchedule}) and runs everything on the
 * noise level λ = log(σ/√ᾱ) instead of t, where both the ODE and the sampler are smooth.
 *
 * <p><b>Standardisation.</b> The model is fitted to z = (x − m)/sd per coordinate (weighted mean
 * and sd of the data), so log p(x) = log p_z(z) − log sd_x − log sd_y.
 *
 * <p><b>Density</b> (estimator {@code ode}, an estimate): log p_{t_min}(x) by the
 * probability-flow ODE from the noise level σ_min (t_min) to T, log p = log N(x_T; 0, I) +
 * ∫ div f dt, with the divergence exact ({@link Mlp.Pass#divergence(int)} for the network,
 * analytic for ε*) and RK4 steps on a grid in λ that is fine near the data; see {@link DiffusionOde} for the derivation
 * and the sign. σ_min is {@value #SIGMA_MIN_EXACT} (standardised units) for the exact
 * denoiser, whose density at t = 0 is a sum of deltas, and {@value #SIGMA_MIN_LEARNED} for the
 * network. The exact model's value is then the closed-form Gaussian mixture
 * q_{t_min}(x) = Σ_i q_i N(x; √ᾱ x_i, σ_min² I) up to the ODE's discretisation.
 *
 * <p><b>Sampling:</b> x_T ~ N(0, I), then {@value DiffusionSampler#STEPS} ancestral DDPM
 * steps with the posterior variance on that kind of grid from T down to σ = 0.01, and the
 * x_0 prediction there ({@link DiffusionSampler}).
 *
 * <p>Immutable and thread-safe; fits and samples are deterministic given the seed, whatever
 * the parallelism.
 */
public final class DiffusionModel implements ZooModel {
    /** The only estimator: the probability-flow ODE. */
    public static final Estimator ODE = new Estimator("ode", DensityKind.ESTIMATE, "probability-flow ODE estimate");
    /** σ at t_min for the exact denoiser, in standardised units. */
    public static final double SIGMA_MIN_EXACT = 0.05;
    /** σ at t_min for the learned noise predictor, in standardised units. */
    public static final double SIGMA_MIN_LEARNED = 0.02;
    /** RK4 steps of the learned model's ODE (on {@link DiffusionSchedule#grid}). */
    public static final int ODE_STEPS_LEARNED = 32;
    /** Base RK4 steps of the exact model's ODE; it adds substeps where the field is stiff. */
    public static final int ODE_STEPS_EXACT = 24;
    /** The payload version this class writes and reads. */
    static final int FORMAT = 1;
    /** Points per chunk of {@link #logDensity}: results do not depend on the thread count. */
    static final int CHUNK_LEARNED = 256;
    static final int CHUNK_EXACT = 32;
    static final int SAMPLE_CHUNK = 256;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final boolean exact;
    private final int points;
    private final double mx, my, sx, sy;
    private final Dataset2D data;
    private final DiffusionExactField exactField;
    private final Mlp net;
    private final int steps;
    private final double initialLoss;
    private final double finalLoss;
    private final double lamMin;

    private DiffusionModel(boolean exact, int points, double[] stats, Dataset2D data, Mlp net, int steps,
            double initialLoss, double finalLoss) {
        this.exact = exact;
        this.points = points;
        this.mx = stats[0];
        this.my = stats[1];
        this.sx = stats[2];
        this.sy = stats[3];
        this.data = data;
        this.net = net;
        this.steps = steps;
        this.initialLoss = initialLoss;
        this.finalLoss = finalLoss;
        this.lamMin = DiffusionSchedule.lambdaOfSigma(exact ? SIGMA_MIN_EXACT : SIGMA_MIN_LEARNED);
        if (exact) {
            int n = data.size();
            double[] zx = new double[n], zy = new double[n], logQ = new double[n];
            double total = data.totalWeight();
            for (int i = 0; i < n; i++) {
                zx[i] = (data.x(i) - mx) / sx;
                zy[i] = (data.y(i) - my) / sy;
                // q_i = w_i / Σ_j w_j
                logQ[i] = Math.log(data.weight(i) / total);
            }
            exactField = new DiffusionExactField(zx, zy, logQ);
        } else {
            exactField = null;
            // one backward pass here fills the network's transposed weights, so the passes of
            // concurrent density calls only read them
            Mlp.Pass warm = net.newPass();
            warm.forward(new FMatrixRMaj(1, DiffusionNetField.INPUTS));
            warm.divergence(2);
        }
    }

    /**
     * Fits the model: standardises the data and either keeps it (settings.exactDenoiser(): the
     * exact denoiser, nothing trained) or trains the noise predictor (6,000 Adam steps of batch
     * 256 at effort 1, scaled by settings.effort()), reporting progress on {@code monitor}.
     *
     * @param executor    where training chunks run (null: the caller)
     * @param parallelism at least 1; the result does not depend on it
     * @throws IllegalArgumentException "data: ..." for fewer than 2 points or a coordinate
     *     without spread, "parallelism: ..." below 1
     * @throws IllegalStateException "fit: ..." if the loss becomes NaN or infinite
     * @throws java.util.concurrent.CancellationException if the monitor cancels
     */
    public static DiffusionModel fit(Dataset2D data, ZooSettings settings, FitMonitor monitor, Executor executor,
            int parallelism) {
        Objects.requireNonNull(settings, "settings");
        return fit(data, settings, DiffusionTrainer.Config.of(settings.effort()), monitor, executor, parallelism);
    }

    /** {@link #fit} with explicit training settings (tests). */
    static DiffusionModel fit(Dataset2D data, ZooSettings settings, DiffusionTrainer.Config cfg, FitMonitor monitor,
            Executor executor, int parallelism) {
        if (data == null) {
            throw new IllegalArgumentException("data: no data set (null)");
        }
        Objects.requireNonNull(settings, "settings");
        FitMonitor mon = monitor == null ? FitMonitor.NONE : monitor;
        int min = ZooKind.DIFFUSION.minPoints();
        if (data.size() < min) {
            throw new IllegalArgumentException("data: the diffusion model needs at least " + min + " points, got " + data.size());
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: must be at least 1, got " + parallelism);
        }
        double[] stats = standardisation(data);
        if (settings.exactDenoiser()) {
            mon.progress(1, "exact denoiser: nothing to train");
            return new DiffusionModel(true, data.size(), stats, data, null, 0, Double.NaN, Double.NaN);
        }
        int n = data.size();
        double[] zx = new double[n], zy = new double[n];
        for (int i = 0; i < n; i++) {
            zx[i] = (data.x(i) - stats[0]) / stats[2];
            zy[i] = (data.y(i) - stats[1]) / stats[3];
        }
        DiffusionTrainer.Result r = DiffusionTrainer.train(zx, zy, data.weights(), cfg, settings.seed(), mon, executor,
                parallelism);
        return new DiffusionModel(false, n, stats, null, r.net(), r.steps(), r.initialLoss(), r.finalLoss());
    }

    /** {mean x, mean y, sd x, sd y}, weighted; refuses a coordinate without spread. */
    private static double[] standardisation(Dataset2D data) {
        double[] m = data.mean();
        double[][] c = data.covariance();
        double sdx = Math.sqrt(c[0][0]);
        double sdy = Math.sqrt(c[1][1]);
        if (!Double.isFinite(m[0]) || !Double.isFinite(m[1]) || !Double.isFinite(sdx) || !Double.isFinite(sdy)) {
            throw new IllegalArgumentException("data: the mean or spread of the points is not finite (mean " + m[0] + ", " + m[1]
                    + ", sd " + sdx + ", " + sdy + "); the coordinates are too large");
        }
        if (!(sdx > 1e-12 * Math.max(1, Math.abs(m[0]))) || !(sdy > 1e-12 * Math.max(1, Math.abs(m[1])))) {
            throw new IllegalArgumentException("data: the points have no spread in " + (sdx > 1e-12 * Math.max(1, Math.abs(m[0])) ? "y" : "x")
                    + " (sd " + (float) sdx + ", " + (float) sdy + "); the diffusion model standardises each coordinate");
        }
        return new double[] {m[0], m[1], sdx, sdy};
    }

    @Override
    public ZooKind kind() {
        return ZooKind.DIFFUSION;
    }

    @Override
    public List<Estimator> estimators() {
        return List.of(ODE);
    }

    /** Whether this is the exact empirical denoiser (true) or the learned network (false). */
    public boolean exactDenoiser() {
        return exact;
    }

    /** σ(t_min), where the ODE starts, in standardised units. */
    public double sigmaMin() {
        return exact ? SIGMA_MIN_EXACT : SIGMA_MIN_LEARNED;
    }

    /** t_min in [0, 1] (T = 1) of the VP schedule β(t) = 0.1 + 19.9 t: the time at which σ(t) = {@link #sigmaMin()}. */
    public double tMin() {
        return DiffusionSchedule.tOfLambda(lamMin);
    }

    /** Adam steps taken (0 for the exact denoiser). */
    public int trainingSteps() {
        return steps;
    }

    /** The mean denoising loss E|ε − ε_θ|² on a fixed batch of 4,096 rows before training (NaN for the exact denoiser). */
    public double initialLoss() {
        return initialLoss;
    }

    /** The same after training (NaN for the exact denoiser). */
    public double finalLoss() {
        return finalLoss;
    }

    /** {mean x, mean y, sd x, sd y} of the standardisation z = (x − m)/sd. */
    public double[] standardisation() {
        return new double[] {mx, my, sx, sy};
    }

    /** A fresh field for one thread (the exact field is shared: it keeps no state). */
    DiffusionField newField() {
        return exact ? exactField : new DiffusionNetField(net);
    }

    /** The exact field (null for the learned model). */
    DiffusionExactField exactField() {
        return exactField;
    }

    /** The network (null for the exact model); a copy. */
    Mlp network() {
        return net == null ? null : net.copy();
    }

    /** The ODE's (base) RK4 steps: {@value #ODE_STEPS_EXACT} for the exact denoiser, {@value #ODE_STEPS_LEARNED} for the network. */
    public int odeSteps() {
        return exact ? ODE_STEPS_EXACT : ODE_STEPS_LEARNED;
    }

    /** λ at t_min. */
    double lambdaMin() {
        return lamMin;
    }

    /**
     * log p(x) at the points by the probability-flow ODE ({@link #ODE}); the seed is unused
     * (the estimate is deterministic). Chunks of points run on {@code executor}; each
     * finished chunk reports progress.
     *
     * @throws IllegalArgumentException for another estimator ("estimator: ..."), arrays of
     *     different lengths, a point that is not finite ("xs[i]: ..." / "ys[i]: ..."), or
     *     parallelism below 1
     */
    @Override
    public void logDensity(Estimator estimator, double[] xs, double[] ys, double[] out, long seed, FitMonitor monitor,
            Executor executor, int parallelism) {
        if (!ODE.equals(estimator)) {
            throw new IllegalArgumentException("estimator: the diffusion model has only 'ode', got " + (estimator == null ? null : estimator.id()));
        }
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(ys, "ys");
        Objects.requireNonNull(out, "out");
        if (ys.length != xs.length || out.length < xs.length) {
            throw new IllegalArgumentException("xs: " + xs.length + " x values, " + ys.length + " y values and room for " + out.length + " results");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: must be at least 1, got " + parallelism);
        }
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i])) {
                throw new IllegalArgumentException("xs[" + i + "]: the point is not finite: " + xs[i]);
            }
            if (!Double.isFinite(ys[i])) {
                throw new IllegalArgumentException("ys[" + i + "]: the point is not finite: " + ys[i]);
            }
        }
        FitMonitor mon = monitor == null ? FitMonitor.NONE : monitor;
        int n = xs.length;
        int chunk = exact ? CHUNK_EXACT : CHUNK_LEARNED;
        int chunks = (n + chunk - 1) / chunk;
        AtomicInteger done = new AtomicInteger();
        double logSd = Math.log(sx) + Math.log(sy);
        Chunks.run(chunks, executor, parallelism, c -> {
            mon.checkCancelled();
            int from = c * chunk;
            int m = Math.min(chunk, n - from);
            double[] zx = new double[m], zy = new double[m], tx = new double[m], ty = new double[m], acc = new double[m];
            for (int r = 0; r < m; r++) {
                zx[r] = (xs[from + r] - mx) / sx;
                zy[r] = (ys[from + r] - my) / sy;
            }
            integrate(zx, zy, m, odeSteps(), tx, ty, acc);
            for (int r = 0; r < m; r++) {
                // log p(x) = log N(x_T; 0, I) + ∫ div f dt − log sd_x − log sd_y
                out[from + r] = -LOG_2PI - 0.5 * (tx[r] * tx[r] + ty[r] * ty[r]) + acc[r] - logSd;
            }
            int k = done.incrementAndGet();
            mon.progress((double) k / chunks, "ODE: " + Math.min(n, k * chunk) + " of " + n + " points");
        });
    }

    /**
     * The ODE for m standardised points from λ_min to λ(T) with K base steps: x_T into
     * (tx, ty), ∫ tr ∂g/∂x dλ into acc.
     */
    void integrate(double[] zx, double[] zy, int m, int odeSteps, double[] tx, double[] ty, double[] acc) {
        if (exact) {
            double[] l = new double[exactField.size()];
            double[] res = new double[4];
            for (int r = 0; r < m; r++) {
                DiffusionOde.integrateExact(exactField, zx[r], zy[r], lamMin, DiffusionSchedule.LAMBDA_MAX, odeSteps, res, l);
                tx[r] = res[0];
                ty[r] = res[1];
                acc[r] = res[2];
            }
        } else {
            DiffusionOde.integrateBatch(new DiffusionNetField(net), zx, zy, m, lamMin, DiffusionSchedule.LAMBDA_MAX, odeSteps,
                    tx, ty, acc);
        }
    }

    /** n samples (rows x, y) by ancestral sampling; particles in chunks of 256, chunk c drawing from Rng.forStream(seed, c). */
    @Override
    public double[][] sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n: must be >= 0, got " + n);
        }
        double[][] outRows = new double[n][];
        int chunks = (n + SAMPLE_CHUNK - 1) / SAMPLE_CHUNK;
        for (int c = 0; c < chunks; c++) {
            int from = c * SAMPLE_CHUNK;
            int m = Math.min(SAMPLE_CHUNK, n - from);
            double[][] z = DiffusionSampler.run(newField(), m, Rng.forStream(seed, c), null, null);
            for (int r = 0; r < m; r++) {
                outRows[from + r] = new double[] {mx + sx * z[0][r], my + sy * z[1][r]};
            }
        }
        return outRows;
    }

    /** One sample drawn as {@link #sample}(1, seed) draws it: x_T, then the reverse trajectory to x_0. */
    @Override
    public SampleTrace trace(long seed) {
        double[] px = new double[DiffusionSampler.STEPS + 2];
        double[] py = new double[DiffusionSampler.STEPS + 2];
        DiffusionSampler.run(newField(), 1, Rng.forStream(seed, 0), px, py);
        double zx = px[0], zy = py[0];
        for (int k = 0; k < px.length; k++) {
            px[k] = mx + sx * px[k];
            py[k] = my + sy * py[k];
        }
        int last = px.length - 1;
        SampleTrace.Stage latent = SampleTrace.Stage.at(String.format(Locale.ROOT,
                "drew x_T = (%.2f, %.2f) from N(0, I) (standardised units)", zx, zy), px[0], py[0], SampleTrace.Mark.LATENT);
        SampleTrace.Stage sample = new SampleTrace.Stage(String.format(Locale.ROOT,
                "ran the reverse process for %d steps (%d ancestral steps from σ ≈ 1 down to σ = 0.01, then the x_0 prediction) to (%.3f, %.3f)",
                DiffusionSampler.STEPS + 1, DiffusionSampler.STEPS, px[last], py[last]),
                px[last], py[last], px, py, SampleTrace.Mark.SAMPLE);
        return new SampleTrace(List.of(latent, sample));
    }

    @Override
    public String summary() {
        if (exact) {
            return String.format(Locale.ROOT, "exact empirical denoiser of %,d points, nothing trained: it memorises the data, so its samples"
                    + " are the training points; log p by the probability-flow ODE from σ_min = %.2f (t_min = %.4f, standardised units),"
                    + " i.e. a Gaussian of that width round each point", points, SIGMA_MIN_EXACT, tMin());
        }
        return String.format(Locale.ROOT, "noise predictor %s, %,d Adam steps on %,d points, denoising loss %.3f → %.3f;"
                + " log p by the probability-flow ODE (RK4, %d steps) from σ_min = %.2f (t_min = %.4f, standardised units);"
                + " %d-step ancestral sampling", net.shape(), steps, points, initialLoss, finalLoss, ODE_STEPS_LEARNED, SIGMA_MIN_LEARNED, tMin(),
                DiffusionSampler.STEPS);
    }

    /**
     * Writes, big-endian: int version 1, boolean exact, int points, doubles mean x, mean y,
     * sd x, sd y; then for the exact denoiser the points (x, y, weight) in data units, for the
     * learned model int steps, doubles initial and final loss, int length and the network in
     * {@link MlpFile}'s format.
     */
    @Override
    public void writePayload(DataOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        out.writeBoolean(exact);
        out.writeInt(points);
        out.writeDouble(mx);
        out.writeDouble(my);
        out.writeDouble(sx);
        out.writeDouble(sy);
        if (exact) {
            for (int i = 0; i < points; i++) {
                out.writeDouble(data.x(i));
                out.writeDouble(data.y(i));
                out.writeDouble(data.weight(i));
            }
        } else {
            out.writeInt(steps);
            out.writeDouble(initialLoss);
            out.writeDouble(finalLoss);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            MlpFile.write(net, b);
            out.writeInt(b.size());
            b.writeTo(out);
        }
    }

    /**
     * Reads what {@link #writePayload} wrote.
     *
     * @throws ZooFormatException naming the value that is wrong (version, points, a statistic,
     *     a data point, the network) or a truncated payload
     */
    public static DiffusionModel read(DataInputStream in) throws IOException {
        try {
            int version = in.readInt();
            if (version != FORMAT) {
                throw new ZooFormatException("diffusion payload version " + version + ": this GenLab reads version " + FORMAT);
            }
            boolean exact = in.readBoolean();
            int points = in.readInt();
            if (points < ZooKind.DIFFUSION.minPoints() || points > 50_000_000) {
                throw new ZooFormatException("points " + points + ": must be " + ZooKind.DIFFUSION.minPoints() + " to 50,000,000");
            }
            double[] stats = new double[4];
            String[] names = {"mean x", "mean y", "sd x", "sd y"};
            for (int k = 0; k < 4; k++) {
                stats[k] = in.readDouble();
                if (!Double.isFinite(stats[k]) || (k >= 2 && !(stats[k] > 0))) {
                    throw new ZooFormatException(names[k] + " " + stats[k] + ": must be finite" + (k >= 2 ? " and > 0" : ""));
                }
            }
            if (exact) {
                double[] x = new double[points], y = new double[points], w = new double[points];
                for (int i = 0; i < points; i++) {
                    x[i] = in.readDouble();
                    y[i] = in.readDouble();
                    w[i] = in.readDouble();
                    if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || !(w[i] > 0) || !Double.isFinite(w[i])) {
                        throw new ZooFormatException("point " + i + " (" + x[i] + ", " + y[i] + ", weight " + w[i]
                                + "): coordinates must be finite and the weight finite and > 0");
                    }
                }
                Dataset2D d;
                try {
                    d = Dataset2D.of(x, y, w);
                } catch (IllegalArgumentException e) {
                    throw new ZooFormatException("points: " + e.getMessage(), e);
                }
                return new DiffusionModel(true, points, stats, d, null, 0, Double.NaN, Double.NaN);
            }
            int steps = in.readInt();
            if (steps < 1) {
                throw new ZooFormatException("steps " + steps + ": must be at least 1");
            }
            double initial = in.readDouble();
            double fin = in.readDouble();
            if (!Double.isFinite(initial) || !Double.isFinite(fin) || initial < 0 || fin < 0) {
                throw new ZooFormatException("losses " + initial + ", " + fin + ": must be finite and >= 0");
            }
            int len = in.readInt();
            if (len < 1 || len > (64 << 20)) {
                throw new ZooFormatException("network length " + len + ": must be 1 to 64 MiB");
            }
            byte[] bytes = new byte[len];
            in.readFully(bytes);
            Mlp net;
            try {
                net = MlpFile.read(new ByteArrayInputStream(bytes));
            } catch (MlpFormatException e) {
                throw new ZooFormatException("network: " + e.getMessage(), e);
            }
            String why = shapeProblem(net);
            if (why != null) {
                throw new ZooFormatException("network: " + why);
            }
            return new DiffusionModel(false, points, stats, null, net, steps, initial, fin);
        } catch (EOFException e) {
            throw new ZooFormatException("diffusion payload: truncated", e);
        }
    }

    /** Why a network cannot be this model's noise predictor, or null. */
    private static String shapeProblem(Mlp net) {
        var s = net.shape();
        if (s.inputs() != DiffusionNetField.INPUTS || s.outputs() != 2) {
            return "shape " + s + ": a noise predictor has " + DiffusionNetField.INPUTS + " inputs (x, y and five noise-level features) and 2 outputs";
        }
        return null;
    }
}
