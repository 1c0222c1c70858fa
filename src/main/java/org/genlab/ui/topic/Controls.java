package org.genlab.ui.topic;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/** The small pieces every control panel is made of, styled by GenLab's stylesheet. */
public final class Controls {
    private Controls() {
    }

    /** A label with style classes (for example {@code "hint"}, {@code "stat-value"}). */
    public static Label label(String text, String... styleClasses) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styleClasses);
        return l;
    }

    /** A label that wraps to its container's width. */
    public static Label wrapped(String text, String... styleClasses) {
        Label l = label(text, styleClasses);
        l.setWrapText(true);
        return l;
    }

    /** A section heading in a control panel ("DATA SET", "EDIT"). */
    public static Label heading(String text) {
        return label(text, "controls-heading");
    }

    /** A button with a tooltip saying what it does. */
    public static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /**
     * A button whose text switches between {@code text} and {@code otherText} (Play and Pause),
     * wide enough for either, so switching does not re-lay out and repaint the panel around it.
     */
    public static Button toggle(String text, String otherText, String tip, Runnable action) {
        Button b = button(text, tip, action);
        // about 9 px a character at the panel's font size, plus the button's padding
        b.setMinWidth(Math.max(text.length(), otherText.length()) * 9 + 26);
        return b;
    }

    /** Buttons in a row that wraps when the panel is narrow. */
    public static FlowPane flow(Node... nodes) {
        return new FlowPane(8, 8, nodes);
    }
}
