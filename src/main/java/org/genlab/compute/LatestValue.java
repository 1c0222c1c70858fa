package org.genlab.compute;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Latest-wins delivery of values to a listener on the UI executor: only the newest published
 * value is kept, with at most one hand-off pending; values published while the UI is busy
 * are skipped, never queued up.
 */
final class LatestValue<T> {
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final UiHandOff handOff;

    LatestValue(Executor ui, Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        this.handOff = new UiHandOff(ui, () -> {
            T value = latest.getAndSet(null);
            if (value != null) {
                listener.accept(value);
            }
        });
    }

    /** Makes {@code value} the one to deliver next; callable from any thread. */
    void publish(T value) {
        latest.set(Objects.requireNonNull(value, "value"));
        handOff.request();
    }

    /** Nothing more is delivered. */
    void close() {
        handOff.close();
        latest.set(null);
    }
}
