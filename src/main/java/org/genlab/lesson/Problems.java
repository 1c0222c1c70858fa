package org.genlab.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file; an error anywhere refuses the file's lesson. */
final class Problems {
    private final Path file;
    private final List<LessonProblem> list = new ArrayList<>();
    private boolean failed;

    Problems(Path file) {
        this.file = file;
    }

    void error(int line, String reason) {
        list.add(new LessonProblem(file, line, reason, LessonProblem.Severity.ERROR));
        failed = true;
    }

    void warn(int line, String reason) {
        list.add(new LessonProblem(file, line, reason, LessonProblem.Severity.WARNING));
    }

    boolean failed() {
        return failed;
    }

    List<LessonProblem> list() {
        return list;
    }
}
