package org.genlab.ui.topic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.genlab.core.param.Param;
import org.genlab.core.param.ParamException;
import org.genlab.core.param.ParamSet;

/**
 * Controls built from a pane's declared parameters: a slider with a number field for a real
 * in a range, a number field for a whole number, a drop-down for a choice, a check box for a
 * flag; the parameter's help is the tooltip. A value typed out of range is refused with the
 * reason under the field and the last good value is kept; nothing reaches the pane.
 */
public final class ParamForm {
    private final GridPane grid = new GridPane();
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Label error = new Label();
    private final BiConsumer<String, Object> onCommit;
    private boolean updating;

    private final class Row {
        final Param<?> param;
        final Label label;
        final Node control;
        final java.util.function.Consumer<Object> show;
        Object value;

        Row(Param<?> param, Label label, Node control, java.util.function.Consumer<Object> show) {
            this.param = param;
            this.label = label;
            this.control = control;
            this.show = show;
            this.value = param.defaultValue();
        }
    }

    /**
     * @param onCommit called with (name, converted value) when the user commits a valid value
     */
    public ParamForm(ParamSet params, BiConsumer<String, Object> onCommit) {
        this.onCommit = onCommit;
        grid.setHgap(10);
        grid.setVgap(8);
        grid.getStyleClass().add("param-form");
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setHalignment(HPos.LEFT);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setFillWidth(true);
        grid.getColumnConstraints().addAll(c0, c1);
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setId("param-error");
        int r = 0;
        for (Param<?> p : params.list()) {
            Row row = build(p);
            rows.put(p.name(), row);
            grid.add(row.label, 0, r);
            grid.add(row.control, 1, r);
            r++;
        }
        grid.add(error, 0, r, 2, 1);
        error.setManaged(false);
    }

    public Node node() {
        return grid;
    }

    /** The current value of every parameter. */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        rows.forEach((k, row) -> out.put(k, row.value));
        return out;
    }

    public Object value(String name) {
        return rows.get(name).value;
    }

    /** Shows a value (already valid) without calling back. */
    public void setValue(String name, Object value) {
        Row row = rows.get(name);
        if (row == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        row.value = value;
        updating = true;
        try {
            row.show.accept(value);
        } finally {
            updating = false;
        }
    }

    /** Hides or shows a parameter's row (lessons hide controls by name). */
    public void setHidden(String name, boolean hidden) {
        Row row = rows.get(name);
        for (Node n : new Node[] {row.label, row.control}) {
            n.setVisible(!hidden);
            n.setManaged(!hidden);
        }
    }

    /** Hides exactly these parameters' rows and shows all others. */
    public void setHiddenOnly(java.util.Set<String> names) {
        rows.keySet().forEach(n -> setHidden(n, names.contains(n)));
        // The grid keeps a gap for every row, even an empty one: the shown rows go first, in
        // declared order, so hidden ones leave no holes between them.
        int r = 0;
        for (Row row : rows.values()) {
            if (row.label.isVisible()) {
                GridPane.setRowIndex(row.label, r);
                GridPane.setRowIndex(row.control, r);
                r++;
            }
        }
        GridPane.setRowIndex(error, r++);
        for (Row row : rows.values()) {
            if (!row.label.isVisible()) {
                GridPane.setRowIndex(row.label, r);
                GridPane.setRowIndex(row.control, r);
                r++;
            }
        }
    }

    /** The message of the last refused value, or empty. */
    public String errorText() {
        return error.getText();
    }

    /** The control for a parameter (tests type into it). */
    public Node control(String name) {
        return rows.get(name).control;
    }

    private Row build(Param<?> p) {
        Label label = new Label(p.label());
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Tooltip tip = new Tooltip(p.help());
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        Node control;
        java.util.function.Consumer<Object> show;
        if (p instanceof Param.Choice c) {
            ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(c.choices()));
            box.setValue(c.defaultValue());
            box.setMaxWidth(Double.MAX_VALUE);
            box.setOnAction(e -> commit(p, box.getValue(), () -> box.setValue((String) rows.get(p.name()).value)));
            control = box;
            show = v -> box.setValue((String) v);
        } else if (p instanceof Param.Flag f) {
            CheckBox box = new CheckBox();
            box.setSelected(f.defaultValue());
            box.setOnAction(e -> commit(p, box.isSelected(), () -> { }));
            control = box;
            show = v -> box.setSelected((Boolean) v);
        } else if (p instanceof Param.Real real) {
            Slider slider = new Slider(real.min(), real.max(), real.defaultValue());
            TextField field = numberField(format(real.defaultValue()));
            field.setPrefColumnCount(6);
            field.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            slider.valueChangingProperty().addListener((o, was, now) -> {
                if (!now) {
                    commit(p, round(slider.getValue()), () -> { });
                }
            });
            slider.valueProperty().addListener((o, a, b) -> {
                if (!updating) {
                    field.setText(format(round(b.doubleValue())));
                    if (!slider.isValueChanging()) {
                        commit(p, round(b.doubleValue()), () -> { });
                    }
                }
            });
            Runnable fromField = () -> commit(p, field.getText(), () -> field.setText(format((Double) rows.get(p.name()).value)));
            field.setOnAction(e -> fromField.run());
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    fromField.run();
                }
            });
            HBox box = new HBox(8, slider, field);
            HBox.setHgrow(slider, Priority.ALWAYS);
            control = box;
            show = v -> {
                slider.setValue((Double) v);
                field.setText(format((Double) v));
            };
            slider.setTooltip(tip);
            field.setTooltip(tip);
        } else {
            TextField field = numberField(String.valueOf(p.defaultValue()));
            Runnable fromField = () -> commit(p, field.getText(), () -> field.setText(String.valueOf(rows.get(p.name()).value)));
            field.setOnAction(e -> fromField.run());
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    fromField.run();
                }
            });
            control = field;
            show = v -> field.setText(String.valueOf(v));
        }
        if (control instanceof Control c) {
            c.setTooltip(tip);
        }
        label.setTooltip(tip);
        control.setId("param-" + p.name());
        return new Row(p, label, control, show);
    }

    private void commit(Param<?> p, Object raw, Runnable revert) {
        if (updating) {
            return;
        }
        Row row = rows.get(p.name());
        Object v;
        try {
            v = p.parse(raw);
        } catch (ParamException e) {
            showError(p.label() + ": " + e.reason());
            updating = true;
            try {
                revert.run();
            } finally {
                updating = false;
            }
            return;
        }
        showError("");
        if (v.equals(row.value)) {
            return;
        }
        row.value = v;
        updating = true;
        try {
            row.show.accept(v);
        } finally {
            updating = false;
        }
        onCommit.accept(p.name(), v);
    }

    private void showError(String text) {
        error.setText(text);
        error.setManaged(!text.isEmpty());
        error.setVisible(!text.isEmpty());
    }

    private static TextField numberField(String text) {
        TextField f = new TextField(text);
        f.setPrefColumnCount(8);
        return f;
    }

    /** Slider values to 3 significant decimals, so 0.1 stays 0.1. */
    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** 0.05, 2, 1e-06: short, and without float noise. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        if (Math.abs(v) < 1e-3) {
            return String.format(java.util.Locale.ROOT, "%.2e", v).replaceAll("\\.?0+e", "e");
        }
        return String.valueOf(v);
    }
}
