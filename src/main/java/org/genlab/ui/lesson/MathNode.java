package org.genlab.ui.lesson;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import org.genlab.lesson.MathRenderer;

/**
 * A rendered formula as a node: the image at its logical size, with a baseline offset so that
 * a {@link javafx.scene.text.TextFlow} puts the formula's baseline on the text's baseline (an
 * image alone would sit with its bottom on it). A formula that did not parse shows the
 * renderer's marker with the error as a tooltip.
 */
final class MathNode extends Region {
    private final MathRenderer.Rendered rendered;
    private final ImageView image;

    MathNode(MathRenderer.Rendered rendered, String latex) {
        this.rendered = rendered;
        image = new ImageView(SwingFXUtils.toFXImage(rendered.image(), null));
        image.setFitWidth(rendered.width());
        image.setFitHeight(rendered.height());
        image.setSmooth(true);
        getChildren().add(image);
        getStyleClass().add(rendered.ok() ? "lesson-math" : "lesson-math-error");
        setAccessibleText(latex);
        rendered.error().ifPresent(e -> Tooltip.install(this, new Tooltip(e)));
        setMinSize(rendered.width(), rendered.height());
        setPrefSize(rendered.width(), rendered.height());
        setMaxSize(rendered.width(), rendered.height());
    }

    /** The render shown. */
    MathRenderer.Rendered rendered() {
        return rendered;
    }

    /** The image inside. */
    ImageView image() {
        return image;
    }

    @Override
    public double getBaselineOffset() {
        return rendered.ascent();
    }

    @Override
    protected void layoutChildren() {
        image.relocate(0, 0);
    }
}
