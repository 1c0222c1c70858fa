package org.genlab.core.flow;

/**
 * The recorded paths of the first few particles of a run: particle p's position at recorded
 * time k is ({@link #x(int, int)}, {@link #y(int, int)}), at time {@link #time(int)}. Times
 * start at 0 and end at 1. Immutable.
 */
public final class Trajectories {
    /** No paths. */
    public static final Trajectories NONE = new Trajectories(new double[0], new double[0][], new double[0][]);

    private final double[] times;
    private final double[][] xs;
    private final double[][] ys;

    /** Paths xs[p][k], ys[p][k] at times[k] (arrays kept, not copied: package use only). */
    Trajectories(double[] times, double[][] xs, double[][] ys) {
        this.times = times;
        this.xs = xs;
        this.ys = ys;
    }

    /** The number of particles with a path. */
    public int particles() {
        return xs.length;
    }

    /** The number of recorded times (points per path). */
    public int points() {
        return times.length;
    }

    /** The k-th recorded time. */
    public double time(int k) {
        return times[k];
    }

    /** The x coordinate of particle p at recorded time k. */
    public double x(int p, int k) {
        return xs[p][k];
    }

    /** The y coordinate of particle p at recorded time k. */
    public double y(int p, int k) {
        return ys[p][k];
    }

    /** A copy of particle p's x coordinates over the recorded times. */
    public double[] xs(int p) {
        return xs[p].clone();
    }

    /** A copy of particle p's y coordinates over the recorded times. */
    public double[] ys(int p) {
        return ys[p].clone();
    }

    /** A copy of the recorded times. */
    public double[] times() {
        return times.clone();
    }
}
