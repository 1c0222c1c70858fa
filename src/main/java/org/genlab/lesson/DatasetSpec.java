package org.genlab.lesson;

/**
 * A data set a step asks for (the {@code dataset} key of a {@code genlab} block), already
 * checked: {@code preset} names a {@link org.genlab.core.data.Preset}, 1 ≤ n ≤ 1,000,000,
 * noise finite and ≥ 0.
 *
 * @param preset the preset's id, e.g. {@code two-moons}
 * @param n      number of points (the preset's default when the block leaves it out)
 * @param noise  noise level (the preset's default when left out)
 * @param seed   random seed (0 when left out)
 */
public record DatasetSpec(String preset, int n, double noise, long seed) {
}
