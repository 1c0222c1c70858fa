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
}
