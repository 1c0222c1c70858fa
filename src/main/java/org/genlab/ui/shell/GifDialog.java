package org.genlab.ui.shell;

import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.genlab.export.GifExporter;
import org.genlab.ui.topic.PaneTime;

/**
 * Asks what to animate: the time range in the pane's own time, the frame count, the frame
 * rate, the size and the looping. Every field is checked as it is typed; OK is enabled only
 * when all are valid, and the reason is shown under the form.
 */
final class GifDialog {
    /** The sizes offered, as multiples of the figure's size on screen. */
    private static final double[] SCALES = {0.5, 1, 2};

    private final Dialog<GifExporter.Options> dialog = new Dialog<>();
    private final TextField from = new TextField();
    private final TextField to = new TextField();
    private final TextField frames = new TextField("30");
    private final TextField fps = new TextField("10");
    private final ChoiceBox<String> size = new ChoiceBox<>();
    private final ChoiceBox<String> loop = new ChoiceBox<>();
    private final Label problem = new Label();
    private final PaneTime time;
    private final double figureWidth, figureHeight;

    GifDialog(Window owner, String paneTitle, PaneTime time, double figureWidth, double figureHeight) {
        this.time = time;
        this.figureWidth = figureWidth;
        this.figureHeight = figureHeight;
        dialog.initOwner(owner);
        dialog.setTitle("Animated GIF");
        dialog.setHeaderText("Animate the " + paneTitle + " pane in its own time: " + time.name() + " "
                + number(time.min()) + " to " + number(time.max()) + ".\nEach frame is the figure as the pane draws it.");
        from.setText(number(time.min()));
        to.setText(number(time.usualTo()));
        for (double s : SCALES) {
            size.getItems().add(sizeLabel(s));
        }
        size.getSelectionModel().select(1);
        loop.getItems().addAll("for ever", "once", "twice", "3 times");
        loop.getSelectionModel().select(0);
        from.setTooltip(new Tooltip("The first frame's " + time.name()));
        to.setTooltip(new Tooltip("The last frame's " + time.name() + " (below From runs backwards)"));
        frames.setTooltip(new Tooltip("Frames, evenly spaced from From to To inclusive (1 to 2000)"));
        fps.setTooltip(new Tooltip("Frames per second (1 to 50)"));
        size.setTooltip(new Tooltip("The frame size: the figure as on screen, or half or twice that"));
        loop.setTooltip(new Tooltip("How many times the GIF plays"));
        from.setId("gif-from");
        to.setId("gif-to");
        frames.setId("gif-frames");
        fps.setId("gif-fps");

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("From " + time.name()), from);
        grid.addRow(1, new Label("To " + time.name()), to);
        grid.addRow(2, new Label("Frames"), frames);
        grid.addRow(3, new Label("Frames per second"), fps);
        grid.addRow(4, new Label("Size"), size);
        grid.addRow(5, new Label("Plays"), loop);
        problem.getStyleClass().add("hint");
        problem.setWrapText(true);
        problem.setMaxWidth(360);
        problem.setId("gif-problem");
        dialog.getDialogPane().setContent(new VBox(10, grid, problem));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        for (TextField f : new TextField[] {from, to, frames, fps}) {
            f.textProperty().addListener((o, a, b) -> check());
        }
        check();
        dialog.setResultConverter(b -> b == ButtonType.OK ? options().orElse(null) : null);
    }

    /** Shows the dialog and waits; empty if cancelled. */
    Optional<GifExporter.Options> ask() {
        return dialog.showAndWait();
    }

    /** The dialog itself (tests). */
    Dialog<GifExporter.Options> dialog() {
        return dialog;
    }

    private String sizeLabel(double s) {
        return (int) Math.round(figureWidth * s) + " x " + (int) Math.round(figureHeight * s) + " px"
                + (s == 1 ? " (as on screen)" : "");
    }

    private void check() {
        String why;
        try {
            options().orElseThrow();
            why = "";
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            why = e.getMessage();
        }
        problem.setText(why);
        dialog.getDialogPane().lookupButton(ButtonType.OK).setDisable(!why.isEmpty());
    }

    /** The options typed, or an exception that says which field is wrong and why. */
    Optional<GifExporter.Options> options() {
        double a = parse(from, "From"), b = parse(to, "To");
        for (double v : new double[] {a, b}) {
            if (!time.contains(v)) {
                throw new IllegalArgumentException("The " + time.name() + " runs from " + number(time.min()) + " to "
                        + number(time.max()) + "; " + number(v) + " is outside it.");
            }
        }
        double n = parse(frames, "Frames");
        if (n != Math.rint(n) || n < 1 || n > 2000) {
            throw new IllegalArgumentException("Frames: a whole number from 1 to 2000.");
        }
        double f = parse(fps, "Frames per second");
        if (!(f >= 1 && f <= 50)) {
            throw new IllegalArgumentException("Frames per second: 1 to 50.");
        }
        int loops = switch (loop.getSelectionModel().getSelectedIndex()) {
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 3;
            default -> 0;
        };
        double scale = SCALES[Math.max(0, size.getSelectionModel().getSelectedIndex())];
        return Optional.of(new GifExporter.Options(a, b, (int) n, f, loops, scale));
    }

    private static double parse(TextField field, String name) {
        try {
            double v = Double.parseDouble(field.getText().trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + field.getText() + "' is not a number.");
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
