package org.genlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.genlab.compute.CancelledException;
import org.genlab.compute.ProgressSink;
import org.genlab.testing.FxTestSupport;
import org.genlab.ui.topic.PaneTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The animation loop: frame times, seeks on the FX thread, progress, cancel and failure. */
class GifExporterTest {
    @TempDir
    Path dir;

    private StackPane figure;
    private final List<Double> seeks = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void fx() {
        FxTestSupport.start();
    }

    private PaneTime time(boolean integral, double max) {
        figure = FxTestSupport.onFx(() -> {
            StackPane p = new StackPane(new Label("t = ?"));
            new Scene(p, 120, 80);
            return p;
        });
        return new PaneTime("t", 0, max, max, integral, t -> {
            assertThat(Platform.isFxApplicationThread()).isTrue();
            seeks.add(t);
            ((Label) figure.getChildren().get(0)).setText("t = " + t);
            return CompletableFuture.completedFuture(null);
        });
    }

    private static ProgressSink sink(AtomicInteger reports, int cancelAfter) {
        return new ProgressSink() {
            @Override
            public void report(double fraction, String message) {
                reports.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return cancelAfter >= 0 && reports.get() > cancelAfter;
            }
        };
    }

    @Test
    void framesAreEvenlySpacedInclusiveAndRoundedForAWholeTime() {
        PaneTime t = new PaneTime("t", 0, 1000, 1000, true, x -> null);
        assertThat(t.frameTimes(0, 10, 3)).containsExactly(0, 5, 10);
        assertThat(t.frameTimes(0, 10, 4)).containsExactly(0, 3, 7, 10);
        assertThat(t.frameTimes(10, 0, 3)).containsExactly(10, 5, 0);
        assertThat(t.frameTimes(7, 9, 1)).containsExactly(7);
        PaneTime real = new PaneTime("t", 0, 1, 1, false, x -> null);
        assertThat(real.frameTimes(0, 1, 5)).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(real.frameTimes(0.1, 0.7, 7)[6]).isEqualTo(0.7);
    }

    @Test
    void writesOneSeekAndOneFramePerTime() throws Exception {
        PaneTime time = time(false, 1);
        AtomicInteger reports = new AtomicInteger();
        Path out = dir.resolve("a.gif");
        GifExporter.Result r = GifExporter.write(figure, time, new GifExporter.Options(0, 1, 3, 10, 0, 1),
                Platform::runLater, sink(reports, -1), out);
        assertThat(seeks).containsExactly(0.0, 0.5, 1.0);
        assertThat(r.frames()).isEqualTo(3);
        assertThat(r.width()).isEqualTo(120);
        assertThat(r.height()).isEqualTo(80);
        GifWriterTest.Gif g = GifWriterTest.read(out);
        assertThat(g.frames()).hasSize(3);
        assertThat(GifWriterTest.sameImage(g.frames().get(0), g.frames().get(2))).isFalse(); // the label changed
        assertThat(reports.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void cancellingLeavesNoFileAndAnOldFileUntouched() throws Exception {
        PaneTime time = time(true, 100);
        Path out = dir.resolve("b.gif");
        Files.writeString(out, "an older file");
        assertThatThrownBy(() -> GifExporter.write(figure, time, new GifExporter.Options(0, 100, 50, 10, 0, 1),
                Platform::runLater, sink(new AtomicInteger(), 2), out)).isInstanceOf(CancelledException.class);
        assertThat(seeks.size()).isLessThan(50);
        assertThat(Files.readString(out)).isEqualTo("an older file");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out); // no temporary file left behind
        }
    }

    @Test
    void aFrameThatFailsStopsTheExportWithItsTime() throws Exception {
        time(true, 10);
        PaneTime failing = new PaneTime("half-step", 0, 10, 10, true,
                t -> t >= 2 ? CompletableFuture.failedFuture(new IllegalStateException("no run")) : CompletableFuture.completedFuture(null));
        Path out = dir.resolve("c.gif");
        assertThatThrownBy(() -> GifExporter.write(figure, failing, new GifExporter.Options(0, 4, 5, 10, 0, 1),
                Platform::runLater, sink(new AtomicInteger(), -1), out))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("half-step 2").hasMessageContaining("no run");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void timesOutsideThePanesRangeAreRefused() {
        PaneTime time = time(false, 1);
        assertThatThrownBy(() -> GifExporter.write(figure, time, new GifExporter.Options(0, 2, 3, 10, 0, 1),
                Platform::runLater, sink(new AtomicInteger(), -1), dir.resolve("d.gif")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs from 0 to 1");
    }
}
