package org.genlab.ui.lesson;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Separator;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.ThematicBreak;
import org.genlab.lesson.MathRenderer;
import org.genlab.lesson.MathText;

/**
 * Turns the blocks of a parsed Markdown document into JavaFX nodes. Backgrounds, borders and
 * padding are set by setter, so a stylesheet can restyle them through the style classes.
 */
final class BlockBuilder {
    private static final double[] HEADING_SCALE = {1.6, 1.4, 1.2, 1.05, 1.0, 1.0};
    /** Light-theme colours, mapped to the current palette when the nodes are built. */
    private static final int CODE_BACKGROUND = 0xFFF3F3F3, RULE = 0xFFC8C8C8;

    private final MathRenderer math;
    private final MathText.Protected source;
    private final TextStyle base;

    private static Color themed(int argb) {
        return TextStyle.color(org.genlab.ui.plot.FigureStyle.current().palette().ink(argb));
    }

    BlockBuilder(MathRenderer math, MathText.Protected source, TextStyle base) {
        this.math = math;
        this.source = source;
        this.base = base;
    }

    /** The nodes for the children of a container block (document, list item, quote). */
    List<javafx.scene.Node> children(Node parent) {
        List<javafx.scene.Node> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            out.addAll(block(n));
        }
        return out;
    }

    private List<javafx.scene.Node> block(Node n) {
        if (n instanceof Paragraph) {
            return inline(n, base, true);
        } else if (n instanceof Heading h) {
            int level = Math.min(h.getLevel(), HEADING_SCALE.length);
            List<javafx.scene.Node> flows = inline(h, base.scaled(HEADING_SCALE[level - 1]).withBold(), false);
            flows.forEach(f -> f.getStyleClass().add("lesson-h" + level));
            return flows;
        } else if (n instanceof BulletList || n instanceof OrderedList) {
            return List.of(list(n));
        } else if (n instanceof FencedCodeBlock f) {
            return List.of(code(f.getLiteral()));
        } else if (n instanceof IndentedCodeBlock c) {
            return List.of(code(c.getLiteral()));
        } else if (n instanceof BlockQuote) {
            return List.of(quote(n));
        } else if (n instanceof ThematicBreak) {
            Separator rule = new Separator();
            rule.getStyleClass().add("lesson-rule");
            return List.of(rule);
        } else if (n instanceof TableBlock) {
            return List.of(table(n));
        } else if (n instanceof HtmlBlock h) {
            return List.of(new TextFlow(base.text(h.getLiteral().strip())));
        }
        return children(n);
    }

    private List<javafx.scene.Node> inline(Node n, TextStyle style, boolean splitDisplay) {
        return new ArrayList<>(new InlineBuilder(math, source, splitDisplay).build(n, style));
    }

    private VBox list(Node list) {
        VBox box = column();
        box.getStyleClass().add("lesson-list");
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof OrderedList ? (number++) + "." : "\u2022";
            TextFlow mark = new TextFlow(base.text(marker));
            mark.setMinWidth(base.size() * 1.6);
            mark.setMaxWidth(base.size() * 1.6);
            VBox content = column();
            content.getChildren().addAll(children(item));
            content.setMinWidth(0);
            HBox row = new HBox(mark, content);
            HBox.setHgrow(content, Priority.ALWAYS);
            row.getStyleClass().add("lesson-list-item");
            box.getChildren().add(row);
        }
        return box;
    }

    private StackPane code(String literal) {
        String text = source.restore(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
        TextFlow flow = new TextFlow(base.scaled(0.9).withMono().text(text));
        StackPane box = new StackPane(flow);
        box.setAlignment(Pos.TOP_LEFT);
        box.setPadding(new Insets(base.size() * 0.5));
        box.setBackground(new Background(new BackgroundFill(themed(CODE_BACKGROUND), new CornerRadii(4), Insets.EMPTY)));
        box.getStyleClass().add("lesson-code");
        return box;
    }

    private VBox quote(Node n) {
        VBox box = column();
        box.getChildren().addAll(children(n));
        box.setPadding(new Insets(0, 0, 0, base.size() * 0.8));
        box.setBorder(new Border(new BorderStroke(Color.TRANSPARENT, Color.TRANSPARENT, Color.TRANSPARENT, themed(RULE),
                BorderStrokeStyle.NONE, BorderStrokeStyle.NONE, BorderStrokeStyle.NONE, BorderStrokeStyle.SOLID,
                CornerRadii.EMPTY, new BorderWidths(0, 0, 0, 3), Insets.EMPTY)));
        box.getStyleClass().add("lesson-quote");
        return box;
    }

    private GridPane table(Node table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("lesson-table");
        grid.setMinWidth(0);
        int r = 0;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (row instanceof TableRow) {
                    addRow(grid, row, r++, head);
                }
            }
        }
        return grid;
    }

    private void addRow(GridPane grid, Node row, int r, boolean head) {
        int c = 0;
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext(), c++) {
            TextStyle style = head ? base.withBold() : base;
            StackPane box = new StackPane();
            HPos align = alignment(cell);
            for (javafx.scene.Node flow : inline(cell, style, false)) {
                if (flow instanceof TextFlow f) {
                    f.setTextAlignment(align == HPos.RIGHT ? TextAlignment.RIGHT
                            : align == HPos.CENTER ? TextAlignment.CENTER : TextAlignment.LEFT);
                }
                box.getChildren().add(flow);
            }
            box.setPadding(new Insets(base.size() * 0.25, base.size() * 0.6, base.size() * 0.25, base.size() * 0.6));
            box.setBorder(new Border(new BorderStroke(themed(RULE), BorderStrokeStyle.SOLID, CornerRadii.EMPTY, new BorderWidths(0.5))));
            box.getStyleClass().add(head ? "lesson-table-head" : "lesson-table-cell");
            box.setAlignment(align == HPos.RIGHT ? Pos.CENTER_RIGHT : align == HPos.CENTER ? Pos.CENTER : Pos.CENTER_LEFT);
            GridPane.setHalignment(box, align);
            GridPane.setFillWidth(box, true);
            box.setMaxWidth(Double.MAX_VALUE);
            box.setMinWidth(0);
            grid.add(box, c, r);
        }
    }

    private static HPos alignment(Node cell) {
        if (cell instanceof TableCell t && t.getAlignment() != null) {
            return switch (t.getAlignment()) {
                case CENTER -> HPos.CENTER;
                case RIGHT -> HPos.RIGHT;
                default -> HPos.LEFT;
            };
        }
        return HPos.LEFT;
    }

    private VBox column() {
        VBox box = new VBox(base.size() * 0.4);
        box.setFillWidth(true);
        box.setMinHeight(Region.USE_PREF_SIZE);
        return box;
    }
}
