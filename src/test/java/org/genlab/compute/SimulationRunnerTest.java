package org.genlab.compute;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.genlab.compute.SimulationRunner.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulationRunnerTest {
    /** One thread, so {@link Await#quiesce} tells when the runner's tasks have all finished. */
    private final ComputePool pool = new ComputePool(1);
    private final ManualExecutor ui = new ManualExecutor();
    private final List<Snapshot<Integer>> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger stepCalls = new AtomicInteger();

    @AfterEach
    void closePool() {
        pool.close();
    }

    private SimulationRunner<Integer> counter(int initial) {
        return runner(initial, s -> {
            stepCalls.incrementAndGet();
            return s + 1;
        });
    }

    private SimulationRunner<Integer> runner(int initial, StepFunction<Integer> step) {
        return new SimulationRunner<>(initial, step, pool.executor(), ui, delivered::add);
    }

    private static void awaitIndex(SimulationRunner<?> runner, int index) {
        Await.until("index " + index + " reached and idle", () -> {
            Snapshot<?> s = runner.snapshot();
            return s.index() == index && !s.playing();
        });
    }

    private Snapshot<Integer> lastDelivered() {
        assertThat(delivered).isNotEmpty();
        return delivered.get(delivered.size() - 1);
    }

    @Test
    void deliversOnlyTheNewestSnapshotWithAtMostOneHandOffPending() throws Exception {
        SimulationRunner<Integer> runner = counter(0);
        runner.setStopCondition(s -> s >= 50);

        runner.play();
        awaitIndex(runner, 50);
        Await.quiesce(pool);

        assertThat(ui.maxPending()).isEqualTo(1);
        assertThat(delivered).isEmpty();
        assertThat(ui.drain()).isEqualTo(1);
        assertThat(delivered).containsExactly(new Snapshot<>(50, 50, 0, 51, false, 0, null));
        HistoryView<Integer> history = runner.history();
        assertThat(history.size()).isEqualTo(51);
        for (int i = 0; i <= 50; i++) {
            assertThat(history.get(i)).isEqualTo(i);
        }
    }

    @Test
    void stepsRunOnComputeThreadsAndTheListenerOnTheUiExecutor() throws Exception {
        List<String> stepThreads = new CopyOnWriteArrayList<>();
        List<Thread> listenerThreads = new CopyOnWriteArrayList<>();
        SimulationRunner<Integer> runner = new SimulationRunner<>(0, s -> {
            stepThreads.add(Thread.currentThread().getName());
            return s + 1;
        }, pool.executor(), ui, s -> listenerThreads.add(Thread.currentThread()));

        runner.step();
        awaitIndex(runner, 1);
        Await.quiesce(pool);
        ui.drain();

        assertThat(stepThreads).containsExactly("genlab-compute-1");
        assertThat(listenerThreads).containsOnly(Thread.currentThread());
    }

    @Test
    void stepBackAndSeekMoveThroughTheHistoryAndReplayTheRecordedFuture() throws Exception {
        SimulationRunner<Integer> runner = counter(0);
        for (int i = 1; i <= 3; i++) {
            runner.step();
            awaitIndex(runner, i);
        }
        assertThat(stepCalls).hasValue(3);

        runner.stepBack();
        assertThat(runner.snapshot()).extracting(Snapshot::state, Snapshot::index).containsExactly(2, 2);
        runner.seek(0);
        assertThat(runner.snapshot().state()).isZero();
        runner.stepBack();
        assertThat(runner.snapshot().index()).isZero();
        runner.seek(99);
        assertThat(runner.snapshot().index()).isEqualTo(3);
        assertThat(runner.snapshot().historySize()).isEqualTo(4);

        runner.seek(1);
        runner.step();
        awaitIndex(runner, 2);
        assertThat(runner.snapshot().state()).isEqualTo(2);
        assertThat(runner.history().size()).isEqualTo(4);
        assertThat(stepCalls).as("forward from the past replays, no recomputation").hasValue(3);

        runner.discardFuture();
        assertThat(runner.snapshot().lastIndex()).isEqualTo(2);
        runner.step();
        awaitIndex(runner, 3);
        assertThat(stepCalls).hasValue(4);

        Await.quiesce(pool);
        ui.drain();
        assertThat(lastDelivered()).isEqualTo(new Snapshot<>(3, 3, 0, 4, false, 0, null));
    }

    @Test
    void resetClearsTheHistoryAndBumpsTheGeneration() throws Exception {
        SimulationRunner<Integer> runner = counter(0);
        runner.setStopCondition(s -> s >= 5);
        runner.play();
        awaitIndex(runner, 5);

        runner.reset();
        assertThat(runner.snapshot()).isEqualTo(new Snapshot<>(0, 0, 0, 1, false, 1, null));

        runner.reset(100);
        assertThat(runner.snapshot()).isEqualTo(new Snapshot<>(100, 0, 0, 1, false, 2, null));
        runner.step();
        awaitIndex(runner, 1);
        assertThat(runner.snapshot().state()).isEqualTo(101);

        runner.reset();
        assertThat(runner.snapshot().state()).as("reset returns to the new initial state").isEqualTo(100);
        assertThat(runner.history().size()).isEqualTo(1);

        Await.quiesce(pool);
        ui.drain();
        assertThat(lastDelivered()).isEqualTo(new Snapshot<>(100, 0, 0, 1, false, 3, null));
    }

    @Test
    void historyBeyondItsCapacityDropsTheOldestStatesButKeepsAbsoluteIndices() {
        SimulationRunner<Integer> runner = counter(0);
        runner.setHistoryCapacity(5);
        runner.setStopCondition(s -> s >= 20);
        runner.play();
        awaitIndex(runner, 20);

        Snapshot<Integer> s = runner.snapshot();
        assertThat(s.firstIndex()).isEqualTo(16);
        assertThat(s.historySize()).isEqualTo(5);
        assertThat(s.lastIndex()).isEqualTo(20);
        assertThat(runner.history().get(16)).isEqualTo(16);
        assertThatThrownBy(() -> runner.history().get(15)).isInstanceOf(IndexOutOfBoundsException.class);

        runner.seek(0);
        assertThat(runner.snapshot().state()).isEqualTo(16);
    }

    @Test
    void aStaleResultFromACancelledGenerationNeverReachesTheListener() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SimulationRunner<Integer> runner = runner(0, s -> {
            entered.countDown();
            Await.uninterruptibly(release); // ignores the cancel's interrupt: returns a result anyway
            return s + 1;
        });

        runner.step();
        Await.latch(entered);
        runner.cancel();
        release.countDown();
        Await.quiesce(pool);
        ui.drain();

        assertThat(delivered).isNotEmpty().allSatisfy(s -> {
            assertThat(s.state()).isZero();
            assertThat(s.error()).isNull();
        });
        assertThat(lastDelivered().generation()).isEqualTo(1);
        assertThat(runner.history().size()).isEqualTo(1);
    }

    @Test
    void resetInterruptsAStepInFlightAndDiscardsItsInterruption() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        SimulationRunner<Integer> runner = runner(0, s -> {
            entered.countDown();
            never.await(); // interruptible: the reset ends it with InterruptedException
            return s + 1;
        });

        runner.play();
        Await.latch(entered);
        runner.reset(7);
        Await.quiesce(pool);
        ui.drain();

        assertThat(lastDelivered()).isEqualTo(new Snapshot<>(7, 0, 0, 1, false, 1, null));
        assertThat(delivered).noneMatch(Snapshot::hasError);
    }

    @Test
    void aFailingStepReportsItsMessageAndPausesOnTheLastGoodState() throws Exception {
        SimulationRunner<Integer> runner = runner(0, s -> {
            if (s == 3) {
                throw new IllegalStateException("diverged at 3");
            }
            return s + 1;
        });

        runner.play();
        Await.until("failure reported", () -> runner.snapshot().hasError());
        Await.quiesce(pool);
        ui.drain();

        Snapshot<Integer> last = lastDelivered();
        assertThat(last.error()).contains("IllegalStateException").contains("diverged at 3");
        assertThat(last.playing()).isFalse();
        assertThat(last.state()).isEqualTo(3);
        assertThat(last.index()).isEqualTo(3);
        assertThat(runner.history().size()).isEqualTo(4);

        runner.stepBack();
        assertThat(runner.snapshot().error()).as("the next command clears the error").isNull();
    }

    @Test
    void theStopConditionPausesPlayEvenWithADelayBetweenSteps() throws Exception {
        SimulationRunner<Integer> runner = counter(0);
        runner.setStepDelay(Duration.ofMillis(1));
        runner.setStopCondition(s -> s == 4);

        runner.play();
        assertThat(runner.snapshot().playing()).isTrue();
        awaitIndex(runner, 4);

        assertThat(stepCalls).hasValue(4);
        assertThat(runner.snapshot().state()).isEqualTo(4);
    }

    @Test
    void pauseStopsPlayAfterAtMostTheStepInFlight() throws Exception {
        CountDownLatch tenSteps = new CountDownLatch(10);
        SimulationRunner<Integer> runner = runner(0, s -> {
            tenSteps.countDown();
            return s + 1;
        });

        runner.play();
        Await.latch(tenSteps);
        runner.pause();
        Await.quiesce(pool);
        int stoppedAt = runner.snapshot().index();
        Await.quiesce(pool);

        assertThat(runner.snapshot().index()).isEqualTo(stoppedAt).isGreaterThanOrEqualTo(10);
        assertThat(runner.snapshot().playing()).isFalse();
    }

    @Test
    void aClosedRunnerIgnoresCommandsAndDeliversNothing() throws Exception {
        SimulationRunner<Integer> runner = counter(0);
        runner.step();
        runner.close();
        runner.step();
        runner.play();
        Await.quiesce(pool);

        ui.drain();
        assertThat(delivered).isEmpty();
        assertThat(runner.snapshot().playing()).isFalse();
    }
}
