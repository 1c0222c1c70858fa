package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Targets' CDFs against numerical integration of their densities, and inverse CDFs against CDFs. */
class TargetCdfTest {
    private static final Target HISTOGRAM = Target.histogram(-1, 3, new double[] {1, 0, 2, 3});

    private static List<Target> all() {
        return List.of(Target.mixture(), Target.exponential(), Target.uniform(), HISTOGRAM);
    }

    /** ∫ density from a point left of the mass to x, by the midpoint rule on a fine grid. */
    private static double integrate(Target t, double x) {
        double a = Double.isFinite(t.lower()) ? t.lower() : -15;
        if (x <= a) {
            return 0;
        }
        int n = 200_000;
        double h = (x - a) / n, s = 0;
        for (int i = 0; i < n; i++) {
            s += t.density(a + (i + 0.5) * h);
        }
        return s * h;
    }

    @Test
    void cdfIsTheIntegralOfTheDensity() {
        for (Target t : all()) {
            for (double x : new double[] {-3, -2, -0.7, 0, 0.3, 0.5, 1, 1.5, 2.2, 3, 4.5, 8}) {
                assertThat(t.cdf(x)).as(t + " at " + x).isCloseTo(integrate(t, x), within(2e-5));
            }
        }
    }

    @Test
    void mixtureCdfIsTheWeightedNormalCdfs() {
        // written out from the definition with Commons Math's normal distribution
        var n1 = new org.apache.commons.math3.distribution.NormalDistribution(-2, 0.5);
        var n2 = new org.apache.commons.math3.distribution.NormalDistribution(1.5, 1);
        Target m = Target.mixture();
        for (double x = -5; x <= 5; x += 0.37) {
            assertThat(m.cdf(x)).isCloseTo(0.3 * n1.cumulativeProbability(x) + 0.7 * n2.cumulativeProbability(x), within(1e-14));
            assertThat(m.density(x)).isCloseTo(0.3 * n1.density(x) + 0.7 * n2.density(x), within(1e-14));
        }
    }

    @Test
    void inverseCdfRoundTrips() {
        double[] us = {1e-300, 1e-12, 1e-6, 0.001, 0.05, 0.1, 0.25, 0.3, 0.31, 0.5, 0.77, 0.9, 0.999, 1 - 1e-9, 1 - 1.1e-16};
        for (Target t : all()) {
            for (double u : us) {
                double x = t.inverseCdf(u).orElseThrow();
                assertThat(t.cdf(x)).as(t + " at u=" + u).isCloseTo(u, within(1e-12 + 1e-9 * u));
                if (t instanceof Target.Mixture && u > 1e-12 && u < 1 - 1e-9) {
                    // the generalised inverse: a hair to the left is already below u
                    assertThat(t.cdf(x - 1e-7 * (1 + Math.abs(x)))).isLessThan(u);
                }
            }
        }
        // and x -> F(x) -> F^-1 gives x back where the density is positive
        Target m = Target.mixture();
        for (double x = -4; x <= 5; x += 0.25) {
            assertThat(m.inverseCdf(m.cdf(x)).orElseThrow()).isCloseTo(x, within(1e-9));
        }
        assertThat(Target.exponential().inverseCdf(0.5).orElseThrow()).isCloseTo(Math.log(2), within(1e-15));
    }

    @Test
    void histogramSkipsEmptyBinsAndIsNormalised() {
        // bins of width 1 on [-1, 3]: masses 1/6, 0, 2/6, 3/6
        assertThat(HISTOGRAM.density(-0.5)).isCloseTo(1 / 6.0, within(1e-15));
        assertThat(HISTOGRAM.density(0.5)).isZero();
        assertThat(HISTOGRAM.cdf(1)).isCloseTo(1 / 6.0, within(1e-15));
        // u just above 1/6 lands at the start of the third bin, not in the empty one
        assertThat(HISTOGRAM.inverseCdf(1 / 6.0 + 1e-12).orElseThrow()).isCloseTo(1, within(1e-9));
        assertThat(HISTOGRAM.inverseCdf(1).orElseThrow()).isEqualTo(3.0);
        assertThat(HISTOGRAM.inverseCdf(0).orElseThrow()).isEqualTo(-1.0);
    }

    @Test
    void inverseCdfIsUndefinedOutsideItsRange() {
        for (Target t : all()) {
            for (double u : new double[] {-0.1, 1.2, Double.NaN, -1e-300}) {
                assertThat(t.inverseCdf(u)).as(t + " at " + u).isEmpty();
            }
        }
        assertThat(Target.mixture().inverseCdf(0)).isEmpty();
        assertThat(Target.mixture().inverseCdf(1)).isEmpty();
        assertThat(Target.exponential().inverseCdf(0).orElseThrow()).isZero();
        assertThat(Target.exponential().inverseCdf(1)).isEmpty();
        assertThat(Target.uniform().inverseCdf(0).orElseThrow()).isZero();
        assertThat(Target.uniform().inverseCdf(1).orElseThrow()).isEqualTo(1.0);
    }

    @Test
    void badHistogramsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> Target.histogram(0, 1, new double[] {0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("heights: every bin is zero");
        assertThatThrownBy(() -> Target.histogram(0, 1, new double[] {1, -1})).hasMessageStartingWith("heights: bin 1");
        assertThatThrownBy(() -> Target.histogram(0, 1, new double[] {})).hasMessageStartingWith("heights: no bins");
        assertThatThrownBy(() -> Target.histogram(1, 1, new double[] {1})).hasMessageStartingWith("lo: ");
        assertThatThrownBy(() -> Target.histogram(0, Double.POSITIVE_INFINITY, new double[] {1})).hasMessageStartingWith("lo: ");
    }

    @Test
    void namesAndPlotRanges() {
        for (String name : Target.NAMES) {
            assertThat(Target.byName(name).orElseThrow().id()).isEqualTo(name);
        }
        assertThat(Target.byName("gamma")).isEmpty();
        double[] r = Target.mixture().plotRange();
        assertThat(r[0]).isLessThan(-3.5);
        assertThat(r[1]).isGreaterThan(4.5);
    }
}
