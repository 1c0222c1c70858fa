package org.genlab.ui.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {
    private final Viewport v = Viewport.of(-2, 3, -1, 4, 640, 480);

    @Test
    void toScreenThenToWorldRoundTrips() {
        for (double x = -2; x <= 3; x += 0.37) {
            assertThat(v.toWorldX(v.toScreenX(x))).isCloseTo(x, within(1e-12));
            assertThat(v.toWorldY(v.toScreenY(x + 1))).isCloseTo(x + 1, within(1e-12));
        }
    }

    @Test
    void worldCornersMapToPlotAreaCornersWithYUp() {
        assertThat(v.toScreenX(-2)).isEqualTo(v.plotLeft());
        assertThat(v.toScreenX(3)).isCloseTo(v.plotLeft() + v.plotWidth(), within(1e-9));
        assertThat(v.toScreenY(4)).isEqualTo(v.plotTop());
        assertThat(v.toScreenY(-1)).isCloseTo(v.plotTop() + v.plotHeight(), within(1e-9));
    }

    @Test
    void equalAspectGivesSameScaleAndContainsRequestedRange() {
        Viewport e = new Viewport(-1, 1, -1, 1, 800, 400, Viewport.Margins.NONE, true);
        assertThat(e.scaleX()).isCloseTo(e.scaleY(), within(1e-9));
        assertThat(e.ymin()).isCloseTo(-1, within(1e-12));
        assertThat(e.ymax()).isCloseTo(1, within(1e-12));
        assertThat(e.xmin()).isCloseTo(-2, within(1e-12));
        assertThat(e.xmax()).isCloseTo(2, within(1e-12));
        // resizing refits from the requested range rather than the expanded one
        Viewport r = e.withSize(400, 800);
        assertThat(r.xmin()).isCloseTo(-1, within(1e-12));
        assertThat(r.ymax()).isCloseTo(2, within(1e-12));
    }

    @Test
    void zoomKeepsPointUnderCursorFixed() {
        double sx = 250, sy = 170;
        double wx = v.toWorldX(sx), wy = v.toWorldY(sy);
        Viewport z = v.zoom(1.7, sx, sy);
        assertThat(z.toWorldX(sx)).isCloseTo(wx, within(1e-12));
        assertThat(z.toWorldY(sy)).isCloseTo(wy, within(1e-12));
        assertThat(z.xmax() - z.xmin()).isCloseTo(5 / 1.7, within(1e-12));
        Viewport e = new Viewport(-1, 1, -1, 1, 800, 400, Viewport.Margins.NONE, true).zoom(0.5, 100, 300);
        assertThat(e.scaleX()).isCloseTo(e.scaleY(), within(1e-9));
    }

    @Test
    void panMovesContentWithTheMouse() {
        Viewport p = v.pan(30, -20);
        // the world point that was at (100, 100) is now at (130, 80)
        double wx = v.toWorldX(100), wy = v.toWorldY(100);
        assertThat(p.toScreenX(wx)).isCloseTo(130, within(1e-9));
        assertThat(p.toScreenY(wy)).isCloseTo(80, within(1e-9));
        assertThat(p).isNotSameAs(v);
        assertThat(v.xmin()).isEqualTo(-2); // immutable
    }

    @Test
    void niceTicksUseOneTwoFiveStepsAndCleanLabels() {
        Ticks t = Ticks.nice(0, 1, 10);
        assertThat(t.step()).isCloseTo(0.1, within(1e-15));
        assertThat(t.labels()).containsExactly("0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8",
                "0.9", "1.0");
        assertThat(t.values()[3]).isEqualTo(0.3);
        Ticks u = Ticks.nice(-3.3, 7.9, 5);
        assertThat(u.step()).isEqualTo(5);
        assertThat(u.labels()).containsExactly("0", "5");
        Ticks w = Ticks.nice(-1.1, 1.1, 5);
        assertThat(w.labels()).containsExactly("-1.0", "-0.5", "0.0", "0.5", "1.0");
        Ticks k = Ticks.nice(0, 12000, 6);
        assertThat(k.labels()).containsExactly("0", "2000", "4000", "6000", "8000", "10000", "12000");
        Ticks small = Ticks.nice(0.1, 0.35, 5);
        assertThat(small.labels()).containsExactly("0.10", "0.15", "0.20", "0.25", "0.30", "0.35");
        assertThat(Ticks.nice(1, 1, 5).values()).isEmpty();
    }
}
