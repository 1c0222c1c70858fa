package org.genlab.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import org.genlab.core.math.Rng;

/**
 * The built-in data sets, each with a fixed, documented geometry so results stay
 * reproducible and comparable across versions.
 *
 * <h2>Reproducibility contract</h2>
 * {@link #generate(int, double, long)} is a pure function of (preset, n, noise, seed): the
 * same arguments give bitwise identical points, in the documented order, with unit weights.
 * Two independent random streams are derived from the seed with
 * {@link Rng#forStream(long, long)}:
 * <ul>
 *   <li>stream 0, the <em>layout</em> stream: every non-Gaussian random choice (checkerboard
 *       squares and positions, the uniform outliers), drawn in point order;
 *   <li>stream 1, the <em>Gaussian</em> stream: every draw scaled by {@code noise}, as
 *       standard normals z, in point order, x before y.
 * </ul>
 * Gaussian displacements are {@code noise * z}; when {@code noise == 0} none are drawn or
 * added, so noise-free geometry is exact. Because the streams are separate, changing only
 * {@code noise} keeps the layout and rescales the same displacements.
 *
 * <p>"Jitter sd s" below means: (s·z_x, s·z_y) is added to the point, from stream 1.
 *
 * <p>{@link #toString()} returns the command-line {@link #id()}.
 */
public enum Preset {

    /**
     * Homework points. Point i is (1, 0) for even i and (0, 1) for odd i, plus jitter sd
     * {@code noise}. n = 2, noise = 0 gives exactly (1, 0), (0, 1).
     */
    TWO_POINT("two-point", "The homework's two points (1,0) and (0,1), alternating; noise adds jitter", 2, 0.0) {
        @Override
        void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y) {
            for (int i = 0; i < n; i++) {
                x[i] = i % 2 == 0 ? 1 : 0;
                y[i] = i % 2 == 0 ? 0 : 1;
            }
            jitter(noise, gauss, x, y);
        }
    },

    /**
     * Two isotropic Gaussians with sd {@code noise} centred at (−2, 0) and (2, 0); the first
     * ⌈n/2⌉ points belong to the first.
     */
    TWO_BLOBS("two-blobs", "Two round Gaussian blobs at (-2,0) and (2,0); noise is their sd", 200, 0.6) {
        @Override
        void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y) {
            twoBlobs(n, noise, gauss, x, y, NO_EXCLUSION);
        }
    },

    /**
     * A tight blob and a wide one beside it, for homework question 4 (whose figure is missing):
     * the first ⌈0.7 n⌉ points are isotropic Gaussian with sd {@code noise} around (0, 0), the
     * rest isotropic Gaussian with sd 2.5·{@code noise} around (3, 1.5). Started from a shared
     * mean, EM's wide component reaches for the wide blob and the narrow one for the tight blob.
     */
    TIGHT_AND_WIDE("tight-and-wide", "A tight blob at (0,0) and a wider one at (3,1.5), 70/30; noise is the tight sd", 200,
            0.4) {
        @Override
        void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y) {
            int tight = (int) Math.ceil(0.7 * n);
            for (int i = 0; i < n; i++) {
                boolean inTight = i < tight;
                double sd = inTight ? noise : 2.5 * noise;
                x[i] = (inTight ? 0 : 3) + (noise == 0 ? 0 : sd * gauss.nextGaussian());
                y[i] = (inTight ? 0 : 1.5) + (noise == 0 ? 0 : sd * gauss.nextGaussian());
            }
        }
    },

    /**
     * Three isotropic Gaussians with sd {@code noise} centred on the circle of radius 2.5 at
     * 90°, 210°, 330°, i.e. (0, 2.5), (−2.5·√3/2, −1.25), (2.5·√3/2, −1.25). Contiguous
     * blocks in that order; block k has ⌊n/3⌋ points plus one if k &lt; n mod 3.
     */
    THREE_BLOBS("three-blobs", "Three Gaussian blobs on a triangle of radius 2.5; noise is their sd", 300, 0.5) {
        @Override
        void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y) {
            double h = 2.5 * Math.sqrt(3) / 2;
            double[][] centres = {{0, 2.5}, {-h, -1.25}, {h, -1.25}};
            gaussians(n, noise, gauss, x, y, centres, i -> block(i, n, 3), NO_EXCLUSION);
        }
    },

    /**
     * Two-blobs plus far outliers, for a mixture component collapsing onto one point.
     * k = max(1, ⌊n/20⌋) of the n points are outliers (5%, at least one); the first n − k
     * points are the two-blobs geometry for n − k points. Then the <em>anchor</em> outlier
     * at exactly ({@link #ANCHOR_X}, {@link #ANCHOR_Y}) = (7, 6), then k − 1 outliers uniform in [−8, 8]² from the
     * layout stream (x then y). Any blob point or uniform outlier that would fall within
     * distance {@link #ANCHOR_CLEARANCE} = 3 of the anchor is redrawn from its own stream,
     * so the anchor is always isolated: at least distance 3 from every other point.
     */
    BLOBS_WITH_OUTLIERS("blobs-with-outliers",
            "Two Gaussian blobs plus 5% far outliers, one isolated at (7,6); noise is the blobs' sd", 200, 0.6) {
        @Override
        void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y) {
            int outliers = Math.max(1, n / 20);
            int inliers = n - outliers;
            twoBlobs(inliers, noise, gauss, x, y, Preset::nearAnchor);
            x[inliers] = ANCHOR_X;
            y[inliers] = ANCHOR_Y;
            for (int i = inliers + 1; i < n; i++) {
                do {
                    x[i] = layout.uniform(-8, 8);
                    y[i] = layout.uniform(-8, 8);
                } while (nearAnchor(x[i], y[i]));
            }
        }
    },

    /**
     * scikit-learn's {@code make_moons(shuffle=False)} geometry. With n_out = ⌊n/2⌋ and
     * n_in = n − n_out, and t = linspace(0, π, count) including both ends (numpy's formula:
     * t_i = i·π/(count − 1), the last exactly π; a single point has t = 0):
     * first the outer moon, n_out points (cos t, sin t); then the inner moon, n_in points
     * (1 − cos t, 1 − sin t − 0.5). Then jitter sd {@code noise}. Not shuffled.
     */
    TWO_MOONS("two-moons", "Two interleaving half circles (scikit-learn's make_moons); noise is jitter sd", 200, 0.05) {
        @Override
        void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y) {
            int nOut = n / 2;
            int nIn = n - nOut;
            for (int i = 0; i < nOut; i++) {
                double t = linspace(0, Math.PI, nOut, i);
                x[i] = Math.cos(t);
                y[i] = Math.sin(t);
            }
            for (int j = 0; j < nIn; j++) {
                double t = linspace(0, Math.PI, nIn, j);
                x[nOut + j] = 1 - Math.cos(t);
                y[nOut + j] = 1 - Math.sin(t) - 0.5;
            }
            jitter(noise, gauss, x, y);
        }
    },

    /**
     * Two concentric circles about the origin: the first ⌈n/2⌉ points on radius 1, the rest
     * on radius 2. On a circle with m points, point j has the evenly spaced angle
     * θ_j = 2π·j/m (no randomness in the angle) and radius R + noise·z (radial Gaussian
     * noise, one z per point).
     */
    RINGS("rings", "Two concentric circles of radius 1 and 2; noise is radial sd", 400, 0.08) {
        @Override
        void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y) {
            int inner = (n + 1) / 2;
            for (int i = 0; i < n; i++) {
                boolean isInner = i < inner;
                int m = isInner ? inner : n - inner;
                int j = isInner ? i : i - inner;
                double theta = 2 * Math.PI * j / m;
                double r = (isInner ? 1 : 2) + (noise > 0 ? noise * gauss.nextGaussian() : 0);
                x[i] = r * Math.cos(theta);
                y[i] = r * Math.sin(theta);
            }
        }
    },

    /**
     * A two-armed Archimedean spiral. The first ⌈n/2⌉ points form arm a = 0, the rest arm
     * a = 1. On an arm with m points, t_j = linspace(0.5, 3π, m) (both ends included), radius
     * r = t/π (so r ≤ 3), angle θ = t + a·π: the point is (r cos θ, r sin θ). Then jitter sd
     * {@code noise}.
     */
    SPIRAL("spiral", "Two interleaved Archimedean spiral arms, radius up to 3; noise is jitter sd", 400, 0.1) {
        @Override
        void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y) {
            int first = (n + 1) / 2;
            for (int i = 0; i < n; i++) {
                int arm = i < first ? 0 : 1;
                int m = arm == 0 ? first : n - first;
                int j = arm == 0 ? i : i - first;
                double t = linspace(0.5, 3 * Math.PI, m, j);
                double r = t / Math.PI;
                double theta = t + arm * Math.PI;
                x[i] = r * Math.cos(theta);
                y[i] = r * Math.sin(theta);
            }
            jitter(noise, gauss, x, y);
        }
    },

    /**
     * Eight isotropic Gaussians with sd {@code noise} centred on the circle of radius 2 at
     * angles k·45°, k = 0..7 (exact values: (2, 0), (√2, √2), (0, 2), ...). Point i belongs
     * to centre i mod 8.
     */
    EIGHT_GAUSSIANS("eight-gaussians", "Eight small Gaussians on a circle of radius 2; noise is their sd", 400, 0.1) {
        @Override
        void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y) {
            gaussians(n, noise, gauss, x, y, EIGHT_CENTRES, i -> i % 8, NO_EXCLUSION);
        }
    },

    /**
     * Uniform points on the black squares of a 4×4 checkerboard covering [−2, 2]²: the unit
     * squares [i, i+1)×[j, j+1) with i + j even, i, j ∈ {−2, −1, 0, 1}. Each point picks one
     * of the 8 squares uniformly ({@code nextInt(8)}, squares ordered by j then i), then
     * u, v uniform in [0, 1) and is placed at (i + u, j + v); all from the layout stream.
     * Then jitter sd {@code noise} (default 0: points stay on black squares).
     */
    CHECKERBOARD("checkerboard", "Uniform points on the black squares of a 4x4 board on [-2,2]^2; noise is jitter sd", 400,
            0.0) {
        @Override
        void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y) {
            for (int i = 0; i < n; i++) {
                int[] square = BLACK_SQUARES[layout.nextInt(BLACK_SQUARES.length)];
                x[i] = insideCell(square[0], layout.nextDouble());
                y[i] = insideCell(square[1], layout.nextDouble());
            }
            jitter(noise, gauss, x, y);
        }
    };

    /** Largest accepted n. */
    public static final int MAX_N = 1_000_000;

    /** x of the isolated anchor outlier of {@link #BLOBS_WITH_OUTLIERS}. */
    public static final double ANCHOR_X = 7;

    /** y of the isolated anchor outlier of {@link #BLOBS_WITH_OUTLIERS}. */
    public static final double ANCHOR_Y = 6;

    /** Minimum distance from the anchor outlier to every other point of {@link #BLOBS_WITH_OUTLIERS}. */
    public static final double ANCHOR_CLEARANCE = 3;

    private static final double[][] EIGHT_CENTRES = eightCentres();

    private static final int[][] BLACK_SQUARES = blackSquares();

    private static final List<String> NAMES =
            Arrays.stream(values()).map(Preset::id).toList();

    /** Tells whether a candidate point must be redrawn. */
    @FunctionalInterface
    private interface Exclusion {
        boolean excludes(double x, double y);
    }

    private static final Exclusion NO_EXCLUSION = (x, y) -> false;

    private final String id;
    private final String description;
    private final int defaultN;
    private final double defaultNoise;

    Preset(String id, String description, int defaultN, double defaultNoise) {
        this.id = id;
        this.description = description;
        this.defaultN = defaultN;
        this.defaultNoise = defaultNoise;
    }

    /** Writes the n points into x and y (arrays of length n); see the class contract. */
    abstract void fill(int n, double noise, Rng layout, Rng gauss, double[] x, double[] y);

    /** The stable lower-case name used on the command line and in files, e.g. {@code two-moons}. */
    public String id() {
        return id;
    }

    /** A one-line description of the geometry, for the UI. */
    public String description() {
        return description;
    }

    /** The default number of points. */
    public int defaultN() {
        return defaultN;
    }

    /** The default noise (its meaning per preset is in the constant's Javadoc). */
    public double defaultNoise() {
        return defaultNoise;
    }

    /**
     * Generates n points with unit weights; see the class Javadoc for the reproducibility
     * contract and each constant's Javadoc for its geometry.
     *
     * @param n number of points, 1 ≤ n ≤ {@link #MAX_N}
     * @param noise finite and ≥ 0
     * @param seed any value
     * @throws IllegalArgumentException if n or noise is out of range
     */
    public Dataset2D generate(int n, double noise, long seed) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n must be between 1 and " + MAX_N + ", got " + n);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        fill(n, noise, Rng.forStream(seed, 0), Rng.forStream(seed, 1), x, y);
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return Dataset2D.owning(x, y, w);
    }

    /** {@link #generate(int, double, long)} with the default n and noise. */
    public Dataset2D generate(long seed) {
        return generate(defaultN, defaultNoise, seed);
    }

    /** The preset with this {@link #id()} (surrounding whitespace and case ignored). */
    public static Optional<Preset> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(key)).findFirst();
    }

    /** All ids in declaration order (an unmodifiable list). */
    public static List<String> names() {
        return NAMES;
    }

    @Override
    public String toString() {
        return id;
    }

    // ---------------------------------------------------------------- shared geometry

    /** Point i of numpy's linspace(start, stop, m): start + i·(stop − start)/(m − 1), the last exactly stop. */
    static double linspace(double start, double stop, int m, int i) {
        if (m == 1) {
            return start;
        }
        if (i == m - 1) {
            return stop;
        }
        return i * ((stop - start) / (m - 1)) + start;
    }

    /** Block index of point i when n points are cut into k contiguous blocks, the first n mod k one larger. */
    static int block(int i, int n, int k) {
        int small = n / k;
        int large = small + 1;
        int inLarge = (n % k) * large;
        return i < inLarge ? i / large : n % k + (i - inLarge) / small;
    }

    /** Adds jitter sd {@code noise} to every point (nothing, and no draws, when noise is 0). */
    private static void jitter(double noise, Rng gauss, double[] x, double[] y) {
        if (noise == 0) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] += noise * gauss.nextGaussian();
            y[i] += noise * gauss.nextGaussian();
        }
    }

    /** The two-blobs geometry for the first n entries of x and y. */
    private static void twoBlobs(int n, double noise, Rng gauss, double[] x, double[] y, Exclusion exclusion) {
        double[][] centres = {{-2, 0}, {2, 0}};
        gaussians(n, noise, gauss, x, y, centres, i -> block(i, n, 2), exclusion);
    }

    /**
     * Point i (i &lt; n) = centre c(i) + noise·(z_x, z_y), redrawing z while the exclusion
     * rejects the point.
     */
    private static void gaussians(int n, double noise, Rng gauss, double[] x, double[] y, double[][] centres,
            IntUnaryOperator centreOf, Exclusion exclusion) {
        for (int i = 0; i < n; i++) {
            double[] c = centres[centreOf.applyAsInt(i)];
            do {
                x[i] = c[0];
                y[i] = c[1];
                if (noise > 0) {
                    x[i] += noise * gauss.nextGaussian();
                    y[i] += noise * gauss.nextGaussian();
                }
            } while (exclusion.excludes(x[i], y[i]));
        }
    }

    private static boolean nearAnchor(double x, double y) {
        return Math.hypot(x - ANCHOR_X, y - ANCHOR_Y) < ANCHOR_CLEARANCE;
    }

    /** i + u for u in [0, 1), kept inside [i, i + 1) even where the sum rounds up to i + 1. */
    private static double insideCell(int i, double u) {
        return Math.min(i + u, Math.nextDown(i + 1.0));
    }

    private static double[][] eightCentres() {
        double s = Math.sqrt(2);
        return new double[][] {{2, 0}, {s, s}, {0, 2}, {-s, s}, {-2, 0}, {-s, -s}, {0, -2}, {s, -s}};
    }

    private static int[][] blackSquares() {
        int[][] squares = new int[8][];
        int k = 0;
        for (int j = -2; j <= 1; j++) {
            for (int i = -2; i <= 1; i++) {
                if (Math.floorMod(i + j, 2) == 0) {
                    squares[k++] = new int[] {i, j};
                }
            }
        }
        return squares;
    }
}
