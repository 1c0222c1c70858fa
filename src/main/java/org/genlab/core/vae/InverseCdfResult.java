package org.genlab.core.vae;

import java.util.List;
import java.util.Optional;

/**
 * What an inverse-CDF model drew.
 *
 * @param target the target
 * @param latent the latent
 * @param option the choice of p(x | z)
 * @param draws every draw in order, z with its x or an undefined x
 * @param undefined how many draws have no x
 * @param ks the Kolmogorov-Smirnov test of the defined x against the target's CDF; empty when
 *     no x is defined
 */
public record InverseCdfResult(Target target, Latent latent, InverseCdfOption option, List<Draw> draws, int undefined,
        Optional<KsResult> ks) {
    /** Keeps an unmodifiable copy of the draws. */
    public InverseCdfResult {
        draws = List.copyOf(draws);
    }

    /** The defined x, in draw order. */
    public double[] definedSamples() {
        return draws.stream().filter(Draw::defined).mapToDouble(d -> d.x().getAsDouble()).toArray();
    }

    /**
     * Whether the draws pass as samples of the target: every draw defined and the KS p-value
     * above {@code alpha}.
     */
    public boolean passes(double alpha) {
        return undefined == 0 && ks.isPresent() && ks.get().pValue() > alpha;
    }
}
