package org.genlab.core.em;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.incubator.vector.DoubleVector;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** The Vector API EM kernel against its scalar twin: the same bits, on awkward sizes. */
class EmKernelTest {
    private final EmKernel vector = EmKernel.best();
    private final EmKernel scalar = EmKernel.scalar();
    private final Rng rng = new Rng(5);

    @Test
    void theTestsRunWithTheVectorModule() {
        // Surefire passes --add-modules jdk.incubator.vector; this CPU must have 256-bit vectors
        assertThat(vector.vector()).isTrue();
        assertThat(scalar.vector()).isFalse();
    }

    @Test
    void theVectorExpGivesTheScalarExpsBits() {
        double[] t = new double[4000];
        for (int i = 0; i < t.length; i++) {
            t[i] = i % 3 == 0 ? -700 * rng.nextDouble() : i % 3 == 1 ? -50 * rng.nextDouble() : -rng.nextDouble();
        }
        double[] special = {0, -0.0, -1e-300, -Math.log(2) / 2, -Math.log(2), -50, -700, -699.999};
        System.arraycopy(special, 0, t, 0, special.length);
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i += 4) {
            VectorEmKernel.exp(DoubleVector.fromArray(DoubleVector.SPECIES_256, t, i)).intoArray(v, i);
        }
        for (int i = 0; i < t.length; i++) {
            assertThat(Double.doubleToRawLongBits(v[i])).as("t = %s", t[i]).isEqualTo(Double.doubleToRawLongBits(FastExp.exp(t[i])));
        }
    }

    private EmKernel.Components components(int k, double spread) {
        double[] mux = new double[k], muy = new double[k], ln = new double[k], ixx = new double[k], ixy = new double[k], iyy = new double[k];
        for (int z = 0; z < k; z++) {
            mux[z] = spread * rng.uniform(-1, 1);
            muy[z] = spread * rng.uniform(-1, 1);
            double a = rng.uniform(0.2, 3), c = rng.uniform(0.2, 3), b = rng.uniform(-0.5, 0.5) * Math.sqrt(a * c);
            ixx[z] = a;
            ixy[z] = 2 * b;
            iyy[z] = c;
            ln[z] = Math.log(1.0 / k) - Math.log(2 * Math.PI) + 0.5 * Math.log(a * c - b * b);
        }
        return new EmKernel.Components(k, mux, muy, ln, ixx, ixy, iyy);
    }

    @Test
    void aChunkGivesTheSameBitsOnBothKernels() {
        for (int n : new int[] {1, 3, 4, 5, 7, 255, 256, 257, 1001, FusedEm.CHUNK}) {
            for (int k : new int[] {1, 3, 8}) {
                for (double spread : new double[] {1, 40}) { // 40: most components are negligible for most points
                    double[] x = new double[n], y = new double[n], w = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = spread * rng.uniform(-1, 1);
                        y[i] = spread * rng.uniform(-1, 1);
                        w[i] = i % 5 == 0 ? 1 : rng.uniform(0.1, 3);
                    }
                    EmKernel.Components c = components(k, spread);
                    double[] av = new double[EmKernel.SLOTS * k], as = new double[EmKernel.SLOTS * k];
                    double llv = vector.chunk(x, y, w, 0, n, c, av), lls = scalar.chunk(x, y, w, 0, n, c, as);
                    String what = "n " + n + ", k " + k + ", spread " + spread;
                    assertThat(llv).as(what).isEqualTo(lls);
                    assertThat(av).as(what).containsExactly(as);
                    assertThat(Double.isFinite(lls)).as(what).isTrue();
                }
            }
        }
    }

    @Test
    void aChunkGivesTheSameBitsBeforeAndAfterTheJitCompilesIt() {
        int n = 1001, k = 8;
        double[] x = new double[n], y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.uniform(-3, 3);
            y[i] = rng.uniform(-3, 3);
            w[i] = 1;
        }
        EmKernel.Components c = components(k, 3);
        double[] first = new double[EmKernel.SLOTS * k];
        double ll = vector.chunk(x, y, w, 0, n, c, first);
        double[] again = null;
        double llAgain = 0;
        for (int r = 0; r < 3000; r++) {
            again = new double[EmKernel.SLOTS * k];
            llAgain = vector.chunk(x, y, w, 0, n, c, again);
        }
        assertThat(again).containsExactly(first);
        assertThat(llAgain).isEqualTo(ll);
    }

    @Test
    void aFitGivesTheSameNumbersOnEitherKernelAndAnyThreadCount() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Dataset2D d = Preset.EIGHT_GAUSSIANS.generate(3 * FusedEm.CHUNK + 77, 0.3, 2);
            for (double shift : new double[] {0, 1e6}) {
                double[] xs = d.xs(), ys = d.ys();
                for (int i = 0; i < xs.length; i++) {
                    xs[i] += shift;
                    ys[i] -= shift;
                }
                Dataset2D data = Dataset2D.of(xs, ys);
                for (CovarianceType t : CovarianceType.values()) {
                    EmSettings settings = new EmSettings(t, 1e-6, 0);
                    Em em = new Em(data, settings);
                    Mixture m = EmInit.KMEANS_PP.create(data, 8, settings, new Rng(3));
                    for (int it = 0; it < 3; it++) {
                        Em.Iteration s = em.iterate(m, null, 1, scalar);
                        Em.Iteration v = em.iterate(m, pool, 3, vector);
                        assertThat(v.logLikelihood()).as(t + " shift " + shift).isEqualTo(s.logLikelihood());
                        assertThat(v.next().toString()).isEqualTo(s.next().toString());
                        for (int z = 0; z < 8; z++) {
                            assertThat(v.next().meanX(z)).isEqualTo(s.next().meanX(z));
                            assertThat(v.next().covXY(z)).isEqualTo(s.next().covXY(z));
                            assertThat(v.next().weight(z)).isEqualTo(s.next().weight(z));
                        }
                        m = v.next();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
