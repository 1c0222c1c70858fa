package org.genlab.ui.plot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColormapsTest {
    @Test
    void viridisEndpoints() {
        assertThat(Colormaps.VIRIDIS.argb(0)).isEqualTo(0xFF440154);
        assertThat(Colormaps.VIRIDIS.argb(1)).isEqualTo(0xFFFDE725);
        assertThat(Colormaps.VIRIDIS.argb(-5)).isEqualTo(0xFF440154);
        assertThat(Colormaps.VIRIDIS.argb(Double.NaN)).isZero();
        assertThat(Colormaps.VIRIDIS.lut()).hasSize(256);
    }

    @Test
    void cividisAndDivergingEndpoints() {
        assertThat(Colormaps.CIVIDIS.argb(0)).isEqualTo(0xFF00224E);
        assertThat(Colormaps.CIVIDIS.argb(1)).isEqualTo(0xFFFEE838);
        assertThat(Colormaps.COOLWARM.argb(0)).isEqualTo(0xFF3B4CC0);
        assertThat(Colormaps.COOLWARM.argb(1)).isEqualTo(0xFFB40426);
    }

    @Test
    void okabeItoHasEightDistinctOpaqueColours() {
        int[] c = Colormaps.okabeIto();
        assertThat(c).hasSize(8).doesNotHaveDuplicates();
        assertThat(c[0]).isEqualTo(0xFFE69F00);
        assertThat(Colormaps.category(9)).isEqualTo(c[1]);
    }
}
