package org.genlab.core.nn;

/** The plain, obviously correct kernels: the reference for {@code VectorKernels}, and the fallback. */
final class ScalarKernels implements Kernels {
    @Override
    public void gemm(int m, int n, int k, float[] x, int xOff, int xRs, int xCs, float[] y, int yOff, int ldy,
                     float[] bias, int biasOff, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = accumulate ? c[ci + j] : bias == null ? 0 : bias[biasOff + j];
            }
            // c_ij += sum_p x_ip y_pj
            for (int p = 0; p < k; p++) {
                float xip = x[xOff + i * xRs + p * xCs];
                int yp = yOff + p * ldy;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += xip * y[yp + j];
                }
            }
        }
    }

    @Override
    public void activate(Activation f, float[] z, float[] aux, int off, int len) {
        for (int i = off; i < off + len; i++) {
            switch (f) {
                case RELU:
                    z[i] = Math.max(z[i], 0f);
                    break;
                case SILU: {
                    // s = 1 / (1 + e^-z); f = z s
                    float s = (float) (1 / (1 + Math.exp(-z[i])));
                    if (aux != null) {
                        aux[i] = s;
                    }
                    z[i] *= s;
                    break;
                }
                case TANH:
                    z[i] = (float) Math.tanh(z[i]);
                    break;
                default:
                    break;
            }
        }
    }

    @Override
    public void activationGrad(Activation f, float[] a, float[] aux, float[] g, int off, int len) {
        for (int i = off; i < off + len; i++) {
            switch (f) {
                case RELU:
                    // f'(z) = [z > 0] = [a > 0]
                    g[i] = a[i] > 0 ? g[i] : 0f;
                    break;
                case SILU:
                    // f'(z) = s (1 + z (1 - s)) = s + a (1 - s), a = z s
                    g[i] *= aux[i] + a[i] * (1 - aux[i]);
                    break;
                case TANH:
                    // f'(z) = 1 - a^2
                    g[i] *= 1 - a[i] * a[i];
                    break;
                default:
                    break;
            }
        }
    }

    @Override
    public void columnSums(int m, int n, float[] x, int off, int ld, float[] out, int outOff, boolean accumulate) {
        for (int j = 0; j < n; j++) {
            float s = accumulate ? out[outOff + j] : 0;
            for (int i = 0; i < m; i++) {
                s += x[off + i * ld + j];
            }
            out[outOff + j] = s;
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void adam(int off, int n, float[] p, float[] g, float[] m, float[] v, float lr, float b1, float b2, float eps, float bc1, float bc2) {
        for (int i = off; i < off + n; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            // p -= lr (m / bc1) / (sqrt(v / bc2) + eps)
            p[i] -= (lr / bc1) * m[i] / ((float) Math.sqrt(v[i] * (1 / bc2)) + eps);
        }
    }

    @Override
    public boolean vector() {
        return false;
    }
}
