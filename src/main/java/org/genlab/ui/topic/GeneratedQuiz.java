package org.genlab.ui.topic;

import java.util.List;
import javafx.scene.Node;

/**
 * The choices of a lesson quiz whose block says {@code choices: generated}: the pane draws
 * them (small figures, say) from its current state and knows which is right.
 *
 * @param choices  one node per choice, in the order shown (a, b, c, ...)
 * @param answer   the index of the right choice
 * @param onReveal what the pane does once the answer is shown (for example, animate the real step)
 */
public record GeneratedQuiz(List<Node> choices, int answer, Runnable onReveal) {
    public GeneratedQuiz {
        choices = List.copyOf(choices);
        if (answer < 0 || answer >= choices.size()) {
            throw new IllegalArgumentException("answer " + answer + " is not one of " + choices.size() + " choices");
        }
    }
}
