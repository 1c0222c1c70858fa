package org.genlab.core.em;

import static org.assertj.core.api.Assertions.assertThat;

import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.math.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TangencyTest {
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void theElboTouchesTheLogLikelihoodWithTheSameSlopeAndLiesBelow(CovarianceType type) {
        Dataset2D data = Preset.THREE_BLOBS.generate(120, 0.5, 3);
        Em em = new Em(data, EmSettings.of(type));
        EmState s = em.eStep(em.step(em.start(EmInit.Q5_2.create(data, 3, em.settings(), new Rng(1)))));
        for (Tangency.Direction d : Tangency.Direction.values()) {
            Tangency.Curves c = Tangency.curves(em, s.mixture(), d, 21);
            int mid = 10;
            assertThat(c.t()[mid]).isZero();
            assertThat(c.elbo()[mid]).as("%s: equal at θ₀", d).isCloseTo(c.logLik()[mid], within(c.logLik()[mid]));
            assertThat(c.slopeElbo()).as("%s: same slope", d).isCloseTo(c.slopeLogLik(),
                    org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(c.slopeLogLik()))));
            for (int j = 0; j < c.t().length; j++) {
                assertThat(c.elbo()[j]).as("%s: below at t = %s", d, c.t()[j]).isLessThanOrEqualTo(c.logLik()[j] + 1e-9 * Math.abs(c.logLik()[j]));
            }
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double v) {
        return org.assertj.core.data.Offset.offset(1e-9 * Math.abs(v));
    }
}
