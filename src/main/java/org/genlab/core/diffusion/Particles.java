package org.genlab.core.diffusion;

import java.util.Objects;

/** An immutable set of points in the plane: a sampler's particles at one step, or samples. */
public final class Particles {
    private final double[] xs;
    private final double[] ys;

    private Particles(double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
    }

    /**
     * Particles at (xs[i], ys[i]). The arrays are copied.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static Particles of(double[] xs, double[] ys) {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(ys, "ys");
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("arrays differ in length: xs " + xs.length + ", ys " + ys.length);
        }
        return new Particles(xs.clone(), ys.clone());
    }

    /** The number of particles. */
    public int size() {
        return xs.length;
    }

    /** The x coordinate of particle i. */
    public double x(int i) {
        return xs[i];
    }

    /** The y coordinate of particle i. */
    public double y(int i) {
        return ys[i];
    }

    /** A copy of the x coordinates. */
    public double[] xs() {
        return xs.clone();
    }

    /** A copy of the y coordinates. */
    public double[] ys() {
        return ys.clone();
    }

    @Override
    public String toString() {
        return "Particles[n=" + xs.length + "]";
    }
}
