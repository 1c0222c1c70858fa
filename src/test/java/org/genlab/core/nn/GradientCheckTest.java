package org.genlab.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finite-difference checks, in double, of the reference network's backward pass (parameters
 * and inputs, under an arbitrary upstream gradient) for every activation, and of every loss's
 * gradient: the norm-wise relative error of the analytic gradient is below 1e-6.
 */
class GradientCheckTest {
    private static final double H = 1e-5;
    private static final double TOLERANCE = 1e-6;

    /** ||a - n|| / (||a|| + ||n||), the usual relative error of a gradient. */
    static double relativeError(double[] analytic, double[] numeric) {
        double diff = 0, a = 0, n = 0;
        for (int i = 0; i < analytic.length; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            a += analytic[i] * analytic[i];
            n += numeric[i] * numeric[i];
        }
        double scale = Math.sqrt(a) + Math.sqrt(n);
        return scale == 0 ? 0 : Math.sqrt(diff) / scale;
    }

    /** Central difference of f with respect to each entry of {@code values}, (f(v+h) - f(v-h)) / 2h. */
    static double[] numericGradient(double[] values, DoubleSupplier f) {
        double[] g = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            values[i] = v + H;
            double plus = f.getAsDouble();
            values[i] = v - H;
            double minus = f.getAsDouble();
            values[i] = v;
            g[i] = (plus - minus) / (2 * H);
        }
        return g;
    }

    static DMatrixRMaj random(int rows, int cols, Rng rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextGaussian();
        }
        return m;
    }

    /** L = sum(y * R): its upstream gradient dL/dy is R, an arbitrary matrix. */
    private static double projected(ReferenceMlp net, DMatrixRMaj x, DMatrixRMaj r) {
        DMatrixRMaj y = net.forward(x);
        double s = 0;
        for (int i = 0; i < y.data.length; i++) {
            s += y.data[i] * r.data[i];
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void parameterAndInputGradientsOfEveryActivation(Activation f) {
        Rng rng = new Rng(11);
        MlpShape shape = new MlpShape(new int[] {3, 7, 5, 2}, f, f, f);
        ReferenceMlp net = new ReferenceMlp(shape, shape.initialParameters(rng));
        DMatrixRMaj x = random(6, 3, rng), r = random(6, 2, rng);

        net.zeroGradients();
        net.forward(x);
        DMatrixRMaj dx = net.backward(r);
        double[] analytic = net.gradients();

        double[] p = net.parameters();
        double[] numeric = numericGradient(p, () -> {
            net.setParameters(p);
            return projected(net, x, r);
        });
        net.setParameters(p);
        assertThat(relativeError(analytic, numeric)).as("dL/dparameters, %s", f).isLessThan(TOLERANCE);

        double[] numericX = numericGradient(x.data, () -> projected(net, x, r));
        assertThat(relativeError(dx.data, numericX)).as("dL/dx, %s", f).isLessThan(TOLERANCE);
    }

    @Test
    void activationDerivatives() {
        for (Activation f : Activation.values()) {
            for (double z = -4.05; z < 4; z += 0.3) {
                double[] box = {z};
                double numeric = numericGradient(box, () -> f.apply(box[0]))[0];
                assertThat(relativeError(new double[] {f.derivative(z)}, new double[] {numeric}))
                        .as("%s at %s", f, z).isLessThan(TOLERANCE);
            }
        }
    }

    @Test
    void mseGradient() {
        Rng rng = new Rng(3);
        DMatrixRMaj y = random(5, 3, rng), t = random(5, 3, rng), g = new DMatrixRMaj(5, 3);
        Losses.mse(y, t, g);
        double[] numeric = numericGradient(y.data, () -> Losses.mse(y, t, null));
        assertThat(relativeError(g.data, numeric)).isLessThan(TOLERANCE);
    }

    @Test
    void gaussianNllGradients() {
        Rng rng = new Rng(4);
        DMatrixRMaj mean = random(5, 2, rng), logVar = random(5, 2, rng), x = random(5, 2, rng);
        DMatrixRMaj gm = new DMatrixRMaj(5, 2), gv = new DMatrixRMaj(5, 2);
        Losses.gaussianNll(mean, logVar, x, gm, gv);
        assertThat(relativeError(gm.data, numericGradient(mean.data, () -> Losses.gaussianNll(mean, logVar, x, null, null))))
                .isLessThan(TOLERANCE);
        assertThat(relativeError(gv.data, numericGradient(logVar.data, () -> Losses.gaussianNll(mean, logVar, x, null, null))))
                .isLessThan(TOLERANCE);
    }

    @Test
    void bernoulliNllGradient() {
        Rng rng = new Rng(5);
        DMatrixRMaj logits = random(4, 3, rng), x = new DMatrixRMaj(4, 3), g = new DMatrixRMaj(4, 3);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextDouble();
        }
        logits.data[0] = 30;
        logits.data[1] = -30;
        Losses.bernoulliNll(logits, x, g);
        assertThat(relativeError(g.data, numericGradient(logits.data, () -> Losses.bernoulliNll(logits, x, null))))
                .isLessThan(TOLERANCE);
    }

    @Test
    void chainedNetworksAndLoss() {
        // a decoder after an encoder, trained through a Gaussian NLL: dL/dx flows through both
        Rng rng = new Rng(8);
        MlpShape encShape = new MlpShape(new int[] {2, 6, 3}, Activation.TANH, Activation.IDENTITY);
        MlpShape decShape = new MlpShape(new int[] {3, 6, 4}, Activation.SILU, Activation.IDENTITY);
        ReferenceMlp enc = new ReferenceMlp(encShape, encShape.initialParameters(rng));
        ReferenceMlp dec = new ReferenceMlp(decShape, decShape.initialParameters(rng));
        DMatrixRMaj x = random(5, 2, rng);
        DoubleSupplier loss = () -> {
            DMatrixRMaj out = dec.forward(enc.forward(x));
            DMatrixRMaj[] mv = split(out);
            return Losses.gaussianNll(mv[0], mv[1], x, null, null);
        };
        DMatrixRMaj out = dec.forward(enc.forward(x));
        DMatrixRMaj[] mv = split(out);
        DMatrixRMaj gm = new DMatrixRMaj(5, 2), gv = new DMatrixRMaj(5, 2);
        Losses.gaussianNll(mv[0], mv[1], x, gm, gv);
        DMatrixRMaj dOut = new DMatrixRMaj(5, 4);
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 2; c++) {
                dOut.set(r, c, gm.get(r, c));
                dOut.set(r, c + 2, gv.get(r, c));
            }
        }
        enc.zeroGradients();
        enc.backward(dec.backward(dOut));
        double[] p = enc.parameters();
        double[] numeric = numericGradient(p, () -> {
            enc.setParameters(p);
            return loss.getAsDouble();
        });
        assertThat(relativeError(enc.gradients(), numeric)).isLessThan(TOLERANCE);
    }

    private static DMatrixRMaj[] split(DMatrixRMaj out) {
        DMatrixRMaj mean = new DMatrixRMaj(out.numRows, 2), logVar = new DMatrixRMaj(out.numRows, 2);
        for (int r = 0; r < out.numRows; r++) {
            for (int c = 0; c < 2; c++) {
                mean.set(r, c, out.get(r, c));
                logVar.set(r, c, out.get(r, c + 2));
            }
        }
        return new DMatrixRMaj[] {mean, logVar};
    }
}
