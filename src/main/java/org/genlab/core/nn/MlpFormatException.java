package org.genlab.core.nn;

import java.io.IOException;

/** A network file that cannot be used: corrupt, of another version, or of another shape. The message says why. */
public final class MlpFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A refusal with its reason. */
    public MlpFormatException(String reason) {
        super(reason);
    }

    /** A refusal with its reason and the low-level cause. */
    public MlpFormatException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
