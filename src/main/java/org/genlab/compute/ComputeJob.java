package org.genlab.compute;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A long background job (training, a large grid) with progress, cancellation and completion
 * callbacks delivered on the UI executor.
 *
 * <pre>{@code
 * ComputeJob<Model> job = ComputeJob.builder("Train VAE", sink -> train(data, sink))
 *         .onProgress(p -> bar.setProgress(p.fraction()))
 *         .onSuccess(model -> show(model))
 *         .onFailure(e -> showError(e))
 *         .tracker(jobTracker)
 *         .start(ComputePool.shared().executor(), Platform::runLater);
 * ...
 * job.cancel();
 * }</pre>
 *
 * <p>Progress is delivered latest-wins (at most one hand-off pending on the UI executor).
 * Exactly one of the success, failure and cancelled callbacks runs, after any progress
 * delivery already queued (the UI executor is assumed FIFO, as {@code Platform.runLater} is).
 *
 * <p>Cancellation is cooperative: {@link #cancel()} sets a flag the task sees through
 * {@link ProgressSink#checkCancelled()}; a job cancelled before it started never runs. A
 * job that was cancelled ends as {@link Status#CANCELLED} however its task ends (its result
 * or failure is discarded), and so does one whose task throws {@link CancelledException}.
 *
 * @param <T> the result type
 */
public final class ComputeJob<T> {
    /** Life cycle of a job. */
    public enum Status { PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    private static final System.Logger LOG = System.getLogger(ComputeJob.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final String name;
    private final JobTask<T> task;
    private final Executor ui;
    private final Builder<T> callbacks;
    private final JobTracker tracker;
    private final LatestValue<Progress> progressDelivery;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.PENDING);
    private volatile boolean cancelRequested;
    private volatile Progress progress = Progress.NONE;

    private ComputeJob(Builder<T> builder, Executor ui) {
        this.name = builder.name;
        this.task = builder.task;
        this.ui = Objects.requireNonNull(ui, "ui");
        this.callbacks = builder;
        this.tracker = builder.tracker;
        this.progressDelivery = new LatestValue<>(ui, builder.onProgress);
    }

    /** Starts describing a job; nothing runs before {@link Builder#start}. */
    public static <T> Builder<T> builder(String name, JobTask<T> task) {
        return new Builder<>(name, task);
    }

    /** Unique id, increasing in start order. */
    public long id() {
        return id;
    }

    /** The name given to the builder, for the status bar. */
    public String name() {
        return name;
    }

    /** The latest progress reported. */
    public Progress progress() {
        return progress;
    }

    /** The current status. */
    public Status status() {
        return status.get();
    }

    /** Whether the job has ended, whichever way. */
    public boolean isDone() {
        Status s = status.get();
        return s != Status.PENDING && s != Status.RUNNING;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /**
     * Asks the job to stop; returns at once. A job not yet started ends now; a running one
     * ends when its task next polls {@link ProgressSink#checkCancelled()}. The cancelled
     * callback runs on the UI executor when it has ended. No effect on an ended job.
     */
    public void cancel() {
        cancelRequested = true;
        if (status.compareAndSet(Status.PENDING, Status.CANCELLED)) {
            ended(() -> callbacks.onCancelled.run());
        }
    }

    private void start(Executor compute) {
        if (tracker != null) {
            tracker.add(this);
        }
        try {
            compute.execute(this::run);
        } catch (RejectedExecutionException e) {
            if (status.compareAndSet(Status.PENDING, Status.FAILED)) {
                ended(() -> callbacks.onFailure.accept(e));
            }
        }
    }

    private void run() {
        if (!status.compareAndSet(Status.PENDING, Status.RUNNING)) {
            return; // cancelled before it started
        }
        T result;
        try {
            result = task.run(new Sink());
        } catch (Throwable failure) {
            if (cancelRequested || failure instanceof CancelledException) {
                finish(Status.CANCELLED, () -> callbacks.onCancelled.run());
            } else {
                finish(Status.FAILED, () -> callbacks.onFailure.accept(failure));
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            return;
        }
        if (cancelRequested) {
            finish(Status.CANCELLED, () -> callbacks.onCancelled.run());
        } else {
            finish(Status.SUCCEEDED, () -> callbacks.onSuccess.accept(result));
        }
    }

    private void finish(Status end, Runnable callback) {
        // Off the tracker's list before the status says done: whoever sees the job done also
        // finds it gone from the list (and its notification already requested).
        if (tracker != null) {
            tracker.remove(this);
        }
        status.set(end);
        ui.execute(callback);
    }

    private void ended(Runnable callback) {
        if (tracker != null) {
            tracker.remove(this);
        }
        ui.execute(callback);
    }

    private final class Sink implements ProgressSink {
        @Override
        public void report(double fraction, String message) {
            Progress p = new Progress(fraction, message);
            synchronized (this) { // orders reports made from several threads (parallel chunks)
                if (cancelRequested) {
                    return;
                }
                progress = p;
                progressDelivery.set(p);
            }
            progressDelivery.requestDelivery();
            if (tracker != null) {
                tracker.changed();
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelRequested;
        }
    }

    /**
     * Describes a job: callbacks (all optional, all run on the UI executor) and an optional
     * {@link JobTracker}. Without {@link #onFailure}, failures are logged at {@code WARNING}.
     *
     * @param <T> the result type
     */
    public static final class Builder<T> {
        private final String name;
        private final JobTask<T> task;
        private Consumer<? super Progress> onProgress = p -> { };
        private Consumer<? super T> onSuccess = r -> { };
        private Consumer<? super Throwable> onFailure =
                e -> LOG.log(System.Logger.Level.WARNING, "background job failed", e);
        private Runnable onCancelled = () -> { };
        private JobTracker tracker;

        private Builder(String name, JobTask<T> task) {
            this.name = Objects.requireNonNull(name, "name");
            this.task = Objects.requireNonNull(task, "task");
        }

        /** Receives the newest progress (latest-wins). */
        public Builder<T> onProgress(Consumer<? super Progress> listener) {
            this.onProgress = Objects.requireNonNull(listener);
            return this;
        }

        /** Receives the result. */
        public Builder<T> onSuccess(Consumer<? super T> listener) {
            this.onSuccess = Objects.requireNonNull(listener);
            return this;
        }

        /** Receives the exception thrown by the task. */
        public Builder<T> onFailure(Consumer<? super Throwable> listener) {
            this.onFailure = Objects.requireNonNull(listener);
            return this;
        }

        /** Runs once the cancelled job has stopped. */
        public Builder<T> onCancelled(Runnable listener) {
            this.onCancelled = Objects.requireNonNull(listener);
            return this;
        }

        /** Lists the job in {@code tracker} while it is pending or running. */
        public Builder<T> tracker(JobTracker tracker) {
            this.tracker = tracker;
            return this;
        }

        /**
         * Starts the job.
         *
         * @param compute where the task runs, e.g. {@code ComputePool.shared().executor()}
         * @param ui      where callbacks run, e.g. {@code Platform::runLater}
         */
        public ComputeJob<T> start(Executor compute, Executor ui) {
            ComputeJob<T> job = new ComputeJob<>(this, ui);
            job.start(Objects.requireNonNull(compute, "compute"));
            return job;
        }
    }
}
