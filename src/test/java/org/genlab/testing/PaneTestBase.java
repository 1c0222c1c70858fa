package org.genlab.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.genlab.compute.ComputePool;
import org.genlab.compute.JobTracker;
import org.genlab.ui.shell.ShortcutHandler;
import org.genlab.ui.topic.Topic;
import org.genlab.ui.topic.TopicContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** A pane in a window of its own, with the lecturer keys installed, for a pane's TestFX tests. */
@ExtendWith(ApplicationExtension.class)
public abstract class PaneTestBase<T extends Topic> {
    protected T topic;
    protected TopicContext context;

    /** Builds the pane in the stage: call it from the test class's own {@code @Start} (TestFX does not look in superclasses). */
    protected void open(Stage stage, Function<TopicContext, T> factory) {
        context = new TopicContext(ComputePool.shared(), Platform::runLater, new JobTracker(Platform::runLater));
        topic = factory.apply(context);
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
        settle(60);
    }

    /** Likewise, waiting at most {@code seconds}. */
    protected void settle(int seconds) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        topic.whenSettled().get(seconds, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
