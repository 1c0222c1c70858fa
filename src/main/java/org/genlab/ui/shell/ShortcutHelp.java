package org.genlab.ui.shell;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The F1 window: every shortcut, generated from the {@link Shortcut} table. */
public final class ShortcutHelp {
    private ShortcutHelp() {
    }

    /** The table of shortcuts as a node (also used by tests). */
    public static GridPane table() {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(8);
        int row = 0;
        for (Shortcut s : Shortcut.values()) {
            Label keys = new Label(s.keyText());
            keys.getStyleClass().add("shortcut-keys");
            keys.setId("shortcut-" + s.name());
            Label what = new Label(s.description());
            // never cut short ("Ctrl+Y  o..."): the window is as wide as its longest row
            keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            what.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.addRow(row++, keys, what);
        }
        return grid;
    }

    public static void show(Window owner) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("GenLab shortcuts");
        Label note = new Label("Keys work everywhere except while a text field has focus; a focused slider keeps its arrow keys.");
        note.setWrapText(true);
        Button close = new Button("Close");
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setTooltip(new javafx.scene.control.Tooltip("Close this list (Esc)"));
        close.setOnAction(e -> stage.close());
        VBox box = new VBox(16, table(), note, close);
        box.setPadding(new Insets(24));
        note.setMaxWidth(640);
        Scene scene = new Scene(box);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            // large text in presentation mode, as in the window behind
            owner.getScene().getRoot().getStyleClass().stream().filter(c -> c.equals("presenting"))
                    .forEach(box.getStyleClass()::add);
        }
        stage.setScene(scene);
        stage.show();
    }
}
