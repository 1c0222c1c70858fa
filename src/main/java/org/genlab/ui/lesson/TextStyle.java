package org.genlab.ui.lesson;

import java.util.Locale;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;

/**
 * The look of a run of text. Fonts go in the node's inline style so that a stylesheet's
 * {@code .root} font size cannot override the lesson's size (presentation mode scales it);
 * colours are set by setter, so a stylesheet may theme them through the style classes.
 */
record TextStyle(double size, boolean bold, boolean italic, boolean mono, boolean link, Color fill) {
    static final Color LINK = Color.web("#0072B2"); // Okabe-Ito blue
    /** Okabe-Ito sky blue: the link colour on the dark theme, where blue is too dark to read. */
    static final Color LINK_ON_DARK = Color.web("#56B4E9");

    TextStyle withBold() {
        return new TextStyle(size, true, italic, mono, link, fill);
    }

    TextStyle withItalic() {
        return new TextStyle(size, bold, true, mono, link, fill);
    }

    TextStyle withMono() {
        return new TextStyle(size, bold, italic, true, link, fill);
    }

    TextStyle withLink() {
        return new TextStyle(size, bold, italic, mono, true, fill);
    }

    TextStyle scaled(double factor) {
        return new TextStyle(size * factor, bold, italic, mono, link, fill);
    }

    /** A text node in this style. */
    Text text(String s) {
        Text t = new Text(s);
        StringBuilder css = new StringBuilder(String.format(Locale.ROOT, "-fx-font-size: %.2fpx;", size));
        if (bold) {
            css.append(" -fx-font-weight: bold;");
        }
        if (italic) {
            css.append(" -fx-font-style: italic;");
        }
        if (mono) {
            css.append(" -fx-font-family: \"DejaVu Sans Mono\", monospace;");
            t.getStyleClass().add("lesson-code-inline");
        }
        t.setStyle(css.toString());
        t.setFill(link ? (org.genlab.ui.plot.FigureStyle.current().palette().dark() ? LINK_ON_DARK : LINK) : fill);
        if (link) {
            t.setUnderline(true);
            t.getStyleClass().add("lesson-link");
        }
        return t;
    }

    /** A colour from 0xAARRGGBB. */
    static Color color(int argb) {
        return Color.rgb((argb >>> 16) & 0xFF, (argb >>> 8) & 0xFF, argb & 0xFF, (argb >>> 24) / 255.0);
    }

    /** The fill as 0xAARRGGBB for the math renderer. */
    int argb() {
        return ((int) Math.round(fill.getOpacity() * 255) << 24) | ((int) Math.round(fill.getRed() * 255) << 16)
                | ((int) Math.round(fill.getGreen() * 255) << 8) | (int) Math.round(fill.getBlue() * 255);
    }
}
