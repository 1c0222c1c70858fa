package org.genlab.core.vae;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.genlab.core.math.Rng;

/** The latent distribution p(z) of question 3(b): U(0, 1) (part ii) or N(0, 1) (part iii). */
public enum Latent {
    /** z ~ U(0, 1): P(z) = z on [0, 1], p(z) = 1 there. */
    UNIFORM("uniform"),
    /** z ~ N(0, 1): P(z) = Φ(z), p(z) = φ(z). */
    NORMAL("normal");

    private final String id;

    Latent(String id) {
        this.id = id;
    }

    /** The lower-case name used on the command line. */
    public String id() {
        return id;
    }

    /** The latent with this {@link #id()}, case-insensitive. */
    public static Optional<Latent> byName(String name) {
        return Arrays.stream(values()).filter(l -> l.id.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** One draw of z. */
    public double sample(Rng rng) {
        return this == UNIFORM ? rng.nextDouble() : rng.nextGaussian();
    }

    /** The latent's own CDF P(z). */
    public double cdf(double z) {
        return this == UNIFORM ? Math.max(0, Math.min(1, z)) : Target.phi(z);
    }

    /** The latent's density p(z). */
    public double density(double z) {
        return this == UNIFORM ? (z >= 0 && z <= 1 ? 1 : 0) : Target.phiDensity(z);
    }
}
