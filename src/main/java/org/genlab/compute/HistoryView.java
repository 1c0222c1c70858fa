package org.genlab.compute;

/**
 * A read-only view of a {@link SimulationRunner}'s history, for a timeline slider.
 *
 * <p>Indices are <em>absolute step numbers</em>: index 0 is the initial state and index
 * {@code i} the state after {@code i} steps. When the history exceeds its capacity the
 * oldest states are dropped, so the retained range is
 * {@code [firstIndex(), lastIndex()]} and {@code firstIndex()} may become positive; an
 * index keeps naming the same state for as long as that state is retained.
 *
 * <p>Safe to call from any thread; each call is consistent on its own (the history may
 * change between two calls, so read {@link SimulationRunner.Snapshot} fields for a
 * consistent set).
 *
 * @param <S> the state type
 */
public interface HistoryView<S> {
    /** Number of retained states (at least 1). */
    int size();

    /** Absolute index of the oldest retained state. */
    int firstIndex();

    /** Absolute index of the newest retained state. */
    int lastIndex();

    /**
     * The state at absolute {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside
     *         {@code [firstIndex(), lastIndex()]}
     */
    S get(int index);
}
