package org.genlab.ui.plot;

/**
 * Arrows of a 2-D vector field on a screen-aligned grid (every {@link #setSpacing spacing}
 * pixels) or at given world points, coloured by magnitude through a colour map. Arrow lengths are
 * scaled so the longest arrow spans 90% of a grid cell (or use a fixed world-to-pixel scale).
 */
public final class VectorFieldLayer extends AbstractLayer {

    /** A vector function: writes (u, v) at (x, y) into {@code out[0]}, {@code out[1]}. */
    @FunctionalInterface
    public interface VectorFunction {
        /** Evaluates the vector at (x, y) into out[0..1]. */
        void eval(double x, double y, double[] out);
    }

    private volatile VectorFunction function;
    private volatile double spacing = 32;
    private volatile Colormap colormap = Colormaps.VIRIDIS;
    private volatile double fixedScale = Double.NaN;
    private volatile double[] pointsX, pointsY;

    /** Sets the vector function (null shows nothing); call again when its parameters change. */
    public void setFunction(VectorFunction f) {
        function = f;
        requestRepaint();
    }

    /** Sets the grid spacing in pixels. */
    public void setSpacing(double pixels) {
        spacing = Math.max(4, pixels);
        requestRepaint();
    }

    /** Sets the colour map used for magnitudes. */
    public void setColormap(Colormap map) {
        colormap = map;
        requestRepaint();
    }

    /** Pixels per world unit of vector length; NaN (default) = auto-fit to the grid cell. */
    public void setFixedScale(double pixelsPerUnit) {
        fixedScale = pixelsPerUnit;
        requestRepaint();
    }

    /** Draws arrows at these world points instead of the grid; null returns to the grid. */
    public void setSamplePoints(double[] xs, double[] ys) {
        pointsX = xs == null ? null : xs.clone();
        pointsY = ys == null ? null : ys.clone();
        requestRepaint();
    }

    @Override
    public void paint(Painter p, Viewport v) {
        VectorFunction f = function;
        if (f == null) {
            return;
        }
        double[] wx = pointsX, wy = pointsY;
        double sp = spacing;
        if (wx == null) {
            int nx = Math.max(1, (int) (v.plotWidth() / sp)), ny = Math.max(1, (int) (v.plotHeight() / sp));
            wx = new double[nx * ny];
            wy = new double[nx * ny];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    wx[j * nx + i] = v.toWorldX(v.plotLeft() + (i + 0.5) * v.plotWidth() / nx);
                    wy[j * nx + i] = v.toWorldY(v.plotTop() + (j + 0.5) * v.plotHeight() / ny);
                }
            }
        }
        int n = Math.min(wx.length, wy.length);
        double[] su = new double[n], sv = new double[n], mag = new double[n], tmp = new double[2];
        double maxMag = 0;
        for (int i = 0; i < n; i++) {
            f.eval(wx[i], wy[i], tmp);
            // screen components: u scaled by pixels per unit along x, v along y and flipped
            su[i] = tmp[0] * v.scaleX();
            sv[i] = -tmp[1] * v.scaleY();
            mag[i] = Math.hypot(tmp[0], tmp[1]);
            if (Double.isFinite(mag[i])) {
                maxMag = Math.max(maxMag, mag[i]);
            }
        }
        if (maxMag == 0) {
            return;
        }
        // pixel length = |screen vector| * k with k = 0.9 * spacing / max screen length (auto) or the fixed scale
        double maxScreen = 0;
        for (int i = 0; i < n; i++) {
            double l = Math.hypot(su[i], sv[i]);
            if (Double.isFinite(l)) {
                maxScreen = Math.max(maxScreen, l);
            }
        }
        double fs = fixedScale;
        double k = Double.isNaN(fs) ? 0.9 * sp / maxScreen : fs / Math.max(v.scaleX(), v.scaleY());
        Colormap cm = colormap;
        double[] bx = new double[3], by = new double[3];
        p.save();
        p.clip(v.plotLeft(), v.plotTop(), v.plotWidth(), v.plotHeight());
        p.setLineWidth(1.5);
        p.setDashes();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(mag[i])) {
                continue;
            }
            int c = cm.argb(mag[i] / maxMag);
            p.setStroke(c);
            p.setFill(c);
            double x0 = v.toScreenX(wx[i]), y0 = v.toScreenY(wy[i]);
            double hx = su[i] * k / 2, hy = sv[i] * k / 2;
            Arrows.arrow(p, x0 - hx, y0 - hy, x0 + hx, y0 + hy, 7, bx, by);
        }
        p.restore();
    }
}
