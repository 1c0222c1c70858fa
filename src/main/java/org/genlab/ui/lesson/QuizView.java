package org.genlab.ui.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.genlab.lesson.MathRenderer;
import org.genlab.lesson.Quiz;
import org.genlab.lesson.QuizSession;

/**
 * One multiple-choice question: the question, a button per choice, then the verdict and the
 * explanation. A student sees the verdict as soon as they choose; in lecturer mode the class
 * votes first and the answer shows only when revealed (the R key or the Reveal button).
 * Right and wrong are marked with ✓ and ✗ as well as colour.
 */
public final class QuizView extends VBox {
    private final Quiz quiz;
    private final QuizSession session;
    private final IntConsumer onChoice;
    private final List<javafx.scene.layout.Pane> choices = new ArrayList<>();
    private final int answer;
    private final Runnable onReveal;
    private boolean revealHandled;
    private final Label verdict = new Label();
    private final LessonTextView explanation;
    private final Button reveal = new Button("Reveal answer (R)");
    private final Button retry = new Button("Try again");

    /**
     * A quiz with the choices written in the lesson.
     *
     * @param onChoice told the chosen index (0-based) each time the student picks
     */
    public QuizView(Quiz quiz, QuizSession session, MathRenderer math, IntConsumer onChoice) {
        this(quiz, session, math, textChoices(quiz, math), quiz.answerIndex(), () -> { }, onChoice);
    }

    /**
     * A quiz whose choices the pane drew ({@code choices: generated}).
     *
     * @param figures  one node per choice
     * @param answer   the right choice
     * @param onReveal run once when the answer is revealed (the pane may animate the real step)
     */
    public QuizView(Quiz quiz, QuizSession session, MathRenderer math, List<javafx.scene.Node> figures, int answer,
                    Runnable onReveal, IntConsumer onChoice) {
        this.quiz = quiz;
        this.session = session;
        this.onChoice = onChoice;
        this.answer = answer;
        this.onReveal = onReveal;
        getStyleClass().add("quiz");
        setSpacing(8);
        Label head = new Label("QUESTION");
        head.getStyleClass().add("controls-heading");
        LessonTextView ask = new LessonTextView(math, quiz.ask());
        getChildren().addAll(head, ask);
        javafx.scene.layout.FlowPane grid = new javafx.scene.layout.FlowPane(8, 8);
        boolean pictures = quiz.generated();
        for (int i = 0; i < figures.size(); i++) {
            int index = i;
            Label letter = new Label((char) ('a' + i) + ")");
            letter.getStyleClass().add("quiz-letter");
            letter.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            javafx.scene.Node content = figures.get(i);
            // A box rather than a Button: a button's graphic does not wrap to the panel's width.
            javafx.scene.layout.Pane b = pictures ? new VBox(4, letter, content) : new HBox(8, letter, content);
            if (b instanceof HBox h) {
                h.setAlignment(Pos.CENTER_LEFT);
                HBox.setHgrow(content, Priority.ALWAYS);
            }
            if (content instanceof javafx.scene.layout.Region r) {
                r.setMinWidth(0);
            }
            b.setMaxWidth(pictures ? javafx.scene.layout.Region.USE_PREF_SIZE : Double.MAX_VALUE);
            b.getStyleClass().add("quiz-choice");
            b.setCursor(javafx.scene.Cursor.HAND);
            b.setOnMouseClicked(e -> choose(index));
            b.setId("quiz-choice-" + i);
            choices.add(b);
            if (pictures) {
                grid.getChildren().add(b);
            } else {
                getChildren().add(b);
            }
        }
        if (pictures) {
            getChildren().add(grid);
        }
        verdict.getStyleClass().add("quiz-verdict");
        verdict.setWrapText(true);
        explanation = new LessonTextView(math, quiz.explain());
        explanation.getStyleClass().add("quiz-explain");
        reveal.setTooltip(new Tooltip("Show the right answer and the explanation to the class"));
        reveal.setOnAction(e -> reveal());
        reveal.setFocusTraversable(false);
        retry.setOnAction(e -> {
            revealHandled = false;
            session.retry();
            refresh();
        });
        retry.setFocusTraversable(false);
        retry.setTooltip(new Tooltip("Clear your answer and choose again"));
        getChildren().addAll(new HBox(8, reveal, retry), verdict, explanation);
        refresh();
    }

    /** Picks a choice, as a click on it does. */
    public void choose(int index) {
        if (session.choose(index)) {
            onChoice.accept(index);
        }
        refresh();
    }

    /** Shows the answer (lecturer mode). */
    public void reveal() {
        session.reveal();
        refresh();
    }

    public QuizSession session() {
        return session;
    }

    /** The verdict line as shown ("" while hidden). */
    public String verdictText() {
        return verdict.getText();
    }

    public boolean isExplanationShown() {
        return explanation.isVisible();
    }

    private static List<javafx.scene.Node> textChoices(Quiz quiz, MathRenderer math) {
        List<javafx.scene.Node> out = new ArrayList<>();
        quiz.choices().forEach(c -> out.add(new LessonTextView(math, c)));
        return out;
    }

    private void refresh() {
        boolean shown = session.isRevealed();
        if (shown && !revealHandled) {
            revealHandled = true;
            onReveal.run();
        }
        int chosen = session.chosen().orElse(-1);
        for (int i = 0; i < choices.size(); i++) {
            javafx.scene.layout.Pane b = choices.get(i);
            b.getStyleClass().removeAll("quiz-chosen", "quiz-correct", "quiz-wrong");
            String mark = "";
            if (shown && i == answer) {
                b.getStyleClass().add("quiz-correct");
                mark = "  ✓";
            } else if (shown && i == chosen) {
                b.getStyleClass().add("quiz-wrong");
                mark = "  ✗";
            } else if (i == chosen) {
                b.getStyleClass().add("quiz-chosen");
            }
            ((Label) b.getChildren().get(0)).setText((char) ('a' + i) + ")" + mark);
        }
        if (!shown) {
            verdict.setText(session.isLecturerMode() && chosen >= 0 ? "Vote taken. Reveal when the class is ready." : "");
        } else if (chosen < 0) {
            verdict.setText("The answer is " + (char) ('a' + answer) + ".");
        } else {
            verdict.setText(session.isCorrect() ? "✓ Right." : "✗ Not quite: the answer is " + (char) ('a' + answer) + ".");
        }
        explanation.setVisible(session.isExplanationVisible());
        explanation.setManaged(session.isExplanationVisible());
        show(reveal, session.isLecturerMode() && !shown);
        show(retry, !session.isLecturerMode() && chosen >= 0);
    }

    private static void show(Button b, boolean on) {
        b.setVisible(on);
        b.setManaged(on);
    }
}
