package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** Q3(b) ii-iii: which choice of p(x | z) reproduces the target, judged by Kolmogorov-Smirnov. */
class InverseCdfSamplerTest {
    private static final int N = 2000;
    private static final double ALPHA = 0.01;

    private static List<Target> targets() {
        return List.of(Target.mixture(), Target.exponential(), Target.uniform(), Target.histogram(-1, 3, new double[] {1, 0, 2, 3}));
    }

    private static InverseCdfResult run(Target t, Latent l, InverseCdfOption o, long seed) {
        return InverseCdfSampler.draw(t, l, o, N, new Rng(seed));
    }

    @Test
    void uniformLatentOptionsAAndBPassBDensityAndCFail() {
        long seed = 11;
        for (Target t : targets()) {
            assertThat(run(t, Latent.UNIFORM, InverseCdfOption.A, seed).passes(ALPHA)).as(t + " a").isTrue();
            assertThat(run(t, Latent.UNIFORM, InverseCdfOption.B, seed).passes(ALPHA)).as(t + " b").isTrue();
            assertThat(run(t, Latent.UNIFORM, InverseCdfOption.B_DENSITY, seed).passes(ALPHA)).as(t + " b-density").isFalse();
            assertThat(run(t, Latent.UNIFORM, InverseCdfOption.C, seed).passes(ALPHA)).as(t + " c").isFalse();
        }
    }

    @Test
    void normalLatentOnlyOptionBPasses() {
        long seed = 12;
        for (Target t : targets()) {
            assertThat(run(t, Latent.NORMAL, InverseCdfOption.B, seed).passes(ALPHA)).as(t + " b").isTrue();
            assertThat(run(t, Latent.NORMAL, InverseCdfOption.A, seed).passes(ALPHA)).as(t + " a").isFalse();
            assertThat(run(t, Latent.NORMAL, InverseCdfOption.B_DENSITY, seed).passes(ALPHA)).as(t + " b-density").isFalse();
            assertThat(run(t, Latent.NORMAL, InverseCdfOption.C, seed).passes(ALPHA)).as(t + " c").isFalse();
        }
    }

    @Test
    void undefinedDrawsAreCountedAndKeptAsEmpty() {
        // F^-1 of a normal z is defined only for z in [0, 1] (the mixture: (0, 1)): about 34% of draws
        InverseCdfResult r = run(Target.mixture(), Latent.NORMAL, InverseCdfOption.A, 3);
        assertThat(r.draws()).hasSize(N);
        long outside = r.draws().stream().filter(d -> !(d.z() > 0 && d.z() < 1)).count();
        assertThat(r.undefined()).isEqualTo((int) outside);
        assertThat(r.undefined() / (double) N).isCloseTo(1 - (Target.phi(1) - 0.5), within(0.03));
        for (Draw d : r.draws()) {
            assertThat(d.defined()).isEqualTo(d.z() > 0 && d.z() < 1);
        }
        assertThat(r.definedSamples()).hasSize(N - r.undefined());
        assertThat(r.ks()).isPresent();
        // uniform latent, b-density on the mixture: p(z) = 1, F^-1(1) is undefined for every draw
        InverseCdfResult none = run(Target.mixture(), Latent.UNIFORM, InverseCdfOption.B_DENSITY, 3);
        assertThat(none.undefined()).isEqualTo(N);
        assertThat(none.ks()).isEmpty();
        assertThat(none.passes(ALPHA)).isFalse();
    }

    @Test
    void drawsKeepTheirLatentAndOptionBIsFOfPhi() {
        Target t = Target.exponential();
        InverseCdfResult r = run(t, Latent.NORMAL, InverseCdfOption.B, 5);
        Rng rng = new Rng(5);
        for (Draw d : r.draws()) {
            double z = rng.nextGaussian();
            assertThat(d.z()).isEqualTo(z);
            // x = -log(1 - Phi(z)) = -log(Phi(-z)), computed by another route
            double phiMinusZ = new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(-z);
            assertThat(d.x().orElseThrow()).isCloseTo(-Math.log(phiMinusZ), within(1e-9 * (1 + Math.abs(z) * 10)));
        }
    }

    @Test
    void ksStatisticMatchesADirectComputation() {
        InverseCdfResult r = run(Target.mixture(), Latent.UNIFORM, InverseCdfOption.A, 8);
        double[] x = r.definedSamples();
        Arrays.sort(x);
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            double f = Target.mixture().cdf(x[i]);
            d = Math.max(d, Math.max((i + 1.0) / x.length - f, f - (double) i / x.length));
        }
        assertThat(r.ks().orElseThrow().statistic()).isCloseTo(d, within(1e-12));
        assertThat(r.ks().orElseThrow().n()).isEqualTo(N);
        // asymptotic Kolmogorov tail for comparison: P(sqrt(n) D > t) ~ 2 sum (-1)^(k-1) exp(-2 k^2 t^2)
        double t = Math.sqrt(N) * d, p = 0;
        for (int k = 1; k < 100; k++) {
            p += 2 * Math.pow(-1, k - 1) * Math.exp(-2.0 * k * k * t * t);
        }
        assertThat(r.ks().orElseThrow().pValue()).isCloseTo(Math.min(1, p), within(0.03));
    }

    @Test
    void oneDefinedSampleIsTestedToo() {
        // one sample at the median: D = 1/2, and every D is at least 1/2, so p = 1
        double median = Target.mixture().inverseCdf(0.5).orElseThrow();
        KsResult one = InverseCdfSampler.ks(Target.mixture(), new double[] {median}).orElseThrow();
        assertThat(one.statistic()).isCloseTo(0.5, within(1e-12));
        assertThat(one.pValue()).isCloseTo(1, within(1e-11));
        // at the 0.9 quantile: D = 0.9, P(D >= 0.9) = P(U <= 0.1 or U >= 0.9) = 0.2
        KsResult tail = InverseCdfSampler.ks(Target.exponential(), new double[] {Math.log(10)}).orElseThrow();
        assertThat(tail.pValue()).isCloseTo(0.2, within(1e-12));
        assertThat(InverseCdfSampler.ks(Target.uniform(), new double[0])).isEmpty();
    }

    @Test
    void sameSeedSameDraws() {
        InverseCdfResult a = run(Target.mixture(), Latent.NORMAL, InverseCdfOption.C, 9);
        InverseCdfResult b = run(Target.mixture(), Latent.NORMAL, InverseCdfOption.C, 9);
        assertThat(a.draws()).isEqualTo(b.draws());
        assertThat(a.ks()).isEqualTo(b.ks());
    }

    @Test
    void histogramOfSamplesIsADensityAndBadCountsAreRefused() {
        double[] h = InverseCdfSampler.histogram(new double[] {0.1, 0.2, 0.6, 5}, 0, 1, 2);
        assertThat(h).containsExactly(1.0, 0.5);
        assertThatThrownBy(() -> InverseCdfSampler.draw(Target.uniform(), Latent.UNIFORM, InverseCdfOption.A, 0, new Rng(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("n: must be in 1..");
        assertThatThrownBy(() -> InverseCdfSampler.histogram(h, 0, 1, 0)).hasMessageStartingWith("bins: ");
    }
}
