package org.genlab.core.zoo;

import org.ejml.data.FMatrixRMaj;
import org.genlab.core.nn.Activation;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.MlpShape;

/**
 * The learned noise predictor ε_θ(x, λ): an {@link Mlp} with inputs (x, y) and five features
 * of the noise level, c, sin πc, cos πc, sin 2πc, cos 2πc with c = (λ − λ_mid)/λ_half mapping
 * the trained range [λ(σ = 0.01), λ(T)] to [−1, 1], and outputs (ε_x, ε_y). The divergence
 * is exact, by {@link Mlp.Pass#divergence(int)} (one backward pass per coordinate). Holds a
 * pass, so one thread at a time uses an instance; the network itself is shared, read only.
 */
final class DiffusionNetField implements DiffusionField {
    /** Inputs: x, y and five noise-level features. */
    static final int INPUTS = 7;
    /** Lowest noise level trained (and sampled): σ = 0.01. */
    static final double LAMBDA_LO = DiffusionSchedule.lambdaOfSigma(0.01);
    static final double LAMBDA_HI = DiffusionSchedule.LAMBDA_MAX;
    private static final double MID = 0.5 * (LAMBDA_LO + LAMBDA_HI);
    private static final double HALF = 0.5 * (LAMBDA_HI - LAMBDA_LO);

    private final Mlp net;
    private Mlp.Pass pass;
    private FMatrixRMaj in;
    private FMatrixRMaj out;

    DiffusionNetField(Mlp net) {
        this.net = net;
    }

    /** The network shape: 7 inputs, {@code layers} hidden SiLU layers of width {@code hidden}, 2 linear outputs. */
    static MlpShape shape(int hidden, int layers) {
        return MlpShape.of(INPUTS, hidden, layers, 2, Activation.SILU);
    }

    /** Writes the network input for (x, y) at level λ into {@code row} from {@code off}. */
    static void input(double lambda, double x, double y, float[] row, int off) {
        double c = (lambda - MID) / HALF;
        row[off] = (float) x;
        row[off + 1] = (float) y;
        row[off + 2] = (float) c;
        row[off + 3] = (float) Math.sin(Math.PI * c);
        row[off + 4] = (float) Math.cos(Math.PI * c);
        row[off + 5] = (float) Math.sin(2 * Math.PI * c);
        row[off + 6] = (float) Math.cos(2 * Math.PI * c);
    }

    @Override
    public void epsilon(double[] lam, double[] xs, double[] ys, int n, double[] ex, double[] ey, double[] div) {
        if (in == null || in.numRows != n) {
            in = new FMatrixRMaj(n, INPUTS);
            out = new FMatrixRMaj(n, 2);
        }
        for (int r = 0; r < n; r++) {
            input(lam[r], xs[r], ys[r], in.data, r * INPUTS);
        }
        FMatrixRMaj y;
        if (div == null) {
            net.predict(in, out, null, 1);
            y = out;
        } else {
            if (pass == null) {
                pass = net.newPass();
            }
            y = pass.forward(in);
        }
        for (int r = 0; r < n; r++) {
            ex[r] = y.data[2 * r];
            ey[r] = y.data[2 * r + 1];
        }
        if (div != null) {
            double[] d = pass.divergence(2);
            System.arraycopy(d, 0, div, 0, n);
        }
    }
}
