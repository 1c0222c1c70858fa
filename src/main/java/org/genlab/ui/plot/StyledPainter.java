package org.genlab.ui.plot;

/**
 * A painter drawing in a {@link FigureStyle}: text sizes, line widths and dashes times the
 * style's scale, point markers times its marker scale, neutral colours through the palette.
 * Everything else is passed on unchanged.
 */
final class StyledPainter implements Painter {
    private final Painter p;
    private final FigureStyle style;
    private final double s, m;

    StyledPainter(Painter inner, FigureStyle style) {
        this.p = inner instanceof StyledPainter sp ? sp.p : inner;
        this.style = style;
        this.s = style.scale();
        this.m = style.markerScale();
    }

    @Override
    public FigureStyle style() {
        return style;
    }

    @Override
    public void setStroke(int argb) {
        p.setStroke(style.palette().ink(argb));
    }

    @Override
    public void setFill(int argb) {
        p.setFill(style.palette().ink(argb));
    }

    @Override
    public void setLineWidth(double width) {
        p.setLineWidth(width * s);
    }

    @Override
    public void setDashes(double... dashes) {
        if (dashes == null || dashes.length == 0) {
            p.setDashes();
            return;
        }
        double[] d = new double[dashes.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = dashes[i] * s;
        }
        p.setDashes(d);
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        p.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void strokePolyline(double[] xs, double[] ys, int n) {
        p.strokePolyline(xs, ys, n);
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
        p.fillPolygon(xs, ys, n);
    }

    @Override
    public void fillCircle(double cx, double cy, double r) {
        p.fillCircle(cx, cy, r * m);
    }

    @Override
    public void strokeCircle(double cx, double cy, double r) {
        p.strokeCircle(cx, cy, r * m);
    }

    @Override
    public void fillEllipse(double cx, double cy, double rx, double ry, double angle) {
        p.fillEllipse(cx, cy, rx, ry, angle);
    }

    @Override
    public void strokeEllipse(double cx, double cy, double rx, double ry, double angle) {
        p.strokeEllipse(cx, cy, rx, ry, angle);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        p.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        p.strokeRect(x, y, w, h);
    }

    @Override
    public void text(String text, double x, double y, double size, HAlign h, VAlign v, boolean bold) {
        p.text(text, x, y, size * s, h, v, bold);
    }

    @Override
    public double textWidth(String text, double size, boolean bold) {
        return p.textWidth(text, size * s, bold);
    }

    @Override
    public void drawImage(RasterImage image, double x, double y, double w, double h) {
        p.drawImage(image, x, y, w, h);
    }

    @Override
    public double pixelScale() {
        return p.pixelScale();
    }

    @Override
    public boolean isVector() {
        return p.isVector();
    }

    @Override
    public void save() {
        p.save();
    }

    @Override
    public void restore() {
        p.restore();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        p.clip(x, y, w, h);
    }
}
