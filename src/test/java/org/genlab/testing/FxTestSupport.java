package org.genlab.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts the (headless) FX toolkit once and runs code on the FX thread. */
public final class FxTestSupport {
    private FxTestSupport() {
    }

    public static synchronized void start() {
        try {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(30, TimeUnit.SECONDS);
        } catch (IllegalStateException alreadyStarted) {
            // toolkit already running
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
