package org.genlab.ui.lesson;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.text.TextFlow;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.genlab.lesson.MathRenderer;
import org.genlab.lesson.MathText;

/**
 * Turns the inline content of a Markdown block into {@link TextFlow}s: styled text runs and
 * formulas. With {@code splitDisplay}, display math breaks the flow and stands centred on its
 * own line (in paragraphs); without, it stays in the flow (headings, table cells).
 */
final class InlineBuilder {
    /** Formulas are drawn a little larger than the text: TeX's fonts look small beside sans serif. */
    static final double MATH_SCALE = 1.1;

    private final MathRenderer math;
    private final MathText.Protected source;
    private final boolean splitDisplay;
    private final List<javafx.scene.Node> blocks = new ArrayList<>();
    private TextFlow current = newFlow();

    InlineBuilder(MathRenderer math, MathText.Protected source, boolean splitDisplay) {
        this.math = math;
        this.source = source;
        this.splitDisplay = splitDisplay;
    }

    /** The flows (and centred display formulas) for the children of {@code parent}. */
    List<javafx.scene.Node> build(Node parent, TextStyle style) {
        children(parent, style);
        if (!current.getChildren().isEmpty() || blocks.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }

    private void children(Node parent, TextStyle style) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            inline(n, style);
        }
    }

    private void inline(Node n, TextStyle style) {
        if (n instanceof Text t) {
            text(t.getLiteral(), style);
        } else if (n instanceof Code c) {
            current.getChildren().add(style.withMono().text(source.restore(c.getLiteral())));
        } else if (n instanceof Emphasis) {
            children(n, style.withItalic());
        } else if (n instanceof StrongEmphasis) {
            children(n, style.withBold());
        } else if (n instanceof Link) {
            children(n, style.withLink());
        } else if (n instanceof SoftLineBreak) {
            current.getChildren().add(style.text(" "));
        } else if (n instanceof HardLineBreak) {
            current.getChildren().add(style.text("\n"));
        } else if (n instanceof HtmlInline h) {
            text(h.getLiteral(), style);
        } else {
            children(n, style); // images show their alt text
        }
    }

    private void text(String literal, TextStyle style) {
        for (Object part : source.split(literal)) {
            if (part instanceof MathText.Span span) {
                formula(span, style);
            } else {
                current.getChildren().add(style.text((String) part));
            }
        }
    }

    private void formula(MathText.Span span, TextStyle style) {
        boolean standsAlone = span.display() && splitDisplay;
        MathNode node = new MathNode(math.render(span.latex(), span.display(), (float) (style.size() * MATH_SCALE),
                style.argb()), span.latex(), standsAlone);
        if (!standsAlone) {
            current.getChildren().add(node);
            return;
        }
        if (!current.getChildren().isEmpty()) {
            blocks.add(current);
            current = newFlow();
        }
        HBox line = new HBox(node);
        line.setAlignment(Pos.CENTER);
        line.setMinWidth(0);
        HBox.setHgrow(node, javafx.scene.layout.Priority.SOMETIMES);
        line.getStyleClass().add("lesson-display-math");
        blocks.add(line);
    }

    private static TextFlow newFlow() {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("lesson-paragraph");
        return flow;
    }
}
