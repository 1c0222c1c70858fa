package org.genlab.core.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * Losses over a minibatch (one example per row) and their gradients, in float for the fast
 * network and in double for the reference and the gradient checks. Each loss is written once
 * over a small element view, so both precisions run the same formula. A gradient argument may
 * be null when only the value is needed; otherwise it receives dL/d(that input), shaped as it.
 */
public final class Losses {
    /** log(2 pi). */
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private Losses() {
    }

    /** Mean squared error over all elements (PyTorch's {@code mse_loss}): L = (1 / (n d)) sum (y - t)^2. */
    public static double mse(FMatrixRMaj y, FMatrixRMaj target, FMatrixRMaj grad) {
        return mse(cells(y), cells(target), cells(grad), y, target, grad);
    }

    /** {@link #mse(FMatrixRMaj, FMatrixRMaj, FMatrixRMaj)} in double. */
    public static double mse(DMatrixRMaj y, DMatrixRMaj target, DMatrixRMaj grad) {
        return mse(cells(y), cells(target), cells(grad), y, target, grad);
    }

    /**
     * Gaussian negative log-likelihood of x under N(mean, exp(logVar)) per element, summed over
     * the columns and averaged over the rows (a VAE decoder's reconstruction term):
     * L = (1/n) sum 0.5 (log 2 pi + logVar + (x - mean)^2 e^-logVar).
     */
    public static double gaussianNll(FMatrixRMaj mean, FMatrixRMaj logVar, FMatrixRMaj x,
                                     FMatrixRMaj gradMean, FMatrixRMaj gradLogVar) {
        return gaussianNll(cells(mean), cells(logVar), cells(x), cells(gradMean), cells(gradLogVar), mean, logVar, x, gradMean, gradLogVar);
    }

    /** {@link #gaussianNll(FMatrixRMaj, FMatrixRMaj, FMatrixRMaj, FMatrixRMaj, FMatrixRMaj)} in double. */
    public static double gaussianNll(DMatrixRMaj mean, DMatrixRMaj logVar, DMatrixRMaj x,
                                     DMatrixRMaj gradMean, DMatrixRMaj gradLogVar) {
        return gaussianNll(cells(mean), cells(logVar), cells(x), cells(gradMean), cells(gradLogVar), mean, logVar, x, gradMean, gradLogVar);
    }

    /**
     * Bernoulli negative log-likelihood of x in [0, 1] given logits l (probability sigmoid(l)),
     * summed over the columns and averaged over the rows, computed stably from the logits:
     * L = (1/n) sum softplus(l) - x l.
     */
    public static double bernoulliNll(FMatrixRMaj logits, FMatrixRMaj x, FMatrixRMaj gradLogits) {
        return bernoulliNll(cells(logits), cells(x), cells(gradLogits), logits, x, gradLogits);
    }

    /** {@link #bernoulliNll(FMatrixRMaj, FMatrixRMaj, FMatrixRMaj)} in double. */
    public static double bernoulliNll(DMatrixRMaj logits, DMatrixRMaj x, DMatrixRMaj gradLogits) {
        return bernoulliNll(cells(logits), cells(x), cells(gradLogits), logits, x, gradLogits);
    }

    private static double mse(Cells y, Cells t, Cells g, Matrix... shapes) {
        sameShape(shapes);
        int n = y.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = y.get(i) - t.get(i);
            sum += d * d;
            if (g != null) {
                // dL/dy = 2 (y - t) / (n d)
                g.set(i, 2 * d / n);
            }
        }
        return sum / n;
    }

    private static double gaussianNll(Cells mean, Cells logVar, Cells x, Cells gMean, Cells gLogVar, Matrix... shapes) {
        sameShape(shapes);
        int rows = shapes[0].getNumRows();
        double sum = 0;
        for (int i = 0; i < mean.size(); i++) {
            double d = x.get(i) - mean.get(i);
            double invVar = Math.exp(-logVar.get(i));
            sum += 0.5 * (LOG_2PI + logVar.get(i) + d * d * invVar);
            if (gMean != null) {
                // dL/dmean = -(x - mean) e^-logVar / n
                gMean.set(i, -d * invVar / rows);
            }
            if (gLogVar != null) {
                // dL/dlogVar = 0.5 (1 - (x - mean)^2 e^-logVar) / n
                gLogVar.set(i, 0.5 * (1 - d * d * invVar) / rows);
            }
        }
        return sum / rows;
    }

    private static double bernoulliNll(Cells logits, Cells x, Cells g, Matrix... shapes) {
        sameShape(shapes);
        int rows = shapes[0].getNumRows();
        double sum = 0;
        for (int i = 0; i < logits.size(); i++) {
            double l = logits.get(i);
            // softplus(l) = max(l, 0) + log(1 + e^-|l|)
            double softplus = Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l)));
            sum += softplus - x.get(i) * l;
            if (g != null) {
                // dL/dl = (sigmoid(l) - x) / n
                g.set(i, (1 / (1 + Math.exp(-l)) - x.get(i)) / rows);
            }
        }
        return sum / rows;
    }

    private static void sameShape(Matrix... ms) {
        Matrix first = ms[0];
        if (first.getNumRows() < 1) {
            throw new IllegalArgumentException("a loss needs at least one row");
        }
        for (Matrix m : ms) {
            if (m != null && (m.getNumRows() != first.getNumRows() || m.getNumCols() != first.getNumCols())) {
                throw new IllegalArgumentException("shapes differ: " + first.getNumRows() + "x" + first.getNumCols()
                        + " and " + m.getNumRows() + "x" + m.getNumCols());
            }
        }
    }

    /** The elements of a matrix, row-major, as doubles. */
    private interface Cells {
        int size();

        double get(int i);

        void set(int i, double v);
    }

    private static Cells cells(FMatrixRMaj m) {
        return m == null ? null : new Cells() {
            public int size() {
                return m.getNumElements();
            }

            public double get(int i) {
                return m.data[i];
            }

            public void set(int i, double v) {
                m.data[i] = (float) v;
            }
        };
    }

    private static Cells cells(DMatrixRMaj m) {
        return m == null ? null : new Cells() {
            public int size() {
                return m.getNumElements();
            }

            public double get(int i) {
                return m.data[i];
            }

            public void set(int i, double v) {
                m.data[i] = v;
            }
        };
    }
}
