package org.genlab.compute;

/**
 * One step of a simulation over immutable states: {@code next(s)} must return a new state
 * (never {@code null}) and leave {@code s} untouched, since the runner keeps every state
 * in its history.
 *
 * <p>Runs on a compute thread. A long step may poll {@link Thread#isInterrupted()} or call
 * interruptible methods: the runner interrupts it when its result is no longer wanted
 * (reset, cancel, seek), and an exception thrown then is discarded, not reported.
 *
 * @param <S> the state type
 */
@FunctionalInterface
public interface StepFunction<S> {
    /** The state after {@code state}. */
    S next(S state) throws Exception;
}
