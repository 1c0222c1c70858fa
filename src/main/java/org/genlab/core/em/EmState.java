package org.genlab.core.em;

import java.lang.ref.SoftReference;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One half-step of an EM run: immutable, so a run is simply the list of its states (for
 * step-back and a timeline). Made by {@link Em#start}, {@link Em#eStep} and {@link Em#mStep}.
 *
 * <ul>
 *   <li>{@link Phase#INITIAL}: θ_0, no Q yet.</li>
 *   <li>{@link Phase#E}: the same θ_t, and Q = P(z | x, θ_t); so ELBO = ℓ(θ_t) and the gap is 0.</li>
 *   <li>{@link Phase#M}: θ_{t+1} = argmax_θ ELBO(Q; θ) with the same Q; ELBO(Q; θ_{t+1}) ≤
 *       ℓ(θ_{t+1}), and the gap Σ_i w_i KL(Q_i || P(z | x_i, θ_{t+1})) is what the next
 *       E-step closes.</li>
 * </ul>
 *
 * <p>Q itself is not stored (n x K numbers per state would fill memory over a long timeline):
 * it is the posterior under {@link #responsibilitiesFrom()}, recomputed on demand and cached
 * softly.
 */
public final class EmState {
    /** Which half-step made this state. */
    public enum Phase {
        /** The initial mixture. */
        INITIAL,
        /** After an E-step: Q updated, θ unchanged. */
        E,
        /** After an M-step: θ updated, Q unchanged. */
        M
    }

    private final Em em;
    private final int iteration;
    private final Phase phase;
    private final Mixture mixture;
    private final Mixture qFrom;
    private final double logLikelihood;
    private final double elbo;
    private final double gap;
    private final List<ComponentSums> sums;
    private final List<EmEvent> events;
    private final Events.Status status;
    private volatile SoftReference<Responsibilities> cache = new SoftReference<>(null);

    EmState(Em em, int iteration, Phase phase, Mixture mixture, Mixture qFrom, double logLikelihood, double elbo,
            double gap, List<ComponentSums> sums, List<EmEvent> events, Events.Status status) {
        this.em = em;
        this.iteration = iteration;
        this.phase = phase;
        this.mixture = mixture;
        this.qFrom = qFrom;
        this.logLikelihood = logLikelihood;
        this.elbo = elbo;
        this.gap = gap;
        this.sums = List.copyOf(sums);
        this.events = List.copyOf(events);
        this.status = status;
    }

    /** Full iterations (E then M) completed: 0 for the initial state and the first E-step. */
    public int iteration() {
        return iteration;
    }

    /** Which half-step made this state. */
    public Phase phase() {
        return phase;
    }

    /** θ: the mixture at this half-step. */
    public Mixture mixture() {
        return mixture;
    }

    /** ℓ(θ) = Σ_i w_i log P(x_i | θ), natural log, total over the points. */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** ℓ(θ) / n, with n the total weight: what the convergence tolerance compares. */
    public double logLikelihoodPerWeight() {
        return logLikelihood / em.data().totalWeight();
    }

    /**
     * ELBO(Q; θ) = Σ_i w_i Σ_z Q(z|x_i) log[p_z N(x_i; μ_z, Σ_z)] + Σ_i w_i H(Q_i); empty for
     * the initial state, which has no Q.
     */
    public OptionalDouble elbo() {
        return phase == Phase.INITIAL ? OptionalDouble.empty() : OptionalDouble.of(elbo);
    }

    /**
     * ℓ(θ) − ELBO(Q; θ), computed directly as Σ_i w_i KL(Q_i || P(z | x_i, θ)) ≥ 0; empty for
     * the initial state.
     */
    public OptionalDouble gap() {
        return phase == Phase.INITIAL ? OptionalDouble.empty() : OptionalDouble.of(gap);
    }

    /** The mixture θ' whose posterior Q = P(z | x, θ') is this state's Q; empty initially. */
    public Optional<Mixture> responsibilitiesFrom() {
        return Optional.ofNullable(qFrom);
    }

    /** Q(z | x_i), recomputed from {@link #responsibilitiesFrom()} when not cached; empty initially. */
    public Optional<Responsibilities> responsibilities() {
        if (qFrom == null) {
            return Optional.empty();
        }
        Responsibilities q = cache.get();
        if (q == null) {
            q = em.responsibilities(qFrom);
            cache = new SoftReference<>(q);
        }
        return Optional.of(q);
    }

    /** The M-step's sums per component (for Q6 with live numbers); empty except after an M-step. */
    public List<ComponentSums> sums() {
        return sums;
    }

    /** The events first seen at this state. */
    public List<EmEvent> events() {
        return events;
    }

    /** Whether component z is collapsed at this state (see {@link EmEvent.Kind#COLLAPSE}). */
    public boolean isCollapsed(int z) {
        return status.collapsed()[z];
    }

    /** The groups of identical components at this state (see {@link EmEvent.Kind#IDENTICAL}). */
    public List<List<Integer>> identicalGroups() {
        return status.identicalGroups();
    }

    /** Whether this run has converged at or before this state. */
    public boolean converged() {
        return status.converged();
    }

    Events.Status status() {
        return status;
    }

    @Override
    public String toString() {
        return "EmState[" + phase + " " + iteration + ", logLik=" + logLikelihood + ", " + mixture + "]";
    }
}
