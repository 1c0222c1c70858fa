package org.genlab.ui.lesson;

import java.util.List;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.genlab.lesson.MathRenderer;
import org.genlab.lesson.MathText;
import org.genlab.ui.plot.FigureStyle;

/**
 * Lesson prose as JavaFX nodes: Markdown (headings, emphasis, inline code, lists, code
 * blocks, GFM tables, block quotes, links shown as underlined text) with LaTeX math rendered
 * by a {@link MathRenderer}. Inline math sits on the text's baseline; display math is centred
 * on its own line; a formula that does not parse shows the renderer's marker, never raw TeX.
 *
 * <p>Math is protected before Markdown parsing ({@link MathText#protect}) and put back while
 * building the nodes. Set the text with {@link #setMarkdown}; changing the font size (base
 * {@value #DEFAULT_FONT_SIZE} px; presentation mode scales it) or the text colour rebuilds it.
 * Style classes for CSS: {@code lesson-text} (this box), {@code lesson-paragraph},
 * {@code lesson-h1} ... {@code lesson-h6}, {@code lesson-list}, {@code lesson-list-item},
 * {@code lesson-code}, {@code lesson-code-inline}, {@code lesson-quote}, {@code lesson-table},
 * {@code lesson-table-head}, {@code lesson-table-cell}, {@code lesson-link}, {@code lesson-rule},
 * {@code lesson-display-math}, {@code lesson-math}, {@code lesson-math-error}. Font sizes are
 * inline styles (a stylesheet's font size would fight presentation mode); colours, padding,
 * backgrounds and borders can be themed. FX thread only.
 */
public final class LessonTextView extends VBox {
    /** The base font size in pixels. */
    public static final double DEFAULT_FONT_SIZE = 15;
    /** The default text colour on the light theme (the dark theme maps it to light ink). */
    public static final Color DEFAULT_TEXT_FILL = Color.web("#1a1a1a");

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final MathRenderer math;
    private final StringProperty markdown = new SimpleStringProperty(this, "markdown", "");
    private final DoubleProperty fontSize = new SimpleDoubleProperty(this, "fontSize", DEFAULT_FONT_SIZE);
    private final ObjectProperty<Color> textFill = new SimpleObjectProperty<>(this, "textFill", themeFill());
    /** True once a colour was set: the view then no longer follows the theme. */
    private boolean fillSet;
    /** Follows the light or dark theme (held here: the style property holds it weakly). */
    private final javafx.beans.InvalidationListener onTheme = o -> {
        if (!fillSet) {
            textFill.set(themeFill());
        }
    };

    /** An empty view drawing formulas with {@code math} (share one renderer: it caches). */
    public LessonTextView(MathRenderer math) {
        this.math = Objects.requireNonNull(math);
        getStyleClass().add("lesson-text");
        setFillWidth(true);
        setMinHeight(Region.USE_PREF_SIZE);
        markdown.addListener((o, a, b) -> rebuild());
        fontSize.addListener((o, a, b) -> rebuild());
        textFill.addListener((o, a, b) -> rebuild());
        FigureStyle.currentProperty().addListener(new javafx.beans.WeakInvalidationListener(onTheme));
    }

    /** {@link #DEFAULT_TEXT_FILL} in the current palette (light text on the dark theme). */
    static Color themeFill() {
        return TextStyle.color(FigureStyle.current().palette().ink(0xFF1A1A1A));
    }

    /** A view showing {@code text}. */
    public LessonTextView(MathRenderer math, String text) {
        this(math);
        setMarkdown(text);
    }

    /** The Markdown shown (with {@code $math$}). */
    public StringProperty markdownProperty() {
        return markdown;
    }

    public String getMarkdown() {
        return markdown.get();
    }

    public void setMarkdown(String text) {
        markdown.set(text == null ? "" : text);
    }

    /** The base font size in pixels; headings and math scale with it. */
    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    public double getFontSize() {
        return fontSize.get();
    }

    public void setFontSize(double px) {
        if (!(px > 0)) {
            throw new IllegalArgumentException("font size must be positive, got " + px);
        }
        fontSize.set(px);
    }

    /** The colour of text and math. */
    public ObjectProperty<Color> textFillProperty() {
        return textFill;
    }

    public Color getTextFill() {
        return textFill.get();
    }

    public void setTextFill(Color fill) {
        fillSet = true;
        textFill.set(Objects.requireNonNull(fill));
    }

    private void rebuild() {
        MathText.Protected source = MathText.protect(markdown.get());
        double size = fontSize.get();
        TextStyle base = new TextStyle(size, false, false, false, false, textFill.get());
        setSpacing(size * 0.6);
        getChildren().setAll(new BlockBuilder(math, source, base).children(PARSER.parse(source.markdown())));
    }
}
