package org.genlab.core.zoo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.math.Chunks;
import org.genlab.core.math.Cumulative;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Activation;
import org.genlab.core.nn.Adam;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.MlpFile;
import org.genlab.core.nn.MlpFormatException;
import org.genlab.core.nn.MlpShape;

/**
 * The autoregressive model of question 1 (a ii, b ii): p(x) = p(x₁) p(x₂ | x₁), each factor a
 * softmax over B equal-width bins, so the density is uniform within a bin:
 *
 * <pre>
 *   p(x) = π_{b₁} / w₁ · softmax(f_θ(x₁))_{b₂} / w₂,   b_j the bin of x_j, w_j the bin width,
 * </pre>
 *
 * over the box [lo₁, hi₁] × [lo₂, hi₂] (the data's range padded by 10% of its width on each
 * side); outside it the density is 0 (log −∞). The density is constant in x₂ within a bin and
 * smooth in x₁ (the conditional's network reads x₁ itself, not its bin). The marginal π is the smoothed maximum-likelihood
 * histogram π_b = (c_b + α)/(W + B α), c_b the weight of the points in bin b, α = {@value #ALPHA}
 * (what gradient ascent on the softmax logits converges to, with a Dirichlet(1 + α) prior, in
 * closed form). The conditional's logits come from an MLP f_θ: 1 → 64 → 64 → B (tanh) of x₁
 * standardised, trained by Adam on the weighted softmax cross-entropy of b₂ (minibatches drawn by
 * weight). Both factors sum to 1 over their bins, so for every x₁ the conditional integrates to 1
 * over x₂, and the density to 1 over the box.
 *
 * <p>Sampling follows the chain rule: b₁ ~ π and x₁ uniform in that bin, then b₂ ~ softmax(f_θ(x₁))
 * and x₂ uniform in its bin.
 */
public final class Autoregressive implements ZooModel {
    /** The histogram's smoothing pseudo-count per bin. */
    public static final double ALPHA = 0.1;
    /** Hidden width of the conditional network. */
    public static final int HIDDEN = 64;
    /** Training steps at effort 1. */
    public static final int DEFAULT_STEPS = 3000;
    /** Rows per training step. */
    public static final int BATCH = 256;
    /** Adam's step size. */
    public static final double LEARNING_RATE = 3e-3;
    private static final int PAYLOAD_VERSION = 1;
    private static final int CHUNK = 1024;

    private final int bins;
    private final double lo1, hi1, lo2, hi2;
    private final double mean1, sd1;
    private final double[] marginal;
    private final Mlp net;
    private final int points;
    private final int steps;

    private Autoregressive(int bins, double lo1, double hi1, double lo2, double hi2, double mean1, double sd1, double[] marginal,
            Mlp net, int points, int steps) {
        this.bins = bins;
        this.lo1 = lo1;
        this.hi1 = hi1;
        this.lo2 = lo2;
        this.hi2 = hi2;
        this.mean1 = mean1;
        this.sd1 = sd1;
        this.marginal = marginal;
        this.net = net;
        this.points = points;
        this.steps = steps;
    }

    static MlpShape shape(int bins) {
        return MlpShape.of(1, HIDDEN, 2, bins, Activation.TANH);
    }

    /**
     * Fits the model to {@code data} with {@code settings.bins()} bins per coordinate.
     *
     * @throws IllegalArgumentException if there are fewer than {@link ZooKind#minPoints()} points ("data: ...")
     * @throws IllegalStateException if training produces a loss that is not finite ("fit: ...")
     */
    public static Autoregressive fit(Dataset2D data, ZooSettings settings, FitMonitor monitor, Executor executor, int parallelism) {
        if (data.size() < ZooKind.AR.minPoints()) {
            throw new IllegalArgumentException("data: the autoregressive model needs at least " + ZooKind.AR.minPoints() + " points, got "
                    + data.size());
        }
        FitMonitor m = monitor == null ? FitMonitor.NONE : monitor;
        int b = settings.bins();
        double[] r1 = range(data.xs()), r2 = range(data.ys());
        double w = data.totalWeight();
        double[] mean = data.mean();
        double var1 = data.covariance()[0][0];
        double sd = var1 > 0 ? Math.sqrt(var1) : 1;
        double[] hist = new double[b];
        int[] b1 = new int[data.size()], b2 = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            b1[i] = bin(data.x(i), r1[0], r1[1], b);
            b2[i] = bin(data.y(i), r2[0], r2[1], b);
            hist[b1[i]] += data.weight(i);
        }
        double[] pi = new double[b];
        for (int k = 0; k < b; k++) {
            pi[k] = (hist[k] + ALPHA) / (w + b * ALPHA);
        }
        Mlp net = Mlp.create(shape(b), Rng.forStream(settings.seed(), 0));
        Mlp.Pass pass = net.newPass(executor, parallelism);
        Adam adam = new Adam(LEARNING_RATE);
        Rng rng = Rng.forStream(settings.seed(), 1);
        double[] cumulative = new double[data.size()];
        double run = 0;
        for (int i = 0; i < cumulative.length; i++) {
            run += data.weight(i);
            cumulative[i] = run;
        }
        int total = Math.max(1, (int) Math.round(DEFAULT_STEPS * settings.effort()));
        FMatrixRMaj x = new FMatrixRMaj(BATCH, 1);
        FMatrixRMaj grad = new FMatrixRMaj(BATCH, b);
        int[] target = new int[BATCH];
        for (int s = 0; s < total; s++) {
            m.checkCancelled();
            for (int r = 0; r < BATCH; r++) {
                int i = Cumulative.pick(cumulative, rng.nextDouble() * run);
                x.data[r] = (float) ((data.x(i) - mean[0]) / sd);
                target[r] = b2[i];
            }
            FMatrixRMaj logits = pass.forward(x);
            double loss = softmaxCrossEntropy(logits, target, grad);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("fit: the loss became " + loss + " at step " + (s + 1)
                        + "; the autoregressive conditional diverged (try data on a smaller scale)");
            }
            net.zeroGradients();
            pass.backward(grad);
            adam.step(net);
            if (s % 100 == 0 || s == total - 1) {
                m.progress((s + 1) / (double) total, String.format(Locale.ROOT, "step %d of %d, cross-entropy %.3f", s + 1, total, loss));
            }
        }
        return new Autoregressive(b, r1[0], r1[1], r2[0], r2[1], mean[0], sd, pi, net, data.size(), total);
    }

    /** The data's range padded by 10% of its width on each side, or ±0.5 around a single value. */
    static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double a : v) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        double pad = hi > lo ? 0.1 * (hi - lo) : 0.5;
        return new double[] {lo - pad, hi + pad};
    }

    /** The bin of v in [lo, hi] with b bins (hi itself falls in the last), or -1 outside. */
    static int bin(double v, double lo, double hi, int b) {
        if (!(v >= lo && v <= hi)) {
            return -1;
        }
        return Math.min(b - 1, (int) ((v - lo) / (hi - lo) * b));
    }


    /**
     * The mean softmax cross-entropy −log softmax(z_r)_{t_r} over the rows, and its gradient with
     * respect to the logits, (softmax(z_r) − e_{t_r}) / rows.
     */
    static double softmaxCrossEntropy(FMatrixRMaj logits, int[] target, FMatrixRMaj grad) {
        int rows = logits.numRows, cols = logits.numCols;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, logits.data[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(logits.data[o + c] - max);
            }
            double logZ = max + Math.log(sum);
            total += logZ - logits.data[o + target[r]];
            for (int c = 0; c < cols; c++) {
                double p = Math.exp(logits.data[o + c] - logZ);
                grad.data[o + c] = (float) ((p - (c == target[r] ? 1 : 0)) / rows);
            }
        }
        return total / rows;
    }

    /** Log-softmax of each row of {@code logits}, in place into {@code out} (rows x B). */
    private static void logSoftmax(FMatrixRMaj logits, double[] out) {
        int rows = logits.numRows, cols = logits.numCols;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, logits.data[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(logits.data[o + c] - max);
            }
            double logZ = max + Math.log(sum);
            for (int c = 0; c < cols; c++) {
                out[o + c] = logits.data[o + c] - logZ;
            }
        }
    }

    /** The conditional's log-probabilities for each x₁, rows of B. */
    private double[] conditionalLogs(double[] x1) {
        FMatrixRMaj in = new FMatrixRMaj(x1.length, 1);
        for (int i = 0; i < x1.length; i++) {
            in.data[i] = (float) ((x1[i] - mean1) / sd1);
        }
        FMatrixRMaj logits = net.predict(in);
        double[] out = new double[x1.length * bins];
        logSoftmax(logits, out);
        return out;
    }

    /** p(x₂ | x₁) over the bins: B probabilities that sum to 1. */
    public double[] conditional(double x1) {
        double[] l = conditionalLogs(new double[] {x1});
        double[] p = new double[bins];
        for (int c = 0; c < bins; c++) {
            p[c] = Math.exp(l[c]);
        }
        return p;
    }

    /** p(x₁) over the bins: B probabilities that sum to 1. */
    public double[] marginal() {
        return marginal.clone();
    }

    /** The B + 1 bin edges of x₁, from lo₁ to hi₁. */
    public double[] edges1() {
        return edges(lo1, hi1);
    }

    /** The B + 1 bin edges of x₂. */
    public double[] edges2() {
        return edges(lo2, hi2);
    }

    private double[] edges(double lo, double hi) {
        double[] e = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            e[k] = k == bins ? hi : lo + (hi - lo) * k / bins;
        }
        return e;
    }

    /** Bins per coordinate. */
    public int bins() {
        return bins;
    }

    @Override
    public ZooKind kind() {
        return ZooKind.AR;
    }

    @Override
    public List<Estimator> estimators() {
        return List.of(Estimator.EXACT);
    }

    @Override
    public void logDensity(Estimator estimator, double[] xs, double[] ys, double[] out, long seed, FitMonitor monitor,
            Executor executor, int parallelism) {
        estimator(estimator.id());
        if (xs.length != ys.length || out.length != xs.length) {
            throw new IllegalArgumentException("points: " + xs.length + " x, " + ys.length + " y and " + out.length + " outputs");
        }
        FitMonitor m = monitor == null ? FitMonitor.NONE : monitor;
        double logW = Math.log((hi1 - lo1) / bins) + Math.log((hi2 - lo2) / bins);
        int chunks = (xs.length + CHUNK - 1) / CHUNK;
        int[] done = {0};
        Chunks.run(chunks, executor, parallelism, c -> {
            m.checkCancelled();
            int from = c * CHUNK, to = Math.min(xs.length, from + CHUNK);
            double[] x1 = java.util.Arrays.copyOfRange(xs, from, to);
            double[] logs = conditionalLogs(x1);
            for (int i = from; i < to; i++) {
                int a = bin(xs[i], lo1, hi1, bins), b = bin(ys[i], lo2, hi2, bins);
                out[i] = a < 0 || b < 0 ? Double.NEGATIVE_INFINITY : Math.log(marginal[a]) + logs[(i - from) * bins + b] - logW;
            }
            synchronized (done) {
                done[0]++;
                m.progress(done[0] / (double) chunks, null);
            }
        });
    }

    private int draw(double[] p, int offset, double u, boolean logs) {
        double acc = 0;
        for (int c = 0; c < bins; c++) {
            acc += logs ? Math.exp(p[offset + c]) : p[offset + c];
            if (u < acc) {
                return c;
            }
        }
        return bins - 1;
    }

    @Override
    public double[][] sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n: must be at least 0, got " + n);
        }
        Rng rng = new Rng(seed);
        double[] x1 = new double[n];
        double w1 = (hi1 - lo1) / bins, w2 = (hi2 - lo2) / bins;
        for (int i = 0; i < n; i++) {
            int b = draw(marginal, 0, rng.nextDouble(), false);
            x1[i] = lo1 + (b + rng.nextDouble()) * w1;
        }
        double[] logs = conditionalLogs(x1);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            int b = draw(logs, i * bins, rng.nextDouble(), true);
            out[i] = new double[] {x1[i], lo2 + (b + rng.nextDouble()) * w2};
        }
        return out;
    }

    @Override
    public SampleTrace trace(long seed) {
        double[] s = sample(1, seed)[0];
        int b1 = bin(s[0], lo1, hi1, bins);
        int b2 = bin(s[1], lo2, hi2, bins);
        double p2 = conditional(s[0])[b2];
        return new SampleTrace(List.of(
                SampleTrace.Stage.at(String.format(Locale.ROOT, "drew x₁ = %.3f from p(x₁) (bin %d of %d, probability %.3f)", s[0], b1 + 1,
                        bins, marginal[b1]), s[0], Double.NaN, SampleTrace.Mark.VERTICAL_LINE),
                new SampleTrace.Stage(String.format(Locale.ROOT, "drew x₂ = %.3f from p(x₂ | x₁ = %.3f) (bin %d, probability %.3f)", s[1],
                        s[0], b2 + 1, p2), s[0], s[1], new double[] {s[0], s[0]}, new double[] {lo2, s[1]}, SampleTrace.Mark.SAMPLE)));
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "%d bins per coordinate over [%.2f, %.2f] x [%.2f, %.2f], %d training steps, %,d points",
                bins, lo1, hi1, lo2, hi2, steps, points);
    }

    /** Writes: int version, int B, doubles lo₁ hi₁ lo₂ hi₂ mean₁ sd₁, B doubles π, int points, int steps, int length + MlpFile. */
    @Override
    public void writePayload(DataOutputStream out) throws IOException {
        out.writeInt(PAYLOAD_VERSION);
        out.writeInt(bins);
        for (double v : new double[] {lo1, hi1, lo2, hi2, mean1, sd1}) {
            out.writeDouble(v);
        }
        for (double p : marginal) {
            out.writeDouble(p);
        }
        out.writeInt(points);
        out.writeInt(steps);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        MlpFile.write(net, b);
        out.writeInt(b.size());
        b.writeTo(out);
    }

    /**
     * Reads a model written by {@link #writePayload}.
     *
     * @throws ZooFormatException naming what is wrong
     */
    public static Autoregressive read(DataInputStream in) throws IOException {
        try {
            int version = in.readInt();
            if (version != PAYLOAD_VERSION) {
                throw new ZooFormatException("autoregressive payload version " + version + ": this GenLab reads version " + PAYLOAD_VERSION);
            }
            int b = in.readInt();
            if (b < 2 || b > 256) {
                throw new ZooFormatException("bins " + b + ": must be 2 to 256");
            }
            double lo1 = in.readDouble(), hi1 = in.readDouble(), lo2 = in.readDouble(), hi2 = in.readDouble();
            if (!(Double.isFinite(lo1) && Double.isFinite(hi1) && lo1 < hi1 && Double.isFinite(lo2) && Double.isFinite(hi2) && lo2 < hi2)) {
                throw new ZooFormatException("range [" + lo1 + ", " + hi1 + "] x [" + lo2 + ", " + hi2 + "]: must be finite and increasing");
            }
            double mean1 = in.readDouble(), sd1 = in.readDouble();
            if (!Double.isFinite(mean1) || !(sd1 > 0) || !Double.isFinite(sd1)) {
                throw new ZooFormatException("standardisation (" + mean1 + ", " + sd1 + "): mean finite and sd > 0");
            }
            double[] pi = new double[b];
            double sum = 0;
            for (int k = 0; k < b; k++) {
                pi[k] = in.readDouble();
                if (!(pi[k] > 0) || !(pi[k] <= 1)) {
                    throw new ZooFormatException("marginal bin " + k + ": probability " + pi[k] + " is not in (0, 1]");
                }
                sum += pi[k];
            }
            if (Math.abs(sum - 1) > 1e-9) {
                throw new ZooFormatException("marginal: probabilities sum to " + sum + ", not 1");
            }
            int points = in.readInt(), steps = in.readInt();
            if (points < 1 || steps < 0) {
                throw new ZooFormatException("points " + points + ", steps " + steps + ": must be at least 1 and 0");
            }
            int len = in.readInt();
            if (len < 1 || len > 1 << 24) {
                throw new ZooFormatException("conditional network: " + len + " bytes");
            }
            byte[] bytes = new byte[len];
            in.readFully(bytes);
            Mlp net;
            try {
                net = MlpFile.read(new ByteArrayInputStream(bytes), shape(b));
            } catch (MlpFormatException e) {
                throw new ZooFormatException("conditional network: " + e.getMessage(), e);
            }
            return new Autoregressive(b, lo1, hi1, lo2, hi2, mean1, sd1, pi, net, points, steps);
        } catch (EOFException e) {
            throw new ZooFormatException("autoregressive payload: truncated", e);
        }
    }
}
