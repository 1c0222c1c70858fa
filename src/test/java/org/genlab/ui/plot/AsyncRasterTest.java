package org.genlab.ui.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncRasterTest {
    /** Executor that runs tasks when the test says so, in any order. */
    private static final class ManualExecutor implements java.util.concurrent.Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }
    }

    private final Viewport v = Viewport.of(0, 1, 0, 1, 100, 100);

    @Test
    void staleRasterFinishingLateIsNeverShown() {
        ManualExecutor ex = new ManualExecutor();
        AtomicInteger published = new AtomicInteger();
        AsyncRaster r = new AsyncRaster(ex, published::incrementAndGet);
        RasterImage older = new RasterImage(1, 1), newer = new RasterImage(1, 1);
        // The first task is superseded while it is already running: simulate by capturing the job
        // and letting it run after the newer one.
        r.request("a", v, () -> older);
        r.request("b", v, () -> newer);
        assertThat(r.latestRequested()).isEqualTo(2);
        ex.tasks.get(1).run();
        assertThat(r.current().image()).isSameAs(newer);
        ex.tasks.get(0).run();
        assertThat(r.current().image()).isSameAs(newer);
        assertThat(r.current().generation()).isEqualTo(2);
        assertThat(published).hasValue(1);
    }

    @Test
    void oldRasterStaysVisibleWhileNewOneComputes() {
        ManualExecutor ex = new ManualExecutor();
        AsyncRaster r = new AsyncRaster(ex, () -> { });
        RasterImage first = new RasterImage(1, 1);
        r.request("a", v, () -> first);
        ex.tasks.get(0).run();
        r.request("b", v, () -> new RasterImage(1, 1));
        assertThat(r.current().image()).isSameAs(first);
    }

    @Test
    void sameKeyDoesNotRecompute() {
        ManualExecutor ex = new ManualExecutor();
        AsyncRaster r = new AsyncRaster(ex, () -> { });
        assertThat(r.request("a", v, () -> null)).isTrue();
        assertThat(r.request("a", v, () -> null)).isFalse();
        r.invalidate();
        assertThat(r.request("a", v, () -> null)).isTrue();
    }

    @Test
    void staleJobThatStartsLateRacesWithPublishAndLoses() {
        ManualExecutor ex = new ManualExecutor();
        AsyncRaster r = new AsyncRaster(ex, () -> { });
        RasterImage[] made = new RasterImage[1];
        r.request("a", v, () -> {
            // a newer request arrives while this job computes
            r.request("b", v, () -> new RasterImage(2, 2));
            return made[0] = new RasterImage(1, 1);
        });
        ex.tasks.get(0).run();
        assertThat(r.current()).isNull();
        ex.tasks.get(1).run();
        assertThat(r.current().image().width()).isEqualTo(2);
    }

    @Test
    void pendingUntilTheLatestRequestIsPublishedOrFails() {
        ManualExecutor ex = new ManualExecutor();
        AsyncRaster r = new AsyncRaster(ex, () -> { });
        assertThat(r.isPending()).isFalse();
        r.request("a", v, () -> new RasterImage(1, 1));
        r.request("b", v, () -> new RasterImage(1, 1));
        assertThat(r.isPending()).isTrue();
        ex.tasks.get(0).run(); // superseded: b is still on its way
        assertThat(r.isPending()).isTrue();
        ex.tasks.get(1).run();
        assertThat(r.isPending()).isFalse();

        r.request("c", v, () -> null); // "nothing to show" ends the request too
        ex.tasks.get(2).run();
        assertThat(r.isPending()).isFalse();

        r.request("d", v, () -> {
            throw new IllegalStateException("boom");
        });
        assertThat(r.isPending()).isTrue();
        ex.tasks.get(3).run();
        assertThat(r.isPending()).as("a failed job leaves nothing pending, so no frame waits for it").isFalse();
    }
}
