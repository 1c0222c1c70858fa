package org.genlab.ui.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.genlab.lesson.Lesson;
import org.genlab.lesson.LessonProblem;
import org.genlab.lesson.LessonProgress;
import org.genlab.lesson.LessonStep;
import org.genlab.lesson.MathRenderer;
import org.genlab.lesson.Quiz;
import org.genlab.lesson.QuizSession;
import org.genlab.ui.topic.Controls;
import org.genlab.ui.topic.Topic;

/**
 * The lessons in the side panel. With no lesson open it lists them by pane and homework
 * question, with each one's progress and any problems loading them; with a lesson open it
 * shows the current step (text, math, quizzes) and Previous / Next. Entering a step opens its
 * pane and applies the step's settings. The last step of each lesson and the student's quiz
 * answers are saved, so a lesson reopens where it was left.
 */
public final class LessonPanel extends BorderPane {
    private final List<Lesson> lessons;
    private final List<LessonProblem> problems;
    private final LessonProgress progress;
    private final MathRenderer math;
    private final Function<String, Topic> openPane;
    private java.util.function.Function<org.genlab.core.state.PaneState, Topic> stateOpener;
    private final Function<String, String> paneTitle;
    private final Node about;
    private final BooleanProperty lecturerMode = new SimpleBooleanProperty(false);
    private final List<QuizView> quizViews = new ArrayList<>();

    private Lesson lesson;
    private int step;
    private Topic topic;
    /** Bumped whenever what a step shows changes (step, lesson, a vote, a reveal). */
    private final javafx.beans.property.ReadOnlyIntegerWrapper revision = new javafx.beans.property.ReadOnlyIntegerWrapper(this, "revision");

    /**
     * @param openPane  opens a pane by name and returns it (the window's navigation)
     * @param paneTitle a pane's title for the list's headings
     * @param about     what the list shows under the lessons (the pane's description)
     */
    public LessonPanel(List<Lesson> lessons, List<LessonProblem> problems, LessonProgress progress, MathRenderer math,
                       Function<String, Topic> openPane, Function<String, String> paneTitle, Node about) {
        this.lessons = List.copyOf(lessons);
        this.problems = List.copyOf(problems);
        this.progress = progress;
        this.math = math;
        this.openPane = openPane;
        this.paneTitle = paneTitle;
        this.about = about;
        getStyleClass().add("lesson-panel");
        lecturerMode.addListener((o, a, b) -> {
            if (lesson != null) {
                showStep();
            }
        });
        showList();
    }

    /** In lecturer mode quiz answers stay hidden until revealed, so the class can vote first. */
    public BooleanProperty lecturerModeProperty() {
        return lecturerMode;
    }

    public List<Lesson> lessons() {
        return lessons;
    }

    public Optional<Lesson> currentLesson() {
        return Optional.ofNullable(lesson);
    }

    /**
     * Changes whenever the step on screen changes: another step or lesson, a closed lesson, a
     * vote or a revealed answer (presentation mode rebuilds its strip on it).
     */
    public javafx.beans.property.ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /**
     * The current step for presentation mode, built anew: the step's title and text at
     * {@code fontSize}, then each quiz as text with lettered choices, and its answer and
     * explanation once revealed (R). Pictures of generated quizzes stay in the side panel.
     *
     * @return empty when no lesson is open
     */
    public Optional<Node> presentationView(double fontSize) {
        if (lesson == null) {
            return Optional.empty();
        }
        LessonStep s = lesson.steps().get(step - 1);
        Label title = new Label(lesson.title() + "  ·  step " + step + " of " + lesson.steps().size() + ": " + s.title());
        title.getStyleClass().add("presentation-step-title");
        title.setWrapText(true);
        title.setId("presentation-step-title");
        LessonTextView text = new LessonTextView(math, s.markdown());
        text.setFontSize(fontSize);
        text.setId("presentation-step-text");
        VBox box = new VBox(fontSize * 0.5, title, text);
        for (int q = 0; q < s.quizzes().size(); q++) {
            Quiz quiz = s.quizzes().get(q);
            QuizSession session = q < quizViews.size() ? quizViews.get(q).session() : null;
            StringBuilder md = new StringBuilder("**Question.** ").append(quiz.ask()).append("\n\n");
            if (quiz.generated()) {
                md.append("The choices are pictures: the side panel shows them (Esc).\n\n");
            } else {
                for (int i = 0; i < quiz.choices().size(); i++) {
                    md.append((char) ('a' + i)).append(") ").append(quiz.choices().get(i)).append("\n\n");
                }
            }
            if (session != null && session.isRevealed()) {
                int a = session.correctAnswer().orElse(quiz.answerIndex());
                md.append("**Answer: ").append((char) ('a' + a)).append(")** ").append(quiz.explain());
            } else if (session != null && session.chosen().isPresent()) {
                md.append("Vote taken: ").append((char) ('a' + session.chosen().getAsInt())).append(". Reveal with R.");
            }
            LessonTextView qv = new LessonTextView(math, md.toString());
            qv.setFontSize(fontSize);
            qv.getStyleClass().add("presentation-quiz");
            box.getChildren().add(qv);
        }
        return Optional.of(box);
    }

    /** The current step, counting from 1 (0 when no lesson is open). */
    public int currentStep() {
        return lesson == null ? 0 : step;
    }

    public Optional<Lesson> find(String id) {
        return lessons.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /**
     * Opens a lesson at {@code step} (from 1), or where the student left it.
     *
     * @return false if there is no such lesson or step
     */
    public boolean open(String id, OptionalInt atStep) {
        Optional<Lesson> l = find(id);
        if (l.isEmpty()) {
            return false;
        }
        int n = l.get().steps().size();
        int s = atStep.isPresent() ? atStep.getAsInt() : progress.step(id).orElse(1);
        if (atStep.isPresent() && (s < 1 || s > n)) {
            return false;
        }
        lesson = l.get();
        step = Math.max(1, Math.min(n, s));
        enterStep();
        return true;
    }

    /** Next step (PageDown); false at the last step or with no lesson open. */
    public boolean next() {
        if (lesson == null || step >= lesson.steps().size()) {
            return false;
        }
        step++;
        enterStep();
        return true;
    }

    /** Previous step (PageUp); false at the first step or with no lesson open. */
    public boolean previous() {
        if (lesson == null || step <= 1) {
            return false;
        }
        step--;
        enterStep();
        return true;
    }

    /** Reveals every quiz answer of the step (the lecturer's R key; nothing in student mode). */
    public boolean revealAnswers() {
        if (!lecturerMode.get() || quizViews.isEmpty()) {
            return false;
        }
        quizViews.forEach(QuizView::reveal);
        revision.set(revision.get() + 1);
        return true;
    }

    /** Closes the lesson: back to the list, with every control of the pane shown again. */
    public void close() {
        if (topic != null) {
            topic.setHiddenControls(java.util.Set.of());
        }
        lesson = null;
        topic = null;
        quizViews.clear();
        showList();
    }

    /** Forgets the saved step and answers of one lesson. */
    public void resetProgress(String id) {
        progress.reset(id);
        if (lesson != null && lesson.id().equals(id)) {
            step = 1;
            enterStep();
        } else {
            showList();
        }
    }

    /** The quizzes on screen (for tests). */
    public List<QuizView> quizViews() {
        return List.copyOf(quizViews);
    }

    /**
     * How a step with a saved state gets its pane: the window builds a fresh pane from the
     * state and shows it (or says why it cannot, and gives the pane as it is).
     */
    public void setStateOpener(java.util.function.Function<org.genlab.core.state.PaneState, Topic> opener) {
        this.stateOpener = opener;
    }

    private void enterStep() {
        LessonStep current = lesson.steps().get(step - 1);
        Topic t = current.state().isPresent() && stateOpener != null ? stateOpener.apply(current.state().get())
                : openPane.apply(lesson.topic());
        if (topic != null && topic != t) {
            topic.setHiddenControls(java.util.Set.of());
        }
        topic = t;
        if (t != null) {
            StepApplier.apply(t, lesson.steps().get(step - 1));
        }
        progress.setStep(lesson.id(), step);
        showStep();
    }

    // ---- the list ----------------------------------------------------------------------------

    private void showList() {
        VBox box = new VBox(10);
        box.setPadding(new Insets(16));
        box.getStyleClass().add("lesson-list");
        box.getChildren().add(Controls.label("LESSONS", "nav-heading"));
        if (lessons.isEmpty()) {
            box.getChildren().add(Controls.wrapped("No lessons are loaded.", "hint"));
        }
        Map<String, List<Lesson>> byPane = new LinkedHashMap<>();
        lessons.forEach(l -> byPane.computeIfAbsent(l.topic(), k -> new ArrayList<>()).add(l));
        byPane.forEach((pane, list) -> {
            Label title = new Label(paneTitle.apply(pane));
            title.getStyleClass().add("lesson-pane-title");
            box.getChildren().add(title);
            for (Lesson l : list) {
                box.getChildren().add(entry(l));
            }
        });
        if (!problems.isEmpty()) {
            box.getChildren().add(Controls.label("PROBLEMS LOADING LESSONS", "nav-heading"));
            for (LessonProblem p : problems) {
                Label text = new Label(p.toString());
                text.setWrapText(true);
                text.getStyleClass().add(p.severity() == LessonProblem.Severity.ERROR ? "error-text" : "hint");
                text.getStyleClass().add("lesson-problem");
                box.getChildren().add(text);
            }
        }
        box.getChildren().add(about);
        setTop(null);
        setBottom(null);
        setCenter(scroll(box));
        revision.set(revision.get() + 1);
    }

    private Node entry(Lesson l) {
        Label title = new Label(l.title());
        title.getStyleClass().add("lesson-entry-title");
        title.setWrapText(true);
        int n = l.steps().size();
        OptionalInt at = progress.step(l.id());
        String where = (l.question() != null ? "Question " + l.question() + " · " : "")
                + (at.isPresent() ? "at step " + at.getAsInt() + " of " + n : n + (n == 1 ? " step" : " steps"));
        Label sub = new Label(where);
        sub.getStyleClass().add("hint");
        // A VBox rather than a Button: a button's graphic does not wrap to the panel's width.
        VBox b = new VBox(2, title, sub);
        b.setMaxWidth(Double.MAX_VALUE);
        b.getStyleClass().add("lesson-entry");
        b.setId("lesson-" + l.id());
        b.setCursor(javafx.scene.Cursor.HAND);
        Tooltip.install(b, new Tooltip("Open this lesson" + (at.isPresent() ? " where you left it" : "")));
        b.setOnMouseClicked(e -> open(l.id(), OptionalInt.empty()));
        return b;
    }

    // ---- a step ------------------------------------------------------------------------------

    private void showStep() {
        LessonStep s = lesson.steps().get(step - 1);
        int n = lesson.steps().size();

        Label title = new Label(lesson.title());
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        Label stepTitle = new Label("Step " + step + " of " + n + " · " + s.title());
        stepTitle.getStyleClass().add("lesson-step-title");
        stepTitle.setWrapText(true);
        stepTitle.setId("lesson-step-title");
        VBox top = new VBox(4, title, stepTitle);
        top.setPadding(new Insets(16, 16, 8, 16));

        VBox body = new VBox(14);
        body.setPadding(new Insets(8, 16, 16, 16));
        if (step == 1 && !lesson.intro().isBlank()) {
            body.getChildren().add(new LessonTextView(math, lesson.intro()));
        }
        body.getChildren().add(new LessonTextView(math, s.markdown()));
        quizViews.clear();
        for (int q = 0; q < s.quizzes().size(); q++) {
            body.getChildren().add(quiz(s, q));
        }

        Button prev = Controls.button("◀ Previous", "Previous step (Page Up)", this::previous);
        prev.setDisable(step <= 1);
        Button next = Controls.button("Next ▶", "Next step (Page Down)", this::next);
        next.setDisable(step >= n);
        next.setDefaultButton(false);
        Label count = new Label(step + " / " + n);
        count.getStyleClass().add("lesson-count");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox nav = new HBox(8, prev, count, spacer, next);
        nav.setAlignment(Pos.CENTER_LEFT);

        Button list = Controls.button("All lessons", "Close this lesson and list them all", this::close);
        ToggleButton lecturer = new ToggleButton("Lecturer mode");
        lecturer.setSelected(lecturerMode.get());
        lecturer.setOnAction(e -> lecturerMode.set(lecturer.isSelected()));
        lecturer.setTooltip(new Tooltip("Hide quiz answers until you reveal them with R, so the class votes first"));
        lecturer.setFocusTraversable(false);
        lecturer.setId("lesson-lecturer-mode");
        Button reset = Controls.button("Reset progress", "Forget this lesson's saved step and answers", () -> resetProgress(lesson.id()));
        FlowPane tools = new FlowPane(8, 8, list, lecturer, reset);
        VBox bottom = new VBox(10, nav, tools);
        bottom.setPadding(new Insets(10, 16, 12, 16));
        bottom.getStyleClass().add("lesson-nav");

        setTop(top);
        setCenter(scroll(body));
        setBottom(bottom);
        revision.set(revision.get() + 1);
    }

    private Node quiz(LessonStep s, int q) {
        Quiz quiz = s.quizzes().get(q);
        if (quiz.generated()) {
            return generatedQuiz(s, q, quiz);
        }
        QuizSession session = QuizSession.of(quiz, lecturerMode.get());
        if (!lecturerMode.get()) {
            progress.answer(lesson.id(), s.index(), q).ifPresent(a -> {
                if (a < quiz.choices().size()) {
                    session.choose(a);
                }
            });
        }
        String id = lesson.id();
        // A class's vote in lecturer mode is not the student's own answer: only student answers are kept.
        QuizView v = new QuizView(quiz, session, math, choice -> {
            if (!session.isLecturerMode()) {
                progress.setAnswer(id, s.index(), q, choice);
            }
            revision.set(revision.get() + 1);
        });
        quizViews.add(v);
        return v;
    }

    /** A quiz whose choices the pane draws from its state; answers are not saved (they change with the data). */
    private Node generatedQuiz(LessonStep s, int q, Quiz quiz) {
        Optional<org.genlab.ui.topic.GeneratedQuiz> g = topic == null ? Optional.empty() : topic.generateQuiz();
        if (g.isEmpty()) {
            return Controls.wrapped("The pane could not draw this question's choices from its current state.", "error-text");
        }
        QuizSession session = new QuizSession(g.get().choices().size(), g.get().answer(), lecturerMode.get());
        QuizView v = new QuizView(quiz, session, math, g.get().choices(), g.get().answer(), g.get().onReveal(), choice -> { });
        quizViews.add(v);
        return v;
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane sp = new ScrollPane(content);
        sp.setFitToWidth(true);
        sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sp.getStyleClass().add("lesson-scroll");
        return sp;
    }
}
