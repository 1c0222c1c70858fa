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

    /**
     * {@link #set} then {@link #requestDelivery}. Values published concurrently from several
     * threads race: the last one set wins, so a publisher whose values have an order must
     * call {@link #set} under the lock that orders them.
     */
    void publish(T value) {
        set(value);
        requestDelivery();
    }

    /** Makes {@code value} the one to deliver next, without touching the UI executor. */
    void set(T value) {
        latest.set(Objects.requireNonNull(value, "value"));
    }

    /** Makes sure a hand-off is pending; call after {@link #set}, outside any lock. */
    void requestDelivery() {
        handOff.request();
    }

    /** Nothing more is delivered. */
    void close() {
        handOff.close();
        latest.set(null);
    }
}
