package org.genlab.lesson;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checked front matter of a lesson file.
 *
 * @param idLine 1-based file line of the {@code id} key (duplicate ids are reported there)
 */
record FrontMatter(String id, String title, String topic, String question, int order, int idLine) {
    private static final List<String> KEYS = List.of("id", "title", "topic", "question", "order");
    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

    /**
     * Checks the keys of the front matter.
     *
     * @param openLine the line of the opening {@code ---}, where missing keys are reported
     * @return the front matter, or empty after reporting at least one error
     */
    static Optional<FrontMatter> read(YamlSection yaml, int openLine, PaneCatalog catalog, Problems problems) {
        int before = problems.list().size();
        for (YamlSection.Entry e : yaml.entries().values()) {
            if (!KEYS.contains(e.key())) {
                problems.error(e.line(), "unknown front-matter key '" + e.key() + "' (allowed: " + String.join(", ", KEYS) + ")");
            }
        }
        Optional<String> id = text(yaml, "id", openLine, true, problems);
        id.filter(v -> !ID.matcher(v).matches()).ifPresent(v -> problems.error(yaml.get("id").orElseThrow().line(),
                "bad id '" + v + "': use lower-case letters, digits and '-' only"));
        Optional<String> title = text(yaml, "title", openLine, true, problems);
        Optional<String> topic = text(yaml, "topic", openLine, true, problems);
        topic.filter(t -> catalog.params(t).isEmpty()).ifPresent(t -> problems.error(yaml.get("topic").orElseThrow().line(),
                "unknown pane '" + t + "' (panes: " + String.join(", ", catalog.panes()) + ")"));
        Optional<String> question = text(yaml, "question", openLine, false, problems);
        int order = order(yaml, problems);
        if (problems.list().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new FrontMatter(id.orElseThrow(), title.orElseThrow(), topic.orElseThrow(),
                question.orElse(null), order, yaml.get("id").orElseThrow().line()));
    }

    /** A scalar written as text or a number, as written; lists, mappings and blanks are errors. */
    private static Optional<String> text(YamlSection yaml, String key, int openLine, boolean required, Problems problems) {
        Optional<YamlSection.Entry> entry = yaml.get(key);
        if (entry.isEmpty()) {
            if (required) {
                problems.error(openLine, "the front matter has no '" + key + "' (required)");
            }
            return Optional.empty();
        }
        Optional<String> v = entry.get().value() == null ? Optional.empty() : entry.get().scalarText().map(String::strip);
        if (v.isEmpty() || v.get().isEmpty()) {
            problems.error(entry.get().line(), "'" + key + "' must be a text on one line");
            return Optional.empty();
        }
        return v;
    }

    private static int order(YamlSection yaml, Problems problems) {
        Optional<YamlSection.Entry> entry = yaml.get("order");
        if (entry.isEmpty()) {
            return Lesson.DEFAULT_ORDER;
        }
        Object v = entry.get().value();
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long || v instanceof BigInteger) {
            problems.error(entry.get().line(), "'order' " + v + " is too large");
        } else {
            problems.error(entry.get().line(), "'order' must be a whole number, got '" + v + "'");
        }
        return Lesson.DEFAULT_ORDER;
    }
}
