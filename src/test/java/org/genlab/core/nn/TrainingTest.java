package org.genlab.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** Training converges on a small regression problem; the losses match their closed forms. */
class TrainingTest {
    /** y = sin(x) on [-3, 3], 64 fixed points. */
    private static FMatrixRMaj[] sineData() {
        FMatrixRMaj x = new FMatrixRMaj(64, 1), y = new FMatrixRMaj(64, 1);
        for (int i = 0; i < 64; i++) {
            double v = -3 + 6.0 * i / 63;
            x.set(i, 0, (float) v);
            y.set(i, 0, (float) Math.sin(v));
        }
        return new FMatrixRMaj[] {x, y};
    }

    private static double fit(Optimizer opt, Activation f, int steps) {
        FMatrixRMaj[] d = sineData();
        Mlp net = Mlp.create(MlpShape.of(1, 32, 2, 1, f), new Rng(3));
        Mlp.Pass pass = net.newPass();
        FMatrixRMaj g = new FMatrixRMaj(64, 1);
        double first = Losses.mse(pass.forward(d[0]), d[1], null);
        double loss = first;
        for (int s = 0; s < steps; s++) {
            loss = Losses.mse(pass.forward(d[0]), d[1], g);
            net.zeroGradients();
            pass.backward(g);
            opt.step(net);
        }
        assertThat(loss).isLessThan(first);
        return Losses.mse(net.predict(d[0]), d[1], null);
    }

    @Test
    void adamFitsASine() {
        assertThat(fit(new Adam(1e-2), Activation.TANH, 1500)).isLessThan(1e-3);
        assertThat(fit(new Adam(1e-2), Activation.SILU, 1500)).isLessThan(1e-3);
        assertThat(fit(new Adam(1e-2), Activation.RELU, 1500)).isLessThan(1e-2);
    }

    @Test
    void sgdWithMomentumFitsASine() {
        assertThat(fit(new Sgd(0.05, 0.9), Activation.TANH, 3000)).isLessThan(1e-2);
    }

    @Test
    void benchmarkStepsTrain() {
        TrainingBenchmark b = new TrainingBenchmark(16, 2, 64, null, 1, 0);
        double first = 0, last = 0;
        for (int i = 0; i < 800; i++) {
            double loss = b.step();
            first += i < 100 ? loss / 100 : 0;
            last += i >= 700 ? loss / 100 : 0;
        }
        // predicting 0 for x1 - x0 has expected loss 2; the conditional mean E[x1 - x0 | x_t, t] less
        assertThat(first).isGreaterThan(1.8);
        assertThat(last).isLessThan(first - 0.15);
    }

    @Test
    void lossesMatchTheirClosedForms() {
        DMatrixRMaj mean = new DMatrixRMaj(new double[][] {{0.5, -1}, {2, 0}});
        DMatrixRMaj logVar = new DMatrixRMaj(new double[][] {{0, Math.log(4)}, {-1, 0.3}});
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 1}, {2.5, -0.7}});
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected -= new NormalDistribution(mean.data[i], Math.exp(logVar.data[i] / 2)).logDensity(x.data[i]);
        }
        assertThat(Losses.gaussianNll(mean, logVar, x, null, null)).isCloseTo(expected / 2, org.assertj.core.data.Offset.offset(1e-12));

        DMatrixRMaj logits = new DMatrixRMaj(new double[][] {{0.3, -2}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, 0}});
        double p0 = 1 / (1 + Math.exp(-0.3)), p1 = 1 / (1 + Math.exp(2));
        assertThat(Losses.bernoulliNll(logits, b, null)).isCloseTo(-Math.log(p0) - Math.log(1 - p1), org.assertj.core.data.Offset.offset(1e-12));
        // extreme logits stay finite
        assertThat(Losses.bernoulliNll(new DMatrixRMaj(new double[][] {{800}}), new DMatrixRMaj(new double[][] {{0}}), null)).isEqualTo(800);

        FMatrixRMaj y = new FMatrixRMaj(new float[][] {{1, 2}, {3, 4}}), t = new FMatrixRMaj(new float[][] {{0, 2}, {3, 2}});
        FMatrixRMaj g = new FMatrixRMaj(2, 2);
        assertThat(Losses.mse(y, t, g)).isEqualTo(5 / 4.0);
        assertThat(g.data).containsExactly(0.5f, 0f, 0f, 1f);
    }
}
