package org.genlab.lesson;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong in a lesson file (or a lesson folder).
 *
 * @param file     the file or folder concerned
 * @param line     1-based line in the file; 0 when the problem is about the whole file or folder
 * @param reason   what is wrong and, where it helps, how to fix it
 * @param severity {@link Severity#ERROR}: the lesson does not load; {@link Severity#WARNING}: it
 *                 loads and the problem shows where it occurs (e.g. a marker for a bad formula)
 */
public record LessonProblem(Path file, int line, String reason, Severity severity) {

    /** How bad a problem is. */
    public enum Severity {
        /** The lesson in this file is refused. */
        ERROR,
        /** The lesson loads; the author should still fix this. */
        WARNING
    }

    public LessonProblem {
        Objects.requireNonNull(file);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(severity);
    }

    /** {@code file:line: error: reason}, the form compilers use (line left out when 0). */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file.toString();
        return where + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + reason;
    }
}
