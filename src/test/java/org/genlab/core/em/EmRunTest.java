package org.genlab.core.em;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** EM's guarantees over whole runs: monotone ℓ, ELBO tightness, Q5's four initialisations. */
class EmRunTest {
    /** All half-states of a run of {@code iterations} full iterations. */
    static List<EmState> run(Em em, Mixture init, int iterations) {
        List<EmState> states = new ArrayList<>();
        EmState s = em.start(init);
        states.add(s);
        for (int i = 0; i < 2 * iterations; i++) {
            s = em.step(s);
            states.add(s);
        }
        return states;
    }

    @Test
    void logLikelihoodNeverDecreases() {
        for (CovarianceType t : CovarianceType.values()) {
            for (long seed = 0; seed < 8; seed++) {
                Dataset2D d = (seed % 2 == 0 ? Preset.THREE_BLOBS : Preset.BLOBS_WITH_OUTLIERS).generate(150, 0.7, seed);
                EmSettings settings = new EmSettings(t, EmSettings.DEFAULT_VARIANCE_FLOOR, 0);
                Em em = new Em(d, settings);
                EmInit init = seed % 4 < 2 ? EmInit.Q5_3 : EmInit.KMEANS_PP;
                List<EmState> states = run(em, init.create(d, 4, settings, new Rng(seed)), 25);
                for (int i = 1; i < states.size(); i++) {
                    double prev = states.get(i - 1).logLikelihood(), now = states.get(i).logLikelihood();
                    assertThat(now).as("%s seed %d half-step %d", t, seed, i).isGreaterThanOrEqualTo(prev - 1e-9 * Math.abs(prev));
                }
            }
        }
    }

    @Test
    void elboTouchesTheLogLikelihoodAfterEachEStepAndBoundsItAfterEachMStep() {
        for (CovarianceType t : CovarianceType.values()) {
            Dataset2D d = Preset.THREE_BLOBS.generate(120, 0.6, 3);
            EmSettings settings = new EmSettings(t, 1e-6, 0);
            Em em = new Em(d, settings);
            List<EmState> states = run(em, EmInit.Q5_2.create(d, 3, settings, new Rng(1)), 15);
            assertThat(states.get(0).elbo()).isEmpty();
            for (int i = 1; i < states.size(); i++) {
                EmState s = states.get(i);
                double ll = s.logLikelihood(), elbo = s.elbo().orElseThrow(), gap = s.gap().orElseThrow();
                assertThat(gap).isGreaterThanOrEqualTo(-1e-9 * Math.abs(ll));
                assertThat(elbo + gap).isCloseTo(ll, within(1e-9 * Math.abs(ll)));
                if (s.phase() == EmState.Phase.E) {
                    assertThat(elbo).isCloseTo(ll, within(1e-9 * Math.abs(ll)));
                    assertThat(gap).isLessThan(1e-9 * Math.abs(ll));
                } else {
                    // the M-step maximises ELBO(Q; ·): it can only rise from the E-step's value
                    double before = states.get(i - 1).elbo().orElseThrow();
                    assertThat(elbo).isGreaterThanOrEqualTo(before - 1e-9 * Math.abs(before));
                    assertThat(s.sums()).hasSize(3);
                }
            }
        }
    }

    @Test
    void q7TheElboIsTangentToTheLogLikelihoodAfterAnEStep() {
        Dataset2D d = Preset.TWO_BLOBS.generate(80, 0.8, 2);
        for (CovarianceType t : CovarianceType.values()) {
            EmSettings settings = new EmSettings(t, 1e-6, 0);
            Em em = new Em(d, settings);
            // θ_0 after two iterations (not a fixed point, so the gradients are not zero)
            EmState s = run(em, EmInit.Q5_3.create(d, 2, settings, new Rng(4)), 2).get(4);
            Mixture m0 = s.mixture();
            Responsibilities q = em.responsibilities(m0);
            List<java.util.function.DoubleFunction<Mixture>> directions = new ArrayList<>();
            directions.add(h -> m0.withMean(0, m0.meanX(0) + h, m0.meanY(0)));          // a mean coordinate
            directions.add(h -> m0.withMean(1, m0.meanX(1), m0.meanY(1) - 2 * h));
            directions.add(h -> m0.withCovariance(0, m0.covXX(0) + h, m0.covXY(0), m0.covYY(0) + (t == CovarianceType.DIAGONAL ? 0.5 * h
                    : t == CovarianceType.SPHERICAL ? h : 0)));                            // a variance
            directions.add(h -> m0.withWeights(new double[] {m0.weight(0) + h, m0.weight(1) - h})); // on the simplex
            if (t == CovarianceType.FULL) {
                directions.add(h -> m0.withCovariance(1, m0.covXX(1), m0.covXY(1) + h, m0.covYY(1)));
            }
            double h = 1e-5;
            for (var dir : directions) {
                double dLl = (em.logLikelihood(dir.apply(h)) - em.logLikelihood(dir.apply(-h))) / (2 * h);
                double dElbo = (em.elbo(q, dir.apply(h)) - em.elbo(q, dir.apply(-h))) / (2 * h);
                assertThat(Math.abs(dLl)).isGreaterThan(1e-3);
                assertThat(dElbo).as(t.id()).isCloseTo(dLl, within(1e-5 * Math.max(1, Math.abs(dLl))));
                // and the bound touches at t = 0, below elsewhere
                assertThat(em.elbo(q, m0)).isCloseTo(em.logLikelihood(m0), within(1e-9 * Math.abs(em.logLikelihood(m0))));
                assertThat(em.elbo(q, dir.apply(1e-2))).isLessThanOrEqualTo(em.logLikelihood(dir.apply(1e-2)));
            }
        }
    }

    @Test
    void q5Option1KeepsEveryComponentBitIdenticalFor100Iterations() {
        Dataset2D d = Preset.TWO_BLOBS.generate(200, 0.6, 0);
        for (CovarianceType t : CovarianceType.values()) {
            EmSettings settings = new EmSettings(t, 1e-6, 0);
            Em em = new Em(d, settings);
            List<EmState> states = run(em, EmInit.Q5_1.create(d, 3, settings, new Rng(0)), 100);
            assertThat(states.get(0).events()).anyMatch(e -> e.kind() == EmEvent.Kind.IDENTICAL && e.components().equals(List.of(0, 1, 2)));
            for (EmState s : states) {
                Mixture m = s.mixture();
                for (int z = 1; z < 3; z++) {
                    assertThat(m.weight(z)).isEqualTo(m.weight(0));
                    assertThat(m.meanX(z)).isEqualTo(m.meanX(0));
                    assertThat(m.meanY(z)).isEqualTo(m.meanY(0));
                    assertThat(m.covariances()[z]).isDeepEqualTo(m.covariances()[0]);
                }
            }
        }
    }

    @Test
    void q5Option4StaysIdenticalApartFromTheWeightsFor20Iterations() {
        Dataset2D d = Preset.TWO_BLOBS.generate(200, 0.6, 1);
        EmSettings settings = EmSettings.of(CovarianceType.SPHERICAL);
        Em em = new Em(d, settings);
        Mixture init = EmInit.Q5_4.create(d, 3, settings, new Rng(7));
        assertThat(init.weight(0)).isNotEqualTo(init.weight(1));
        List<EmState> states = run(em, init, 20);
        assertThat(states.get(0).events()).anyMatch(e -> e.kind() == EmEvent.Kind.IDENTICAL);
        for (EmState s : states) {
            Mixture m = s.mixture();
            for (int z = 1; z < 3; z++) {
                assertThat(m.meanX(z)).isCloseTo(m.meanX(0), within(1e-8));
                assertThat(m.meanY(z)).isCloseTo(m.meanY(0), within(1e-8));
                assertThat(m.variance(z)).isCloseTo(m.variance(0), within(1e-8));
                // the weights never move: p̂_z = (1/n) Σ Q = p_z when Q(z|x) = p_z for every x
                assertThat(m.weight(z)).isCloseTo(init.weight(z), within(1e-8));
            }
        }
    }

    @Test
    void q5Options2And3SeparateTwoBlobs() {
        Dataset2D d = Preset.TWO_BLOBS.generate(200, 0.6, 5);
        EmSettings settings = EmSettings.of(CovarianceType.SPHERICAL);
        Em em = new Em(d, settings);
        for (EmInit init : List.of(EmInit.Q5_2, EmInit.Q5_3, EmInit.Q4, EmInit.KMEANS_PP)) {
            List<EmState> states = run(em, init.create(d, 2, settings, new Rng(3)), 100);
            Mixture m = states.get(states.size() - 1).mixture();
            double left = Math.min(m.meanX(0), m.meanX(1)), right = Math.max(m.meanX(0), m.meanX(1));
            assertThat(left).as(init.id()).isCloseTo(-2, within(0.3));
            assertThat(right).as(init.id()).isCloseTo(2, within(0.3));
            assertThat(m.weight(0)).as(init.id()).isCloseTo(0.5, within(0.1));
            assertThat(Math.sqrt(m.variance(0))).isCloseTo(0.6, within(0.15));
            assertThat(states.get(states.size() - 1).identicalGroups()).isEmpty();
        }
    }

    @Test
    void q4OneIterationMovesTheWideComponentOutAndTheNarrowOneLess() {
        // Q4: both means at μ_0, σ_2² = 2 σ_1². After one step σ_2 grows relative to σ_1.
        Dataset2D d = Preset.TWO_BLOBS.generate(200, 0.6, 2);
        EmSettings settings = EmSettings.of(CovarianceType.SPHERICAL);
        Mixture init = EmInit.Q4.create(d, 2, settings, new Rng(0));
        double[] mu = d.mean();
        double s02 = (d.covariance()[0][0] + d.covariance()[1][1]) / 2;
        assertThat(init.weights()).containsExactly(0.5, 0.5);
        assertThat(init.meanX(1)).isEqualTo(mu[0]);
        assertThat(init.variance(0)).isEqualTo(s02);
        assertThat(init.variance(1)).isEqualTo(2 * s02);
        Em em = new Em(d, settings);
        Mixture after = run(em, init, 1).get(2).mixture();
        assertThat(after.variance(1)).isGreaterThan(after.variance(0));
        assertThat(after.weight(0)).isNotEqualTo(0.5);
    }

    @Test
    void initialisationsFollowTheirDefinitions() {
        Dataset2D d = Preset.THREE_BLOBS.generate(90, 0.5, 1);
        EmSettings settings = EmSettings.of(CovarianceType.FULL);
        double s02 = (d.covariance()[0][0] + d.covariance()[1][1]) / 2;
        Mixture q52 = EmInit.Q5_2.create(d, 3, settings, new Rng(0));
        assertThat(q52.variance(2)).isEqualTo(4 * s02);
        assertThat(q52.covXY(2)).isZero();
        Mixture q53 = EmInit.Q5_3.create(d, 3, settings, new Rng(9));
        for (int z = 0; z < 3; z++) {
            final int zz = z;
            assertThat(java.util.stream.IntStream.range(0, d.size()))
                    .anyMatch(i -> d.x(i) == q53.meanX(zz) && d.y(i) == q53.meanY(zz));
        }
        assertThat(q53).isEqualTo(EmInit.Q5_3.create(d, 3, settings, new Rng(9)));
        Mixture q54 = EmInit.Q5_4.create(d, 4, settings, new Rng(2));
        assertThat(java.util.Arrays.stream(q54.weights()).sum()).isCloseTo(1, within(1e-12));
        Mixture km = EmInit.KMEANS_PP.create(d, 3, settings, new Rng(2));
        assertThat(km).isEqualTo(EmInit.KMEANS_PP.create(d, 3, settings, new Rng(2)));
        assertThat(java.util.Arrays.stream(km.weights()).sum()).isCloseTo(1, within(1e-12));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmInit.Q4.create(d, 3, settings, new Rng(0)))
                .hasMessageContaining("K must be 2");
        assertThat(EmInit.byName("kmeans++")).contains(EmInit.KMEANS_PP);
    }

    @Test
    void convergenceIsReportedOnceWhenTheRiseFallsBelowTheTolerance() {
        Dataset2D d = Preset.TWO_BLOBS.generate(200, 0.6, 5);
        EmSettings settings = new EmSettings(CovarianceType.SPHERICAL, 1e-6, 1e-6);
        Em em = new Em(d, settings);
        List<EmState> states = run(em, EmInit.KMEANS_PP.create(d, 2, settings, new Rng(0)), 60);
        List<EmEvent> conv = states.stream().flatMap(s -> s.events().stream()).filter(e -> e.kind() == EmEvent.Kind.CONVERGED).toList();
        assertThat(conv).hasSize(1);
        EmState at = states.stream().filter(s -> s.events().contains(conv.get(0))).findFirst().orElseThrow();
        assertThat(at.phase()).isEqualTo(EmState.Phase.M);
        EmState before = states.get(states.indexOf(at) - 2);
        assertThat(at.logLikelihoodPerWeight() - before.logLikelihoodPerWeight()).isLessThan(1e-6);
        assertThat(states.get(states.size() - 1).converged()).isTrue();
    }
}
