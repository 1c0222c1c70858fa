package org.genlab.core.nn;

import java.util.Arrays;
import java.util.concurrent.Executor;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.math.Chunks;
import org.genlab.core.math.Rng;

/**
 * A multilayer perceptron in float, the fast network the panes train: minibatches are
 * {@link FMatrixRMaj} matrices with one example per row.
 *
 * <p>Training goes through a {@link Pass}, which keeps the activations of one forward pass
 * for its backward pass:
 * <pre>{@code
 * Mlp net = Mlp.create(MlpShape.of(3, 64, 3, 2, Activation.SILU), new Rng(seed));
 * Mlp.Pass pass = net.newPass(executor, parallelism);
 * Adam adam = new Adam(1e-3);
 * FMatrixRMaj y = pass.forward(x);
 * double loss = Losses.mse(y, target, dy);
 * net.zeroGradients();
 * pass.backward(dy);          // accumulates dL/dparameters, returns dL/dx
 * adam.step(net);
 * }</pre>
 * A network used several times in one step (coupling layers, an encoder and a decoder)
 * takes one pass per use; gradients accumulate until {@link #zeroGradients()}.
 *
 * <p>Rows are processed in chunks whose size depends on the number of rows alone, on the
 * executor given to the pass (or sequentially), and the chunks' gradients are added in chunk
 * order: the numbers are the same on one thread or many. Not thread-safe: one thread drives
 * a network; {@link #predict} may run concurrently with other {@code predict} calls but not
 * with an optimiser step.
 */
public final class Mlp {
    /** Rows per chunk of {@link #predict}; results do not depend on it. */
    static final int PREDICT_CHUNK = 256;
    /** Fewest rows in a training chunk. */
    static final int MIN_TRAIN_CHUNK = 128;
    /**
     * Fewest multiply-adds of a forward pass in a training chunk: a smaller chunk costs more
     * in handing it to another thread than it saves (measured at width 64, batch 256).
     */
    static final long MIN_CHUNK_MACS = 4L << 20;
    /** Most training chunks (each beyond the first holds one gradient buffer). */
    static final int MAX_TRAIN_CHUNKS = 8;

    private final MlpShape shape;
    final Kernels kernels;
    final float[] params;
    final float[] grads;
    private final float[] weightsT;
    private final int[] weightTOffsets;
    private boolean transposedStale = true;

    Mlp(MlpShape shape, float[] params, Kernels kernels) {
        if (params.length != shape.parameterCount()) {
            throw new IllegalArgumentException("shape " + shape + " has " + shape.parameterCount() + " parameters, got " + params.length);
        }
        this.shape = shape;
        this.kernels = kernels;
        this.params = params;
        this.grads = new float[params.length];
        this.weightTOffsets = new int[shape.layers() + 1];
        int t = 0;
        for (int l = 1; l <= shape.layers(); l++) {
            weightTOffsets[l] = t;
            t += shape.width(l - 1) * shape.width(l);
        }
        this.weightsT = new float[t];
    }

    /** A network with seeded initial parameters ({@link MlpShape#initialParameters}). */
    public static Mlp create(MlpShape shape, Rng rng) {
        return of(shape, toFloat(shape.initialParameters(rng)));
    }

    /** A network with these parameters (copied; flat layout of {@link MlpShape}). */
    public static Mlp of(MlpShape shape, float[] parameters) {
        return new Mlp(shape, parameters.clone(), Kernels.best());
    }

    /** The same network on other kernels (tests compare the vector and scalar paths). */
    Mlp withKernels(Kernels k) {
        return new Mlp(shape, params.clone(), k);
    }

    /** Whether the fast path runs on the Vector API in this JVM (false: the scalar fallback). */
    public static boolean vectorized() {
        return Kernels.best().vector();
    }

    /** The architecture. */
    public MlpShape shape() {
        return shape;
    }

    /** Number of weights and biases. */
    public int parameterCount() {
        return params.length;
    }

    /** A copy of the parameters, in {@link MlpShape}'s flat layout. */
    public float[] parameters() {
        return params.clone();
    }

    /**
     * Copies the parameters into {@code dst} and returns it, or into a new array if {@code dst}
     * is null or of another length: for a trainer that keeps a copy at every step without
     * making garbage at every step.
     */
    public float[] parametersInto(float[] dst) {
        float[] out = dst != null && dst.length == params.length ? dst : new float[params.length];
        System.arraycopy(params, 0, out, 0, params.length);
        return out;
    }

    /** The parameter at index {@code i} of the flat layout. */
    public float parameter(int i) {
        return params[i];
    }

    /** The index of the first parameter that is NaN or infinite, or -1 if all are finite. */
    public int firstNonFiniteParameter() {
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Replaces the parameters (copied). */
    public void setParameters(float[] p) {
        if (p.length != params.length) {
            throw new IllegalArgumentException("expected " + params.length + " parameters, got " + p.length);
        }
        System.arraycopy(p, 0, params, 0, p.length);
        parametersChanged();
    }

    /** A copy of the accumulated gradient dL/dparameters, in the flat layout. */
    public float[] gradients() {
        return grads.clone();
    }

    /** Sets the accumulated gradients to zero (before each training step's backward passes). */
    public void zeroGradients() {
        Arrays.fill(grads, 0f);
    }

    /** An independent copy: same shape and parameters, zero gradients. */
    public Mlp copy() {
        return new Mlp(shape, params.clone(), kernels);
    }

    /** Called by whatever writes {@link #params}. */
    void parametersChanged() {
        transposedStale = true;
    }

    /** W_l^T for each layer, for the backward pass's dA_{l-1} = dZ_l W_l^T. */
    private void refreshTransposed() {
        if (!transposedStale) {
            return;
        }
        for (int l = 1; l <= shape.layers(); l++) {
            int in = shape.width(l - 1), out = shape.width(l), w = shape.weightOffset(l), t = weightTOffsets[l];
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    weightsT[t + j * in + i] = params[w + i * out + j];
                }
            }
        }
        transposedStale = false;
    }

    /** A new workspace for one forward and backward pass at a time, run sequentially. */
    public Pass newPass() {
        return new Pass(null, 1);
    }

    /**
     * A new workspace whose chunks run on {@code executor} with up to {@code parallelism}
     * threads (the caller's included); {@code executor} null runs them on the caller.
     */
    public Pass newPass(Executor executor, int parallelism) {
        return new Pass(executor, parallelism);
    }

    /** Outputs for a batch, sequentially. */
    public FMatrixRMaj predict(FMatrixRMaj x) {
        FMatrixRMaj out = new FMatrixRMaj(x.numRows, shape.outputs());
        predict(x, out, null, 1);
        return out;
    }

    /**
     * Outputs for a batch into {@code out} ({@code x.numRows x outputs}), in fixed chunks of
     * rows run on {@code executor} (null: on the caller) with up to {@code parallelism} threads.
     * Keeps no state, so it may run while another thread predicts with the same network.
     */
    public void predict(FMatrixRMaj x, FMatrixRMaj out, Executor executor, int parallelism) {
        checkCols("x", x, shape.inputs());
        if (out.numRows != x.numRows || out.numCols != shape.outputs()) {
            throw new IllegalArgumentException("out is " + out.numRows + "x" + out.numCols + ", expected " + x.numRows + "x" + shape.outputs());
        }
        int rows = x.numRows;
        int chunks = (rows + PREDICT_CHUNK - 1) / PREDICT_CHUNK;
        int width = shape.maxWidth();
        Chunks.run(chunks, executor, parallelism, c -> {
            int r0 = c * PREDICT_CHUNK, n = Math.min(PREDICT_CHUNK, rows - r0);
            float[][] buf = {new float[n * width], new float[n * width]};
            float[] src = x.data;
            int srcOff = r0 * shape.inputs();
            for (int l = 1; l <= shape.layers(); l++) {
                boolean last = l == shape.layers();
                float[] dst = last ? out.data : buf[l % 2];
                int dstOff = last ? r0 * shape.outputs() : 0;
                layerForward(l, n, src, srcOff, dst, dstOff, null);
                src = dst;
                srcOff = dstOff;
            }
        });
    }

    /** a_l = f_l(a_{l-1} W_l + b_l) for {@code n} rows: the one forward step of a layer. */
    private void layerForward(int l, int n, float[] src, int srcOff, float[] dst, int dstOff, float[] aux) {
        int in = shape.width(l - 1), out = shape.width(l);
        // z = a_{l-1} W_l + b_l
        kernels.gemm(n, out, in, src, srcOff, in, 1, params, shape.weightOffset(l), out,
                params, shape.biasOffset(l), dst, dstOff, out, false);
        // a_l = f_l(z)
        kernels.activate(shape.activation(l), dst, aux, dstOff, n * out);
    }

    private static void checkCols(String name, FMatrixRMaj m, int cols) {
        if (m.numCols != cols) {
            throw new IllegalArgumentException(name + " has " + m.numCols + " columns, the network expects " + cols);
        }
        if (m.numRows < 1) {
            throw new IllegalArgumentException(name + " has no rows");
        }
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /**
     * The workspace of one forward pass and its backward passes: the activations of every
     * layer for the last batch. Outputs and input gradients it returns are views of its own
     * buffers, valid until the next call on this pass.
     */
    public final class Pass {
        private final Executor executor;
        private final int parallelism;
        private int rows;
        private int chunkRows;
        private int chunks;
        private float[][] act;
        private float[][] aux;
        private float[][] grad;
        private float[][] chunkGrads;
        private FMatrixRMaj output;
        private FMatrixRMaj inputGrad;

        private Pass(Executor executor, int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.executor = executor;
            this.parallelism = parallelism;
        }

        /** The network this pass runs. */
        public Mlp network() {
            return Mlp.this;
        }

        private void ensure(int n) {
            if (n == rows) {
                return;
            }
            int layers = shape.layers();
            act = new float[layers + 1][];
            aux = new float[layers + 1][];
            grad = new float[layers + 1][];
            for (int l = 0; l <= layers; l++) {
                act[l] = new float[n * shape.width(l)];
                grad[l] = new float[n * shape.width(l)];
                if (l > 0 && shape.activation(l) == Activation.SILU) {
                    aux[l] = new float[n * shape.width(l)];
                }
            }
            // chunk = max(128, 4M / (multiply-adds per row), ceil(n / 8)) rounded up to a multiple
            // of 4: fixed by the shape and n alone, never by the thread count
            long macsPerRow = Math.max(1, shape.parameterCount());
            long minRows = Math.max(MIN_TRAIN_CHUNK, MIN_CHUNK_MACS / macsPerRow);
            chunkRows = (int) Math.min(n, Math.max(minRows, (n + MAX_TRAIN_CHUNKS - 1) / MAX_TRAIN_CHUNKS));
            chunkRows = (chunkRows + 3) / 4 * 4;
            chunks = (n + chunkRows - 1) / chunkRows;
            chunkGrads = new float[chunks][];
            for (int c = 1; c < chunks; c++) {
                chunkGrads[c] = new float[params.length];
            }
            output = FMatrixRMaj.wrap(n, shape.outputs(), act[layers]);
            inputGrad = FMatrixRMaj.wrap(n, shape.inputs(), grad[0]);
            rows = n;
        }

        /**
         * Runs the network on a batch ({@code rows x inputs}) and keeps what the backward pass
         * needs. Returns the outputs ({@code rows x outputs}), a view valid until the next
         * forward on this pass.
         */
        public FMatrixRMaj forward(FMatrixRMaj x) {
            checkCols("x", x, shape.inputs());
            ensure(x.numRows);
            System.arraycopy(x.data, 0, act[0], 0, rows * shape.inputs());
            Chunks.run(chunks, executor, parallelism, c -> {
                int r0 = c * chunkRows, n = Math.min(chunkRows, rows - r0);
                for (int l = 1; l <= shape.layers(); l++) {
                    layerForward(l, n, act[l - 1], r0 * shape.width(l - 1), act[l], r0 * shape.width(l), aux[l]);
                }
            });
            return output;
        }

        /**
         * Backpropagates an upstream gradient dL/dy ({@code rows x outputs}) through the last
         * forward pass: adds dL/dparameters to the network's gradients and returns dL/dx
         * ({@code rows x inputs}, a view valid until the next call on this pass).
         */
        public FMatrixRMaj backward(FMatrixRMaj dy) {
            return backward(dy, true);
        }

        /** Like {@link #backward} but only dL/dx: the network's gradients are left alone. */
        public FMatrixRMaj inputGradient(FMatrixRMaj dy) {
            return backward(dy, false);
        }

        /**
         * The divergence of the map x -> y over its first {@code dims} coordinates at each row
         * of the last forward pass: sum_{i < dims} dy_i/dx_i, the trace of the Jacobian (one
         * backward pass per coordinate). {@code dims} is at most the input and output widths.
         */
        public double[] divergence(int dims) {
            if (dims < 1 || dims > shape.inputs() || dims > shape.outputs()) {
                throw new IllegalArgumentException("dims " + dims + " is outside 1 to min(inputs, outputs)");
            }
            requireForward();
            double[] div = new double[rows];
            FMatrixRMaj e = new FMatrixRMaj(rows, shape.outputs());
            for (int i = 0; i < dims; i++) {
                e.zero();
                for (int r = 0; r < rows; r++) {
                    e.set(r, i, 1f);
                }
                // div += d y_i / d x_i = (e_i^T J)_i
                FMatrixRMaj g = inputGradient(e);
                for (int r = 0; r < rows; r++) {
                    div[r] += g.get(r, i);
                }
            }
            return div;
        }

        private void requireForward() {
            if (rows == 0) {
                throw new IllegalStateException("backward before any forward pass");
            }
        }

        private FMatrixRMaj backward(FMatrixRMaj dy, boolean parameterGradients) {
            requireForward();
            if (dy.numRows != rows || dy.numCols != shape.outputs()) {
                throw new IllegalArgumentException("dy is " + dy.numRows + "x" + dy.numCols + ", the forward pass gave " + rows + "x" + shape.outputs());
            }
            refreshTransposed();
            int layers = shape.layers();
            System.arraycopy(dy.data, 0, grad[layers], 0, rows * shape.outputs());
            Chunks.run(chunks, executor, parallelism, c -> {
                int r0 = c * chunkRows, n = Math.min(chunkRows, rows - r0);
                // chunk 0 adds into the network's gradients, the others fill their own buffers
                float[] target = c == 0 ? grads : chunkGrads[c];
                boolean acc = c == 0;
                for (int l = layers; l >= 1; l--) {
                    int in = shape.width(l - 1), out = shape.width(l);
                    float[] dz = grad[l];
                    int dzOff = r0 * out;
                    // dZ_l = dA_l * f_l'(Z_l)
                    kernels.activationGrad(shape.activation(l), act[l], aux[l], dz, dzOff, n * out);
                    if (parameterGradients) {
                        // dW_l (+)= A_{l-1}^T dZ_l
                        kernels.gemm(in, out, n, act[l - 1], r0 * in, 1, in, dz, dzOff, out,
                                null, 0, target, shape.weightOffset(l), out, acc);
                        // db_l (+)= sum over rows of dZ_l
                        kernels.columnSums(n, out, dz, dzOff, out, target, shape.biasOffset(l), acc);
                    }
                    // dA_{l-1} = dZ_l W_l^T
                    kernels.gemm(n, in, out, dz, dzOff, out, 1, weightsT, weightTOffsets[l], in,
                            null, 0, grad[l - 1], r0 * in, in, false);
                }
            });
            if (parameterGradients) {
                for (int c = 1; c < chunks; c++) {
                    kernels.axpy(params.length, 1f, chunkGrads[c], 0, grads, 0);
                }
            }
            return inputGrad;
        }
    }
}
