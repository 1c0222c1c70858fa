package org.genlab.ui.plot;

/**
 * One raster placed over a rectangle of the world (a mosaic of decoded images over a latent
 * plane, for instance): it pans and zooms with the plot. Drawn with one image draw.
 */
public final class ImageLayer extends AbstractLayer {
    private record Placed(RasterImage image, double x0, double y0, double x1, double y1) {
    }

    private volatile Placed placed;

    /** Shows {@code image} over [x0, x1] × [y0, y1] (its row 0 at y1, the top); null clears it. */
    public void setImage(RasterImage image, double x0, double x1, double y0, double y1) {
        placed = image == null ? null : new Placed(image, x0, y0, x1, y1);
        requestRepaint();
    }

    /** The raster shown, or null. */
    public RasterImage image() {
        Placed p = placed;
        return p == null ? null : p.image();
    }

    @Override
    public void paint(Painter p, Viewport v) {
        Placed s = placed;
        if (s == null) {
            return;
        }
        p.save();
        p.clip(v.plotLeft(), v.plotTop(), v.plotWidth(), v.plotHeight());
        double sx0 = v.toScreenX(s.x0()), sx1 = v.toScreenX(s.x1());
        double sy0 = v.toScreenY(s.y1()), sy1 = v.toScreenY(s.y0());
        p.drawImage(s.image(), sx0, sy0, sx1 - sx0, sy1 - sy0);
        p.restore();
    }
}
