package org.genlab.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fast float network against the double reference (forward, parameter and input
 * gradients, divergence), the vector path against the scalar path, and the same numbers on
 * any number of threads.
 */
class MlpTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
    }

    static FMatrixRMaj randomF(int rows, int cols, Rng rng) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) rng.nextGaussian();
        }
        return m;
    }

    static DMatrixRMaj toDouble(FMatrixRMaj f) {
        DMatrixRMaj d = new DMatrixRMaj(f.numRows, f.numCols);
        for (int i = 0; i < d.data.length; i++) {
            d.data[i] = f.data[i];
        }
        return d;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void fastPathEqualsReference(Activation f) {
        // 2000 rows make several training chunks; widths 3, 70, 33 leave vector tails
        for (int rows : new int[] {1, 7, 2000}) {
            Rng rng = new Rng(rows);
            MlpShape shape = new MlpShape(new int[] {3, 70, 33, 2}, f, f, Activation.TANH);
            Mlp net = Mlp.create(shape, rng);
            ReferenceMlp ref = ReferenceMlp.of(net);
            FMatrixRMaj x = randomF(rows, 3, rng), dy = randomF(rows, 2, rng);

            Mlp.Pass pass = net.newPass(POOL, 3);
            FMatrixRMaj y = pass.forward(x);
            net.zeroGradients();
            FMatrixRMaj dx = pass.backward(dy);
            DMatrixRMaj yr = ref.forward(toDouble(x));
            ref.zeroGradients();
            DMatrixRMaj dxr = ref.backward(toDouble(dy));

            double tol = 2e-5;
            assertThat(GradientCheckTest.relativeError(toDouble(y.data), yr.data)).as("outputs").isLessThan(tol);
            assertThat(GradientCheckTest.relativeError(toDouble(dx.data), dxr.data)).as("dL/dx").isLessThan(tol);
            assertThat(GradientCheckTest.relativeError(toDouble(net.gradients()), ref.gradients())).as("dL/dparameters").isLessThan(tol);
            assertThat(GradientCheckTest.relativeError(toDouble(net.predict(x).data), yr.data)).as("predict").isLessThan(tol);
        }
    }

    @Test
    void divergenceIsTheJacobianTrace() {
        Rng rng = new Rng(2);
        MlpShape shape = MlpShape.of(3, 40, 2, 2, Activation.SILU);
        Mlp net = Mlp.create(shape, rng);
        ReferenceMlp ref = ReferenceMlp.of(net);
        FMatrixRMaj x = randomF(9, 3, rng);
        Mlp.Pass pass = net.newPass();
        pass.forward(x);
        net.zeroGradients();
        double[] div = pass.divergence(2);
        assertThat(net.gradients()).containsOnly(0f);
        double[] expected = new double[9];
        ref.forward(toDouble(x));
        for (int i = 0; i < 2; i++) {
            DMatrixRMaj e = new DMatrixRMaj(9, 2);
            for (int r = 0; r < 9; r++) {
                e.set(r, i, 1);
            }
            DMatrixRMaj g = ref.backward(e);
            for (int r = 0; r < 9; r++) {
                expected[r] += g.get(r, i);
            }
        }
        assertThat(GradientCheckTest.relativeError(div, expected)).isLessThan(2e-5);
    }

    /** Trains a few Adam steps and returns the parameters. */
    private static float[] train(Mlp net, Mlp.Pass pass, int rows, int steps) {
        Rng rng = new Rng(99);
        Adam adam = new Adam(1e-2);
        for (int s = 0; s < steps; s++) {
            FMatrixRMaj x = randomF(rows, net.shape().inputs(), rng), t = randomF(rows, net.shape().outputs(), rng);
            FMatrixRMaj g = new FMatrixRMaj(rows, net.shape().outputs());
            Losses.mse(pass.forward(x), t, g);
            net.zeroGradients();
            pass.backward(g);
            adam.step(net);
        }
        return net.parameters();
    }

    @Test
    void vectorPathEqualsScalarPathWhileTraining() {
        Mlp net = Mlp.create(MlpShape.of(3, 64, 3, 2, Activation.SILU), new Rng(1));
        Mlp scalar = net.withKernels(Kernels.scalar());
        assertThat(net.kernels.vector()).isTrue();
        float[] pv = train(net, net.newPass(), 256, 5);
        float[] ps = train(scalar, scalar.newPass(), 256, 5);
        KernelsTest.assertClose(pv, ps, 1e-4);
    }

    @Test
    void sameNumbersOnAnyNumberOfThreads() {
        MlpShape shape = MlpShape.of(3, 48, 2, 2, Activation.RELU);
        Mlp a = Mlp.create(shape, new Rng(4)), b = a.copy(), c = a.copy();
        float[] one = train(a, a.newPass(), 3000, 3);
        float[] two = train(b, b.newPass(POOL, 2), 3000, 3);
        float[] four = train(c, c.newPass(POOL, 4), 3000, 3);
        assertThat(two).isEqualTo(one);
        assertThat(four).isEqualTo(one);

        FMatrixRMaj x = randomF(1000, 3, new Rng(5));
        FMatrixRMaj seq = a.predict(x), par = new FMatrixRMaj(1000, 2);
        a.predict(x, par, POOL, 3);
        assertThat(par.data).isEqualTo(seq.data);
    }

    @Test
    void parametersIntoReusesTheBufferAndFindsTheFirstNonFiniteParameter() {
        Mlp net = Mlp.create(MlpShape.of(3, 16, 2, 2, Activation.TANH), new Rng(7));
        float[] buf = net.parametersInto(null);
        assertThat(buf).isEqualTo(net.parameters());
        assertThat(net.parametersInto(buf)).isSameAs(buf);
        assertThat(net.parametersInto(new float[3])).hasSize(net.parameterCount()).isEqualTo(buf);
        assertThat(net.firstNonFiniteParameter()).isEqualTo(-1);
        float[] bad = buf.clone();
        bad[17] = Float.POSITIVE_INFINITY;
        bad[40] = Float.NaN;
        net.setParameters(bad);
        assertThat(net.firstNonFiniteParameter()).isEqualTo(17);
        assertThat(net.parameter(17)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(net.parameter(3)).isEqualTo(buf[3]);
    }

    @Test
    void sameSeedSameWeights() {
        MlpShape shape = MlpShape.of(3, 16, 2, 2, Activation.TANH);
        assertThat(Mlp.create(shape, new Rng(7)).parameters()).isEqualTo(Mlp.create(shape, new Rng(7)).parameters());
        assertThat(Mlp.create(shape, new Rng(7)).parameters()).isNotEqualTo(Mlp.create(shape, new Rng(8)).parameters());
        // PyTorch's default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) per layer
        float[] p = Mlp.create(shape, new Rng(7)).parameters();
        for (int i = 0; i < shape.biasOffset(1) + 16; i++) {
            assertThat(Math.abs(p[i])).isLessThanOrEqualTo((float) (1 / Math.sqrt(3)));
        }
        for (int i = shape.weightOffset(2); i < shape.parameterCount(); i++) {
            assertThat(Math.abs(p[i])).isLessThanOrEqualTo(0.25f);
        }
    }

    @Test
    void shapesAndMisuseAreRefusedWithAReason() {
        assertThatThrownBy(() -> new MlpShape(new int[] {3}, new Activation[0])).hasMessageContaining("at least");
        assertThatThrownBy(() -> new MlpShape(new int[] {3, 0, 2}, Activation.RELU, Activation.RELU)).hasMessageContaining("not positive");
        assertThatThrownBy(() -> new MlpShape(new int[] {3, 4, 2}, Activation.RELU)).hasMessageContaining("2 activations");
        MlpShape shape = MlpShape.of(3, 8, 1, 2, Activation.RELU);
        assertThat(shape.toString()).isEqualTo("3-8-2 (RELU, IDENTITY)");
        assertThat(shape.parameterCount()).isEqualTo(3 * 8 + 8 + 8 * 2 + 2);
        Mlp net = Mlp.create(shape, new Rng(0));
        Mlp.Pass pass = net.newPass();
        assertThatThrownBy(() -> pass.backward(new FMatrixRMaj(2, 2))).hasMessageContaining("before any forward");
        assertThatThrownBy(() -> pass.forward(new FMatrixRMaj(2, 4))).hasMessageContaining("4 columns");
        pass.forward(new FMatrixRMaj(2, 3));
        assertThatThrownBy(() -> pass.backward(new FMatrixRMaj(3, 2))).hasMessageContaining("3x2");
        assertThatThrownBy(() -> net.setParameters(new float[3])).hasMessageContaining("expected");
    }
}
