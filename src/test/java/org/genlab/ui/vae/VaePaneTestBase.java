package org.genlab.ui.vae;

import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.ui.shell.ShortcutHandler;
import org.genlab.ui.topic.TopicContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The VAE pane in a window of its own, with the lecturer keys installed, for the view tests. */
@ExtendWith(ApplicationExtension.class)
abstract class VaePaneTestBase {
    protected VaeTopic topic;

    /** Builds the pane in the stage: call it from the test class's own {@code @Start} (TestFX does not look in superclasses). */
    protected void open(Stage stage) {
        TopicContext context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        topic = new VaeTopic(context);
        BorderPane root = new BorderPane(topic.view());
        root.setRight(topic.controls());
        Scene scene = new Scene(root, 1280, 860);
        ShortcutHandler.install(scene, topic::onShortcut);
        stage.setScene(scene);
        stage.show();
        topic.figure().requestFocus();
    }

    /** Waits until the pane has computed and drawn what it was last asked for. */
    protected void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        topic.whenSettled().get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
