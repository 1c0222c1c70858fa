package org.genlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class MathRendererTest {
    private static final String KDE = "\\frac{1}{nh^d}\\sum_i K\\left(\\frac{x-x^{(i)}}{h}\\right)";

    /** Pixels with some opacity. */
    static int inked(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) >>> 24) > 64) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void rendersAFormulaAtTwiceTheLogicalSize() {
        MathRenderer r = new MathRenderer();
        MathRenderer.Rendered m = r.render(KDE, true, 20f, 0xFF000000);
        assertThat(m.ok()).isTrue();
        assertThat(m.error()).isEmpty();
        assertThat(m.image().getWidth()).isEqualTo((int) Math.round(m.width() * MathRenderer.SCALE));
        assertThat(m.width()).isGreaterThan(80);
        assertThat(m.height()).isGreaterThan(30);
        assertThat(m.depth()).isBetween(1.0, m.height() / 2 + 5);
        assertThat(m.ascent()).isEqualTo(m.height() - m.depth());
        assertThat(inked(m.image())).isGreaterThan(500);
    }

    @Test
    void inlineIsSmallerThanDisplay() {
        MathRenderer r = new MathRenderer();
        assertThat(r.render(KDE, false, 20f, 0xFF000000).height()).isLessThan(r.render(KDE, true, 20f, 0xFF000000).height());
    }

    @Test
    void aBadFormulaGivesAMarkerAndNeverThrows() {
        MathRenderer r = new MathRenderer();
        for (String bad : new String[] {"\\frac{1}{", "\\foo", "}", "\\left( x"}) {
            MathRenderer.Rendered m = r.render(bad, false, 15f, 0xFF000000);
            assertThat(m.ok()).as(bad).isFalse();
            assertThat(m.error()).as(bad).isPresent();
            assertThat(inked(m.image())).as(bad).isGreaterThan(50);
            int red = m.image().getRGB(1, m.image().getHeight() / 2);
            assertThat((red >> 16) & 0xFF).as("red border").isGreaterThan(150);
        }
        assertThat(r.render("", false, 15f, 0xFF000000).image().getWidth()).isPositive();
    }

    @Test
    void rendersAreCachedLeastRecentlyUsedOut() {
        MathRenderer r = new MathRenderer(2);
        MathRenderer.Rendered a = r.render("a", false, 15f, 0xFF000000);
        assertThat(r.render("a", false, 15f, 0xFF000000)).isSameAs(a);
        assertThat(r.render("a", false, 15f, 0xFFFF0000)).isNotSameAs(a);
        r.render("b", false, 15f, 0xFF000000);
        assertThat(r.cacheSize()).isEqualTo(2);
        assertThat(r.render("a", false, 15f, 0xFF000000)).isNotSameAs(a);
    }
}
