package org.genlab.core.vae;

import java.util.Arrays;
import java.util.List;
import org.genlab.core.math.Rng;

/**
 * GenLab's built-in image data set, generated from a seed (nothing is downloaded): 16x16 grey
 * images, values in [0, 1], of one white shape on black, with known factors
 * ({@link ShapeFactors}): its kind (square, ellipse, triangle), the position of its centre,
 * its scale and its rotation.
 *
 * <p>Image i draws its factors from its own stream {@code Rng.forStream(seed, i)}, independent
 * and uniform: kind in {0, 1, 2}; x and y in [0, 1) (the centre at pixel coordinates
 * 5 + 6x, 5 + 6y, so every shape stays inside the image); scale in [0.5, 1) (the shape fits
 * in a circle of radius R = 5 scale pixels: a square of half-side R/sqrt 2, an ellipse with
 * semi-axes R and 0.55 R, an equilateral triangle of circumradius R pointing up at rotation
 * 0); rotation in [0, pi/2). So the first k images of {@code generate(n, seed)} are those of
 * {@code generate(k, seed)}. Each pixel is the fraction of a 4x4 grid of points inside it
 * that fall in the shape (anti-aliasing by supersampling), so values are multiples of 1/16.
 *
 * <p>Pixels are row-major, row 0 at the top, column 0 at the left. Immutable.
 */
public final class Shapes {
    /** Image side in pixels. */
    public static final int SIDE = 16;
    /** Pixels per image. */
    public static final int PIXELS = SIDE * SIDE;
    /** The default number of images. */
    public static final int DEFAULT_N = 10_000;
    /** The most images {@link #generate} makes. */
    public static final int MAX_N = 1_000_000;
    /** The factors' names, in {@link ShapeFactors}'s order. */
    public static final List<String> FACTOR_NAMES = List.of("kind", "x", "y", "scale", "rotation");
    /** The kinds' names, by kind. */
    public static final List<String> KIND_NAMES = List.of("square", "ellipse", "triangle");

    /** Supersamples per pixel side. */
    private static final int SUPER = 4;
    private static final double ELLIPSE_MINOR = 0.55;

    private final long seed;
    private final float[] pixels;
    private final ShapeFactors[] factors;

    private Shapes(long seed, float[] pixels, ShapeFactors[] factors) {
        this.seed = seed;
        this.pixels = pixels;
        this.factors = factors;
    }

    /**
     * {@code n} images from {@code seed} (about 30 ms for 10,000 on one core).
     *
     * @throws IllegalArgumentException if n is outside 1..{@value #MAX_N} (message starts with {@code n:})
     */
    public static Shapes generate(int n, long seed) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n: must be in 1.." + MAX_N + ", got " + n);
        }
        float[] px = new float[n * PIXELS];
        ShapeFactors[] f = new ShapeFactors[n];
        for (int i = 0; i < n; i++) {
            Rng rng = Rng.forStream(seed, i);
            int kind = rng.nextInt(3);
            double x = rng.nextDouble();
            double y = rng.nextDouble();
            double scale = rng.uniform(0.5, 1.0);
            double rotation = rng.uniform(0, Math.PI / 2);
            f[i] = new ShapeFactors(kind, x, y, scale, rotation);
            render(f[i], px, i * PIXELS);
        }
        return new Shapes(seed, px, f);
    }

    /** The image of these factors (for any finite values: a shape partly outside is clipped). */
    public static float[] render(ShapeFactors f) {
        float[] out = new float[PIXELS];
        render(f, out, 0);
        return out;
    }

    /** Draws one image into {@code out[off, off + 256)}, which must be zero there. */
    private static void render(ShapeFactors f, float[] out, int off) {
        double cx = 5 + 6 * f.x();
        double cy = 5 + 6 * f.y();
        double r = 5 * f.scale();
        double cos = Math.cos(f.rotation());
        double sin = Math.sin(f.rotation());
        int c0 = Math.max(0, (int) Math.floor(cx - r)), c1 = Math.min(SIDE - 1, (int) Math.floor(cx + r));
        int r0 = Math.max(0, (int) Math.floor(cy - r)), r1 = Math.min(SIDE - 1, (int) Math.floor(cy + r));
        double half = r / Math.sqrt(2);
        double a2 = r * r, b2 = (ELLIPSE_MINOR * r) * (ELLIPSE_MINOR * r);
        double in = r / 2; // a triangle's inradius
        float unit = 1f / (SUPER * SUPER);
        for (int row = r0; row <= r1; row++) {
            for (int col = c0; col <= c1; col++) {
                int count = 0;
                for (int sy = 0; sy < SUPER; sy++) {
                    // screen y grows downwards; the shape's frame has v upwards
                    double dy = cy - (row + (sy + 0.5) / SUPER);
                    for (int sx = 0; sx < SUPER; sx++) {
                        double dx = col + (sx + 0.5) / SUPER - cx;
                        // (u, v) = the point rotated by -rotation
                        double u = dx * cos + dy * sin;
                        double v = -dx * sin + dy * cos;
                        boolean inside;
                        switch (f.kind()) {
                            case ShapeFactors.SQUARE:
                                inside = Math.abs(u) <= half && Math.abs(v) <= half;
                                break;
                            case ShapeFactors.ELLIPSE:
                                // (u/a)^2 + (v/b)^2 <= 1
                                inside = u * u * b2 + v * v * a2 <= a2 * b2;
                                break;
                            default:
                                // the three edges' outward normals point down, up-right and up-left:
                                // n . (u, v) <= inradius for each
                                inside = -v <= in
                                        && 0.8660254037844386 * u + 0.5 * v <= in
                                        && -0.8660254037844386 * u + 0.5 * v <= in;
                        }
                        if (inside) {
                            count++;
                        }
                    }
                }
                out[off + row * SIDE + col] = count * unit;
            }
        }
    }

    /** The seed the images came from. */
    public long seed() {
        return seed;
    }

    /** Number of images. */
    public int size() {
        return factors.length;
    }

    /** Image i's pixels, a new array of 256, row-major, row 0 at the top. */
    public float[] pixels(int i) {
        return Arrays.copyOfRange(pixels, i * PIXELS, (i + 1) * PIXELS);
    }

    /** Image i's factors. */
    public ShapeFactors factors(int i) {
        return factors[i];
    }

    /** Factor {@code name} (one of {@link #FACTOR_NAMES}) of image i; kind as 0, 1 or 2. */
    public double factor(int i, String name) {
        return factors[i].get(name);
    }

    /** The images as a VAE data set named {@code shapes} (one row of 256 per image). */
    public VaeData data() {
        return VaeData.owning("shapes", PIXELS, pixels.clone(), null);
    }

    /** The images from..to-1 as a VAE data set. */
    public VaeData data(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("range: [" + from + ", " + to + ") is not inside [0, " + size() + ")");
        }
        return VaeData.owning("shapes", PIXELS, Arrays.copyOfRange(pixels, from * PIXELS, to * PIXELS), null);
    }
}
