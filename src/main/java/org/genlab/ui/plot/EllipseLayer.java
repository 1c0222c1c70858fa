package org.genlab.ui.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Ellipses in world coordinates, e.g. Gaussian components at n sigma. Each ellipse is mapped to
 * the screen exactly (also with unequal axis scales) by transforming its shape matrix.
 */
public final class EllipseLayer extends AbstractLayer {

    /**
     * One ellipse in world units.
     *
     * @param cx centre x
     * @param cy centre y
     * @param rx semi-axis along the rotated x direction
     * @param ry semi-axis along the rotated y direction
     * @param angle rotation in radians, counter-clockwise in world coordinates
     * @param argb stroke colour
     * @param lineWidth pixels
     * @param dashed dashed outline
     * @param fillArgb fill colour, 0 for none
     */
    public record Ellipse(double cx, double cy, double rx, double ry, double angle, int argb, double lineWidth,
                          boolean dashed, int fillArgb) {

        /**
         * The n-sigma contour of a Gaussian with covariance [[s11, s12], [s12, s22]]: semi-axes
         * n sqrt(lambda_1,2) along the eigenvectors, with
         * lambda = (s11 + s22) / 2 +- sqrt(((s11 - s22) / 2)^2 + s12^2) and
         * angle = atan2(2 s12, s11 - s22) / 2.
         */
        public static Ellipse ofCovariance(double cx, double cy, double s11, double s12, double s22, double nSigma,
                                           int argb) {
            double[] e = eigen(s11, s12, s22);
            return new Ellipse(cx, cy, nSigma * Math.sqrt(Math.max(0, e[0])), nSigma * Math.sqrt(Math.max(0, e[1])),
                    e[2], argb, 2, false, 0);
        }

        /** A circle of radius r. */
        public static Ellipse circle(double cx, double cy, double r, int argb) {
            return new Ellipse(cx, cy, r, r, 0, argb, 2, false, 0);
        }

        /** @return this ellipse dashed or solid */
        public Ellipse withDashed(boolean d) {
            return new Ellipse(cx, cy, rx, ry, angle, argb, lineWidth, d, fillArgb);
        }

        /** @return this ellipse with a fill colour (0 = none) */
        public Ellipse withFill(int fill) {
            return new Ellipse(cx, cy, rx, ry, angle, argb, lineWidth, dashed, fill);
        }

        /** @return this ellipse with another line width */
        public Ellipse withLineWidth(double w) {
            return new Ellipse(cx, cy, rx, ry, angle, argb, w, dashed, fillArgb);
        }
    }

    /**
     * Eigen-decomposition of the symmetric matrix [[a, b], [b, c]].
     *
     * @return {lambda_max, lambda_min, angle of the lambda_max eigenvector}
     */
    static double[] eigen(double a, double b, double c) {
        double mean = (a + c) / 2, rad = Math.hypot((a - c) / 2, b);
        return new double[] {mean + rad, mean - rad, 0.5 * Math.atan2(2 * b, a - c)};
    }

    private volatile List<Ellipse> ellipses = List.of();
    private volatile boolean centreMarkers = true;
    private volatile double[] dashes = {8, 6};

    /** Replaces the ellipses. */
    public void setEllipses(List<Ellipse> list) {
        ellipses = List.copyOf(list);
        requestRepaint();
    }

    /** Adds one ellipse. */
    public void add(Ellipse e) {
        List<Ellipse> l = new ArrayList<>(ellipses);
        l.add(e);
        setEllipses(l);
    }

    /** @return the ellipses */
    public List<Ellipse> getEllipses() {
        return ellipses;
    }

    /** Shows a small cross at each centre. */
    public void setCentreMarkers(boolean show) {
        centreMarkers = show;
        requestRepaint();
    }

    @Override
    public void paint(Painter p, Viewport v) {
        p.save();
        p.clip(v.plotLeft(), v.plotTop(), v.plotWidth(), v.plotHeight());
        double kx = v.scaleX(), ky = v.scaleY();
        for (Ellipse e : ellipses) {
            // World shape matrix E = R diag(rx^2, ry^2) R^T; on screen S = D E D with
            // D = diag(kx, -ky) (pixels per unit, y flipped); its eigen-decomposition gives the
            // screen semi-axes and angle.
            double c = Math.cos(e.angle()), s = Math.sin(e.angle());
            double rx2 = e.rx() * e.rx(), ry2 = e.ry() * e.ry();
            double e11 = rx2 * c * c + ry2 * s * s, e12 = (rx2 - ry2) * c * s, e22 = rx2 * s * s + ry2 * c * c;
            double[] sc = eigen(kx * kx * e11, -kx * ky * e12, ky * ky * e22);
            double cx = v.toScreenX(e.cx()), cy = v.toScreenY(e.cy());
            double ax = Math.sqrt(Math.max(0, sc[0])), ay = Math.sqrt(Math.max(0, sc[1]));
            if (e.fillArgb() != 0) {
                p.setFill(e.fillArgb());
                p.fillEllipse(cx, cy, ax, ay, sc[2]);
            }
            p.setStroke(e.argb());
            p.setLineWidth(e.lineWidth());
            p.setDashes(e.dashed() ? dashes : null);
            p.strokeEllipse(cx, cy, ax, ay, sc[2]);
            if (centreMarkers) {
                p.setDashes();
                p.strokeLine(cx - 5, cy, cx + 5, cy);
                p.strokeLine(cx, cy - 5, cx, cy + 5);
            }
        }
        p.restore();
    }
}
