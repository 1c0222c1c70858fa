package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Commons Math view of a target (used by the KS test): its moments against closed forms. */
class TargetDistributionTest {
    @Test
    void momentsFromTheQuantileFunctionMatchTheClosedForms() {
        var exp = new InverseCdfSampler.TargetDistribution(Target.exponential());
        assertThat(exp.getNumericalMean()).isCloseTo(1, within(2e-3));
        assertThat(exp.getNumericalVariance()).isCloseTo(1, within(2e-2));
        var uni = new InverseCdfSampler.TargetDistribution(Target.uniform());
        assertThat(uni.getNumericalMean()).isCloseTo(0.5, within(1e-9));
        assertThat(uni.getNumericalVariance()).isCloseTo(1.0 / 12, within(1e-6));
        // 0.3 N(-2, 0.5²) + 0.7 N(1.5, 1): mean 0.3·(−2) + 0.7·1.5; variance Σ p (σ² + μ²) − mean²
        double mean = 0.3 * -2 + 0.7 * 1.5, var = 0.3 * (0.25 + 4) + 0.7 * (1 + 2.25) - mean * mean;
        var mix = new InverseCdfSampler.TargetDistribution(Target.mixture());
        assertThat(mix.getNumericalMean()).isCloseTo(mean, within(2e-3));
        assertThat(mix.getNumericalVariance()).isCloseTo(var, within(2e-2));
    }
}
