package org.genlab.core.flow;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How {@link FlowSampler} integrates dx/dt = v_t(x) from t = 0 to t = 1 in m fixed steps of
 * h = 1/m, t_i = i/m. No solver evaluates v at t = 1, where the exact field divides by zero:
 *
 * <ul>
 *   <li>{@link #EULER}: x ← x + h v(x, t_i). Its last step, from t = 1 − h, is
 *       x + h (E[x1|x] − x)/h = E[x1 | x, t], the x1 prediction, for the exact field.</li>
 *   <li>{@link #HEUN}: the trapezoid predictor–corrector (second order); its last step is the
 *       explicit midpoint rule (v at t_i and t_i + h/2), also second order.</li>
 *   <li>{@link #RK4}: the classical fourth-order Runge–Kutta; its last step is Heun's
 *       third-order rule (v at t_i, t_i + h/3 and t_i + 2h/3), whose local error O(h⁴) keeps
 *       the global order 4.</li>
 *   <li>{@link #PRINTED}: the loop printed in the homework's solution to Q9 h,
 *       x ← x + v(x, t_i)/(m − i). It is not Euler's method (see the ERRATA): with the
 *       velocity of Q9 g it moves m/k² times the remaining distance k steps before the end,
 *       so it overshoots in the last √m steps unless m is a perfect square.</li>
 * </ul>
 *
 * Once the exact field's posterior has settled on one data point, the true path is a straight
 * line at constant speed, and every solver here (except {@link #PRINTED}) follows it exactly.
 */
public enum Solver {
    /** Euler's method, one evaluation per step. */
    EULER("euler", 1),
    /** Heun's (trapezoid) method, two evaluations per step. */
    HEUN("heun", 2),
    /** Classical Runge–Kutta of order 4, four evaluations per step. */
    RK4("rk4", 4),
    /** The homework's printed loop x ← x + v(x, t_i)/(m − i), one evaluation per step. */
    PRINTED("printed", 1);

    /** The default number of steps. */
    public static final int DEFAULT_STEPS = 100;

    private final String id;
    private final int evaluations;

    Solver(String id, int evaluations) {
        this.id = id;
        this.evaluations = evaluations;
    }

    /** The lower-case name used on the command line. */
    public String id() {
        return id;
    }

    /** Evaluations of the field per step (all but the last step; RK4's last step takes 3). */
    public int evaluationsPerStep() {
        return evaluations;
    }

    /** The solver with this {@link #id()}, case-insensitive. */
    public static Optional<Solver> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(n)).findFirst();
    }

    /** The names, in declaration order, e.g. for a choice list. */
    public static String[] ids() {
        return Arrays.stream(values()).map(Solver::id).toArray(String[]::new);
    }
}
