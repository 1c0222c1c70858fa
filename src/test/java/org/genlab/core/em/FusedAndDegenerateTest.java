package org.genlab.core.em;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fused fast path against the plain half-steps, thread-count independence, degenerate data. */
class FusedAndDegenerateTest {
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static void assertClose(double a, double b, double scale, String what) {
        assertThat(Math.abs(a - b)).as(what + ": " + a + " vs " + b).isLessThanOrEqualTo(1e-10 * Math.max(Math.max(Math.abs(a), Math.abs(b)), scale));
    }

    private static void assertMixturesClose(Mixture a, Mixture b, double scale) {
        for (int z = 0; z < a.k(); z++) {
            assertClose(a.weight(z), b.weight(z), 1e-3, "weight " + z);
            assertClose(a.meanX(z), b.meanX(z), scale, "meanX " + z);
            assertClose(a.meanY(z), b.meanY(z), scale, "meanY " + z);
            assertClose(a.covXX(z), b.covXX(z), scale * scale, "covXX " + z);
            assertClose(a.covXY(z), b.covXY(z), scale * scale, "covXY " + z);
            assertClose(a.covYY(z), b.covYY(z), scale * scale, "covYY " + z);
        }
    }

    private static Dataset2D shifted(Dataset2D d, double by) {
        double[] x = d.xs(), y = d.ys();
        for (int i = 0; i < x.length; i++) {
            x[i] += by;
            y[i] -= by;
        }
        return Dataset2D.of(x, y, d.weights());
    }

    @Test
    void fusedEqualsPlainWithin1e10AlsoFarFromTheOrigin() {
        Dataset2D base = Preset.EIGHT_GAUSSIANS.generate(10_000, 0.3, 4);
        for (double shift : new double[] {0, 1e6}) {
            Dataset2D d = shifted(base, shift);
            for (CovarianceType t : CovarianceType.values()) {
                EmSettings settings = new EmSettings(t, 1e-6, 0);
                Em em = new Em(d, settings);
                Mixture m = EmInit.KMEANS_PP.create(d, 8, settings, new Rng(1));
                for (int it = 0; it < 5; it++) {
                    EmState e = em.eStep(em.start(m));
                    EmState plain = em.mStep(e);
                    Em.Iteration fused = em.iterate(m, pool, 2);
                    assertClose(fused.logLikelihood(), e.logLikelihood(), 1, "logLik " + t + " shift " + shift);
                    assertMixturesClose(fused.next(), plain.mixture(), 1);
                    for (int z = 0; z < 8; z++) {
                        assertClose(fused.sums().get(z).sumQ(), plain.sums().get(z).sumQ(), 1, "sumQ");
                        assertClose(fused.sums().get(z).sumQSquaredDistance(), plain.sums().get(z).sumQSquaredDistance(), 1, "sumQ d2");
                    }
                    m = plain.mixture();
                }
            }
        }
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        Dataset2D d = Preset.EIGHT_GAUSSIANS.generate(50_000, 0.3, 2);
        EmSettings settings = new EmSettings(CovarianceType.FULL, 1e-6, 0);
        Em em = new Em(d, settings);
        Mixture init = EmInit.Q5_3.create(d, 8, settings, new Rng(3));
        Em.Fit one = em.fit(init, 10, null, 1);
        Em.Fit two = em.fit(init, 10, pool, 2);
        assertThat(two.mixtures()).isEqualTo(one.mixtures());
        assertThat(two.logLikelihoods()).isEqualTo(one.logLikelihoods());
    }

    @Test
    void fitMatchesTheHalfStepsIncludingEvents() {
        Dataset2D d = Preset.BLOBS_WITH_OUTLIERS.generate(200, 0.6, 1);
        EmSettings settings = new EmSettings(CovarianceType.DIAGONAL, 1e-6, 1e-7);
        Em em = new Em(d, settings);
        Mixture init = EmInit.Q5_1.create(d, 3, settings, new Rng(0));
        Em.Fit fit = em.fit(init, 30, pool, 2);
        List<EmState> states = EmRunTest.run(em, init, 30);
        for (int t = 0; t < fit.mixtures().size(); t++) {
            EmState s = states.get(2 * t);
            assertMixturesClose(fit.mixtures().get(t), s.mixture(), 1);
            assertClose(fit.logLikelihoods()[t], s.logLikelihood(), 1, "logLik " + t);
        }
        List<EmEvent> stepEvents = states.stream().flatMap(s -> s.events().stream())
                .filter(e -> e.iteration() < fit.mixtures().size()).toList();
        // the same events at the same iterations (messages quote numbers, equal only to rounding)
        assertThat(fit.events()).extracting(EmEvent::iteration, EmEvent::kind, EmEvent::components)
                .isEqualTo(stepEvents.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.iteration(), e.kind(), e.components())).toList());
        assertThat(fit.events()).anyMatch(e -> e.kind() == EmEvent.Kind.IDENTICAL);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.mixtures()).hasSizeLessThan(31);
    }

    /** Every number of every state is finite, and at least one event was raised. */
    private static void assertFiniteWithEvents(Em em, Mixture init, int iterations) {
        List<EmState> states = EmRunTest.run(em, init, iterations);
        for (EmState s : states) {
            assertThat(s.logLikelihood()).as(s.toString()).isFinite();
            s.elbo().ifPresent(v -> assertThat(v).isFinite());
            s.gap().ifPresent(v -> assertThat(v).isFinite());
            Mixture m = s.mixture();
            for (int z = 0; z < m.k(); z++) {
                assertThat(java.util.stream.DoubleStream.of(m.weight(z), m.meanX(z), m.meanY(z), m.covXX(z), m.covXY(z), m.covYY(z),
                        m.logDensity(0, 0), m.minEigenvalue(z)).allMatch(Double::isFinite)).as(m.toString()).isTrue();
                assertThat(m.minEigenvalue(z)).isPositive();
            }
        }
        assertThat(states.stream().flatMap(s -> s.events().stream())).isNotEmpty();
        Em.Fit fit = em.fit(init, iterations, pool, 2);
        assertThat(java.util.Arrays.stream(fit.logLikelihoods()).allMatch(Double::isFinite)).isTrue();
        assertThat(fit.events()).isNotEmpty();
    }

    @Test
    void moreComponentsThanPoints() {
        Dataset2D d = Dataset2D.of(new double[] {0, 1, 5}, new double[] {0, 2, 1});
        for (double floor : new double[] {1e-6, 0}) {
            for (CovarianceType t : CovarianceType.values()) {
                EmSettings s = new EmSettings(t, floor, 0);
                for (EmInit init : List.of(EmInit.Q5_2, EmInit.Q5_3, EmInit.KMEANS_PP)) {
                    assertFiniteWithEvents(new Em(d, s), init.create(d, 5, s, new Rng(1)), 30);
                }
            }
        }
    }

    @Test
    void identicalPoints() {
        Dataset2D d = Dataset2D.of(new double[] {3, 3, 3, 3}, new double[] {-1, -1, -1, -1});
        for (double floor : new double[] {1e-6, 0}) {
            for (CovarianceType t : CovarianceType.values()) {
                EmSettings s = new EmSettings(t, floor, 0);
                Em em = new Em(d, s);
                Mixture init = EmInit.KMEANS_PP.create(d, 2, s, new Rng(0));
                assertThat(em.start(init).events()).anyMatch(e -> e.kind() == EmEvent.Kind.COLLAPSE);
                assertFiniteWithEvents(em, init, 10);
            }
        }
    }

    @Test
    void collinearPointsWithFullCovariance() {
        double[] x = new double[50], y = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = i % 2 == 0 ? i * 0.1 : 20 + i * 0.1;
            y[i] = 2 * x[i] + 1;
        }
        Dataset2D d = Dataset2D.of(x, y);
        for (double floor : new double[] {1e-6, 0}) {
            EmSettings s = new EmSettings(CovarianceType.FULL, floor, 0);
            Em em = new Em(d, s);
            List<EmState> states = EmRunTest.run(em, EmInit.KMEANS_PP.create(d, 2, s, new Rng(0)), 5);
            assertThat(states.stream().flatMap(st -> st.events().stream()))
                    .anyMatch(e -> e.kind() == EmEvent.Kind.COLLAPSE && e.message().contains(floor > 0 ? "floor" : "singular"));
            assertFiniteWithEvents(em, EmInit.Q5_3.create(d, 2, s, new Rng(2)), 20);
        }
    }

    @Test
    void hugeCoordinates() {
        Dataset2D d = shifted(Preset.TWO_BLOBS.generate(100, 0.6, 0), 1e12);
        for (CovarianceType t : CovarianceType.values()) {
            EmSettings s = new EmSettings(t, 1e-6, 0);
            Em em = new Em(d, s);
            // an initial component far from every point (its responsibilities underflow to 0)
            Mixture far = Mixture.spherical(new double[] {0.5, 0.5}, new double[][] {{1e12, -1e12}, {0, 0}}, new double[] {1, 1}).withType(t);
            assertFiniteWithEvents(em, far, 10);
            List<EmState> st = EmRunTest.run(em, EmInit.Q5_3.create(d, 2, s, new Rng(0)), 50);
            Mixture m = st.get(st.size() - 1).mixture();
            // the blobs at x = ±2 are still told apart (coordinates carry ~1e-4 of rounding at 1e12)
            assertThat(Math.abs(m.meanX(0) - m.meanX(1))).as(t.id()).isGreaterThan(2);
        }
    }

    @Test
    void aComponentOnAnIsolatedPointCollapses() {
        Dataset2D d = Preset.BLOBS_WITH_OUTLIERS.generate(200, 0.6, 0);
        EmSettings s = new EmSettings(CovarianceType.SPHERICAL, 1e-6, 0);
        Mixture init = Mixture.spherical(new double[] {0.45, 0.45, 0.1},
                new double[][] {{-2, 0}, {2, 0}, {Preset.ANCHOR_X, Preset.ANCHOR_Y}}, new double[] {1, 1, 0.05});
        List<EmState> states = EmRunTest.run(new Em(d, s), init, 40);
        assertThat(states.stream().flatMap(st -> st.events().stream()))
                .anyMatch(e -> e.kind() == EmEvent.Kind.COLLAPSE && e.components().equals(List.of(2)));
        assertThat(states.get(states.size() - 1).isCollapsed(2)).isTrue();
        assertThat(states.get(states.size() - 1).mixture().variance(2)).isLessThan(1e-3);
    }
}
