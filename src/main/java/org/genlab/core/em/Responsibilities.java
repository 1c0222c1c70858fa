package org.genlab.core.em;

/**
 * Q(z | x_i) for every point i and component z: the distributions over components that the
 * E-step sets to the posterior P(z | x_i, θ) and the M-step takes as given. Immutable.
 *
 * <p>Stored in log space as computed by the E-step,
 *
 * <pre>
 *   log Q(z | x_i) = log[p_z N(x_i; μ_z, Σ_z)] − log Σ_z' p_z' N(x_i; μ_z', Σ_z')
 * </pre>
 *
 * with the probabilities alongside, so tiny responsibilities keep their logarithm exactly
 * and Q log Q is never 0 · (−∞).
 */
public final class Responsibilities {
    private final int n;
    private final int k;
    private final double[] logQ;
    private final double[] q;

    /** Takes ownership of row-major n x k arrays. */
    Responsibilities(int n, int k, double[] logQ, double[] q) {
        this.n = n;
        this.k = k;
        this.logQ = logQ;
        this.q = q;
    }

    /**
     * Arbitrary responsibilities {@code q[i][z]}, e.g. a hand-made Q for a lesson or a test.
     *
     * @throws IllegalArgumentException if rows differ in length, an entry is not in [0, 1], or
     *     a row does not sum to 1 within 1e-9 (the message names the row)
     */
    public static Responsibilities of(double[][] q) {
        int n = q.length;
        int k = n == 0 ? 0 : q[0].length;
        double[] lq = new double[n * k];
        double[] p = new double[n * k];
        for (int i = 0; i < n; i++) {
            if (q[i].length != k) {
                throw new IllegalArgumentException("row " + i + ": " + q[i].length + " entries, expected " + k);
            }
            double s = 0;
            for (int z = 0; z < k; z++) {
                double v = q[i][z];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("row " + i + ": Q = " + v + " is not a probability");
                }
                s += v;
                p[i * k + z] = v;
                lq[i * k + z] = Math.log(v);
            }
            if (Math.abs(s - 1) > 1e-9) {
                throw new IllegalArgumentException("row " + i + ": sums to " + s + ", not 1");
            }
        }
        return new Responsibilities(n, k, lq, p);
    }

    /** Number of points n. */
    public int size() {
        return n;
    }

    /** Number of components K. */
    public int k() {
        return k;
    }

    /** Q(z | x_i). */
    public double q(int i, int z) {
        return q[i * k + z];
    }

    /** log Q(z | x_i) (−∞ where Q is 0). */
    public double logQ(int i, int z) {
        return logQ[i * k + z];
    }

    /** The most responsible component for point i (the lowest index on a tie). */
    public int argmax(int i) {
        int best = 0;
        for (int z = 1; z < k; z++) {
            if (q[i * k + z] > q[i * k + best]) {
                best = z;
            }
        }
        return best;
    }
}
