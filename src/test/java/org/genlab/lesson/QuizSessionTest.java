package org.genlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class QuizSessionTest {
    private static final Quiz QUIZ = new Quiz("Q?", List.of("a", "b", "c"), false, 1, "Because.", 10);

    @Test
    void studentSeesTheVerdictAtOnceAndTheFirstChoiceIsFinal() {
        QuizSession s = QuizSession.of(QUIZ, false);
        assertThat(s.isRevealed()).isFalse();
        assertThat(s.chosen()).isEmpty();
        assertThat(s.choose(0)).isTrue();
        assertThat(s.chosen()).hasValue(0);
        assertThat(s.isRevealed()).isTrue();
        assertThat(s.isExplanationVisible()).isTrue();
        assertThat(s.isCorrect()).isFalse();
        assertThat(s.correctAnswer()).hasValue(1);
        assertThat(s.choose(1)).isFalse();
        assertThat(s.chosen()).hasValue(0);

        s.retry();
        assertThat(s.chosen()).isEmpty();
        assertThat(s.isExplanationVisible()).isFalse();
        assertThat(s.choose(1)).isTrue();
        assertThat(s.isCorrect()).isTrue();
    }

    @Test
    void lecturerHidesTheVerdictUntilReveal() {
        QuizSession s = QuizSession.of(QUIZ, true);
        assertThat(s.choose(0)).isTrue();
        assertThat(s.isExplanationVisible()).isFalse();
        assertThat(s.isCorrect()).isFalse();
        assertThat(s.correctAnswer()).isEqualTo(OptionalInt.empty());
        assertThat(s.choose(1)).isTrue(); // the class changed its mind
        assertThat(s.isCorrect()).isFalse(); // still hidden
        s.reveal();
        assertThat(s.isCorrect()).isTrue();
        assertThat(s.isExplanationVisible()).isTrue();
        assertThat(s.choose(2)).isFalse();
        assertThat(s.chosen()).hasValue(1);
        s.retry();
        assertThat(s.isRevealed()).isFalse();
        assertThat(s.chosen()).isEmpty();
    }

    @Test
    void lecturerMayRevealWithoutAChoice() {
        QuizSession s = QuizSession.of(QUIZ, true);
        s.reveal();
        assertThat(s.correctAnswer()).hasValue(1);
        assertThat(s.isCorrect()).isFalse();
    }

    @Test
    void badInput() {
        QuizSession s = QuizSession.of(QUIZ, false);
        assertThatThrownBy(() -> s.choose(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> QuizSession.of(new Quiz("Q", List.of(), true, -1, "E", 1), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new QuizSession(4, 3, false).choiceCount()).isEqualTo(4);
    }
}
