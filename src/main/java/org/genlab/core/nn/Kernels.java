package org.genlab.core.nn;

/**
 * The inner loops of the fast network, in float. Two implementations compute the same
 * numbers (to float rounding): {@link ScalarKernels}, plain loops that are the reference,
 * and {@code VectorKernels} on the Vector API. {@link #best()} picks the vector one when the
 * JVM has {@code jdk.incubator.vector}; everything about that module stays in
 * {@code VectorKernels}, which is loaded only after the module is found.
 */
interface Kernels {
    /**
     * C = X Y + bias (or C += X Y when {@code accumulate}), with C {@code m x n}
     * (row stride {@code ldc}), X {@code m x k} read as {@code x[xOff + i*xRs + p*xCs]} (so
     * a transposed X costs nothing), Y {@code k x n} row-major (row stride {@code ldy}) and
     * bias a row of n added to every row of C ({@code null}: zero; ignored when accumulating).
     */
    void gemm(int m, int n, int k, float[] x, int xOff, int xRs, int xCs, float[] y, int yOff, int ldy,
              float[] bias, int biasOff, float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * In place over {@code z[off, off+len)}: z becomes f(z). For SiLU, {@code aux} (same
     * offsets; may be null) receives sigmoid(z), which the backward pass needs.
     */
    void activate(Activation f, float[] z, float[] aux, int off, int len);

    /**
     * In place over {@code g[off, off+len)}: g becomes g f'(z), from the cached activation
     * a = f(z) (and, for SiLU, aux = sigmoid(z)).
     */
    void activationGrad(Activation f, float[] a, float[] aux, float[] g, int off, int len);

    /** out[j] (+)= sum_i x[off + i*ld + j] over i in [0, m), j in [0, n). */
    void columnSums(int m, int n, float[] x, int off, int ld, float[] out, int outOff, boolean accumulate);

    /** y[yOff + i] += alpha x[xOff + i], i in [0, n). */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /**
     * One Adam update of the parameters [off, off+n) (Kingma and Ba, as PyTorch computes it):
     * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
     * p -= lr (m / bc1) / (sqrt(v / bc2) + eps), with bc1 = 1 - b1^t, bc2 = 1 - b2^t.
     */
    void adam(int off, int n, float[] p, float[] g, float[] m, float[] v, float lr, float b1, float b2, float eps, float bc1, float bc2);

    /** Whether this is the Vector API implementation. */
    boolean vector();

    /** The kernels this JVM runs fastest: vector when the module is present, else scalar. */
    static Kernels best() {
        return Selection.BEST;
    }

    /** The scalar kernels (the reference). */
    static Kernels scalar() {
        return Selection.SCALAR;
    }

    /** Lazily chooses once per JVM; prints one line on stderr when it falls back. */
    final class Selection {
        static final Kernels SCALAR = new ScalarKernels();
        static final Kernels BEST = choose();

        private Selection() {
        }

        private static Kernels choose() {
            if ("scalar".equals(System.getProperty("genlab.nn.kernels"))) {
                return SCALAR;
            }
            String why = "the JVM was started without --add-modules jdk.incubator.vector";
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                try {
                    return (Kernels) Class.forName("org.genlab.core.nn.VectorKernels").getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    why = "the Vector API did not load (" + e + ")";
                }
            }
            System.err.println("genlab: neural networks run on the slower scalar path: " + why);
            return SCALAR;
        }
    }
}
