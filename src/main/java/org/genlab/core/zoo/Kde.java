package org.genlab.core.zoo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.math.Chunks;
import org.genlab.core.math.Rng;

/**
 * The kernel density estimator (the homework's question 1 a i, with the factor 1/(n h^d) of the
 * errata, d = 2):
 *
 * <pre>
 *   p(x) = 1/h² Σ_i (w_i / W) K((x − x_i) / h),   W = Σ_i w_i
 * </pre>
 *
 * which for unit weights is 1/(n h²) Σ_i K((x − x_i)/h). Two kernels, each a density on the
 * plane:
 * <ul>
 *   <li>{@code gaussian}: K(u) = exp(−|u|²/2) / (2π);</li>
 *   <li>{@code epanechnikov}, the radially symmetric 2-D one: K(u) = (2/π)(1 − |u|²) for
 *       |u| ≤ 1, else 0. Its constant: ∫ (1 − r²) r dr dθ over the unit disc = 2π (1/2 − 1/4)
 *       = π/2, so 2/π makes it integrate to 1.</li>
 * </ul>
 *
 * <p>The bandwidth h (data units, &gt; 0) is given, or by Scott's rule for d = 2:
 * h = n_eff^(−1/6) (sd_x + sd_y)/2, with n_eff = W² / Σ w_i² (n for unit weights) and the
 * weighted maximum-likelihood standard deviations.
 *
 * <p><b>Evaluation.</b> The data are kept sorted by x, so the points within a cutoff of a query
 * are a contiguous index range found by binary search. Epanechnikov: the cutoff is h itself, so
 * the sum is exact, and a point farther than h from every data point has log p = −∞.
 * Gaussian: the cutoff is R = {@value #CUTOFF} h on each axis. Every point left out has
 * |x − x_i| &gt; R on some axis, so its factor exp(−|x − x_i|²/2h²) is below
 * exp(−R²/2h²) = e^−32 ≈ 1.3e-14, and the left-out points together weigh at most 1: the part
 * of the sum left out is at most e^−32 (in units of K(0)/h²). The windowed sum S is kept only
 * when that bound is at most {@value #RELATIVE_TOLERANCE} S; otherwise (low density) the sum
 * runs over every point, and if even that underflows the log density is an exact log-sum-exp
 * over every point: finite, however far the query is. So the relative error is at most
 * 1e-10 everywhere, beyond rounding.
 *
 * <p>When the queries share few distinct x and y values (a heatmap grid) the Gaussian is
 * evaluated separably: exp(−|d|²/2h²) = exp(−d_x²/2h²) exp(−d_y²/2h²), with one table of
 * each factor per distinct coordinate, so a grid point costs a dot product and no exponential.
 * Which path runs depends only on the set of queries, never on the threads, so the numbers do
 * not depend on {@code parallelism}. The separable path sums the whole strip |x − x_i| ≤ R (no
 * test on y, so the loop has no branch), a superset of the square: the two paths agree within
 * e^−32 relative plus rounding.
 *
 * <p>Immutable and thread-safe.
 */
public final class Kde implements ZooModel {
    /** The Gaussian cutoff in bandwidths, on each axis. */
    public static final double CUTOFF = 8;
    /** The Gaussian cutoff's bound on the left-out part, relative to the part kept. */
    public static final double RELATIVE_TOLERANCE = 1e-10;
    /** Format version of {@link #writePayload}. */
    static final int VERSION = 1;
    /** Most points a payload may hold. */
    static final int MAX_POINTS = 10_000_000;
    private static final int CHUNK = 1024;
    /** Most entries of the separable tables (doubles). */
    private static final long MAX_TABLE = 1L << 24;
    /** A full Gaussian sum above this (relative to K(0)/h²) has lost nothing that matters to underflow. */
    private static final double UNDERFLOW_SAFE = 1e-280;

    private final boolean gaussian;
    private final double h;
    private final boolean ruleOfThumb;
    private final double[] xs;
    private final double[] ys;
    private final double[] ws;
    // sorted by x: coordinates and normalised weights w_i / W
    private final double[] sx;
    private final double[] sy;
    private final double[] sw;
    private final double[] sLogW;
    /** cumulative[i] = Σ_{j ≤ i} w_j / W in data order, for sampling. */
    private final double[] cumulative;

    private Kde(String kernel, double h, boolean ruleOfThumb, double[] xs, double[] ys, double[] ws) {
        this.gaussian = kernel.equals("gaussian");
        this.h = h;
        this.ruleOfThumb = ruleOfThumb;
        this.xs = xs;
        this.ys = ys;
        this.ws = ws;
        int n = xs.length;
        double total = 0;
        for (double w : ws) {
            total += w;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // stable sort by x, ties by index: fixed by the data alone
        Arrays.sort(order, (a, b) -> Double.compare(xs[a], xs[b]));
        sx = new double[n];
        sy = new double[n];
        sw = new double[n];
        sLogW = new double[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            sx[k] = xs[i];
            sy[k] = ys[i];
            sw[k] = ws[i] / total;
            sLogW[k] = Math.log(sw[k]);
        }
        cumulative = new double[n];
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += ws[i] / total;
            cumulative[i] = c;
        }
    }

    /**
     * Fits (stores) the estimator. Reads {@code settings.kernel()} and {@code settings.bandwidth()}
     * (0: Scott's rule).
     *
     * @throws IllegalArgumentException "data: ..." for fewer than {@link ZooKind#minPoints()}
     *     points; "bandwidth: ..." when the rule of thumb gives 0 (every point the same)
     */
    public static Kde fit(Dataset2D data, ZooSettings settings, FitMonitor monitor, Executor executor, int parallelism) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(settings, "settings");
        int min = ZooKind.KDE.minPoints();
        if (data.size() < min) {
            throw new IllegalArgumentException("data: the kernel density estimator needs at least " + min + " points, got " + data.size());
        }
        double h = settings.bandwidth();
        boolean rule = h == 0;
        if (rule) {
            h = scottBandwidth(data);
            if (!(h > 0)) {
                throw new IllegalArgumentException(
                        "bandwidth: the rule of thumb gives 0 because every point is the same; set a bandwidth");
            }
        }
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("bandwidth: must be finite and > 0, got " + h);
        }
        if (monitor != null) {
            monitor.progress(1, "stored " + data.size() + " points");
        }
        return new Kde(settings.kernel(), h, rule, data.xs(), data.ys(), data.weights());
    }

    /**
     * Scott's rule for d = 2: h = n_eff^(−1/6) (sd_x + sd_y)/2, n_eff = W²/Σ w_i², sd the
     * weighted maximum-likelihood standard deviations (divided by W). 0 when every point is the same.
     */
    public static double scottBandwidth(Dataset2D data) {
        double[][] c = data.covariance();
        double sumW2 = 0;
        for (int i = 0; i < data.size(); i++) {
            sumW2 += data.weight(i) * data.weight(i);
        }
        double total = data.totalWeight();
        double nEff = total * total / sumW2;
        return Math.pow(nEff, -1.0 / 6) * (Math.sqrt(c[0][0]) + Math.sqrt(c[1][1])) / 2;
    }

    @Override
    public ZooKind kind() {
        return ZooKind.KDE;
    }

    @Override
    public List<Estimator> estimators() {
        return List.of(Estimator.EXACT);
    }

    /** The kernel: {@code gaussian} or {@code epanechnikov}. */
    public String kernel() {
        return gaussian ? "gaussian" : "epanechnikov";
    }

    /** The bandwidth h, in data units, &gt; 0. */
    public double bandwidth() {
        return h;
    }

    /** Whether h came from Scott's rule (else it was given). */
    public boolean ruleOfThumb() {
        return ruleOfThumb;
    }

    /** Number of data points n. */
    public int size() {
        return xs.length;
    }

    /** The data's x coordinates (a copy, data order). */
    public double[] xs() {
        return xs.clone();
    }

    /** The data's y coordinates (a copy, data order). */
    public double[] ys() {
        return ys.clone();
    }

    /** The data's weights (a copy, data order). */
    public double[] weights() {
        return ws.clone();
    }

    @Override
    public void logDensity(Estimator estimator, double[] qx, double[] qy, double[] out, long seed,
            FitMonitor monitor, Executor executor, int parallelism) {
        requireExact(estimator);
        if (qx.length != qy.length || out.length != qx.length) {
            throw new IllegalArgumentException("points: xs " + qx.length + ", ys " + qy.length + ", out " + out.length + " differ in length");
        }
        FitMonitor mon = monitor == null ? FitMonitor.NONE : monitor;
        int m = qx.length;
        int chunks = (m + CHUNK - 1) / CHUNK;
        Separable sep = gaussian ? Separable.build(this, qx, qy, executor, parallelism) : null;
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        Chunks.run(chunks, executor, parallelism, c -> {
            mon.checkCancelled();
            int lo = c * CHUNK, hi = Math.min(m, lo + CHUNK);
            for (int j = lo; j < hi; j++) {
                out[j] = !gaussian ? logEpanechnikov(qx[j], qy[j])
                        : sep != null ? sep.logDensity(j) : logGaussian(qx[j], qy[j]);
            }
            int d = done.incrementAndGet();
            mon.progress((double) d / chunks, null);
        });
    }

    private static void requireExact(Estimator estimator) {
        if (!Estimator.EXACT.equals(estimator)) {
            throw new IllegalArgumentException("estimator: the kde model has no estimator '"
                    + (estimator == null ? null : estimator.id()) + "'; it has [exact]");
        }
    }

    /** log p(x) for the Epanechnikov kernel: exact sum over the points within h; −∞ if none. */
    double logEpanechnikov(double x, double y) {
        double h2 = h * h;
        int lo = lowerBound(sx, x - h);
        double s = 0;
        for (int i = lo; i < sx.length && sx[i] <= x + h; i++) {
            double dx = x - sx[i], dy = y - sy[i];
            double d2 = dx * dx + dy * dy;
            if (d2 < h2) {
                // (w_i/W) (1 − |u|²), u = (x − x_i)/h
                s += sw[i] * (1 - d2 / h2);
            }
        }
        // p = (2/π) / h² · s
        return s > 0 ? Math.log(s) + Math.log(2 / (Math.PI * h2)) : Double.NEGATIVE_INFINITY;
    }

    /** log p(x) for the Gaussian kernel, one query at a time (see the class notes). */
    double logGaussian(double x, double y) {
        double r = CUTOFF * h;
        double inv = 1 / (2 * h * h);
        int lo = lowerBound(sx, x - r);
        double s = 0;
        for (int i = lo; i < sx.length && sx[i] <= x + r; i++) {
            double dy = y - sy[i];
            if (Math.abs(dy) <= r) {
                double dx = x - sx[i];
                s += sw[i] * Math.exp(-(dx * dx + dy * dy) * inv);
            }
        }
        if (!(windowBound() <= RELATIVE_TOLERANCE * s)) {
            s = 0;
            for (int i = 0; i < sx.length; i++) {
                double dx = x - sx[i], dy = y - sy[i];
                s += sw[i] * Math.exp(-(dx * dx + dy * dy) * inv);
            }
            if (!(s > UNDERFLOW_SAFE)) {
                return logSumExpGaussian(x, y);
            }
        }
        return Math.log(s) - Math.log(2 * Math.PI * h * h);
    }

    /** e^(−R²/2h²) with R = CUTOFF h: the bound on what the window leaves out. */
    private static double windowBound() {
        return Math.exp(-CUTOFF * CUTOFF / 2);
    }

    /** Exact log p(x) = log Σ_i exp(log(w_i/W) − |x − x_i|²/2h²) − log(2π h²), by log-sum-exp. */
    double logSumExpGaussian(double x, double y) {
        double inv = 1 / (2 * h * h);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < sx.length; i++) {
            double dx = x - sx[i], dy = y - sy[i];
            max = Math.max(max, sLogW[i] - (dx * dx + dy * dy) * inv);
        }
        double s = 0;
        for (int i = 0; i < sx.length; i++) {
            double dx = x - sx[i], dy = y - sy[i];
            s += Math.exp(sLogW[i] - (dx * dx + dy * dy) * inv - max);
        }
        return max + Math.log(s) - Math.log(2 * Math.PI * h * h);
    }

    /** The first index with a[i] ≥ v (a sorted ascending). */
    static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The separable Gaussian evaluation for query sets with few distinct coordinates: tables
     * ex[u][i] = exp(−(u − x_i)²/2h²) per distinct x value u and ey[v][i] = (w_i/W) exp(−(v − y_i)²/2h²)
     * per distinct y value v (data sorted by x), so S = Σ_i ex[u][i] ey[v][i].
     */
    private static final class Separable {
        private final Kde kde;
        private final double[] qx;
        private final double[] qy;
        private final int[] ix;
        private final int[] iy;
        private final double[][] ex;
        private final double[][] ey;
        private final int[] winLo;
        private final int[] winHi;

        private Separable(Kde kde, double[] qx, double[] qy, int[] ix, int[] iy, double[] ux, double[] uy,
                Executor executor, int parallelism) {
            this.kde = kde;
            this.qx = qx;
            this.qy = qy;
            this.ix = ix;
            this.iy = iy;
            int n = kde.sx.length;
            double inv = 1 / (2 * kde.h * kde.h);
            double r = CUTOFF * kde.h;
            ex = new double[ux.length][];
            ey = new double[uy.length][];
            winLo = new int[ux.length];
            winHi = new int[ux.length];
            int rows = ux.length + uy.length;
            int chunks = (rows + 63) / 64;
            Chunks.run(chunks, executor, parallelism, c -> {
                for (int t = c * 64; t < Math.min(rows, c * 64 + 64); t++) {
                    double[] row = new double[n];
                    if (t < ux.length) {
                        double u = ux[t];
                        for (int i = 0; i < n; i++) {
                            double d = u - kde.sx[i];
                            row[i] = Math.exp(-d * d * inv);
                        }
                        ex[t] = row;
                        winLo[t] = lowerBound(kde.sx, u - r);
                        int hi = winLo[t];
                        while (hi < n && kde.sx[hi] <= u + r) {
                            hi++;
                        }
                        winHi[t] = hi;
                    } else {
                        double v = uy[t - ux.length];
                        for (int i = 0; i < n; i++) {
                            double d = v - kde.sy[i];
                            row[i] = kde.sw[i] * Math.exp(-d * d * inv);
                        }
                        ey[t - ux.length] = row;
                    }
                }
            });
        }

        /** The tables, or null when the queries have too many distinct coordinates for them to pay. */
        static Separable build(Kde kde, double[] qx, double[] qy, Executor executor, int parallelism) {
            int m = qx.length;
            if (m < 4096) {
                return null;
            }
            int[] ix = new int[m];
            int[] iy = new int[m];
            double[] ux = distinct(qx, ix, m / 8);
            if (ux == null) {
                return null;
            }
            double[] uy = distinct(qy, iy, m / 8);
            if (uy == null || (long) (ux.length + uy.length) * kde.sx.length > MAX_TABLE) {
                return null;
            }
            return new Separable(kde, qx, qy, ix, iy, ux, uy, executor, parallelism);
        }

        /** The distinct values of v (first-seen order) with idx[j] the index of v[j]; null beyond limit. */
        private static double[] distinct(double[] v, int[] idx, int limit) {
            Map<Long, Integer> seen = new HashMap<>();
            double[] values = new double[Math.min(v.length, limit + 1)];
            for (int j = 0; j < v.length; j++) {
                long key = Double.doubleToLongBits(v[j]);
                Integer k = seen.get(key);
                if (k == null) {
                    if (seen.size() >= limit) {
                        return null;
                    }
                    k = seen.size();
                    seen.put(key, k);
                    values[k] = v[j];
                }
                idx[j] = k;
            }
            return Arrays.copyOf(values, seen.size());
        }

        double logDensity(int j) {
            int u = ix[j], v = iy[j];
            double[] a = ex[u], b = ey[v];
            double y = qy[j];
            // S over the strip |x − x_i| ≤ R, all y: a superset of logGaussian's square, so it
            // differs from it only by terms below e^(−R²/2h²) of the total; one branch-free loop
            double s = dot(a, b, winLo[u], winHi[u]);
            if (!(windowBound() <= RELATIVE_TOLERANCE * s)) {
                s = dot(a, b);
                if (!(s > UNDERFLOW_SAFE)) {
                    return kde.logSumExpGaussian(qx[j], y);
                }
            }
            return Math.log(s) - Math.log(2 * Math.PI * kde.h * kde.h);
        }

        private static double dot(double[] a, double[] b) {
            return dot(a, b, 0, a.length);
        }

        /** Σ a[i] b[i] over [from, to), four accumulators. */
        private static double dot(double[] a, double[] b, int from, int to) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int n = to, i = from;
            for (; i + 3 < n; i += 4) {
                s0 += a[i] * b[i];
                s1 += a[i + 1] * b[i + 1];
                s2 += a[i + 2] * b[i + 2];
                s3 += a[i + 3] * b[i + 3];
            }
            for (; i < n; i++) {
                s0 += a[i] * b[i];
            }
            return (s0 + s1) + (s2 + s3);
        }
    }

    /**
     * n samples: pick i with probability w_i / W, then x = x_i + h ε with ε ~ K (Gaussian: two
     * normal draws; Epanechnikov: radius by the inverse of its CDF F(r) = 2r² − r⁴, so
     * r = sqrt(1 − sqrt(1 − u)), and a uniform angle).
     */
    @Override
    public double[][] sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n: must be >= 0, got " + n);
        }
        Rng rng = new Rng(seed);
        double[][] out = new double[n][];
        double[] eps = new double[2];
        for (int k = 0; k < n; k++) {
            int i = pick(rng.nextDouble());
            kernelDraw(rng, eps);
            out[k] = new double[] {xs[i] + h * eps[0], ys[i] + h * eps[1]};
        }
        return out;
    }

    private int pick(double u) {
        return org.genlab.core.math.Cumulative.pick(cumulative, u);
    }

    private void kernelDraw(Rng rng, double[] eps) {
        if (gaussian) {
            eps[0] = rng.nextGaussian();
            eps[1] = rng.nextGaussian();
        } else {
            // F(r) = ∫_0^r (2/π)(1 − s²) 2π s ds = 2r² − r⁴; F(r) = u gives r² = 1 − sqrt(1 − u)
            double u = rng.nextDouble();
            double r = Math.sqrt(1 - Math.sqrt(1 - u));
            double theta = 2 * Math.PI * rng.nextDouble();
            eps[0] = r * Math.cos(theta);
            eps[1] = r * Math.sin(theta);
        }
    }

    /** Stage 1 PICKED at x_i; stage 2 SAMPLE, with the path x_i → x. Same draws as {@code sample(1, seed)}. */
    @Override
    public SampleTrace trace(long seed) {
        Rng rng = new Rng(seed);
        int i = pick(rng.nextDouble());
        double[] eps = new double[2];
        kernelDraw(rng, eps);
        double x = xs[i] + h * eps[0], y = ys[i] + h * eps[1];
        return new SampleTrace(List.of(
                SampleTrace.Stage.at(String.format(Locale.ROOT, "picked data point %d of %d at (%.3f, %.3f)", i, xs.length, xs[i], ys[i]),
                        xs[i], ys[i], SampleTrace.Mark.PICKED),
                new SampleTrace.Stage(String.format(Locale.ROOT, "added h ε = (%.3f, %.3f)", h * eps[0], h * eps[1]), x, y,
                        new double[] {xs[i], x}, new double[] {ys[i], y}, SampleTrace.Mark.SAMPLE)));
    }

    /** E.g. "h = 0.190 (Scott's rule), Gaussian kernel, 2,000 points". */
    @Override
    public String summary() {
        return String.format(Locale.ROOT, "h = %.3g (%s), %s kernel, %,d points", h, ruleOfThumb ? "Scott's rule" : "set",
                gaussian ? "Gaussian" : "Epanechnikov", xs.length);
    }

    /**
     * Writes: int version, UTF kernel, double h, boolean rule of thumb, int n, then n triples
     * (x, y, w) in data order.
     */
    @Override
    public void writePayload(DataOutputStream out) throws IOException {
        out.writeInt(VERSION);
        out.writeUTF(kernel());
        out.writeDouble(h);
        out.writeBoolean(ruleOfThumb);
        out.writeInt(xs.length);
        for (int i = 0; i < xs.length; i++) {
            out.writeDouble(xs[i]);
            out.writeDouble(ys[i]);
            out.writeDouble(ws[i]);
        }
    }

    /**
     * Reads what {@link #writePayload} wrote.
     *
     * @throws ZooFormatException naming the field when the stream is truncated or a value is out of range
     */
    public static Kde read(DataInputStream in) throws IOException {
        try {
            int version = in.readInt();
            if (version != VERSION) {
                throw new ZooFormatException("kde version " + version + ": this GenLab reads version " + VERSION);
            }
            String kernel = in.readUTF();
            if (!kernel.equals("gaussian") && !kernel.equals("epanechnikov")) {
                throw new ZooFormatException("kde kernel '" + kernel + "': must be gaussian or epanechnikov");
            }
            double h = in.readDouble();
            if (!(h > 0) || !Double.isFinite(h)) {
                throw new ZooFormatException("kde bandwidth " + h + ": must be finite and > 0");
            }
            boolean rule = in.readBoolean();
            int n = in.readInt();
            if (n < ZooKind.KDE.minPoints() || n > MAX_POINTS) {
                throw new ZooFormatException("kde point count " + n + ": must be " + ZooKind.KDE.minPoints() + " to " + MAX_POINTS);
            }
            double[] x = new double[n], y = new double[n], w = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                x[i] = in.readDouble();
                y[i] = in.readDouble();
                w[i] = in.readDouble();
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    throw new ZooFormatException("kde point " + i + ": not finite (" + x[i] + ", " + y[i] + ")");
                }
                if (!(w[i] > 0) || !Double.isFinite(w[i])) {
                    throw new ZooFormatException("kde weight " + i + ": must be finite and > 0, got " + w[i]);
                }
                total += w[i];
            }
            if (!Double.isFinite(total)) {
                throw new ZooFormatException("kde weights: the total overflows");
            }
            return new Kde(kernel, h, rule, x, y, w);
        } catch (EOFException e) {
            throw new ZooFormatException("kde payload: truncated", e);
        }
    }
}
