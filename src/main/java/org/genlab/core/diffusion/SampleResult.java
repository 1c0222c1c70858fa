package org.genlab.core.diffusion;

import java.util.List;

/**
 * What a sampler produced.
 *
 * @param samples the final particles x_0
 * @param trajectory the recorded states in step order (empty unless recording was asked for;
 *     then it starts with x_T and ends with x_0)
 */
public record SampleResult(Particles samples, List<Snapshot> trajectory) {
    /** Keeps an unmodifiable copy of the trajectory. */
    public SampleResult {
        trajectory = List.copyOf(trajectory);
    }
}
