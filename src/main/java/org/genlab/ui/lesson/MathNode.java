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

    /** Whether the formula may shrink to fit a narrow panel (display formulas). */
    private final boolean shrinks;

    MathNode(MathRenderer.Rendered rendered, String latex) {
        this(rendered, latex, false);
    }

    /**
     * @param shrinks true for a display formula, which scales down (keeping its proportions)
     *                when the panel is narrower than the formula, rather than being cut off
     */
    MathNode(MathRenderer.Rendered rendered, String latex, boolean shrinks) {
        this.rendered = rendered;
        this.shrinks = shrinks;
        image = new ImageView(SwingFXUtils.toFXImage(rendered.image(), null));
        image.setFitWidth(rendered.width());
        image.setFitHeight(rendered.height());
        image.setSmooth(true);
        getChildren().add(image);
        getStyleClass().add(rendered.ok() ? "lesson-math" : "lesson-math-error");
        setAccessibleText(latex);
        rendered.error().ifPresent(e -> Tooltip.install(this, new Tooltip(e)));
        if (!shrinks) {
            setMinSize(rendered.width(), rendered.height());
            setPrefSize(rendered.width(), rendered.height());
            setMaxSize(rendered.width(), rendered.height());
        }
    }

    @Override
    public javafx.geometry.Orientation getContentBias() {
        return shrinks ? javafx.geometry.Orientation.HORIZONTAL : null;
    }

    @Override
    protected double computeMinWidth(double height) {
        return shrinks ? Math.min(rendered.width(), 40) : rendered.width();
    }

    @Override
    protected double computePrefWidth(double height) {
        return rendered.width();
    }

    @Override
    protected double computeMaxWidth(double height) {
        return rendered.width();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    /** h = natural height, scaled by min(1, width / natural width) when the formula shrinks. */
    @Override
    protected double computePrefHeight(double width) {
        return rendered.height() * fitScale(width);
    }

    @Override
    protected double computeMaxHeight(double width) {
        return computePrefHeight(width);
    }

    private double fitScale(double width) {
        return shrinks && width > 0 && width < rendered.width() ? width / rendered.width() : 1;
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
        double k = fitScale(getWidth());
        image.setFitWidth(rendered.width() * k);
        image.setFitHeight(rendered.height() * k);
        image.relocate(0, 0);
    }
}
