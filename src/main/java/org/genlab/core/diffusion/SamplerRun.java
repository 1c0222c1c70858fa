package org.genlab.core.diffusion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.genlab.core.math.Chunks;
import org.genlab.core.math.Rng;

/**
 * One run of a reverse sampler. Each step updates every particle in fixed chunks of
 * {@link ExactDiffusion#CHUNK}; chunk c draws from {@code Rng.forStream(seed, c)} in particle
 * order, so the result is bitwise the same on any number of threads. Between steps the caller
 * checks for cancellation and records the state.
 */
final class SamplerRun {
    private final ExactDiffusion model;
    private final NoiseSchedule schedule;
    private final Sampler sampler;
    private final SampleOptions options;
    private final int n;
    private final int chunks;
    private final Rng[] rngs;
    private final double[][] scratch;
    private final double[] xs;
    private final double[] ys;
    // x̂_0 of every particle; the ODE's Heun step also needs the trial point and its x̂_0.
    private final double[] hx;
    private final double[] hy;
    private final double[] trialX;
    private final double[] trialY;
    private final double[] trialHx;
    private final double[] trialHy;

    SamplerRun(ExactDiffusion model, Sampler sampler, SampleOptions options) {
        this.model = model;
        this.schedule = model.schedule();
        this.sampler = sampler;
        this.options = options;
        this.n = options.n();
        this.chunks = (n + ExactDiffusion.CHUNK - 1) / ExactDiffusion.CHUNK;
        this.rngs = new Rng[chunks];
        this.scratch = new double[chunks][model.dataSize()];
        for (int c = 0; c < chunks; c++) {
            rngs[c] = Rng.forStream(options.seed(), c);
        }
        xs = new double[n];
        ys = new double[n];
        hx = new double[n];
        hy = new double[n];
        boolean heun = sampler.kind() == Sampler.Kind.ODE;
        trialX = heun ? new double[n] : null;
        trialY = heun ? new double[n] : null;
        trialHx = heun ? new double[n] : null;
        trialHy = heun ? new double[n] : null;
    }

    SampleResult run() {
        int[] grid = sampler.timesteps(schedule.steps());
        int steps = grid.length - 1;
        List<Snapshot> trajectory = new ArrayList<>();
        // x_T ~ N(0, I)
        parallel(c -> {
            Rng rng = rngs[c];
            for (int p = from(c); p < to(c); p++) {
                xs[p] = rng.nextGaussian();
                ys[p] = rng.nextGaussian();
            }
        });
        record(0, grid[0], steps, trajectory);
        for (int k = 1; k <= steps; k++) {
            if (options.cancelled().getAsBoolean()) {
                throw new CancellationException(sampler + " cancelled at step " + k + " of " + steps);
            }
            int t = grid[k - 1];
            int next = grid[k];
            Denoiser at = model.denoiser(t, options.reference());
            switch (sampler.kind()) {
                case DDPM -> ddpmStep(at, t);
                case DDIM -> ddimStep(at, t, next);
                case ODE -> heunStep(at, next == 0 ? null : model.denoiser(next, options.reference()), t, next);
            }
            record(k, next, steps, trajectory);
        }
        return new SampleResult(Particles.of(xs, ys), trajectory);
    }

    /**
     * DDPM's ancestral step from t to t − 1. The homework's mean
     * μ = (x_t − β_t/√(1 − ᾱ_t) ε*) / √α_t equals the posterior mean of q(x_{t−1} | x_t, x̂_0):
     *
     * <pre>
     *   μ = √ᾱ_{t−1} β_t / (1 − ᾱ_t) · x̂_0 + √α_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · x_t,
     *   x_{t−1} = μ + σ_t z,  z ~ N(0, I),  σ_t² = β̃_t or β_t,  no noise at t = 1
     * </pre>
     *
     * so the last step (ᾱ_0 = 1) returns x̂_0 without dividing by √(1 − ᾱ_0) = 0.
     */
    private void ddpmStep(Denoiser at, int t) {
        double abPrev = schedule.alphaBar(t - 1);
        double oneMinus = 1 - schedule.alphaBar(t);
        double beta = schedule.beta(t);
        double cx0 = Math.sqrt(abPrev) * beta / oneMinus;
        double cxt = Math.sqrt(1 - beta) * (1 - abPrev) / oneMinus;
        double sigma = t == 1 ? 0
                : Math.sqrt(sampler.variance() == Sampler.Variance.BETA ? beta : schedule.posteriorVariance(t));
        parallel(c -> {
            int from = from(c);
            int to = to(c);
            at.x0Mean(xs, ys, from, to, hx, hy, scratch[c]);
            Rng rng = rngs[c];
            for (int p = from; p < to; p++) {
                double mx = cx0 * hx[p] + cxt * xs[p];
                double my = cx0 * hy[p] + cxt * ys[p];
                if (sigma > 0) {
                    mx += sigma * rng.nextGaussian();
                    my += sigma * rng.nextGaussian();
                }
                xs[p] = mx;
                ys[p] = my;
            }
        });
    }

    /**
     * DDIM's deterministic step (η = 0) from t to t' &lt; t:
     *
     * <pre>
     *   ε* = (x_t − √ᾱ_t x̂_0) / √(1 − ᾱ_t),   x_{t'} = √ᾱ_{t'} x̂_0 + √(1 − ᾱ_{t'}) ε*
     * </pre>
     *
     * which at t' = 0 is x̂_0 itself.
     */
    private void ddimStep(Denoiser at, int t, int next) {
        double s = Math.sqrt(schedule.alphaBar(t));
        double sd = Math.sqrt(1 - schedule.alphaBar(t));
        double sNext = Math.sqrt(schedule.alphaBar(next));
        double sdNext = Math.sqrt(1 - schedule.alphaBar(next));
        parallel(c -> {
            int from = from(c);
            int to = to(c);
            at.x0Mean(xs, ys, from, to, hx, hy, scratch[c]);
            for (int p = from; p < to; p++) {
                if (next == 0) {
                    xs[p] = hx[p];
                    ys[p] = hy[p];
                } else {
                    double ex = (xs[p] - s * hx[p]) / sd;
                    double ey = (ys[p] - s * hy[p]) / sd;
                    xs[p] = sNext * hx[p] + sdNext * ex;
                    ys[p] = sNext * hy[p] + sdNext * ey;
                }
            }
        });
    }

    /**
     * Heun's step of the probability-flow ODE from t to t' &lt; t. In y = x/√ᾱ and
     * σ = √((1 − ᾱ)/ᾱ) the ODE reads dy/dσ = ε*(x, t) (Euler on it is DDIM):
     *
     * <pre>
     *   d = ε*(x_t, t),  ỹ = y + (σ' − σ) d,  d' = ε*(√ᾱ' ỹ, t'),  y' = y + (σ' − σ)(d + d')/2
     * </pre>
     *
     * The last step, to σ' = 0, is Euler's: y' = y − σ d = x̂_0 (t' = 0 has no ε*).
     */
    private void heunStep(Denoiser at, Denoiser atNext, int t, int next) {
        double ab = schedule.alphaBar(t);
        double abNext = schedule.alphaBar(next);
        double s = Math.sqrt(ab);
        double sd = Math.sqrt(1 - ab);
        double sigma = Math.sqrt((1 - ab) / ab);
        double sNext = Math.sqrt(abNext);
        double sdNext = Math.sqrt(1 - abNext);
        double sigmaNext = Math.sqrt((1 - abNext) / abNext);
        double h = sigmaNext - sigma;
        parallel(c -> {
            int from = from(c);
            int to = to(c);
            at.x0Mean(xs, ys, from, to, hx, hy, scratch[c]);
            if (atNext == null) {
                System.arraycopy(hx, from, xs, from, to - from);
                System.arraycopy(hy, from, ys, from, to - from);
                return;
            }
            for (int p = from; p < to; p++) {
                // d = ε*(x_t, t);  ỹ = y + h d,  x̃ = √ᾱ' ỹ
                double dx = (xs[p] - s * hx[p]) / sd;
                double dy = (ys[p] - s * hy[p]) / sd;
                trialX[p] = sNext * (xs[p] / s + h * dx);
                trialY[p] = sNext * (ys[p] / s + h * dy);
            }
            atNext.x0Mean(trialX, trialY, from, to, trialHx, trialHy, scratch[c]);
            for (int p = from; p < to; p++) {
                double dx = (xs[p] - s * hx[p]) / sd;
                double dy = (ys[p] - s * hy[p]) / sd;
                double dx2 = (trialX[p] - sNext * trialHx[p]) / sdNext;
                double dy2 = (trialY[p] - sNext * trialHy[p]) / sdNext;
                // y' = y + h (d + d')/2,  x' = √ᾱ' y'
                xs[p] = sNext * (xs[p] / s + h * (dx + dx2) / 2);
                ys[p] = sNext * (ys[p] / s + h * (dy + dy2) / 2);
            }
        });
    }

    private int from(int c) {
        return c * ExactDiffusion.CHUNK;
    }

    private int to(int c) {
        return Math.min(n, (c + 1) * ExactDiffusion.CHUNK);
    }

    private void parallel(java.util.function.IntConsumer body) {
        Chunks.run(chunks, options.executor(), options.parallelism(), body);
    }

    /** Records the state after step k (at index t) when it is due: every recordEvery-th, the first and the last. */
    private void record(int k, int t, int steps, List<Snapshot> trajectory) {
        int every = options.recordEvery();
        if (every == 0 || (k % every != 0 && k != steps)) {
            return;
        }
        Snapshot snap = new Snapshot(k, t, schedule.alphaBar(t), Particles.of(xs, ys));
        trajectory.add(snap);
        if (options.listener() != null) {
            options.listener().onStep(snap);
        }
    }
}
