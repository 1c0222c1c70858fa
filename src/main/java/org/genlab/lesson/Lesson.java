package org.genlab.lesson;

import java.nio.file.Path;
import java.util.List;

/**
 * A lesson that loaded: its front matter, its introduction and its steps (at least one).
 *
 * @param id        unique, {@code [a-z0-9-]+}
 * @param title     shown in the lesson list
 * @param topic     the pane it drives ({@code data}, {@code em}, ...)
 * @param question  the homework question it follows ({@code "4"}, {@code "8(d)"}), or null
 * @param order     sorts lessons of the same topic and question (default 1000)
 * @param source    the file it was read from
 * @param intro     Markdown between the front matter and the first step (may be empty)
 * @param introLine 1-based file line of the first line of {@code intro}
 * @param steps     the steps, in file order
 */
public record Lesson(String id, String title, String topic, String question, int order, Path source, String intro,
        int introLine, List<LessonStep> steps) {
    /** The order a lesson gets when its front matter does not say. */
    public static final int DEFAULT_ORDER = 1000;

    public Lesson {
        steps = List.copyOf(steps);
    }
}
