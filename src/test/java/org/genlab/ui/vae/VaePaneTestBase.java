package org.genlab.ui.vae;

import javafx.stage.Stage;
import org.genlab.testing.PaneTestBase;

/** The VAE pane in a window of its own, with the lecturer keys installed, for the view tests. */
abstract class VaePaneTestBase extends PaneTestBase<VaeTopic> {
    /** Builds the pane in the stage: call it from the test class's own {@code @Start}. */
    protected void open(Stage stage) {
        open(stage, VaeTopic::new);
    }
}
