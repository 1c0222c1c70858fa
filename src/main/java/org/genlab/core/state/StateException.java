package org.genlab.core.state;

/**
 * A state file, or a part of one, that cannot be used: it says where (a line and column for
 * text that is not JSON, a field path such as {@code extras.data.x[3]} for a value that does
 * not fit) and what is wrong. Nothing is changed when one is thrown.
 */
public final class StateException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String where;
    private final String reason;

    public StateException(String where, String reason) {
        super(where.isEmpty() ? reason : where + ": " + reason);
        this.where = where;
        this.reason = reason;
    }

    /** The field path or position, empty for the file as a whole. */
    public String where() {
        return where;
    }

    /** What is wrong, without the place. */
    public String reason() {
        return reason;
    }

    /** The same problem, placed inside {@code outer} (a file name, say). */
    public StateException within(String outer) {
        return new StateException(where.isEmpty() ? outer : outer + ", " + where, reason);
    }
}
