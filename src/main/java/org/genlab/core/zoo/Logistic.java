package org.genlab.core.zoo;

import org.genlab.core.math.Rng;

/**
 * Logistic regression read as a sampler of labels (the homework's question 2).
 *
 * <p>(b) The data are n points x = (1), exactly round(p n) of them labelled 1. The model
 * p̂(Y = 1 | x) = σ(w x + b) is fitted by full-batch gradient descent on the mean binary
 * cross-entropy L(w, b) = −(1/n) Σ_i [y_i log σ(w + b) + (1 − y_i) log(1 − σ(w + b))] from
 * w = b = 0. Since x = 1 for every point, ∂L/∂w = ∂L/∂b = σ(w + b) − k/n (k = round(p n)), so
 * only the sum w + b is identified, and from w = b = 0 the two stay equal. L depends on w + b
 * alone and is minimised at q = σ(w + b) = k/n, which tends to p as n grows.
 *
 * <p>If k = 0 or k = n the optimum is at w + b = ∓∞: gradient descent only creeps towards it
 * (q → 0 or 1 like 1/steps), which {@link Fit#atInfinity()} reports.
 *
 * <p>(a) A label for a point x is drawn as u ~ U(0, 1), y = 1 if u &lt; σ(wᵀx + b), else 0.
 */
public final class Logistic {
    /** The default gradient step. */
    public static final double DEFAULT_LR = 1;
    /** The default number of gradient steps. */
    public static final int DEFAULT_STEPS = 2000;

    private Logistic() {
    }

    /**
     * A fit on x = (1).
     *
     * @param w           the weight
     * @param b           the bias (equal to w)
     * @param q           σ(w + b), the fitted p̂(Y = 1 | X = (1))
     * @param ones        k = round(p n), the labels 1
     * @param n           the points
     * @param lossHistory the mean cross-entropy before each step and after the last (steps + 1 values)
     * @param steps       the gradient steps taken
     * @param atInfinity  whether the optimum is at w + b = ±∞ (k = 0 or k = n)
     */
    public record Fit(double w, double b, double q, long ones, int n, double[] lossHistory, int steps, boolean atInfinity) {
        /** The proportion the fit should reach, k / n. */
        public double target() {
            return ones / (double) n;
        }
    }

    /** σ(a) = 1/(1 + e^(−a)), computed without overflow. */
    public static double sigmoid(double a) {
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }

    /** log σ(a), accurate for large |a|. */
    static double logSigmoid(double a) {
        return a >= 0 ? -Math.log1p(Math.exp(-a)) : a - Math.log1p(Math.exp(a));
    }

    /**
     * The mean binary cross-entropy of σ(w + b) against k ones out of n:
     * −(k/n) log σ(w + b) − (1 − k/n) log(1 − σ(w + b)).
     */
    public static double loss(double w, double b, long k, int n) {
        double a = w + b, f = k / (double) n;
        // log(1 − σ(a)) = log σ(−a)
        return -(f == 0 ? 0 : f * logSigmoid(a)) - (f == 1 ? 0 : (1 - f) * logSigmoid(-a));
    }

    /**
     * Fits σ(w x + b) to n points x = (1) with round(p n) labels 1.
     *
     * @throws IllegalArgumentException naming p, n, lr or steps if it is out of range
     */
    public static Fit fit(double p, int n, double lr, int steps) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p: must be in [0, 1], got " + p);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n: must be at least 1, got " + n);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr: must be finite and > 0, got " + lr);
        }
        if (steps < 1 || steps > 10_000_000) {
            throw new IllegalArgumentException("steps: must be 1 to 10,000,000, got " + steps);
        }
        long k = Math.round(p * n);
        double f = k / (double) n;
        double w = 0, b = 0;
        double[] history = new double[steps + 1];
        for (int s = 0; s < steps; s++) {
            history[s] = loss(w, b, k, n);
            // dL/dw = dL/db = (1/n) Σ (σ(w + b) − y_i) x_i with x_i = 1
            double g = sigmoid(w + b) - f;
            w -= lr * g;
            b -= lr * g;
        }
        history[steps] = loss(w, b, k, n);
        return new Fit(w, b, sigmoid(w + b), k, n, history, steps, k == 0 || k == n);
    }

    /** One label drawn from p̂(Y | X = x) with p̂(Y = 1 | x) = q, by the uniform u: 1 if u &lt; q, else 0. */
    public static int sampleLabel(double q, double u) {
        return u < q ? 1 : 0;
    }

    /** m labels drawn with probability q of a 1, from {@code seed}. */
    public static int[] sampleLabels(double q, int m, long seed) {
        Rng rng = new Rng(seed);
        int[] y = new int[m];
        for (int j = 0; j < m; j++) {
            y[j] = sampleLabel(q, rng.nextDouble());
        }
        return y;
    }

    /**
     * A fit in the plane: p̂(Y = 1 | x) = σ(w1 x1 + w2 x2 + b).
     *
     * @param w1 the first weight
     * @param w2 the second weight
     * @param b  the bias
     * @param loss the mean cross-entropy at the end
     */
    public record Fit2d(double w1, double w2, double b, double loss) {
        /** p̂(Y = 1 | (x, y)). */
        public double probability(double x, double y) {
            return sigmoid(w1 * x + w2 * y + b);
        }

        /** Labels for the points, each drawn as u &lt; p̂(Y = 1 | x) with u from {@code seed}. */
        public int[] sample(double[] xs, double[] ys, long seed) {
            Rng rng = new Rng(seed);
            int[] out = new int[xs.length];
            for (int i = 0; i < xs.length; i++) {
                out[i] = sampleLabel(probability(xs[i], ys[i]), rng.nextDouble());
            }
            return out;
        }
    }

    /**
     * Fits σ(w1 x1 + w2 x2 + b) to labelled points by full-batch gradient descent on the mean
     * cross-entropy from zero, with the inputs used as given.
     *
     * @throws IllegalArgumentException naming the field if the arrays differ in length, are empty,
     *     a label is not 0 or 1, or lr or steps is out of range
     */
    public static Fit2d fit2d(double[] xs, double[] ys, int[] labels, double lr, int steps) {
        int n = xs.length;
        if (n == 0 || ys.length != n || labels.length != n) {
            throw new IllegalArgumentException("data: need as many x, y and labels, at least one; got " + n + ", " + ys.length + ", "
                    + labels.length);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels: point " + i + " has label " + labels[i] + ", not 0 or 1");
            }
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                throw new IllegalArgumentException("data: point " + i + " is not finite");
            }
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr: must be finite and > 0, got " + lr);
        }
        if (steps < 1 || steps > 1_000_000) {
            throw new IllegalArgumentException("steps: must be 1 to 1,000,000, got " + steps);
        }
        double w1 = 0, w2 = 0, b = 0;
        for (int s = 0; s < steps; s++) {
            double g1 = 0, g2 = 0, gb = 0;
            for (int i = 0; i < n; i++) {
                double r = sigmoid(w1 * xs[i] + w2 * ys[i] + b) - labels[i];
                g1 += r * xs[i];
                g2 += r * ys[i];
                gb += r;
            }
            w1 -= lr * g1 / n;
            w2 -= lr * g2 / n;
            b -= lr * gb / n;
        }
        return new Fit2d(w1, w2, b, loss2d(w1, w2, b, xs, ys, labels));
    }

    /** The mean cross-entropy of σ(w1 x1 + w2 x2 + b) on labelled points. */
    public static double loss2d(double w1, double w2, double b, double[] xs, double[] ys, int[] labels) {
        double sum = 0;
        for (int i = 0; i < xs.length; i++) {
            double a = w1 * xs[i] + w2 * ys[i] + b;
            sum -= labels[i] == 1 ? logSigmoid(a) : logSigmoid(-a);
        }
        return sum / xs.length;
    }

    /** Labelled points for question 2 a.
     *
     * @param xs     first coordinates
     * @param ys     second coordinates
     * @param labels 0 or 1
     */
    public record Labelled(double[] xs, double[] ys, int[] labels) {
    }

    /**
     * n points from two overlapping round Gaussians of sd 1, label 0 around (−1, −0.5) and label 1
     * around (1, 0.5), half each, from {@code seed}: a data set whose labels logistic regression
     * can only give probabilities for near the middle.
     */
    public static Labelled twoClasses(int n, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("n: need at least 2 points, got " + n);
        }
        Rng rng = new Rng(seed);
        double[] x = new double[n], y = new double[n];
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % 2;
            double cx = l[i] == 1 ? 1 : -1, cy = l[i] == 1 ? 0.5 : -0.5;
            x[i] = cx + rng.nextGaussian();
            y[i] = cy + rng.nextGaussian();
        }
        return new Labelled(x, y, l);
    }
}
