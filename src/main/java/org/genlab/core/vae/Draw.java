package org.genlab.core.vae;

import java.util.OptionalDouble;

/**
 * One draw of a latent-variable model: the latent z and the x it gave, or an empty x where the
 * option is undefined at this z (so the UI can animate z to x, and mark the undefined ones).
 */
public record Draw(double z, OptionalDouble x) {
    /** Whether x is defined. */
    public boolean defined() {
        return x.isPresent();
    }
}
