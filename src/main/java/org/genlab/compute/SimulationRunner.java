package org.genlab.compute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a step-wise simulation over immutable states off the UI thread and reports it back
 * to the UI, latest-wins.
 *
 * <h2>Threads</h2>
 * Steps (and the stop condition) always run on the compute executor, never on the thread
 * that calls a command. Every public method may be called from any thread, returns at once
 * and never waits for a step. The listener is called on the UI executor only.
 *
 * <h2>Delivery</h2>
 * Each change publishes a {@link Snapshot}; only the newest one is kept and at most one
 * hand-off is pending on the UI executor. When it runs it delivers the newest snapshot, so
 * while playing, intermediate states are skipped when the UI cannot keep up (they remain
 * in the {@link #history()}).
 *
 * <h2>History</h2>
 * Every state is kept, indexed by its absolute step number (index 0 = initial state), up
 * to a capacity ({@link #DEFAULT_HISTORY_CAPACITY} by default); beyond it the oldest states
 * are dropped and {@link Snapshot#firstIndex()} grows (see {@link HistoryView}).
 * {@link #seek(int)} and {@link #stepBack()} only move the cursor. Stepping or playing
 * forward from a past state <em>replays the recorded future</em> (no recomputation, so
 * scrubbing is free) and computes new states only past the newest one; call
 * {@link #discardFuture()} first to branch off with a changed step function.
 *
 * <h2>Generations</h2>
 * {@link #reset()}, {@link #reset(Object)} and {@link #cancel()} bump the generation: a step
 * in flight is interrupted and its result, or its failure, is discarded and never reaches
 * the listener. {@link #seek(int)}, {@link #stepBack()} and {@link #discardFuture()} also
 * discard a step in flight (it was computed from another state) but keep the generation.
 *
 * <h2>Failures</h2>
 * An exception thrown by the step function or the stop condition pauses play; the state
 * stays the last good one and the snapshot carries {@code Throwable.toString()} (class and
 * message) in {@link Snapshot#error()}, which is also logged. The error is cleared by the
 * next command or successful step.
 *
 * @param <S> the state type; states must be immutable (or never mutated once returned)
 */
public final class SimulationRunner<S> implements AutoCloseable {
    /** Default number of states kept in the history. */
    public static final int DEFAULT_HISTORY_CAPACITY = 10_000;

    private static final System.Logger LOG = System.getLogger(SimulationRunner.class.getName());

    /**
     * What the listener receives.
     *
     * @param state      the current state
     * @param index      its absolute step number (0 = initial state)
     * @param firstIndex absolute index of the oldest retained state (0 until states are dropped)
     * @param historySize number of retained states; the newest has index
     *                   {@code firstIndex + historySize - 1}
     * @param playing    whether play is on
     * @param generation bumped by reset and cancel; a pane may clear derived views when it changes
     * @param error      {@code null}, or the failure of the last step as "class: message"
     * @param <S>        the state type
     */
    public record Snapshot<S>(S state, int index, int firstIndex, int historySize,
                              boolean playing, long generation, String error) {
        /** Absolute index of the newest retained state (the timeline's maximum). */
        public int lastIndex() {
            return firstIndex + historySize - 1;
        }

        /** Whether the last step failed. */
        public boolean hasError() {
            return error != null;
        }
    }

    private final StepFunction<S> stepFunction;
    private final Executor compute;
    private final LatestValue<Snapshot<S>> delivery;
    private final HistoryView<S> historyView = new View();

    private final Object lock = new Object();
    // Everything below is guarded by lock.
    private final ArrayList<S> history = new ArrayList<>();
    private S initial;
    private int firstIndex;
    private int cursor;
    private int capacity = DEFAULT_HISTORY_CAPACITY;
    private Duration stepDelay = Duration.ZERO;
    private Predicate<? super S> stopCondition = state -> false;
    private boolean playing;
    private boolean stepRequested;
    private boolean closed;
    private long generation;
    private String error;
    /** The step scheduled or running whose result is wanted; {@code null} if none. */
    private Attempt inFlight;

    /**
     * @param initial      state at index 0
     * @param stepFunction computes the next state, on {@code compute}
     * @param compute      where steps run, e.g. {@code ComputePool.shared().executor()};
     *                     must not run tasks on the calling thread
     * @param ui           where the listener runs, e.g. {@code Platform::runLater}
     * @param listener     receives snapshots on {@code ui}
     */
    public SimulationRunner(S initial, StepFunction<S> stepFunction, Executor compute, Executor ui,
                            Consumer<? super Snapshot<S>> listener) {
        this.stepFunction = Objects.requireNonNull(stepFunction, "stepFunction");
        this.compute = Objects.requireNonNull(compute, "compute");
        this.delivery = new LatestValue<>(ui, listener);
        this.initial = Objects.requireNonNull(initial, "initial");
        history.add(initial);
    }

    // ---------------------------------------------------------------- configuration

    /**
     * Minimum pause between the end of one step and the start of the next while playing;
     * {@link Duration#ZERO} (the default) runs as fast as possible. Takes effect from the
     * next step, so a speed slider may call it at any time. Single {@link #step()}s are
     * never delayed.
     */
    public void setStepDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        synchronized (lock) {
            stepDelay = delay;
        }
    }

    /**
     * Play stops (pauses) after reaching a state that satisfies {@code isDone}, e.g.
     * convergence. Tested on the compute thread for every new current state reached by a
     * step; {@code null} removes the condition.
     */
    public void setStopCondition(Predicate<? super S> isDone) {
        synchronized (lock) {
            stopCondition = isDone == null ? state -> false : isDone;
        }
    }

    /**
     * Keeps at most {@code capacity} (at least 1) states, dropping the oldest at once if
     * needed; the cursor moves to the oldest retained state if its own was dropped.
     */
    public void setHistoryCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be >= 1: " + capacity);
        }
        command(() -> {
            this.capacity = capacity;
            int before = firstIndex;
            dropOldestBeyondCapacity();
            if (firstIndex != before) {
                // A step in flight may start from a state that is no longer kept.
                discardInFlight();
            }
            cursor = Math.max(cursor, firstIndex);
            return null;
        });
    }

    // ---------------------------------------------------------------- commands

    /** Steps continuously until {@link #pause()}, the stop condition, a failure or a reset. */
    public void play() {
        command(() -> {
            playing = true;
            error = null;
            return inFlight == null ? schedule(false) : null;
        });
    }

    /** Stops playing; a step already running completes and is shown. */
    public void pause() {
        command(() -> {
            playing = false;
            return null;
        });
    }

    /**
     * Stops playing and advances one step: from the current state once any step already
     * running has completed (a step only waiting for its play delay is replaced).
     */
    public void step() {
        command(() -> {
            playing = false;
            stepRequested = true;
            error = null;
            if (inFlight != null && !inFlight.started) {
                discardInFlight();
            }
            return inFlight == null ? schedule(false) : null;
        });
    }

    /** Stops playing and moves to the previous retained state, if any. */
    public void stepBack() {
        command(() -> {
            moveCursor(cursor - 1);
            return null;
        });
    }

    /**
     * Stops playing and moves to absolute {@code index}, clamped to the retained range; for a
     * timeline slider.
     */
    public void seek(int index) {
        command(() -> {
            moveCursor(index);
            return null;
        });
    }

    /** Stops playing and drops the states after the current one, so the next step recomputes. */
    public void discardFuture() {
        command(() -> {
            stop();
            history.subList(cursor - firstIndex + 1, history.size()).clear();
            return null;
        });
    }

    /** Back to the initial state: clears the history and bumps the generation. */
    public void reset() {
        command(() -> {
            restart(initial);
            return null;
        });
    }

    /** Starts over from {@code newInitial}, which becomes the state {@link #reset()} returns to. */
    public void reset(S newInitial) {
        Objects.requireNonNull(newInitial, "newInitial");
        command(() -> {
            restart(newInitial);
            return null;
        });
    }

    /**
     * Stops playing, interrupts a step in flight and bumps the generation so that its result
     * is discarded; the history is kept.
     */
    public void cancel() {
        command(() -> {
            stop();
            generation++;
            return null;
        });
    }

    /** {@link #cancel()}, then ignores every further command and delivers nothing more. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            stop();
            generation++;
            closed = true;
        }
        delivery.close();
    }

    // ---------------------------------------------------------------- queries

    /** The current snapshot, built now (also what the listener will be given next). */
    public Snapshot<S> snapshot() {
        synchronized (lock) {
            return snapshotLocked();
        }
    }

    /** Whether {@link #close()} has been called (a pane thrown away must leave no run going). */
    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** A live read-only view of the history, for a timeline. */
    public HistoryView<S> history() {
        return historyView;
    }

    // ---------------------------------------------------------------- internals

    /**
     * Applies {@code change} under the lock, then starts the step it returns (if not null)
     * and publishes the new snapshot, both without the lock.
     */
    private void command(Supplier<Attempt> change) {
        Attempt toStart;
        synchronized (lock) {
            if (closed) {
                return;
            }
            toStart = change.get();
            publishLocked();
        }
        start(toStart);
        delivery.requestDelivery();
    }

    private void restart(S newInitial) {
        stop();
        generation++;
        initial = newInitial;
        history.clear();
        history.add(newInitial);
        firstIndex = 0;
        cursor = 0;
        error = null;
    }

    private void moveCursor(int index) {
        stop();
        error = null;
        cursor = Math.max(firstIndex, Math.min(index, lastIndexLocked()));
    }

    /** Stops play and discards any step in flight. */
    private void stop() {
        playing = false;
        stepRequested = false;
        discardInFlight();
    }

    private void discardInFlight() {
        if (inFlight != null) {
            inFlight.future.cancel(true);
            inFlight = null;
        }
    }

    /** Marks a new step as in flight; the caller starts it with {@link #start} after unlocking. */
    private Attempt schedule(boolean afterDelay) {
        inFlight = new Attempt(afterDelay ? stepDelay : Duration.ZERO);
        return inFlight;
    }

    /** Hands a scheduled step to the compute executor; called without the lock. */
    private void start(Attempt attempt) {
        if (attempt == null) {
            return;
        }
        Executor executor = attempt.delay.isZero() ? compute
                : CompletableFuture.delayedExecutor(attempt.delay.toNanos(), TimeUnit.NANOSECONDS, compute);
        try {
            executor.execute(attempt.future);
        } catch (RejectedExecutionException e) {
            fail(attempt, e);
        }
    }

    /** The body of a step, on a compute thread. */
    private void runStep(Attempt attempt) {
        int fromIndex;
        S from;
        S recorded;
        Predicate<? super S> isDone;
        synchronized (lock) {
            if (inFlight != attempt) {
                return;
            }
            if (!playing && !stepRequested) { // paused while waiting for the play delay
                inFlight = null;
                return;
            }
            stepRequested = false;
            attempt.started = true;
            fromIndex = cursor;
            from = stateAt(cursor);
            recorded = cursor < lastIndexLocked() ? stateAt(cursor + 1) : null;
            isDone = stopCondition;
        }
        S next;
        boolean done;
        try {
            next = recorded != null ? recorded
                    : Objects.requireNonNull(stepFunction.next(from), "the step function returned null");
            done = isDone.test(next);
        } catch (Throwable failure) {
            fail(attempt, failure);
            if (failure instanceof Error) {
                throw (Error) failure; // also reported by the pool
            }
            return;
        }
        Attempt toStart;
        synchronized (lock) {
            if (inFlight != attempt) {
                return; // stale: reset, cancel or seek since this step started
            }
            inFlight = null;
            if (recorded == null) {
                history.add(next);
                dropOldestBeyondCapacity();
            }
            cursor = fromIndex + 1;
            error = null;
            if (done) {
                playing = false;
            }
            toStart = playing ? schedule(true) : stepRequested ? schedule(false) : null;
            publishLocked();
        }
        start(toStart);
        delivery.requestDelivery();
    }

    private void fail(Attempt attempt, Throwable failure) {
        synchronized (lock) {
            if (inFlight != attempt) {
                return; // the failure of a discarded step, typically its interruption
            }
            inFlight = null;
            playing = false;
            stepRequested = false;
            error = failure.toString();
            publishLocked();
        }
        LOG.log(System.Logger.Level.WARNING, "simulation step failed", failure);
        delivery.requestDelivery();
    }

    private void dropOldestBeyondCapacity() {
        int excess = history.size() - capacity;
        if (excess > 0) {
            history.subList(0, excess).clear();
            firstIndex += excess;
        }
    }

    private S stateAt(int index) {
        return history.get(index - firstIndex);
    }

    private int lastIndexLocked() {
        return firstIndex + history.size() - 1;
    }

    /**
     * Makes the current snapshot the next to deliver. Done under the lock so that snapshots
     * are set in the order of the changes; the hand-off is requested after unlocking.
     */
    private void publishLocked() {
        delivery.set(snapshotLocked());
    }

    private Snapshot<S> snapshotLocked() {
        return new Snapshot<>(stateAt(cursor), cursor, firstIndex, history.size(), playing, generation, error);
    }

    /** One scheduled step; identity tells a wanted result from a stale one. */
    private final class Attempt implements Runnable {
        final FutureTask<Void> future = new FutureTask<>(this, null);
        final Duration delay;
        /** Guarded by lock: the step has taken its input state. */
        boolean started;

        Attempt(Duration delay) {
            this.delay = delay;
        }

        @Override
        public void run() {
            runStep(this);
        }
    }

    private final class View implements HistoryView<S> {
        @Override
        public int size() {
            synchronized (lock) {
                return history.size();
            }
        }

        @Override
        public int firstIndex() {
            synchronized (lock) {
                return firstIndex;
            }
        }

        @Override
        public int lastIndex() {
            synchronized (lock) {
                return lastIndexLocked();
            }
        }

        @Override
        public S get(int index) {
            synchronized (lock) {
                if (index < firstIndex || index > lastIndexLocked()) {
                    throw new IndexOutOfBoundsException("index " + index + " outside retained ["
                            + firstIndex + ", " + lastIndexLocked() + "]");
                }
                return stateAt(index);
            }
        }
    }
}
