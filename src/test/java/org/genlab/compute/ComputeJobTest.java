package org.genlab.compute;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.genlab.compute.JobTracker.JobInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComputeJobTest {
    private final ComputePool pool = new ComputePool(1);
    private final ManualExecutor ui = new ManualExecutor();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();
    private final List<Object> results = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger cancellations = new AtomicInteger();

    @AfterEach
    void closePool() {
        pool.close();
    }

    private <T> ComputeJob.Builder<T> recorded(String name, JobTask<T> task) {
        return ComputeJob.builder(name, task)
                .onProgress(progress::add)
                .onSuccess(results::add)
                .onFailure(failures::add)
                .onCancelled(cancellations::incrementAndGet);
    }

    /**
     * Waits until the job has ended and its completion is queued on {@link #ui}: the job's
     * status turns done just before its thread queues the callback, so a no-op run on the
     * pool's one thread after it is the barrier that the callback has been handed off.
     */
    private void awaitDone(ComputeJob<?> job) throws Exception {
        Await.until("job done", job::isDone);
        pool.submit(() -> { }).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void deliversTheNewestProgressThenTheResult() throws Exception {
        ComputeJob<Integer> job = recorded("count", sink -> {
            for (int i = 1; i <= 100; i++) {
                sink.report(i / 100.0, "step " + i);
            }
            return 42;
        }).start(pool.executor(), ui);
        awaitDone(job);

        assertThat(ui.maxPending()).as("one progress hand-off plus the completion").isLessThanOrEqualTo(2);
        ui.drain();
        assertThat(progress).containsExactly(new Progress(1.0, "step 100"));
        assertThat(results).containsExactly(42);
        assertThat(failures).isEmpty();
        assertThat(job.status()).isEqualTo(ComputeJob.Status.SUCCEEDED);
        assertThat(job.progress()).isEqualTo(new Progress(1.0, "step 100"));
    }

    @Test
    void cancelStopsAJobThatPollsPromptly() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        ComputeJob<Void> job = this.<Void>recorded("forever", sink -> {
            running.countDown();
            for (long i = 0; ; i++) {
                sink.checkCancelled();
                sink.report(0.5, "iteration " + i);
            }
        }).start(pool.executor(), ui);
        Await.latch(running);

        job.cancel();
        awaitDone(job);
        ui.drain();

        assertThat(job.status()).isEqualTo(ComputeJob.Status.CANCELLED);
        assertThat(cancellations).hasValue(1);
        assertThat(results).isEmpty();
        assertThat(failures).isEmpty();
    }

    @Test
    void aJobCancelledBeforeItStartsNeverRuns() throws Exception {
        CountDownLatch blocker = new CountDownLatch(1);
        pool.executor().execute(() -> Await.uninterruptibly(blocker));
        AtomicBoolean ran = new AtomicBoolean();
        ComputeJob<Integer> job = recorded("queued", sink -> {
            ran.set(true);
            return 1;
        }).start(pool.executor(), ui);

        job.cancel();
        assertThat(job.status()).isEqualTo(ComputeJob.Status.CANCELLED);
        blocker.countDown();
        Await.quiesce(pool);
        ui.drain();

        assertThat(ran).isFalse();
        assertThat(cancellations).hasValue(1);
        assertThat(results).isEmpty();
    }

    @Test
    void aFailureReachesTheFailureCallback() throws Exception {
        ComputeJob<Integer> job = this.<Integer>recorded("broken", sink -> {
            sink.report(0.25, "reading");
            throw new IOException("disk on fire");
        }).start(pool.executor(), ui);
        awaitDone(job);
        ui.drain();

        assertThat(job.status()).isEqualTo(ComputeJob.Status.FAILED);
        assertThat(failures).singleElement().satisfies(e ->
                assertThat(e).isInstanceOf(IOException.class).hasMessage("disk on fire"));
        assertThat(results).isEmpty();
        assertThat(cancellations).hasValue(0);
    }

    @Test
    void theTrackerListsRunningJobsWithTheirProgress() throws Exception {
        JobTracker tracker = new JobTracker(ui);
        List<List<JobInfo>> listings = new CopyOnWriteArrayList<>();
        tracker.subscribe(listings::add);
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        ComputeJob<String> job = recorded("train", sink -> {
            sink.report(0.5, "epoch 5/10");
            halfway.countDown();
            Await.uninterruptibly(release);
            return "model";
        }).tracker(tracker).start(pool.executor(), ui);
        Await.latch(halfway);
        ui.drain();

        assertThat(listings).isNotEmpty();
        assertThat(listings.get(listings.size() - 1)).singleElement().satisfies(info -> {
            assertThat(info.name()).isEqualTo("train");
            assertThat(info.job()).isSameAs(job);
            assertThat(info.progress()).isEqualTo(new Progress(0.5, "epoch 5/10"));
        });

        release.countDown();
        awaitDone(job);
        ui.drain();
        assertThat(listings.get(listings.size() - 1)).isEmpty();
        assertThat(tracker.jobs()).isEmpty();
        assertThat(results).containsExactly("model");
    }

    @Test
    void progressOutsideTheUnitIntervalIsAFailure() throws Exception {
        ComputeJob<Integer> job = recorded("bad", sink -> {
            sink.report(1.5, "too far");
            return 0;
        }).start(pool.executor(), ui);
        awaitDone(job);
        ui.drain();

        assertThat(failures).singleElement().isInstanceOf(IllegalArgumentException.class);
    }
}
