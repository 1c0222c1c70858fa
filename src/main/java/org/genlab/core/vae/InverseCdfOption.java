package org.genlab.core.vae;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.genlab.core.math.Rng;

/**
 * The choices for p(x | z) in question 3(b) ii and iii, for a latent z with CDF P and density
 * p, and a target with CDF F.
 */
public enum InverseCdfOption {
    /** x = F⁻¹(z): right for a U(0, 1) latent (Q3 b ii); for a normal latent F⁻¹ is undefined outside (0, 1). */
    A("a"),
    /**
     * x = F⁻¹(P(z)) with P the latent's own CDF: the reading under which the printed answer of
     * Q3(b) iii is right (ERRATA.md: F⁻¹(Φ(z))). For a uniform latent P(z) = z, so it is option a.
     */
    B("b"),
    /** x = F⁻¹(p(z)) with p the latent's density: the literal printed Q3(b) iii, which is wrong. */
    B_DENSITY("b-density"),
    /** x ~ N(F(z), 1): a Gaussian centred on F(z); wrong for every target. */
    C("c");

    private final String id;

    InverseCdfOption(String id) {
        this.id = id;
    }

    /** The name used on the command line ({@code a}, {@code b}, {@code b-density}, {@code c}). */
    public String id() {
        return id;
    }

    /** The option with this {@link #id()}, case-insensitive. */
    public static Optional<InverseCdfOption> byName(String name) {
        return Arrays.stream(values()).filter(o -> o.id.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /**
     * x for a latent draw z, or empty where the option is undefined (F⁻¹ of a value outside the
     * target's defined range, see {@link Target#inverseCdf}). Option c draws its Gaussian noise
     * from {@code rng}; the others draw nothing.
     */
    public OptionalDouble apply(Target target, Latent latent, double z, Rng rng) {
        return switch (this) {
            case A -> target.inverseCdf(z);
            case B -> target.inverseCdf(latent.cdf(z));
            case B_DENSITY -> target.inverseCdf(latent.density(z));
            case C -> OptionalDouble.of(target.cdf(z) + rng.nextGaussian());
        };
    }
}
