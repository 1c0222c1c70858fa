package org.genlab.core.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.io.AtomicFiles;
import org.genlab.core.nn.Activation;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.MlpFile;
import org.genlab.core.nn.MlpFormatException;
import org.genlab.core.nn.MlpShape;

/**
 * A velocity field v_θ(x, t) given by a network of the engine ({@link Mlp}): input
 * (x, y, t), output (vx, vy), evaluated in float for all particles at once with
 * {@link Mlp#predict(FMatrixRMaj, FMatrixRMaj, Executor, int)} (fixed chunks of rows, so the
 * result does not depend on the threads). Immutable: it keeps its own copy of the network.
 *
 * <p>One caveat on bitwise reproducibility: the engine's vector SiLU uses the Vector API's
 * EXP, whose JIT-compiled and interpreted forms may differ in a float's last bit, so a run
 * before the JIT has compiled it can differ from a later one by float rounding.
 */
public final class LearnedField implements VelocityField {
    /** Inputs of a flow network: x, y and t. */
    public static final int INPUTS = 3;
    /** Outputs of a flow network: vx and vy. */
    public static final int OUTPUTS = 2;

    private final Mlp net;

    /**
     * The field of (a copy of) {@code net}.
     *
     * @throws IllegalArgumentException if the network does not have 3 inputs and 2 outputs
     *     (the message starts with {@code model:})
     */
    public LearnedField(Mlp net) {
        Objects.requireNonNull(net, "net");
        String why = problem(net.shape());
        if (why != null) {
            throw new IllegalArgumentException("model: " + why);
        }
        this.net = net.copy();
    }

    /** The shape of a flow network: 3 inputs, {@code layers} hidden layers of width {@code hidden} with {@code f}, 2 linear outputs. */
    public static MlpShape shape(int hidden, int layers, Activation f) {
        return MlpShape.of(INPUTS, hidden, layers, OUTPUTS, f);
    }

    /** Why a network of this shape cannot be a flow model, or null if it can. */
    static String problem(MlpShape s) {
        if (s.inputs() != INPUTS || s.outputs() != OUTPUTS) {
            return "a network with " + s.inputs() + " inputs and " + s.outputs() + " outputs is not a flow model"
                    + " (it needs 3 inputs x, y, t and 2 outputs vx, vy)";
        }
        return null;
    }

    /**
     * Loads a flow network saved by {@link #save} (the engine's {@link MlpFile} format).
     *
     * @throws MlpFormatException naming the reason if the file is not a network file, is
     *     corrupt, or holds a network that is not a flow model (wrong number of inputs or outputs)
     * @throws IOException if the file cannot be read
     */
    public static LearnedField load(Path file) throws IOException {
        Mlp net = MlpFile.load(file);
        String why = problem(net.shape());
        if (why != null) {
            throw new MlpFormatException(file.getFileName() + ": " + why);
        }
        return new LearnedField(net);
    }

    /** Saves the network in the engine's format, through a temporary file moved into place. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, out -> MlpFile.write(net, out));
    }

    /** A copy of the network. */
    public Mlp network() {
        return net.copy();
    }

    @Override
    public void velocity(double t, double[] xs, double[] ys, double[] vx, double[] vy, Executor executor, int parallelism) {
        FlowTime.require(t);
        VelocityField.checkLengths(xs, ys, vx, vy);
        int n = xs.length;
        if (n == 0) {
            return;
        }
        FMatrixRMaj in = new FMatrixRMaj(n, INPUTS);
        float ft = (float) t;
        float[] d = in.data;
        for (int p = 0; p < n; p++) {
            d[3 * p] = (float) xs[p];
            d[3 * p + 1] = (float) ys[p];
            d[3 * p + 2] = ft;
        }
        FMatrixRMaj out = new FMatrixRMaj(n, OUTPUTS);
        net.predict(in, out, executor, parallelism);
        float[] o = out.data;
        for (int p = 0; p < n; p++) {
            vx[p] = o[2 * p];
            vy[p] = o[2 * p + 1];
        }
    }

    @Override
    public String toString() {
        return "LearnedField[" + net.shape() + "]";
    }
}
