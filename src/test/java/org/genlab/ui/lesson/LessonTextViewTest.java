package org.genlab.ui.lesson;

import org.genlab.testing.FxTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.genlab.lesson.MathRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LessonTextViewTest {
    private static final MathRenderer MATH = new MathRenderer();
    private static final String TEXT = """
            ### Kernel density

            The estimate is $\\hat p(x) = \\frac{1}{nh^d}\\sum_i K(x_i)$ with *bandwidth* **h** and `code_x`, see [the notes](http://x).

            $$\\frac{1}{nh^d}\\sum_i K\\left(\\frac{x-x^{(i)}}{h}\\right)$$

            | h | $\\sigma_h$ |
            |---|---:|
            | 0.1 | 2 |

            1. first
            2. second with $a_1$

            - bullet

            > a quote

            ```java
            int x = $y$;
            ```

            Bad: $\\frac{1}{$ and a dollar \\$5.
            """;

    @BeforeAll
    static void fx() {
        FxTestSupport.start();
    }

    private static <T> T onFx(Callable<T> work) {
        return FxTestSupport.onFx(work);
    }

    /** A view in a shown 520 px wide window, laid out. */
    private static LessonTextView shown(String text) {
        LessonTextView view = new LessonTextView(MATH, text);
        Stage stage = new Stage();
        stage.setScene(new Scene(new StackPane(view), 520, 900));
        stage.show();
        view.applyCss();
        view.layout();
        return view;
    }

    private static <T extends Node> List<T> all(Node root, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (type.isInstance(root)) {
            out.add(type.cast(root));
        }
        if (root instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> out.addAll(all(c, type)));
        }
        return out;
    }

    private static String text(Node root) {
        StringBuilder sb = new StringBuilder();
        all(root, Text.class).forEach(t -> sb.append(t.getText()));
        return sb.toString();
    }

    @Test
    void buildsBlocksWithMathTablesListsAndCode() throws Exception {
        onFx(() -> {
            LessonTextView view = shown(TEXT);
            assertThat(view.getStyleClass()).contains("lesson-text");
            assertThat(view.getChildren().get(0).getStyleClass()).contains("lesson-h3");

            TextFlow paragraph = (TextFlow) view.getChildren().get(1);
            List<MathNode> inline = all(paragraph, MathNode.class);
            assertThat(inline).hasSize(1);
            assertThat(inline.get(0).rendered().ok()).isTrue();
            assertThat(inline.get(0).getChildrenUnmodifiable()).singleElement().isInstanceOf(ImageView.class);
            assertThat(paragraph.getChildren()).contains(inline.get(0));
            assertThat(text(paragraph)).contains("with ", "bandwidth", "code_x", "the notes").doesNotContain("$", "\\frac");
            Text bandwidth = all(paragraph, Text.class).stream().filter(t -> t.getText().equals("bandwidth")).findFirst().orElseThrow();
            assertThat(bandwidth.getStyle()).contains("italic");
            Text link = all(paragraph, Text.class).stream().filter(t -> t.getText().equals("the notes")).findFirst().orElseThrow();
            assertThat(link.isUnderline()).isTrue();

            HBox display = (HBox) view.getChildren().get(2);
            assertThat(display.getStyleClass()).contains("lesson-display-math");
            assertThat(((MathNode) display.getChildren().get(0)).rendered().height()).isGreaterThan(30);

            GridPane table = (GridPane) view.getChildren().get(3);
            assertThat(table.getChildren()).hasSize(4);
            assertThat(all(table, MathNode.class)).hasSize(1);
            assertThat(text(table)).contains("0.1", "2", "h");

            assertThat(view.getChildren().get(4).getStyleClass()).contains("lesson-list");
            assertThat(text(view.getChildren().get(4))).contains("1.", "first", "2.", "second with ");
            assertThat(all(view.getChildren().get(4), MathNode.class)).hasSize(1);
            assertThat(text(view.getChildren().get(5))).contains("\u2022", "bullet");
            assertThat(view.getChildren().get(6).getStyleClass()).contains("lesson-quote");
            assertThat(view.getChildren().get(7).getStyleClass()).contains("lesson-code");
            assertThat(text(view.getChildren().get(7))).isEqualTo("int x = $y$;");

            TextFlow last = (TextFlow) view.getChildren().get(8);
            MathNode bad = all(last, MathNode.class).get(0);
            assertThat(bad.rendered().ok()).isFalse();
            assertThat(bad.getStyleClass()).contains("lesson-math-error");
            assertThat(text(last)).isEqualTo("Bad:  and a dollar $5.");
            assertThat(view.getChildren()).hasSize(9);
            return null;
        });
    }

    @Test
    void inlineMathSitsOnTheTextBaseline() throws Exception {
        onFx(() -> {
            LessonTextView view = shown("x $y_{i}^{2}$ z");
            TextFlow flow = (TextFlow) view.getChildren().get(0);
            MathNode m = (MathNode) flow.getChildren().get(1);
            double textBaseline = flow.getBaselineOffset(); // the first line's baseline
            Bounds mb = m.getBoundsInParent();
            assertThat(mb.getMinY() + m.rendered().ascent()).isCloseTo(textBaseline, within(1.5));
            assertThat(mb.getMaxY()).isGreaterThan(textBaseline + 1);
            return null;
        });
    }

    @Test
    void fontSizeScalesTextAndMath() throws Exception {
        onFx(() -> {
            LessonTextView view = shown("a $x^2$");
            double small = all(view, MathNode.class).get(0).rendered().height();
            view.setFontSize(30);
            assertThat(all(view, Text.class).get(0).getStyle()).contains("-fx-font-size: 30.00px");
            assertThat(all(view, MathNode.class).get(0).rendered().height()).isGreaterThan(small * 1.7);
            return null;
        });
    }

    @Test
    void aSnapshotIsNotBlank() throws Exception {
        WritableImage img = onFx(() -> {
            LessonTextView view = shown(TEXT);
            return view.snapshot(null, null);
        });
        PixelReader px = img.getPixelReader();
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (px.getColor(x, y).getBrightness() < 0.5) {
                    dark++;
                }
            }
        }
        assertThat(img.getWidth()).isGreaterThan(400);
        assertThat(dark).isGreaterThan(2000);
    }

    @Test
    void emptyAndRebuild() throws Exception {
        onFx(() -> {
            LessonTextView view = new LessonTextView(MATH);
            assertThat(view.getChildren()).isEmpty();
            view.setMarkdown("one\n\ntwo");
            assertThat(view.getChildren()).hasSize(2);
            view.setMarkdown(null);
            assertThat(view.getChildren()).isEmpty();
            assertThat(all(new VBox(new LessonTextView(MATH, "# Big")), TextFlow.class)).hasSize(1);
            return null;
        });
    }
}
