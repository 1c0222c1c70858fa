package org.genlab.core.param;

/** A parameter value that does not fit its declaration; the message names the parameter. */
public final class ParamException extends Exception {
    private final String param;
    private final String reason;

    public ParamException(String param, String reason) {
        super(param + ": " + reason);
        this.param = param;
        this.reason = reason;
    }

    /** The parameter's name. */
    public String param() {
        return param;
    }

    /** What is wrong, without the parameter's name. */
    public String reason() {
        return reason;
    }
}
