package org.genlab.ui.plot;

import org.genlab.testing.FxTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LineChartTest {
    @BeforeAll
    static void fx() {
        FxTestSupport.start();
    }

    private static LineChart newChart() {
        return FxTestSupport.onFx(() -> {
            LineChart c = new LineChart();
            Stage s = new Stage();
            s.setScene(new Scene(new StackPane(c), 500, 300));
            s.show();
            c.applyCss();
            c.layout();
            return c;
        });
    }

    @Test
    void valueAtInterpolatesAndSkipsNaNGaps() {
        LineChart c = newChart();
        FxTestSupport.onFx(() -> {
            LineChart.Series s = c.addSeries("loss");
            s.setValues(new double[] {0, 2, Double.NaN, 4});
            assertThat(s.valueAt(0.5)).isCloseTo(1, within(1e-12));
            assertThat(s.valueAt(1)).isEqualTo(2);
            assertThat(s.valueAt(1.5)).isNaN();
            assertThat(s.valueAt(3)).isEqualTo(4);
            assertThat(s.valueAt(7)).isNaN();
            assertThat(s.color()).isEqualTo(Colormaps.category(0));
        });
    }

    @Test
    void clickSetsCursorAndExternalSetRedraws() {
        LineChart c = newChart();
        FxTestSupport.onFx(() -> {
            LineChart.Series a = c.addSeries("a");
            LineChart.Series b = c.addSeries("b");
            for (int i = 0; i <= 10; i++) {
                a.add(i, i * i);
                b.add(i, 50 - i);
            }
            Viewport v = c.viewport();
            double sx = v.toScreenX(6.2);
            Event.fireEvent(c, new MouseEvent(MouseEvent.MOUSE_PRESSED, sx, 100, sx, 100, MouseButton.PRIMARY, 1,
                    false, false, false, false, true, false, false, false, false, true, null));
            assertThat(c.getCursorX()).isEqualTo(6);
            c.setCursorX(3);
            assertThat(c.cursorXProperty().get()).isEqualTo(3);
        });
        WritableImage img = FxTestSupport.onFx(() -> {
            c.redrawNow();
            return c.snapshot(null, null);
        });
        Viewport v = FxTestSupport.onFx(c::viewport);
        // marker of series a at the cursor (x = 3, y = 9)
        int argb = img.getPixelReader().getArgb((int) Math.round(v.toScreenX(3)), (int) Math.round(v.toScreenY(9)));
        assertThat(argb).isEqualTo(Colormaps.category(0));
    }

    @Test
    void singlePointAndEmptyChartsHaveAValidViewport() {
        LineChart c = newChart();
        FxTestSupport.onFx(() -> {
            assertThat(c.viewport().xmax()).isGreaterThan(c.viewport().xmin());
            c.addSeries("one").add(5, 1);
            Viewport v = c.viewport();
            assertThat(v.xmin()).isEqualTo(4.5);
            assertThat(v.ymax()).isEqualTo(1.5);
            c.redrawNow();
        });
    }

    @Test
    void longTickLabelsWidenTheLeftMarginSoTheyAreNotCut() {
        LineChart c = newChart();
        FxTestSupport.onFx(() -> {
            LineChart.Series s = c.addSeries("log-likelihood");
            s.setValues(new double[] {-267101.6483, -267101.4, -267101.3});
            Viewport v = c.viewport();
            javafx.scene.text.Text t = new javafx.scene.text.Text();
            t.setFont(javafx.scene.text.Font.font("System", Axes.LABEL_SIZE));
            double widest = 0;
            for (String label : v.yTicks().labels()) {
                t.setText(label);
                widest = Math.max(widest, t.getLayoutBounds().getWidth());
            }
            // labels end 7 px left of the frame: they must start inside the chart
            assertThat(v.yTicks().labels()).isNotEmpty();
            assertThat(v.plotLeft() - 7 - widest).isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void compositedChartShowsTheSamePictureAsADirectRedraw() throws Exception {
        LineChart c = newChart();
        WritableImage direct = FxTestSupport.onFx(() -> {
            LineChart.Series a = c.addSeries("a");
            for (int i = 0; i <= 20; i++) {
                a.add(i, Math.sin(i / 3.0));
            }
            c.setCursorX(7);
            c.redrawNow();
            return c.snapshot(null, null);
        });
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            FxTestSupport.onFx(() -> c.setComposited(ex));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (FxTestSupport.onFx(c::getCompositeCount) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(FxTestSupport.onFx(c::getCompositeCount)).isPositive();
            WritableImage composited = FxTestSupport.onFx(() -> c.snapshot(null, null));
            // Java2D and Prism antialias edges and glyphs a little differently; everywhere else
            // (background, grid, curve body, cursor marker) the pictures agree.
            int w = (int) direct.getWidth(), h = (int) direct.getHeight(), close = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = direct.getPixelReader().getArgb(x, y), q = composited.getPixelReader().getArgb(x, y);
                    int d = Math.max(Math.abs(((p >> 16) & 255) - ((q >> 16) & 255)),
                            Math.max(Math.abs(((p >> 8) & 255) - ((q >> 8) & 255)), Math.abs((p & 255) - (q & 255))));
                    if (d <= 40) {
                        close++;
                    }
                }
            }
            assertThat(close / (double) (w * h)).isGreaterThan(0.97);
            Viewport v = FxTestSupport.onFx(c::viewport);
            int marker = composited.getPixelReader().getArgb((int) Math.round(v.toScreenX(7)),
                    (int) Math.round(v.toScreenY(Math.sin(7 / 3.0))));
            assertThat(marker).isEqualTo(Colormaps.category(0));
        } finally {
            ex.shutdownNow();
        }
    }
}
