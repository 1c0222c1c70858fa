package org.genlab.ui.plot;

import java.util.List;

/** Draws a legend box with a swatch and a label per entry in a corner of the plot area. */
public final class Legend {
    private Legend() {
    }

    /** Corner of the plot area. */
    public enum Corner { TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT }

    private static final double FONT = 14, ROW = 20, PAD = 8, SWATCH = 22;

    /** Paints {@code entries} (nothing if empty) inside the plot area of {@code v}. */
    public static void paint(Painter p, Viewport v, List<LegendEntry> entries, Corner corner) {
        if (entries.isEmpty()) {
            return;
        }
        double k = p.style().scale(), row = ROW * k, pad = PAD * k, swatch = SWATCH * k;
        double textW = 0;
        for (LegendEntry e : entries) {
            textW = Math.max(textW, p.textWidth(e.label(), FONT, false));
        }
        double w = pad * 3 + swatch + textW, h = pad * 2 + row * entries.size();
        // A short plot (a chart at presentation size) gets the entries side by side in one row.
        boolean oneRow = entries.size() > 1 && h > v.plotHeight() - 2 * pad;
        double[] offsets = new double[entries.size()];
        if (oneRow) {
            double at = 0;
            for (int i = 0; i < entries.size(); i++) {
                offsets[i] = at;
                at += swatch + pad + p.textWidth(entries.get(i).label(), FONT, false) + pad * 2;
            }
            w = at;
            h = pad * 2 + row;
        }
        boolean left = corner == Corner.TOP_LEFT || corner == Corner.BOTTOM_LEFT;
        boolean top = corner == Corner.TOP_LEFT || corner == Corner.TOP_RIGHT;
        double x = left ? v.plotLeft() + pad : v.plotLeft() + v.plotWidth() - pad - w;
        double y = top ? v.plotTop() + pad : v.plotTop() + v.plotHeight() - pad - h;
        p.save();
        p.setDashes();
        p.setFill(0xE6FFFFFF);
        p.fillRect(x, y, w, h);
        p.setStroke(0xFF999999);
        p.setLineWidth(1);
        p.strokeRect(x, y, w, h);
        for (int i = 0; i < entries.size(); i++) {
            LegendEntry e = entries.get(i);
            double cy = oneRow ? y + pad + row / 2 : y + pad + row * i + row / 2;
            double sx = x + pad + (oneRow ? offsets[i] : 0);
            p.setFill(e.argb());
            p.setStroke(e.argb());
            p.setLineWidth(2.5);
            switch (e.kind()) {
                case POINT -> p.fillCircle(sx + swatch / 2, cy, 5);
                case LINE -> p.strokeLine(sx, cy, sx + swatch, cy);
                case DASHED_LINE -> {
                    p.setDashes(5, 4);
                    p.strokeLine(sx, cy, sx + swatch, cy);
                    p.setDashes();
                }
                case BOX -> p.fillRect(sx, cy - 6 * k, swatch, 12 * k);
            }
            p.setFill(0xFF222222);
            p.text(e.label(), sx + swatch + pad, cy, FONT, Painter.HAlign.LEFT, Painter.VAlign.CENTER, false);
        }
        p.restore();
    }
}
