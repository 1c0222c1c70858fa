package org.genlab.core.vae;

import java.io.IOException;

/** A VAE model file that cannot be used: not one, truncated, corrupt, of another version or with unfitting parts. The message says why. */
public final class VaeFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A refusal with its reason. */
    public VaeFormatException(String reason) {
        super(reason);
    }

    /** A refusal with its reason and the low-level cause. */
    public VaeFormatException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
