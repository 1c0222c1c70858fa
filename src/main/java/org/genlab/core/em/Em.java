package org.genlab.core.em;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.genlab.core.data.Dataset2D;

/**
 * EM for a K-component 2-D Gaussian mixture on one weighted data set (the homework's
 * section 3, questions 4-7). Point i counts w_i times in every sum, and n is the total
 * weight Σ_i w_i.
 *
 * <p>Two ways to run it:
 * <ul>
 *   <li><b>Half-steps</b>, for a pane that shows each one: {@link #start}, then
 *       {@link #eStep} and {@link #mStep} alternately (or {@link #step}), each returning a new
 *       immutable {@link EmState} with ℓ, the ELBO, the gap, the M-step's sums and the events.
 *       Plain, single-threaded, obviously correct.</li>
 *   <li><b>Fused</b>, for large n: {@link #iterate} does one E+M pass over fixed chunks on
 *       an executor, and {@link #fit} runs many (the command line's {@code em fit}). Same
 *       numbers as the half-steps within 1e-10 relative, bitwise the same on any number of
 *       threads.</li>
 * </ul>
 *
 * <p>The functions the half-steps are built from are public too, so a pane can evaluate them
 * at any θ (the Q7 tangency view): {@link #logLikelihood}, {@link #elbo}, {@link #klGap},
 * {@link #responsibilities}, {@link #sums} and {@link #maximize}.
 *
 * <p>Thread-safe (immutable). Nothing here returns NaN or ±∞ for valid mixtures: variances
 * are floored, log-densities capped, empty components kept where they were with weight 0.
 */
public final class Em {
    private final Dataset2D data;
    private final EmSettings settings;
    private final double cx;
    private final double cy;
    private final double[] xc;
    private final double[] yc;
    private final double[] w;

    /**
     * @throws IllegalArgumentException if the data set is empty
     */
    public Em(Dataset2D data, EmSettings settings) {
        this.data = Objects.requireNonNull(data, "data");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("EM needs at least one data point");
        }
        double[] c = data.mean();
        cx = c[0];
        cy = c[1];
        int n = data.size();
        xc = new double[n];
        yc = new double[n];
        w = data.weights();
        for (int i = 0; i < n; i++) {
            xc[i] = data.x(i) - cx;
            yc[i] = data.y(i) - cy;
        }
    }

    /** The data set. */
    public Dataset2D data() {
        return data;
    }

    /** The settings. */
    public EmSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- half-steps

    /**
     * The initial state: θ_0 = {@code init} (re-typed to the settings' covariance type),
     * ℓ(θ_0), and events for components already at the floor or identical.
     *
     * @throws IllegalArgumentException if a covariance of {@code init} does not fit the type
     */
    public EmState start(Mixture init) {
        Mixture m = typed(init);
        Events.Detection d = initialEvents(m);
        return new EmState(this, 0, EmState.Phase.INITIAL, m, null, logLikelihood(m), 0, 0, List.of(), d.events(),
                d.status());
    }

    /** The mixture under the settings' covariance type. */
    private Mixture typed(Mixture m) {
        return m.type() == settings.covarianceType() ? m : m.withType(settings.covarianceType());
    }

    private Events.Detection initialEvents(Mixture m) {
        return Events.detect(settings, data.size(), data.totalWeight(), 0, m, null, Events.Status.none(m.k()));
    }

    /**
     * E-step: Q(z | x_i) = P(z | x_i, θ) = p_z N(x_i; μ_z, Σ_z) / Σ_z' p_z' N(x_i; μ_z', Σ_z'),
     * θ unchanged. Afterwards ELBO(Q; θ) = ℓ(θ) (the gap is 0).
     */
    public EmState eStep(EmState s) {
        Mixture m = s.mixture();
        Bound b = bound(responsibilities(m), m);
        return new EmState(this, s.iteration(), EmState.Phase.E, m, m, b.logLik, b.elbo, b.gap, List.of(), List.of(),
                s.status());
    }

    /**
     * M-step: θ' = argmax_θ ELBO(Q; θ) with this state's Q (see {@link #maximize}); the
     * iteration count goes up by one. Raises collapse, identical and converged events.
     *
     * @throws IllegalStateException if the state has no Q (the initial state)
     */
    public EmState mStep(EmState s) {
        Mixture qFrom = s.responsibilitiesFrom()
                .orElseThrow(() -> new IllegalStateException("the M-step needs Q: do an E-step first"));
        Responsibilities q = s.responsibilities().orElseThrow();
        ComponentSums[] sums = sums(q);
        Mixture next = finish(sums, s.mixture());
        Bound b = bound(q, next);
        int it = s.iteration() + 1;
        Events.Detection d = Events.detect(settings, data.size(), data.totalWeight(), it, next, sumQ(sums), s.status());
        Events.Detection c = Events.converged(settings, data.totalWeight(), it, s.logLikelihood(), b.logLik, d.status());
        List<EmEvent> events = new ArrayList<>(d.events());
        events.addAll(c.events());
        return new EmState(this, it, EmState.Phase.M, next, qFrom, b.logLik, b.elbo, b.gap, Arrays.asList(sums), events,
                c.status());
    }

    /** The next half-step: an M-step after an E-step, otherwise an E-step. */
    public EmState step(EmState s) {
        return s.phase() == EmState.Phase.E ? mStep(s) : eStep(s);
    }

    // ---------------------------------------------------------------- the functions

    /** Q(z | x_i) = P(z | x_i, θ), computed in log space: log Q = l_z − log Σ_z' exp(l_z'), l_z = log[p_z N(x_i; μ_z, Σ_z)]. */
    public Responsibilities responsibilities(Mixture m) {
        int n = data.size();
        int k = m.k();
        double[] logQ = new double[n * k];
        double[] q = new double[n * k];
        double[] l = new double[k];
        for (int i = 0; i < n; i++) {
            double lse = logJoints(m, i, l);
            for (int z = 0; z < k; z++) {
                logQ[i * k + z] = l[z] - lse;
                q[i * k + z] = Math.exp(l[z] - lse);
            }
        }
        return new Responsibilities(n, k, logQ, q);
    }

    /** ℓ(θ) = Σ_i w_i log P(x_i | θ), natural log, total over the points. */
    public double logLikelihood(Mixture m) {
        double[] l = new double[m.k()];
        double ll = 0;
        for (int i = 0; i < data.size(); i++) {
            ll += data.weight(i) * logJoints(m, i, l);
        }
        return ll;
    }

    /**
     * ELBO(Q; θ) = Σ_i w_i { Σ_z Q(z|x_i) log[p_z N(x_i; μ_z, Σ_z)] + H(Q_i) },
     * H(Q_i) = −Σ_z Q(z|x_i) log Q(z|x_i), with 0 log 0 = 0. For the Q7 view, keep Q fixed
     * (Q = P(z|x, θ_0)) and move θ: at θ_0 this touches {@link #logLikelihood} with the same
     * gradient.
     *
     * @return −∞ only if Q gives weight to a component whose p_z is 0 in θ
     */
    public double elbo(Responsibilities q, Mixture m) {
        return bound(q, m).elbo;
    }

    /** Σ_i w_i KL(Q_i || P(z | x_i, θ)) = ℓ(θ) − ELBO(Q; θ) ≥ 0, computed as a sum of KL terms. */
    public double klGap(Responsibilities q, Mixture m) {
        return bound(q, m).gap;
    }

    /**
     * The M-step's sums under Q, plainly and in two passes (the reference for the fused path):
     * N_z = Σ_i w_i Q, Σ_i w_i Q x_i, μ̂_z = Σ_i w_i Q x_i / N_z, then the scatter about μ̂_z.
     */
    public ComponentSums[] sums(Responsibilities q) {
        requireSize(q);
        int k = q.k();
        ComponentSums[] out = new ComponentSums[k];
        for (int z = 0; z < k; z++) {
            double nz = 0, sx = 0, sy = 0;
            for (int i = 0; i < data.size(); i++) {
                double r = data.weight(i) * q.q(i, z);
                nz += r;
                sx += r * data.x(i);
                sy += r * data.y(i);
            }
            // μ̂_z = Σ_i Q(z|x_i) x_i / Σ_i Q(z|x_i)
            double mx = sx / nz, my = sy / nz;
            double sxx = 0, sxy = 0, syy = 0;
            for (int i = 0; i < data.size(); i++) {
                double r = data.weight(i) * q.q(i, z);
                double dx = data.x(i) - mx, dy = data.y(i) - my;
                sxx += r * dx * dx;
                sxy += r * dx * dy;
                syy += r * dy * dy;
            }
            out[z] = new ComponentSums(nz, sx, sy, mx, my, sxx, sxy, syy);
        }
        return out;
    }

    /**
     * M-step: θ̂ = argmax_θ ELBO(Q; θ), the homework's Q6 estimates (each component with its
     * own variance, ERRATA Q6), weighted by w_i:
     *
     * <pre>
     *   p̂_z  = (1/n) Σ_i Q(z|x_i)                          (n = Σ_i Σ_z Q = the Lagrange multiplier λ)
     *   μ̂_z  = Σ_i Q(z|x_i) x_i / Σ_i Q(z|x_i)
     *   σ̂_z² = Σ_i Q(z|x_i) ||x_i − μ̂_z||² / (d Σ_i Q(z|x_i)),  d = 2          (spherical)
     *   σ̂_{z,x}² = Σ_i Q (x_i − μ̂_{z,x})² / Σ_i Q, same for y                  (diagonal)
     *   Σ̂_z  = Σ_i Q (x_i − μ̂_z)(x_i − μ̂_z)ᵀ / Σ_i Q                          (full)
     * </pre>
     *
     * then the variance floor. A component with Σ_i Q = 0 keeps μ_z and Σ_z of {@code previous}
     * with weight 0.
     *
     * @param previous the mixture before this M-step; only read for such empty components
     */
    public Mixture maximize(Responsibilities q, Mixture previous) {
        return finish(sums(q), previous);
    }

    /** The shared end of both M-step paths: parameters from the sums, projected and floored. */
    private Mixture finish(ComponentSums[] sums, Mixture previous) {
        int k = sums.length;
        double[] p = new double[k], mx = new double[k], my = new double[k];
        double[] a = new double[k], b = new double[k], c = new double[k];
        double[] cov = new double[3];
        double lambda = 0;
        for (ComponentSums s : sums) {
            lambda += s.sumQ();
        }
        for (int z = 0; z < k; z++) {
            ComponentSums s = sums[z];
            double nz = s.sumQ();
            boolean usable = nz > 0 && Double.isFinite(s.meanX()) && Double.isFinite(s.meanY())
                    && Double.isFinite(s.scatterXX() / nz) && Double.isFinite(s.scatterYY() / nz)
                    && Double.isFinite(s.scatterXY() / nz);
            if (usable) {
                // p̂_z = Σ_i Q(z|x_i) / λ,  λ = Σ_i Σ_z Q(z|x_i) = n
                p[z] = nz / lambda;
                mx[z] = s.meanX();
                my[z] = s.meanY();
                Cov2.projectAndFloor(settings.covarianceType(), s.scatterXX() / nz, s.scatterXY() / nz,
                        s.scatterYY() / nz, settings.varianceFloor(), cov);
            } else {
                p[z] = 0;
                mx[z] = previous.meanX(z);
                my[z] = previous.meanY(z);
                Cov2.projectAndFloor(settings.covarianceType(), previous.covXX(z), previous.covXY(z), previous.covYY(z),
                        settings.varianceFloor(), cov);
            }
            a[z] = cov[0];
            b[z] = cov[1];
            c[z] = cov[2];
        }
        return Mixture.owning(settings.covarianceType(), p, mx, my, a, b, c);
    }

    // ---------------------------------------------------------------- fused path

    /** One fused E+M iteration: ℓ(θ) of the mixture given, θ' after E then M, and the M-step's sums. */
    public record Iteration(double logLikelihood, Mixture next, List<ComponentSums> sums) {
    }

    /**
     * One E+M iteration in a single fused pass over fixed chunks, on the caller and up to
     * {@code parallelism − 1} tasks on {@code executor} (null: all on the caller). Equal to
     * {@link #eStep} + {@link #mStep} within 1e-10 relative; bitwise the same for any
     * parallelism. Blocking: call it from a compute thread.
     */
    public Iteration iterate(Mixture m, Executor executor, int parallelism) {
        return iterate(m, executor, parallelism, EmKernel.best());
    }

    /** {@link #iterate} on the given kernel (the tests compare the scalar and the vector one). */
    Iteration iterate(Mixture m, Executor executor, int parallelism, EmKernel kernel) {
        Mixture typed = typed(m);
        FusedEm.Pass p = FusedEm.run(xc, yc, w, cx, cy, typed, executor, parallelism, kernel);
        return new Iteration(p.logLikelihood(), finish(p.sums(), typed), Arrays.asList(p.sums()));
    }

    /**
     * A whole fit.
     *
     * @param mixtures        θ_0 .. θ_T: the initial mixture, then after each full iteration
     * @param logLikelihoods  ℓ(θ_t) for each of them
     * @param events          every event, in order
     * @param converged       whether it stopped because the tolerance was met
     */
    public record Fit(List<Mixture> mixtures, double[] logLikelihoods, List<EmEvent> events, boolean converged) {
    }

    /**
     * Runs up to {@code maxIterations} fused iterations from {@code init}, stopping early when
     * the log-likelihood per unit weight rises by less than the tolerance (never with
     * tolerance 0). Events as in the half-step path.
     */
    public Fit fit(Mixture init, int maxIterations, Executor executor, int parallelism) {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0: " + maxIterations);
        }
        Mixture m = typed(init);
        EmKernel kernel = kernelFor((long) data.size() * m.k() * (maxIterations + 1L));
        Events.Detection d0 = initialEvents(m);
        Events.Status status = d0.status();
        List<EmEvent> events = new ArrayList<>(d0.events());
        List<Mixture> ms = new ArrayList<>(List.of(m));
        double[] lls = new double[maxIterations + 1];
        Iteration it = iterate(m, executor, parallelism, kernel);
        lls[0] = it.logLikelihood();
        int t = 0;
        while (t < maxIterations && !status.converged()) {
            t++;
            m = it.next();
            Events.Detection d = Events.detect(settings, data.size(), data.totalWeight(), t, m,
                    sumQ(it.sums().toArray(ComponentSums[]::new)), status);
            it = iterate(m, executor, parallelism, kernel);
            lls[t] = it.logLikelihood();
            ms.add(m);
            Events.Detection c = Events.converged(settings, data.totalWeight(), t, lls[t - 1], lls[t], d.status());
            events.addAll(d.events());
            events.addAll(c.events());
            status = c.status();
        }
        return new Fit(List.copyOf(ms), Arrays.copyOf(lls, t + 1), List.copyOf(events), status.converged());
    }

    /**
     * Below this many point-component evaluations a whole fit runs on the scalar kernel: the
     * Vector API is fast only once C2 has compiled the kernel, and until then (the first pass
     * or two of a fresh JVM) it runs boxed, about 2 s for the first 100,000 x 8 pass on two
     * busy cores, more than a 30-iteration fit of that size takes on the scalar kernel. The two
     * kernels give the same bits, so the choice changes no number.
     */
    static final long VECTOR_FIT_WORK = 2_000_000_000L;

    private static EmKernel kernelFor(long work) {
        return work >= VECTOR_FIT_WORK ? EmKernel.best() : EmKernel.scalar();
    }

    // ---------------------------------------------------------------- helpers

    private static double[] sumQ(ComponentSums[] sums) {
        double[] n = new double[sums.length];
        for (int z = 0; z < n.length; z++) {
            n[z] = sums[z].sumQ();
        }
        return n;
    }

    /** l[z] = log[p_z N(x_i; μ_z, Σ_z)]; returns log P(x_i | θ) (see {@link Mixture#logJoints}). */
    private double logJoints(Mixture m, int i, double[] l) {
        return m.logJoints(data.x(i), data.y(i), l);
    }

    private record Bound(double logLik, double elbo, double gap) {
    }

    /** ℓ(θ), ELBO(Q; θ) and Σ_i w_i KL(Q_i || P(z|x_i, θ)) in one pass. */
    private Bound bound(Responsibilities q, Mixture m) {
        requireSize(q);
        if (q.k() != m.k()) {
            throw new IllegalArgumentException("Q has " + q.k() + " components, the mixture " + m.k());
        }
        double[] l = new double[m.k()];
        double ll = 0, elbo = 0, gap = 0;
        for (int i = 0; i < data.size(); i++) {
            double wi = data.weight(i);
            double lse = logJoints(m, i, l);
            ll += wi * lse;
            double e = 0, kl = 0;
            for (int z = 0; z < l.length; z++) {
                double qz = q.q(i, z);
                if (qz > 0) {
                    double lq = q.logQ(i, z);
                    // Q log[p_z N] − Q log Q  (the entropy term H(Q_i) = −Σ_z Q log Q)
                    e += qz * (l[z] - lq);
                    // KL(Q_i || P(·|x_i, θ)) = Σ_z Q (log Q − log P(z|x_i, θ)),  log P(z|x_i, θ) = l_z − lse
                    kl += qz * (lq - (l[z] - lse));
                }
            }
            elbo += wi * e;
            gap += wi * kl;
        }
        return new Bound(ll, elbo, gap);
    }

    private void requireSize(Responsibilities q) {
        if (q.size() != data.size()) {
            throw new IllegalArgumentException("Q has " + q.size() + " points, the data " + data.size());
        }
    }
}
