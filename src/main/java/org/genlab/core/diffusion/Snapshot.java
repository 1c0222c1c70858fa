package org.genlab.core.diffusion;

/**
 * A sampler's particles after {@code step} of its steps, at schedule index {@code t}
 * (step 0 is the start x_T at t = T; the last step ends at t = 0, the samples).
 *
 * @param step how many sampler steps have been taken
 * @param t the schedule index of the state, T down to 0
 * @param alphaBar ᾱ_t (1 at t = 0)
 * @param particles the state x_t
 */
public record Snapshot(int step, int t, double alphaBar, Particles particles) {
}
