package org.genlab.core.em;

import static org.assertj.core.api.Assertions.assertThat;

import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** The fused path's exp against {@link Math#exp}. */
class FastExpTest {
    @Test
    void withinTwoUlpOfMathExpOverItsDomain() {
        Rng rng = new Rng(11);
        for (int i = 0; i < 1_000_000; i++) {
            double t = i % 3 == 0 ? -700 * rng.nextDouble() : -50 * rng.nextDouble();
            double expected = Math.exp(t);
            assertThat(Math.abs(FastExp.exp(t) - expected)).as("t = %s", t).isLessThanOrEqualTo(2 * Math.ulp(expected));
        }
        for (double t : new double[] {0, -0.0, -1e-300, -Math.log(2) / 128, -Math.log(2), -50, -700}) {
            assertThat(Math.abs(FastExp.exp(t) - Math.exp(t))).as("t = %s", t).isLessThanOrEqualTo(2 * Math.ulp(Math.exp(t)));
        }
        assertThat(FastExp.exp(0)).isEqualTo(1.0);
    }
}
