package org.genlab.core.zoo;

import java.io.IOException;

/** A model file that cannot be read: not one, truncated, corrupt, another version, or values out of range. */
public final class ZooFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ZooFormatException(String message) {
        super(message);
    }

    public ZooFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
