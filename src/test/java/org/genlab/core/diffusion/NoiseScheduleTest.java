package org.genlab.core.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedules: β_t as specified, ᾱ_t as the product of the α_s, bad input named. */
class NoiseScheduleTest {
    @Test
    void alphaBarIsTheProductOfTheAlphasForEverySchedule() {
        for (NoiseSchedule s : List.of(NoiseSchedule.linear(), NoiseSchedule.cosine(1000), NoiseSchedule.constant(50, 0.05),
                NoiseSchedule.linear(1, 0.3, 0.6), NoiseSchedule.cosine(7))) {
            assertThat(s.alphaBar(0)).isEqualTo(1.0);
            for (int t = 1; t <= s.steps(); t++) {
                double product = 1;
                for (int r = 1; r <= t; r++) {
                    product *= s.alpha(r);
                }
                assertThat(s.alphaBar(t)).as("%s t=%d", s, t).isCloseTo(product, within(1e-15));
                assertThat(s.alpha(t)).isEqualTo(1 - s.beta(t));
                assertThat(s.beta(t)).isGreaterThan(0).isLessThan(1);
            }
        }
    }

    @Test
    void linearRunsFromBetaStartToBetaEndEvenly() {
        NoiseSchedule s = NoiseSchedule.linear();
        assertThat(s.steps()).isEqualTo(1000);
        assertThat(s.beta(1)).isEqualTo(1e-4);
        assertThat(s.beta(1000)).isCloseTo(0.02, within(1e-17));
        for (int t = 2; t <= 1000; t++) {
            assertThat(s.beta(t) - s.beta(t - 1)).isCloseTo((0.02 - 1e-4) / 999, within(1e-15));
        }
        assertThat(s.alphaBar(1000)).isCloseTo(4.04e-5, within(0.02e-5));
        assertThat(NoiseSchedule.linear(1, 0.3, 0.6).beta(1)).isEqualTo(0.3);
    }

    @Test
    void cosineFollowsNicholAndDhariwalWithTheClip() {
        int steps = 1000;
        NoiseSchedule s = NoiseSchedule.cosine(steps);
        for (int t = 1; t <= steps; t++) {
            double f = f(t, steps);
            double fPrev = f(t - 1, steps);
            assertThat(s.beta(t)).isCloseTo(Math.min(1 - f / fPrev, 0.999), within(1e-15));
        }
        assertThat(s.beta(steps)).isEqualTo(0.999); // f(T) is about 0, so the clip decides the last step
        // Before any clip, ᾱ_t = f(t)/f(0)
        assertThat(s.alphaBar(500)).isCloseTo(f(500, steps) / f(0, steps), within(1e-12));
    }

    private static double f(int t, int steps) {
        double c = Math.cos(((double) t / steps + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    @Test
    void constantKeepsBetaStartAndPosteriorVarianceIsBetaTilde() {
        NoiseSchedule s = NoiseSchedule.of(NoiseSchedule.Kind.CONSTANT, 20, 0.1, 0.9);
        for (int t = 1; t <= 20; t++) {
            assertThat(s.beta(t)).isEqualTo(0.1);
            assertThat(s.posteriorVariance(t)).isCloseTo((1 - s.alphaBar(t - 1)) / (1 - s.alphaBar(t)) * 0.1, within(1e-16));
        }
        assertThat(s.posteriorVariance(1)).isZero();
        assertThat(NoiseSchedule.Kind.byName("Cosine")).contains(NoiseSchedule.Kind.COSINE);
        assertThat(NoiseSchedule.Kind.byName("sigmoid")).isEmpty();
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> NoiseSchedule.linear(0, 1e-4, 0.02)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("T: ");
        assertThatThrownBy(() -> NoiseSchedule.cosine(-3)).hasMessageStartingWith("T: ");
        assertThatThrownBy(() -> NoiseSchedule.linear(10, 0, 0.02)).hasMessageStartingWith("betaStart: must be in (0, 1)");
        assertThatThrownBy(() -> NoiseSchedule.linear(10, 1e-4, 1)).hasMessageStartingWith("betaEnd: must be in (0, 1)");
        assertThatThrownBy(() -> NoiseSchedule.constant(10, Double.NaN)).hasMessageStartingWith("betaStart: ");
        NoiseSchedule s = NoiseSchedule.linear();
        assertThatThrownBy(() -> s.beta(0)).hasMessageStartingWith("t: must be in 1..1000");
        assertThatThrownBy(() -> s.posteriorVariance(1001)).hasMessageStartingWith("t: must be in 1..1000");
        assertThatThrownBy(() -> s.alphaBar(-1)).hasMessageStartingWith("t: ");
    }

    @Test
    void stridedGridsRunFromTToZeroWithDistinctSteps() {
        assertThat(Sampler.ddim(4).timesteps(10)).containsExactly(10, 7, 5, 2, 0);
        assertThat(Sampler.ode(10).timesteps(10)).containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(Sampler.ddpm(Sampler.Variance.POSTERIOR).timesteps(3)).containsExactly(3, 2, 1, 0);
        int[] g = Sampler.ddim(7).timesteps(1000);
        assertThat(g).hasSize(8).startsWith(1000).endsWith(0);
        for (int k = 1; k < g.length; k++) {
            assertThat(g[k]).isLessThan(g[k - 1]);
        }
        assertThatThrownBy(() -> Sampler.ddim(11).timesteps(10)).hasMessageStartingWith("steps: must be in 1..10");
        assertThatThrownBy(() -> Sampler.ode(0)).hasMessageStartingWith("steps: ");
    }
}
