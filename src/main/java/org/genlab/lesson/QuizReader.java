package org.genlab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Checks a fenced {@code quiz} block and builds its {@link Quiz}. */
final class QuizReader {
    static final String GENERATED = "generated";
    static final int MIN_CHOICES = 2;
    static final int MAX_CHOICES = 8;
    private static final List<String> KEYS = List.of("ask", "choices", "answer", "explain");

    private QuizReader() {
    }

    /**
     * @param fenceLine file line of the block's opening fence (where missing keys are reported)
     * @return the quiz, or empty after reporting an error
     */
    static Optional<Quiz> read(YamlSection yaml, int fenceLine, String topic, PaneCatalog catalog, Problems problems) {
        int before = problems.list().size();
        for (YamlSection.Entry e : yaml.entries().values()) {
            if (!KEYS.contains(e.key())) {
                problems.error(e.line(), "unknown quiz key '" + e.key() + "' (allowed: " + String.join(", ", KEYS) + ")");
            }
        }
        String ask = text(yaml, "ask", fenceLine, problems);
        String explain = text(yaml, "explain", fenceLine, problems);
        Optional<YamlSection.Entry> choicesEntry = yaml.get("choices");
        Optional<YamlSection.Entry> answerEntry = yaml.get("answer");
        boolean generated = choicesEntry.flatMap(YamlSection.Entry::scalarText).filter(GENERATED::equals).isPresent();
        List<String> choices = List.of();
        int answer = -1;
        if (choicesEntry.isEmpty()) {
            problems.error(fenceLine, "the quiz has no 'choices' (a list of " + MIN_CHOICES + " to " + MAX_CHOICES
                    + " answers, or 'generated')");
        } else if (generated) {
            if (!catalog.supportsGeneratedQuiz(topic)) {
                problems.error(choicesEntry.get().line(), "'choices: generated' needs a pane that draws the choices itself; the "
                        + topic + " pane does not: list the choices");
            }
            answerEntry.ifPresent(a -> problems.error(a.line(), "with 'choices: generated' the pane knows the answer: remove 'answer'"));
        } else {
            choices = choices(choicesEntry.get(), problems);
            answer = answer(answerEntry, choices.size(), fenceLine, problems);
        }
        if (problems.list().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Quiz(ask, choices, generated, answer, explain, fenceLine));
    }

    private static String text(YamlSection yaml, String key, int fenceLine, Problems problems) {
        Optional<YamlSection.Entry> e = yaml.get(key);
        if (e.isEmpty()) {
            problems.error(fenceLine, "the quiz has no '" + key + "' (required)");
            return "";
        }
        Optional<String> v = e.get().value() == null ? Optional.empty() : e.get().scalarText().map(String::strip);
        if (v.isEmpty() || v.get().isEmpty()) {
            problems.error(e.get().line(), "'" + key + "' must be a text");
            return "";
        }
        return v.get();
    }

    private static List<String> choices(YamlSection.Entry e, Problems problems) {
        if (!(e.node() instanceof SequenceNode seq)) {
            problems.error(e.line(), "'choices' must be a list of " + MIN_CHOICES + " to " + MAX_CHOICES
                    + " answers or the word 'generated'");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s) || s.getValue().isBlank()) {
                problems.error(e.line() + item.getStartMark().getLine() - e.node().getStartMark().getLine(),
                        "each choice must be a text on one line");
                return List.of();
            }
            out.add(s.getValue().strip());
        }
        if (out.size() < MIN_CHOICES || out.size() > MAX_CHOICES) {
            problems.error(e.line(), "a quiz needs " + MIN_CHOICES + " to " + MAX_CHOICES + " choices, got " + out.size());
        }
        return out;
    }

    /** The 0-based index of a letter (a, b, ...) or a 1-based number. */
    private static int answer(Optional<YamlSection.Entry> entry, int count, int fenceLine, Problems problems) {
        if (entry.isEmpty()) {
            problems.error(fenceLine, "the quiz has no 'answer' (a letter a, b, ... or the number of the right choice)");
            return -1;
        }
        Object v = entry.get().value();
        int index = -1;
        if (v instanceof Integer i) {
            index = i - 1;
        } else if (v instanceof String s && s.strip().length() == 1 && Character.isLetter(s.strip().charAt(0))) {
            index = s.strip().toLowerCase(Locale.ROOT).charAt(0) - 'a';
        } else {
            problems.error(entry.get().line(), "'answer' must be a letter (a, b, ...) or a number, got '" + v + "'");
            return -1;
        }
        if (count > 0 && (index < 0 || index >= count)) {
            char last = (char) ('a' + count - 1);
            problems.error(entry.get().line(), "'answer' " + v + " is out of range: there are " + count
                    + " choices (a to " + last + ", or 1 to " + count + ")");
            return -1;
        }
        return index;
    }
}
