package org.genlab.core.flow;

import java.util.List;
import org.genlab.core.diffusion.Particles;

/**
 * What a sampling run produced.
 *
 * @param samples the particles at t = 1
 * @param snapshots the recorded states of every particle in step order (empty unless asked
 *     for; then the first is t = 0 and the last t = 1)
 * @param paths the recorded paths of the first few particles ({@link Trajectories#NONE} unless
 *     asked for)
 */
public record FlowSampleResult(Particles samples, List<FlowSnapshot> snapshots, Trajectories paths) {
    /** Keeps an unmodifiable copy of the snapshots. */
    public FlowSampleResult {
        snapshots = List.copyOf(snapshots);
    }

    /**
     * The recorded snapshot whose time is nearest to t (the earlier one on a tie), or null when
     * nothing was recorded.
     */
    public FlowSnapshot snapshotAt(double t) {
        FlowSnapshot best = null;
        for (FlowSnapshot s : snapshots) {
            if (best == null || Math.abs(s.t() - t) < Math.abs(best.t() - t)) {
                best = s;
            }
        }
        return best;
    }
}
