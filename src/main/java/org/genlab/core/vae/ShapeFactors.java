package org.genlab.core.vae;

/**
 * The known factors of one {@link Shapes} image.
 *
 * @param kind     0 square, 1 ellipse, 2 triangle
 * @param x        horizontal position of the centre, 0 (left) to 1 (right)
 * @param y        vertical position of the centre, 0 (top, row 0) to 1 (bottom)
 * @param scale    size, 0.5 to 1 (the shape fits in a circle of radius 5 scale pixels)
 * @param rotation angle in radians, 0 to pi/2, counter-clockwise on screen; every kind looks
 *                 different at every angle in that range (a square repeats after pi/2, a
 *                 triangle after 2 pi/3, an ellipse after pi)
 */
public record ShapeFactors(int kind, double x, double y, double scale, double rotation) {
    /** Square. */
    public static final int SQUARE = 0;
    /** Ellipse. */
    public static final int ELLIPSE = 1;
    /** Triangle. */
    public static final int TRIANGLE = 2;

    /** The factor called {@code name}, one of {@link Shapes#FACTOR_NAMES} ({@code kind} as a double). */
    public double get(String name) {
        switch (name) {
            case "kind":
                return kind;
            case "x":
                return x;
            case "y":
                return y;
            case "scale":
                return scale;
            case "rotation":
                return rotation;
            default:
                throw new IllegalArgumentException("name: '" + name + "' is not one of " + Shapes.FACTOR_NAMES);
        }
    }
}
