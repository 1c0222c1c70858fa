package org.genlab.compute;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an action on the UI executor with at most one hand-off pending at a time.
 *
 * <p>{@link #request()} may be called from any thread, as often as wanted: if a hand-off is
 * already queued it does nothing, since the queued one will see the newest data when it
 * runs. The flag is cleared <em>before</em> the action runs, so a request made while the
 * action reads its data queues a fresh hand-off and nothing is ever lost.
 */
final class UiHandOff {
    private final Executor ui;
    private final Runnable action;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean closed;

    UiHandOff(Executor ui, Runnable action) {
        this.ui = Objects.requireNonNull(ui, "ui executor");
        this.action = Objects.requireNonNull(action, "action");
    }

    void request() {
        if (!closed && pending.compareAndSet(false, true)) {
            ui.execute(this::runOnUi);
        }
    }

    /** No further action runs, including a hand-off already queued. */
    void close() {
        closed = true;
    }

    private void runOnUi() {
        pending.set(false);
        if (!closed) {
            action.run();
        }
    }
}
