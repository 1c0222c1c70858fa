package org.genlab.core.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The plain reference network, in double on EJML's {@code CommonOps_DDRM}: one matrix product
 * per layer and direction, written to be obviously correct rather than fast. Tests check
 * {@link Mlp} against it and check it against finite differences; it shares {@link MlpShape}'s
 * flat parameter layout, so parameters move between the two unchanged.
 */
public final class ReferenceMlp {
    private final MlpShape shape;
    private final DMatrixRMaj[] w, b, gw, gb;
    private DMatrixRMaj[] z, a;

    /** A reference network with these parameters (flat layout of {@link MlpShape}). */
    public ReferenceMlp(MlpShape shape, double[] parameters) {
        if (parameters.length != shape.parameterCount()) {
            throw new IllegalArgumentException("shape " + shape + " has " + shape.parameterCount() + " parameters, got " + parameters.length);
        }
        this.shape = shape;
        int layers = shape.layers();
        w = new DMatrixRMaj[layers + 1];
        b = new DMatrixRMaj[layers + 1];
        gw = new DMatrixRMaj[layers + 1];
        gb = new DMatrixRMaj[layers + 1];
        for (int l = 1; l <= layers; l++) {
            w[l] = new DMatrixRMaj(shape.width(l - 1), shape.width(l));
            b[l] = new DMatrixRMaj(1, shape.width(l));
            gw[l] = new DMatrixRMaj(shape.width(l - 1), shape.width(l));
            gb[l] = new DMatrixRMaj(1, shape.width(l));
        }
        setParameters(parameters);
    }

    /** The reference twin of a fast network: same shape, its float parameters widened to double. */
    public static ReferenceMlp of(Mlp net) {
        float[] p = net.parameters();
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i];
        }
        return new ReferenceMlp(net.shape(), d);
    }

    /** The architecture. */
    public MlpShape shape() {
        return shape;
    }

    /** The parameters in the flat layout. */
    public double[] parameters() {
        return flatten(w, b);
    }

    /** Replaces the parameters (flat layout). */
    public void setParameters(double[] p) {
        for (int l = 1; l <= shape.layers(); l++) {
            System.arraycopy(p, shape.weightOffset(l), w[l].data, 0, w[l].getNumElements());
            System.arraycopy(p, shape.biasOffset(l), b[l].data, 0, b[l].getNumElements());
        }
    }

    /** The accumulated dL/dparameters in the flat layout. */
    public double[] gradients() {
        return flatten(gw, gb);
    }

    /** Sets the accumulated gradients to zero. */
    public void zeroGradients() {
        for (int l = 1; l <= shape.layers(); l++) {
            gw[l].zero();
            gb[l].zero();
        }
    }

    private double[] flatten(DMatrixRMaj[] ws, DMatrixRMaj[] bs) {
        double[] p = new double[shape.parameterCount()];
        for (int l = 1; l <= shape.layers(); l++) {
            System.arraycopy(ws[l].data, 0, p, shape.weightOffset(l), ws[l].getNumElements());
            System.arraycopy(bs[l].data, 0, p, shape.biasOffset(l), bs[l].getNumElements());
        }
        return p;
    }

    /** The outputs for a batch ({@code rows x inputs}); keeps the activations for {@link #backward}. */
    public DMatrixRMaj forward(DMatrixRMaj x) {
        int layers = shape.layers();
        z = new DMatrixRMaj[layers + 1];
        a = new DMatrixRMaj[layers + 1];
        a[0] = x.copy();
        for (int l = 1; l <= layers; l++) {
            // Z_l = A_{l-1} W_l + 1 b_l
            z[l] = new DMatrixRMaj(x.numRows, shape.width(l));
            CommonOps_DDRM.mult(a[l - 1], w[l], z[l]);
            for (int r = 0; r < x.numRows; r++) {
                for (int j = 0; j < shape.width(l); j++) {
                    z[l].add(r, j, b[l].get(0, j));
                }
            }
            // A_l = f_l(Z_l)
            a[l] = new DMatrixRMaj(x.numRows, shape.width(l));
            for (int i = 0; i < z[l].getNumElements(); i++) {
                a[l].data[i] = shape.activation(l).apply(z[l].data[i]);
            }
        }
        return a[layers].copy();
    }

    /**
     * Backpropagates dL/dy through the last forward pass: adds dL/dparameters to the
     * gradients and returns dL/dx.
     */
    public DMatrixRMaj backward(DMatrixRMaj dy) {
        if (a == null) {
            throw new IllegalStateException("backward before any forward pass");
        }
        DMatrixRMaj da = dy.copy();
        for (int l = shape.layers(); l >= 1; l--) {
            // dZ_l = dA_l * f_l'(Z_l), elementwise
            DMatrixRMaj dz = new DMatrixRMaj(da.numRows, da.numCols);
            for (int i = 0; i < dz.getNumElements(); i++) {
                dz.data[i] = da.data[i] * shape.activation(l).derivative(z[l].data[i]);
            }
            // dW_l += A_{l-1}^T dZ_l
            CommonOps_DDRM.multAddTransA(a[l - 1], dz, gw[l]);
            // db_l += 1^T dZ_l
            DMatrixRMaj colSums = new DMatrixRMaj(1, dz.numCols);
            CommonOps_DDRM.sumCols(dz, colSums);
            CommonOps_DDRM.addEquals(gb[l], colSums);
            // dA_{l-1} = dZ_l W_l^T
            da = new DMatrixRMaj(dz.numRows, shape.width(l - 1));
            CommonOps_DDRM.multTransB(dz, w[l], da);
        }
        return da;
    }
}
