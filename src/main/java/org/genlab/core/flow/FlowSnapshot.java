package org.genlab.core.flow;

import org.genlab.core.diffusion.Particles;

/**
 * A solver's particles after {@code step} of its m steps, at time t = step/m (step 0 is the
 * start x0 ~ N(0, I) at t = 0; step m is the samples at t = 1).
 *
 * @param step how many steps have been taken
 * @param t the time of the state, step/m
 * @param particles every particle's position
 */
public record FlowSnapshot(int step, double t, Particles particles) {
}
