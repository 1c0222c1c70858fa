package org.genlab.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The background jobs currently pending or running, for a status bar.
 *
 * <p>Jobs register themselves when started with {@link ComputeJob.Builder#tracker} and
 * leave when they end. Subscribers are told on the UI executor, latest-wins, whenever the
 * set of jobs or their progress changes: they receive the whole current list, in start order.
 */
public final class JobTracker {
    /**
     * One tracked job at the time of the listing.
     *
     * @param job      the job, e.g. to {@link ComputeJob#cancel() cancel} it from the status bar
     * @param progress its progress then
     */
    public record JobInfo(ComputeJob<?> job, Progress progress) {
        /** The job's name. */
        public String name() {
            return job.name();
        }
    }

    /** Ends a {@link #subscribe subscription}. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        /** Stops notifications to this subscriber; idempotent. */
        @Override
        void close();
    }

    private final ConcurrentSkipListMap<Long, ComputeJob<?>> jobs = new ConcurrentSkipListMap<>();
    private final List<Consumer<? super List<JobInfo>>> listeners = new CopyOnWriteArrayList<>();
    private final UiHandOff handOff;

    /** @param ui where subscribers are called, e.g. {@code Platform::runLater} */
    public JobTracker(Executor ui) {
        this.handOff = new UiHandOff(ui, this::notifyListeners);
    }

    /** The jobs now pending or running, in start order; callable from any thread. */
    public List<JobInfo> jobs() {
        List<JobInfo> list = new ArrayList<>();
        for (ComputeJob<?> job : jobs.values()) {
            list.add(new JobInfo(job, job.progress()));
        }
        return List.copyOf(list);
    }

    /**
     * Calls {@code listener} on the UI executor with the current list now and after each
     * change. Close the returned handle to unsubscribe.
     */
    public Subscription subscribe(Consumer<? super List<JobInfo>> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        handOff.request();
        return () -> listeners.remove(listener);
    }

    void add(ComputeJob<?> job) {
        jobs.put(job.id(), job);
        handOff.request();
    }

    void remove(ComputeJob<?> job) {
        if (jobs.remove(job.id()) != null) {
            handOff.request();
        }
    }

    void changed() {
        handOff.request();
    }

    private void notifyListeners() {
        List<JobInfo> current = jobs();
        for (Consumer<? super List<JobInfo>> listener : listeners) {
            listener.accept(current);
        }
    }
}
