package org.genlab.core.data;

/**
 * A data file that cannot be read, with the position of the first problem.
 *
 * <p>{@link #getMessage()} has the compiler-style form {@code source:line:column: reason},
 * e.g. {@code points.csv:17:2: 'abc' is not a number (field y)}, or
 * {@code source:line: reason} when no single field is at fault (column 0).
 *
 * <p>Not to be confused with {@code java.util.zip.DataFormatException}.
 */
public final class DataFormatException extends Exception {

    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param source the file name or other label shown to the user
     * @param line 1-based line number
     * @param column 1-based field index, or 0 when the problem is not in one field
     * @param reason what is wrong, without the position
     */
    public DataFormatException(String source, int line, int column, String reason) {
        super(source + ":" + line + ":" + (column > 0 ? column + ":" : "") + " " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The file name or label given to the reader. */
    public String source() {
        return source;
    }

    /** The 1-based line of the first problem. */
    public int line() {
        return line;
    }

    /** The 1-based field index (x = 1, y = 2, weight = 3, an extra field = its index), or 0 when not applicable. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position prefix. */
    public String reason() {
        return reason;
    }
}
