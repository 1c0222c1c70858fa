package org.genlab.lesson;

import java.util.List;

/**
 * One question of a step (a fenced {@code quiz} block), already checked.
 *
 * @param ask         the question, Markdown with {@code $math$}
 * @param choices     the choices in order (Markdown with math), empty when {@code generated}
 * @param generated   true for {@code choices: generated}: the pane draws the choices and
 *                    knows the answer
 * @param answerIndex 0-based index of the right choice; -1 when {@code generated}
 * @param explain     shown once the answer is revealed, Markdown with math
 * @param line        1-based line of the block's opening fence in the file
 */
public record Quiz(String ask, List<String> choices, boolean generated, int answerIndex, String explain, int line) {
    public Quiz {
        choices = List.copyOf(choices);
    }
}
