package org.genlab.core.zoo;

/**
 * An evenly spaced grid of points over a rectangle: nx values from xmin to xmax inclusive,
 * ny from ymin to ymax, listed with x varying fastest (point k is column k % nx of row k / nx),
 * as the command line's {@code --grid} and the pane's heatmaps use it.
 */
public record ZooGrid(double xmin, double xmax, int nx, double ymin, double ymax, int ny) {
    /** The most points a grid may have (4,096 x 4,096). */
    public static final long MAX_POINTS = 1L << 24;

    public ZooGrid {
        if (!Double.isFinite(xmin) || !Double.isFinite(xmax) || !(xmin < xmax)) {
            throw new IllegalArgumentException("grid: XMIN must be below XMAX, both finite; got " + xmin + ", " + xmax);
        }
        if (!Double.isFinite(ymin) || !Double.isFinite(ymax) || !(ymin < ymax)) {
            throw new IllegalArgumentException("grid: YMIN must be below YMAX, both finite; got " + ymin + ", " + ymax);
        }
        if (nx < 2 || ny < 2 || (long) nx * ny > MAX_POINTS) {
            throw new IllegalArgumentException("grid: NX and NY must be at least 2 and NX * NY at most " + MAX_POINTS + "; got " + nx + ", " + ny);
        }
    }

    /** A square-celled grid of n x n points over [xmin, xmax] x [ymin, ymax]. */
    public static ZooGrid square(double xmin, double xmax, double ymin, double ymax, int n) {
        return new ZooGrid(xmin, xmax, n, ymin, ymax, n);
    }

    /** The same rectangle with n x n points. */
    public ZooGrid withSize(int n) {
        return new ZooGrid(xmin, xmax, n, ymin, ymax, n);
    }

    /** The x coordinate of column i. */
    public double x(int i) {
        return i == nx - 1 ? xmax : xmin + (xmax - xmin) * i / (nx - 1);
    }

    /** The y coordinate of row j. */
    public double y(int j) {
        return j == ny - 1 ? ymax : ymin + (ymax - ymin) * j / (ny - 1);
    }

    /** The column coordinates. */
    public double[] columns() {
        double[] c = new double[nx];
        for (int i = 0; i < nx; i++) {
            c[i] = x(i);
        }
        return c;
    }

    /** The row coordinates. */
    public double[] rows() {
        double[] r = new double[ny];
        for (int j = 0; j < ny; j++) {
            r[j] = y(j);
        }
        return r;
    }

    /** The number of points, nx * ny. */
    public int size() {
        return nx * ny;
    }

    /** Every point's x, x varying fastest. */
    public double[] pointXs() {
        double[] out = new double[size()];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                out[j * nx + i] = x(i);
            }
        }
        return out;
    }

    /** Every point's y, x varying fastest. */
    public double[] pointYs() {
        double[] out = new double[size()];
        for (int j = 0; j < ny; j++) {
            double y = y(j);
            java.util.Arrays.fill(out, j * nx, (j + 1) * nx, y);
        }
        return out;
    }

    /** The area of one cell, for Riemann sums: (xmax − xmin)/(nx − 1) times (ymax − ymin)/(ny − 1). */
    public double cellArea() {
        return (xmax - xmin) / (nx - 1) * ((ymax - ymin) / (ny - 1));
    }
}
