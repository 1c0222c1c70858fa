package org.genlab.core.em;

import java.util.Arrays;
import java.util.Optional;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.math.Rng;

/**
 * The initialisations of the homework's questions 4 and 5, and k-means++.
 *
 * <p>With μ_0 the data's weighted mean and s_0² its variance per dimension (trace of the
 * weighted covariance / 2), each floored by the settings' variance floor:
 *
 * <ul>
 *   <li>{@code q4} (K = 2 only): p = (½, ½), μ_1 = μ_2 = μ_0, σ_1² = s_0², σ_2² = 2 s_0².</li>
 *   <li>{@code q5-1}: p_j = 1/K, μ_j = μ_0, σ_j² = s_0²: every component identical (fails).</li>
 *   <li>{@code q5-2}: p_j = 1/K, μ_j = μ_0, σ_j² = s_0² 2^(j−1) (j from 1): different
 *       variances let the components separate.</li>
 *   <li>{@code q5-3}: p_j = 1/K, μ_j = K distinct data points drawn uniformly by index with
 *       the seed (when K &gt; number of points, the points are used in turn again),
 *       σ_j² = s_0².</li>
 *   <li>{@code q5-4}: p from a seeded Dirichlet(1, ..., 1), μ_j = μ_0, σ_j² = s_0²: same means
 *       and variances, so it fails like q5-1.</li>
 *   <li>{@code kmeans++}: seeded k-means++ seeding (first centre drawn with probability ∝
 *       w_i, each next one ∝ w_i D(x_i)², D the distance to the nearest centre chosen), then
 *       one hard assignment of every point to its nearest centre. Each cluster gives its
 *       weighted mean and covariance (projected to the covariance type and floored), and
 *       weight ∝ its total weight; a cluster with less than 2 mean point weights keeps its
 *       centre as the mean, s_0² I as covariance, and one mean point weight.</li>
 * </ul>
 *
 * Covariances are s² I for every covariance type unless a cluster says otherwise.
 */
public enum EmInit {
    /** Question 4's initialisation (K = 2). */
    Q4("q4"),
    /** Question 5, option 1: all identical. */
    Q5_1("q5-1"),
    /** Question 5, option 2: shared mean, variances s_0² 2^(j−1). */
    Q5_2("q5-2"),
    /** Question 5, option 3: means at random data points. */
    Q5_3("q5-3"),
    /** Question 5, option 4: random weights, shared mean and variance. */
    Q5_4("q5-4"),
    /** k-means++ seeding and one assignment. */
    KMEANS_PP("kmeans++");

    private final String id;

    EmInit(String id) {
        this.id = id;
    }

    /** The name used on the command line ({@code q5-1}, {@code kmeans++}, ...). */
    public String id() {
        return id;
    }

    /** The strategy with this {@link #id()}. */
    public static Optional<EmInit> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.id.equals(name)).findFirst();
    }

    /**
     * The initial mixture for this data set.
     *
     * @param rng the only source of randomness (used by q5-3, q5-4 and kmeans++)
     * @throws IllegalArgumentException if K &lt; 1, the data set is empty, or q4 with K ≠ 2
     */
    public Mixture create(Dataset2D data, int k, EmSettings settings, Rng rng) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be at least 1, got " + k);
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no data points to initialise from");
        }
        if (this == Q4 && k != 2) {
            throw new IllegalArgumentException("q4 is the homework's two-component initialisation: K must be 2, got " + k);
        }
        double[] mu0 = data.mean();
        double[][] cov0 = data.covariance();
        // s_0² = tr(C) / 2, the data's variance per dimension
        double s02 = floored(settings, 0.5 * (cov0[0][0] + cov0[1][1]));
        double[] p = new double[k];
        double[] mx = new double[k], my = new double[k];
        double[] var = new double[k];
        Arrays.fill(p, 1.0 / k);
        Arrays.fill(mx, mu0[0]);
        Arrays.fill(my, mu0[1]);
        Arrays.fill(var, s02);
        switch (this) {
            case Q4 -> var[1] = floored(settings, 2 * s02);
            case Q5_1 -> { }
            case Q5_2 -> {
                for (int j = 0; j < k; j++) {
                    var[j] = floored(settings, s02 * Math.pow(2, j)); // σ_j² = s_0² 2^(j−1), j from 1
                }
            }
            case Q5_3 -> {
                int n = data.size();
                int[] idx = new int[n];
                Arrays.setAll(idx, i -> i);
                for (int j = 0; j < k; j++) {
                    int slot = j % n;
                    if (j < n) { // partial Fisher-Yates: idx[0..j] is a uniform draw without replacement
                        int r = slot + rng.nextInt(n - slot);
                        int t = idx[slot];
                        idx[slot] = idx[r];
                        idx[r] = t;
                    }
                    mx[j] = data.x(idx[slot]);
                    my[j] = data.y(idx[slot]);
                }
            }
            case Q5_4 -> {
                // Dirichlet(1, ..., 1): normalised independent Exp(1) draws
                double s = 0;
                for (int j = 0; j < k; j++) {
                    p[j] = -Math.log(1 - rng.nextDouble());
                    s += p[j];
                }
                for (int j = 0; j < k; j++) {
                    p[j] /= s;
                }
                if (!(s > 0)) {
                    Arrays.fill(p, 1.0 / k);
                }
            }
            case KMEANS_PP -> {
                return kmeansPlusPlus(data, k, settings, rng, s02);
            }
            default -> throw new AssertionError(this);
        }
        double[] zero = new double[k];
        return Mixture.owning(settings.covarianceType(), p, mx, my, var, zero, var.clone());
    }

    private static double floored(EmSettings settings, double v) {
        return Math.max(v, Cov2.effectiveFloor(settings.varianceFloor(), 0));
    }

    private static Mixture kmeansPlusPlus(Dataset2D data, int k, EmSettings settings, Rng rng, double s02) {
        int n = data.size();
        double[] d2 = new double[n];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        double[] cxs = new double[k], cys = new double[k];
        for (int j = 0; j < k; j++) {
            // first centre ∝ w_i; then ∝ w_i D(x_i)² (∝ w_i again if every D is 0)
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += data.weight(i) * (j == 0 ? 1 : d2[i]);
            }
            boolean byWeight = j == 0 || !(total > 0);
            if (byWeight) {
                total = data.totalWeight();
            }
            double u = rng.nextDouble() * total;
            int pick = n - 1;
            double acc = 0;
            for (int i = 0; i < n; i++) {
                acc += data.weight(i) * (byWeight ? 1 : d2[i]);
                if (u < acc) {
                    pick = i;
                    break;
                }
            }
            cxs[j] = data.x(pick);
            cys[j] = data.y(pick);
            for (int i = 0; i < n; i++) {
                double dx = data.x(i) - cxs[j], dy = data.y(i) - cys[j];
                d2[i] = Math.min(d2[i], dx * dx + dy * dy);
            }
        }
        // One hard assignment to the nearest centre, then each cluster's weighted moments (two passes).
        int[] label = new int[n];
        double[] wc = new double[k], sx = new double[k], sy = new double[k];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double dx = data.x(i) - cxs[j], dy = data.y(i) - cys[j];
                double d = dx * dx + dy * dy;
                if (d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            label[i] = best;
            wc[best] += data.weight(i);
            sx[best] += data.weight(i) * (data.x(i) - cxs[best]);
            sy[best] += data.weight(i) * (data.y(i) - cys[best]);
        }
        double onePoint = data.totalWeight() / n;
        double[] mx = new double[k], my = new double[k], sxx = new double[k], sxy = new double[k], syy = new double[k];
        for (int j = 0; j < k; j++) {
            boolean big = wc[j] >= 2 * onePoint;
            mx[j] = big ? cxs[j] + sx[j] / wc[j] : cxs[j];
            my[j] = big ? cys[j] + sy[j] / wc[j] : cys[j];
        }
        for (int i = 0; i < n; i++) {
            int j = label[i];
            double dx = data.x(i) - mx[j], dy = data.y(i) - my[j];
            sxx[j] += data.weight(i) * dx * dx;
            sxy[j] += data.weight(i) * dx * dy;
            syy[j] += data.weight(i) * dy * dy;
        }
        double[] p = new double[k], a = new double[k], b = new double[k], c = new double[k];
        double[] cov = new double[3];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            boolean big = wc[j] >= 2 * onePoint;
            p[j] = big ? wc[j] : onePoint;
            sum += p[j];
            if (big) {
                Cov2.projectAndFloor(settings.covarianceType(), sxx[j] / wc[j], sxy[j] / wc[j], syy[j] / wc[j],
                        settings.varianceFloor(), cov);
            } else {
                cov[0] = s02;
                cov[1] = 0;
                cov[2] = s02;
            }
            a[j] = cov[0];
            b[j] = cov[1];
            c[j] = cov[2];
        }
        for (int j = 0; j < k; j++) {
            p[j] /= sum;
        }
        return Mixture.owning(settings.covarianceType(), p, mx, my, a, b, c);
    }
}
