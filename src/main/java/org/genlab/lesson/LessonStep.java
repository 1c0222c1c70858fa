package org.genlab.lesson;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a lesson: a level-2 section of the file.
 *
 * @param index     1-based position in the lesson
 * @param title     the heading's text (may hold {@code $math$})
 * @param markdown  the step's prose; the {@code genlab} and {@code quiz} blocks are blanked out
 *                  (replaced by empty lines) so that line {@code k} of this text is line
 *                  {@code firstLine + k} of the file
 * @param firstLine 1-based file line of the first line of {@code markdown}
 * @param params    parameter values for the pane, validated and converted by its
 *                  {@link org.genlab.core.param.ParamSet}, in the order written
 * @param hide      parameters whose controls are hidden during this step
 * @param show      flag parameters switched on for this step
 * @param dataset   a data set for the pane (never for the data pane itself)
 * @param state     a saved state the pane is built from before the other settings apply
 *                  (read and checked when the lesson loaded)
 * @param quizzes   the step's questions, in the order written
 */
public record LessonStep(int index, String title, String markdown, int firstLine, Map<String, Object> params,
        List<String> hide, List<String> show, Optional<DatasetSpec> dataset,
        Optional<org.genlab.core.state.PaneState> state, List<Quiz> quizzes) {
    public LessonStep {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        hide = List.copyOf(hide);
        show = List.copyOf(show);
        quizzes = List.copyOf(quizzes);
    }
}
