package org.genlab.ui.plot;

import java.util.ArrayList;
import java.util.List;

/** Text labels anchored at world positions. */
public final class TextLayer extends AbstractLayer {

    /**
     * One label.
     *
     * @param x world x of the anchor
     * @param y world y of the anchor
     * @param text the text
     * @param argb colour
     * @param size font size in pixels
     * @param h horizontal anchor
     * @param v vertical anchor
     * @param bold bold font
     */
    public record Label(double x, double y, String text, int argb, double size, Painter.HAlign h,
                        Painter.VAlign v, boolean bold) {
        /** A 14 px dark label centred on (x, y). */
        public static Label of(double x, double y, String text) {
            return new Label(x, y, text, 0xFF222222, 14, Painter.HAlign.CENTER, Painter.VAlign.CENTER, false);
        }
    }

    private volatile List<Label> labels = List.of();

    /** Replaces all labels. */
    public void setLabels(List<Label> list) {
        labels = List.copyOf(list);
        requestRepaint();
    }

    /** Adds one label. */
    public void add(Label label) {
        List<Label> l = new ArrayList<>(labels);
        l.add(label);
        setLabels(l);
    }

    @Override
    public void paint(Painter p, Viewport v) {
        p.save();
        p.clip(v.plotLeft(), v.plotTop(), v.plotWidth(), v.plotHeight());
        for (Label l : labels) {
            p.setFill(l.argb());
            p.text(l.text(), v.toScreenX(l.x()), v.toScreenY(l.y()), l.size(), l.h(), l.v(), l.bold());
        }
        p.restore();
    }
}
