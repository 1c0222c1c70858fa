package org.genlab.lesson;

import java.util.List;

/**
 * What a load produced: the lessons that loaded, sorted for the lesson list (by pane in
 * navigation order, then homework question with numbers compared as numbers, then order,
 * then title), and every problem found, sorted by file and line.
 */
public record LoadResult(List<Lesson> lessons, List<LessonProblem> problems) {
    public LoadResult {
        lessons = List.copyOf(lessons);
        problems = List.copyOf(problems);
    }

    /** The problems that refused a lesson. */
    public List<LessonProblem> errors() {
        return problems.stream().filter(p -> p.severity() == LessonProblem.Severity.ERROR).toList();
    }

    /** The problems that let their lesson load. */
    public List<LessonProblem> warnings() {
        return problems.stream().filter(p -> p.severity() == LessonProblem.Severity.WARNING).toList();
    }
}
