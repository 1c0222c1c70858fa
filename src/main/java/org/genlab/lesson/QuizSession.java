package org.genlab.lesson;

import java.util.OptionalInt;

/**
 * The state of one quiz while it is asked. In student mode the first choice is final and the
 * verdict and explanation show at once ({@link #retry()} starts over). In lecturer mode the
 * class votes first: the choice may change and nothing is shown until {@link #reveal()}.
 */
public final class QuizSession {
    private final int choiceCount;
    private final int answerIndex;
    private final boolean lecturerMode;
    private int chosen = -1;
    private boolean revealed;

    /**
     * A session for a quiz with {@code choiceCount} choices whose right one is
     * {@code answerIndex} (0-based). Panes that generate their choices use this directly.
     */
    public QuizSession(int choiceCount, int answerIndex, boolean lecturerMode) {
        if (choiceCount < 1 || answerIndex < 0 || answerIndex >= choiceCount) {
            throw new IllegalArgumentException("answer " + answerIndex + " is not one of " + choiceCount + " choices");
        }
        this.choiceCount = choiceCount;
        this.answerIndex = answerIndex;
        this.lecturerMode = lecturerMode;
    }

    /**
     * A session for a quiz with listed choices.
     *
     * @throws IllegalArgumentException for a generated quiz: its pane supplies choices and answer
     */
    public static QuizSession of(Quiz quiz, boolean lecturerMode) {
        if (quiz.generated()) {
            throw new IllegalArgumentException("a generated quiz gets its choices and answer from the pane");
        }
        return new QuizSession(quiz.choices().size(), quiz.answerIndex(), lecturerMode);
    }

    /**
     * Picks a choice (0-based).
     *
     * @return false if the choice was not taken: student mode with a choice already made, or
     *         lecturer mode after the reveal
     * @throws IndexOutOfBoundsException for an index that is not a choice
     */
    public boolean choose(int index) {
        if (index < 0 || index >= choiceCount) {
            throw new IndexOutOfBoundsException("choice " + index + " of " + choiceCount);
        }
        if (lecturerMode ? revealed : chosen >= 0) {
            return false;
        }
        chosen = index;
        revealed = !lecturerMode;
        return true;
    }

    /** The choice made, if any. */
    public OptionalInt chosen() {
        return chosen < 0 ? OptionalInt.empty() : OptionalInt.of(chosen);
    }

    /** Shows the verdict and explanation (lecturer mode; in student mode a choice does this). */
    public void reveal() {
        revealed = true;
    }

    /** True once the verdict, the right answer and the explanation may be shown. */
    public boolean isRevealed() {
        return revealed;
    }

    /** True if revealed and the choice made is the right one. */
    public boolean isCorrect() {
        return revealed && chosen == answerIndex;
    }

    /** True once the explanation may be shown (the same moment as the verdict). */
    public boolean isExplanationVisible() {
        return revealed;
    }

    /** The right choice, once revealed. */
    public OptionalInt correctAnswer() {
        return revealed ? OptionalInt.of(answerIndex) : OptionalInt.empty();
    }

    /** Clears the choice and hides verdict and explanation again. */
    public void retry() {
        chosen = -1;
        revealed = false;
    }

    public boolean isLecturerMode() {
        return lecturerMode;
    }

    public int choiceCount() {
        return choiceCount;
    }
}
