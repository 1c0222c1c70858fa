package org.genlab.core.zoo;

/**
 * The probability-flow ODE of the VP diffusion and the log-density it carries, integrated
 * from data (λ_min, the noise level σ_min) to noise (λ(T)).
 *
 * <p><b>The ODE.</b> The VP SDE dx = −½β x dt + √β dW has the probability-flow ODE (same
 * marginals q_t) dx/dt = f(x, t) = −½β(t) [x + ∇log q_t(x)], and with ∇log q_t = −ε/σ,
 * f = −½β [x − ε(x, t)/σ]. In λ = log(σ/√ᾱ), dt/dλ = 2σ²/β (from B = log(1 + e^{2λ})), so
 * <pre>
 *   dx/dλ = f dt/dλ = g(x, λ) = σ ε(x, λ) − σ² x,       tr ∂g/∂x = σ tr ∂ε/∂x − 2σ²   (d = 2)
 * </pre>
 * (β cancels). For the exact denoiser g = ᾱ x − √ᾱ x̂_0 and tr ∂g/∂x = 2ᾱ − V
 * ({@link DiffusionExactField}).
 *
 * <p><b>The log-density, and its sign (ERRATA Q1(a)vi).</b> The marginals q_t of an ODE
 * dx/dt = f obey the continuity equation ∂q/∂t = −∇·(q f), i.e. ∂_t log q = −∇·f − f·∇log q.
 * Along a solution x_t, d/dt log q_t(x_t) = ∂_t log q + ∇log q · f = −∇·f(x_t, t). Integrating
 * from t_min (data side) to T (noise side):
 * <pre>
 *   log q_T(x_T) − log q_{t_min}(x_0) = −∫_{t_min}^T ∇·f dt
 *   ⇒ log q_{t_min}(x_0) = log q_T(x_T) + ∫_{t_min}^T ∇·f(x_t, t) dt = log q_T(x_T) + ∫_{λ_min}^{λ(T)} tr ∂g/∂x dλ
 * </pre>
 * with a PLUS for f the forward-time (data → noise) drift, and log q_T ≈ log N(x_T; 0, I).
 *
 * <p><b>Solvers.</b> The state (x, y, ∫) is advanced by classical RK4 on a grid in λ
 * ({@link DiffusionSchedule#grid}: steps of about Δu/(ᾱ + 0.1) in λ, fine near the data and
 * coarse at large σ, and since λ is logarithmic in σ, far denser in t near t_min than near T).
 * {@link #integrateBatch} takes K fixed steps for a batch of rows at once (the learned network,
 * through one pass per stage). {@link #integrateExact} does the same per point but splits a
 * step where the exact field is stiff: the Jacobian of g is ᾱ I − Cov_w(ε), whose eigenvalues
 * lie in [ᾱ − V, ᾱ], so V bounds the contraction rate. Between data points the forward flow
 * squeezes a low-density gap onto the ridge between two posteriors at a rate V up to
 * (distance/σ_min)², and a fixed explicit step with h V above RK4's stability limit (≈ 2.8)
 * would chatter across the ridge. A step is therefore at most 1/V long (V from its first
 * stage) and is redone at half the length while a later stage sees h V > 2; far from ridges
 * V ≈ 0 and the K base steps are all that run.
 */
final class DiffusionOde {
    /** Most (sub)steps of one point in {@link #integrateExact}; beyond it the steps stay at their floor. */
    static final int MAX_STEPS = 8192;

    private DiffusionOde() {
    }

    /**
     * K fixed RK4 steps in λ from lamMin to lamMax for rows 0..n−1 of (xs, ys): the end points
     * into (outX, outY) and ∫ tr ∂g/∂x dλ into outInt.
     */
    static void integrateBatch(DiffusionField field, double[] xs, double[] ys, int n, double lamMin, double lamMax,
            int steps, double[] outX, double[] outY, double[] outInt) {
        double[] x = xs.clone();
        double[] y = ys.clone();
        double[] acc = new double[n];
        double[] lam = new double[n];
        double[] sx = new double[n], sy = new double[n];
        double[] ex = new double[n], ey = new double[n], dv = new double[n];
        double[][] kx = new double[4][n], ky = new double[4][n], kt = new double[4][n];
        double[] grid = DiffusionSchedule.grid(lamMin, lamMax, steps);
        for (int k = 0; k < steps; k++) {
            double l0 = grid[k];
            double h = grid[k + 1] - l0;
            for (int st = 0; st < 4; st++) {
                double frac = st == 0 ? 0 : st == 3 ? 1 : 0.5;
                double ls = st == 3 ? grid[k + 1] : l0 + frac * h;
                double sigma2 = DiffusionSchedule.sigma2(ls);
                double sigma = Math.sqrt(sigma2);
                for (int r = 0; r < n; r++) {
                    lam[r] = ls;
                    if (st == 0) {
                        sx[r] = x[r];
                        sy[r] = y[r];
                    } else {
                        sx[r] = x[r] + frac * h * kx[st - 1][r];
                        sy[r] = y[r] + frac * h * ky[st - 1][r];
                    }
                }
                field.epsilon(lam, sx, sy, n, ex, ey, dv);
                for (int r = 0; r < n; r++) {
                    // g = σ ε − σ² x,  tr ∂g/∂x = σ tr ∂ε/∂x − 2σ²
                    kx[st][r] = sigma * ex[r] - sigma2 * sx[r];
                    ky[st][r] = sigma * ey[r] - sigma2 * sy[r];
                    kt[st][r] = sigma * dv[r] - 2 * sigma2;
                }
            }
            for (int r = 0; r < n; r++) {
                x[r] += h / 6 * (kx[0][r] + 2 * kx[1][r] + 2 * kx[2][r] + kx[3][r]);
                y[r] += h / 6 * (ky[0][r] + 2 * ky[1][r] + 2 * ky[2][r] + ky[3][r]);
                acc[r] += h / 6 * (kt[0][r] + 2 * kt[1][r] + 2 * kt[2][r] + kt[3][r]);
            }
        }
        System.arraycopy(x, 0, outX, 0, n);
        System.arraycopy(y, 0, outY, 0, n);
        System.arraycopy(acc, 0, outInt, 0, n);
    }

    /**
     * The exact field's ODE for one point from lamMin to lamMax on the K-step base grid,
     * each base step split where stiff (see the class comment). Writes x_T, y_T,
     * ∫ tr ∂g/∂x dλ and the number of steps taken into out[0..3]. {@code l} is scratch of
     * {@code field.size()}.
     */
    static void integrateExact(DiffusionExactField field, double x0, double y0, double lamMin, double lamMax, int steps,
            double[] out, double[] l) {
        double[] grid = DiffusionSchedule.grid(lamMin, lamMax, steps);
        double hFloor = (lamMax - lamMin) / steps / 65536;
        double[] post = new double[4];
        double[] k1 = new double[5], k2 = new double[5], k3 = new double[5], k4 = new double[5];
        double x = x0, y = y0, acc = 0, lam = lamMin;
        int taken = 0;
        for (int node = 1; node <= steps; node++) {
            double end = grid[node];
            while (lam < end) {
                double h = end - lam;
                exactStage(field, lam, x, y, k1, post, l);
                if (k1[3] * h > 1 && taken < MAX_STEPS) {
                    h = Math.max(hFloor, 1 / k1[3]);
                }
                while (true) {
                    exactStage(field, lam + h / 2, x + h / 2 * k1[0], y + h / 2 * k1[1], k2, post, l);
                    exactStage(field, lam + h / 2, x + h / 2 * k2[0], y + h / 2 * k2[1], k3, post, l);
                    exactStage(field, lam + h, x + h * k3[0], y + h * k3[1], k4, post, l);
                    double v = Math.max(k2[3], Math.max(k3[3], k4[3]));
                    // a stage whose heaviest data point differs from the first stage's has crossed
                    // (or reached) the ridge between the two, where V ≈ (ᾱ/σ²) |x_i − x_j|² / 4
                    v = Math.max(v, Math.max(ridge(field, k1, k2, lam + h / 2),
                            Math.max(ridge(field, k1, k3, lam + h / 2), ridge(field, k1, k4, lam + h))));
                    if (v * h <= 2 || h <= hFloor || taken >= MAX_STEPS) {
                        break;
                    }
                    h = Math.max(hFloor, Math.min(h / 2, 1 / v));
                }
                x += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
                y += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
                acc += h / 6 * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2]);
                lam = end - lam - h <= 1e-12 * (end - grid[node - 1]) ? end : lam + h;
                taken++;
            }
        }
        out[0] = x;
        out[1] = y;
        out[2] = acc;
        out[3] = taken;
    }

    /** V on the ridge between the heaviest points of stages a and b at level λ, 0 if they are the same point. */
    private static double ridge(DiffusionExactField field, double[] a, double[] b, double lam) {
        if (a[4] == b[4]) {
            return 0;
        }
        // V = (s²/σ²) Σ w |x_i − x̂_0|² with half the weight on each of two points = (ᾱ/σ²) D²/4
        return DiffusionSchedule.alphaBar(lam) / DiffusionSchedule.sigma2(lam) * field.distance2((int) a[4], (int) b[4]) / 4;
    }

    /** k = (g_x, g_y, tr ∂g/∂x, V, heaviest point) of the exact field at (x, y), level λ: g = ᾱ x − √ᾱ x̂_0, tr = 2ᾱ − V. */
    private static void exactStage(DiffusionExactField field, double lam, double x, double y, double[] k,
            double[] post, double[] l) {
        double ab = DiffusionSchedule.alphaBar(lam);
        double s = Math.sqrt(ab);
        field.posterior(s, DiffusionSchedule.sigma2(lam), x, y, post, l);
        k[0] = ab * x - s * post[0];
        k[1] = ab * y - s * post[1];
        k[2] = 2 * ab - post[2];
        k[3] = post[2];
        k[4] = post[3];
    }
}
