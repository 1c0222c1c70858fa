package org.genlab.core.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.genlab.core.data.Dataset2D;
import org.junit.jupiter.api.Test;

/** Bad input to the diffusion model: refused with a message that names the field. */
class DiffusionModelInputTest {
    static final ZooSettings EXACT = ZooSettings.DEFAULTS.withExactDenoiser(true);
    static final Dataset2D THREE = Dataset2D.of(new double[] {0, 1, 2}, new double[] {0, 1, 0.5});

    @Test
    void fitRefusesBadData() {
        assertThatThrownBy(() -> DiffusionModel.fit(Dataset2D.of(new double[] {1}, new double[] {2}), EXACT, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("data: the diffusion model needs at least 2 points, got 1");
        assertThatThrownBy(() -> DiffusionModel.fit(null, EXACT, FitMonitor.NONE, null, 1)).hasMessageStartingWith("data: ");
        assertThatThrownBy(() -> DiffusionModel.fit(Dataset2D.of(new double[] {3, 3, 3}, new double[] {0, 1, 2}), EXACT, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data: the points have no spread in x");
        assertThatThrownBy(() -> DiffusionModel.fit(Dataset2D.of(new double[] {-1e200, 1e200}, new double[] {0, 1}), EXACT, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data: the mean or spread");
        assertThatThrownBy(() -> DiffusionModel.fit(THREE, EXACT, FitMonitor.NONE, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("parallelism: ");
        // NaN data cannot reach a fit: the data set refuses it and names the index
        assertThatThrownBy(() -> Dataset2D.of(new double[] {0, Double.NaN}, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("x[1]");
    }

    @Test
    void densityAndSamplingRefuseBadArguments() {
        DiffusionModel m = DiffusionModel.fit(THREE, EXACT, FitMonitor.NONE, null, 1);
        double[] out = new double[2];
        assertThatThrownBy(() -> m.logDensity(DiffusionModel.ODE, new double[] {0, Double.NaN}, new double[] {0, 0}, out, 0, FitMonitor.NONE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("xs[1]: ");
        assertThatThrownBy(() -> m.logDensity(DiffusionModel.ODE, new double[] {0, 1}, new double[] {Double.POSITIVE_INFINITY, 0}, out, 0, FitMonitor.NONE, null, 1))
                .hasMessageStartingWith("ys[0]: ");
        assertThatThrownBy(() -> m.logDensity(Estimator.EXACT, new double[] {0}, new double[] {0}, out, 0, FitMonitor.NONE, null, 1))
                .hasMessageStartingWith("estimator: ");
        assertThatThrownBy(() -> m.logDensity(DiffusionModel.ODE, new double[] {0, 1, 2}, new double[] {0, 1, 2}, out, 0, FitMonitor.NONE, null, 1))
                .hasMessageStartingWith("xs: ");
        assertThatThrownBy(() -> m.sample(-1, 0)).hasMessageStartingWith("n: ");
        assertThat(m.estimator("ode")).isEqualTo(DiffusionModel.ODE);
        assertThat(m.estimators()).containsExactly(DiffusionModel.ODE);
        assertThat(DiffusionModel.ODE.kind()).isEqualTo(DensityKind.ESTIMATE);
        assertThat(DiffusionModel.ODE.label()).isEqualTo("probability-flow ODE estimate");
        assertThat(m.kind()).isEqualTo(ZooKind.DIFFUSION);
    }

    private static byte[] payload(DiffusionModel m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        m.writePayload(new DataOutputStream(b));
        return b.toByteArray();
    }

    private static DiffusionModel read(byte[] bytes) throws IOException {
        return DiffusionModel.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    /** Layout: int version, boolean exact, int points, 4 doubles, then per point 3 doubles (exact). */
    @Test
    void readRefusesCorruptExactPayloads() throws IOException {
        byte[] good = payload(DiffusionModel.fit(THREE, EXACT, FitMonitor.NONE, null, 1));
        assertThat(read(good).exactDenoiser()).isTrue();

        byte[] version = good.clone();
        ByteBuffer.wrap(version).putInt(0, 7);
        assertThatThrownBy(() -> read(version)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("diffusion payload version 7");

        byte[] points = good.clone();
        ByteBuffer.wrap(points).putInt(5, 1);
        assertThatThrownBy(() -> read(points)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("points 1: ");

        byte[] sd = good.clone();
        ByteBuffer.wrap(sd).putDouble(9 + 16, -1);
        assertThatThrownBy(() -> read(sd)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("sd x -1.0: ");

        byte[] nan = good.clone();
        ByteBuffer.wrap(nan).putDouble(9 + 32 + 24, Double.NaN);
        assertThatThrownBy(() -> read(nan)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("point 1 (NaN");

        byte[] weight = good.clone();
        ByteBuffer.wrap(weight).putDouble(9 + 32 + 16, 0);
        assertThatThrownBy(() -> read(weight)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("point 0 ");

        assertThatThrownBy(() -> read(Arrays.copyOf(good, good.length - 5))).isInstanceOf(ZooFormatException.class)
                .hasMessage("diffusion payload: truncated");
    }

    @Test
    void readRefusesCorruptLearnedPayloads() throws IOException {
        DiffusionModel m = DiffusionModel.fit(THREE, ZooSettings.DEFAULTS.withEffort(0.002), FitMonitor.NONE, null, 1);
        byte[] good = payload(m);
        assertThat(read(good).exactDenoiser()).isFalse();
        int net = 9 + 32 + 4 + 16 + 4;

        byte[] steps = good.clone();
        ByteBuffer.wrap(steps).putInt(9 + 32, 0);
        assertThatThrownBy(() -> read(steps)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("steps 0: ");

        byte[] loss = good.clone();
        ByteBuffer.wrap(loss).putDouble(9 + 32 + 4, Double.NaN);
        assertThatThrownBy(() -> read(loss)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("losses NaN");

        byte[] length = good.clone();
        ByteBuffer.wrap(length).putInt(net - 4, -3);
        assertThatThrownBy(() -> read(length)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("network length -3");

        byte[] corrupt = good.clone();
        for (int i = net + 20; i < net + 40; i++) {
            corrupt[i] ^= 0x5A;
        }
        assertThatThrownBy(() -> read(corrupt)).isInstanceOf(ZooFormatException.class).hasMessageStartingWith("network: ");

        assertThatThrownBy(() -> read(Arrays.copyOf(good, net + 10))).isInstanceOf(ZooFormatException.class)
                .hasMessage("diffusion payload: truncated");
    }
}
