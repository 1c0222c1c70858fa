package org.genlab.core.vae;

/**
 * A gradient check of {@link TinyVae}'s ELBO at one x with fixed ε: the correct estimators,
 * the printed Q3(d) expressions and central finite differences, for θ (decoder) and φ (encoder).
 */
public record GradientCheck(double[] theta, double[] printedTheta, double[] thetaFiniteDifference, double[] phi,
        double[] printedPhi, double[] phiFiniteDifference) {
    /** Keeps its own copies. */
    public GradientCheck {
        theta = theta.clone();
        printedTheta = printedTheta.clone();
        thetaFiniteDifference = thetaFiniteDifference.clone();
        phi = phi.clone();
        printedPhi = printedPhi.clone();
        phiFiniteDifference = phiFiniteDifference.clone();
    }

    /** The largest |a − b| / (1 + |b|) over the entries: a relative distance to a reference b. */
    public static double relativeError(double[] a, double[] b) {
        double e = 0;
        for (int k = 0; k < a.length; k++) {
            e = Math.max(e, Math.abs(a[k] - b[k]) / (1 + Math.abs(b[k])));
        }
        return e;
    }

    /** The Euclidean norm. */
    public static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** How far the correct θ estimator is from the finite difference. */
    public double thetaError() {
        return relativeError(theta, thetaFiniteDifference);
    }

    /** How far the correct φ estimator is from the finite difference. */
    public double phiError() {
        return relativeError(phi, phiFiniteDifference);
    }

    /** How far the printed Q3(d) i expression is from the finite difference. */
    public double printedThetaError() {
        return relativeError(printedTheta, thetaFiniteDifference);
    }

    /** How far the printed Q3(d) ii expression is from the finite difference. */
    public double printedPhiError() {
        return relativeError(printedPhi, phiFiniteDifference);
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public double[] printedTheta() {
        return printedTheta.clone();
    }

    @Override
    public double[] thetaFiniteDifference() {
        return thetaFiniteDifference.clone();
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    @Override
    public double[] printedPhi() {
        return printedPhi.clone();
    }

    @Override
    public double[] phiFiniteDifference() {
        return phiFiniteDifference.clone();
    }
}
