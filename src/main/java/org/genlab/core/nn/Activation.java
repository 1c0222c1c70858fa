package org.genlab.core.nn;

/**
 * An elementwise activation function f applied after a layer's affine map. The double
 * methods are the plain definitions the reference network and the gradient checks use; the
 * fast path computes the same functions in float in its kernels.
 */
public enum Activation {
    /** f(z) = max(z, 0). */
    RELU,
    /** f(z) = z sigmoid(z) = z / (1 + e^-z) (also called swish). */
    SILU,
    /** f(z) = tanh(z). */
    TANH,
    /** f(z) = z. */
    IDENTITY;

    /** f(z). */
    public double apply(double z) {
        switch (this) {
            case RELU:
                return z > 0 ? z : 0;
            case SILU:
                // f(z) = z / (1 + e^-z)
                return z / (1 + Math.exp(-z));
            case TANH:
                return Math.tanh(z);
            default:
                return z;
        }
    }

    /** f'(z). For ReLU at z = 0 the derivative is taken as 0. */
    public double derivative(double z) {
        switch (this) {
            case RELU:
                return z > 0 ? 1 : 0;
            case SILU: {
                // f'(z) = s (1 + z (1 - s)), s = sigmoid(z)
                double s = 1 / (1 + Math.exp(-z));
                return s * (1 + z * (1 - s));
            }
            case TANH: {
                // f'(z) = 1 - tanh(z)^2
                double t = Math.tanh(z);
                return 1 - t * t;
            }
            default:
                return 1;
        }
    }
}
