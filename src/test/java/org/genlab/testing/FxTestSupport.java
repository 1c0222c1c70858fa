package org.genlab.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts the (headless) FX toolkit once and runs code on the FX thread. */
public final class FxTestSupport {
    private FxTestSupport() {
    }

    /**
     * Starts the toolkit the way TestFX does (its primary stage), so TestFX tests that run
     * later in the same JVM find the toolkit as they expect. A toolkit started by a bare
     * {@code Platform.startup} leaves TestFX's robot typing and clicking into nothing: every
     * TestFX class after it failed, depending only on the order the classes ran in.
     */
    public static synchronized void start() {
        try {
            org.testfx.api.FxToolkit.registerPrimaryStage();
        } catch (Exception e) {
            throw new IllegalStateException("the JavaFX toolkit did not start", e);
        }
        Platform.setImplicitExit(false);
    }

    public static <T> T onFx(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void onFx(Runnable work) {
        onFx(() -> {
            work.run();
            return null;
        });
    }

    /** Waits until every runLater queued so far (e.g. coalesced redraws) has run. */
    public static void drain() {
        onFx(() -> { });
    }
}
