package org.genlab.compute;

import java.util.Objects;

/**
 * How far a job has got.
 *
 * @param fraction done, in [0, 1]
 * @param message  what it is doing, for a status bar (never {@code null})
 */
public record Progress(double fraction, String message) {
    /** Nothing reported yet. */
    public static final Progress NONE = new Progress(0, "");

    public Progress {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("progress fraction outside [0, 1]: " + fraction);
        }
        message = Objects.requireNonNullElse(message, "");
    }
}
