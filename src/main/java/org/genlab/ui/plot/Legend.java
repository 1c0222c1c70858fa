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
        double textW = 0;
        for (LegendEntry e : entries) {
            textW = Math.max(textW, p.textWidth(e.label(), FONT, false));
        }
        double w = PAD * 3 + SWATCH + textW, h = PAD * 2 + ROW * entries.size();
        boolean left = corner == Corner.TOP_LEFT || corner == Corner.BOTTOM_LEFT;
        boolean top = corner == Corner.TOP_LEFT || corner == Corner.TOP_RIGHT;
        double x = left ? v.plotLeft() + PAD : v.plotLeft() + v.plotWidth() - PAD - w;
        double y = top ? v.plotTop() + PAD : v.plotTop() + v.plotHeight() - PAD - h;
        p.save();
        p.setDashes();
        p.setFill(0xE6FFFFFF);
        p.fillRect(x, y, w, h);
        p.setStroke(0xFF999999);
        p.setLineWidth(1);
        p.strokeRect(x, y, w, h);
        for (int i = 0; i < entries.size(); i++) {
            LegendEntry e = entries.get(i);
            double cy = y + PAD + ROW * i + ROW / 2, sx = x + PAD;
            p.setFill(e.argb());
            p.setStroke(e.argb());
            p.setLineWidth(2.5);
            switch (e.kind()) {
                case POINT -> p.fillCircle(sx + SWATCH / 2, cy, 5);
                case LINE -> p.strokeLine(sx, cy, sx + SWATCH, cy);
                case DASHED_LINE -> {
                    p.setDashes(5, 4);
                    p.strokeLine(sx, cy, sx + SWATCH, cy);
                    p.setDashes();
                }
                case BOX -> p.fillRect(sx, cy - 6, SWATCH, 12);
            }
            p.setFill(0xFF222222);
            p.text(e.label(), sx + SWATCH + PAD, cy, FONT, Painter.HAlign.LEFT, Painter.VAlign.CENTER, false);
        }
        p.restore();
    }
}
