package org.genlab.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.genlab.core.param.ParamSet;

/**
 * Reads one lesson file: the front matter, the introduction, the steps with their
 * {@code genlab} and {@code quiz} blocks, and checks every formula. Every problem is reported
 * with its 1-based line in the file.
 */
final class LessonParser {
    private static final Pattern STEP = Pattern.compile("^ {0,3}##(?:[ \\t]+(.*?))?[ \\t]*$");
    private static final String GENLAB = "genlab";
    private static final String QUIZ = "quiz";

    private final PaneCatalog catalog;
    /** The file being parsed (its folder is where a step's state file is looked for). */
    private Path file;

    LessonParser(PaneCatalog catalog) {
        this.catalog = catalog;
    }

    /** A part of the body: the introduction (no title) or a step. */
    private static final class Section {
        final String title;
        final int line;
        final List<String> lines = new ArrayList<>();
        StepSettings settings = StepSettings.NONE;
        int genlabLine;
        final List<Quiz> quizzes = new ArrayList<>();

        Section(String title, int line) {
            this.title = title;
            this.line = line;
        }

        /** 1-based file line of {@code lines.get(0)}. */
        int firstLine() {
            return line + (title == null ? 0 : 1);
        }
    }

    /**
     * A lesson read from a file.
     *
     * @param idLine 1-based line of its id in the front matter (duplicates are reported there)
     */
    record Parsed(Lesson lesson, int idLine) {
    }

    /** The lesson of the file, or empty when an error was reported to {@code problems}. */
    Optional<Parsed> parse(Path file, String text, Problems problems) {
        this.file = file;
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r\n|\r|\n", -1);
        if (!lines[0].strip().equals("---")) {
            problems.error(1, "no front matter: a lesson starts with a line '---', then id, title and topic, then '---'");
            return Optional.empty();
        }
        int close = 1;
        while (close < lines.length && !lines[close].stripTrailing().equals("---")) {
            close++;
        }
        if (close == lines.length) {
            problems.error(1, "the front matter is not closed: add a line '---' after it");
            return Optional.empty();
        }
        Optional<FrontMatter> front = YamlSection.parse(join(lines, 1, close), 2, "front matter", problems)
                .flatMap(y -> FrontMatter.read(y, 1, catalog, problems));
        if (front.isEmpty()) {
            return Optional.empty();
        }
        FrontMatter fm = front.get();
        List<Section> sections = sections(lines, close + 1, fm.topic(), problems);
        if (sections.size() == 1) {
            problems.error(close + 1, "a lesson needs at least one step: a line '## Step title'");
        }
        if (problems.failed()) {
            return Optional.empty();
        }
        Section intro = sections.get(0);
        String introText = trimmed(intro);
        checkMath(introText, intro.firstLine() + leadingBlank(intro), problems);
        List<LessonStep> steps = new ArrayList<>();
        for (int i = 1; i < sections.size(); i++) {
            Section s = sections.get(i);
            String md = trimmed(s);
            int first = s.firstLine() + leadingBlank(s);
            checkMath(s.title, s.line, problems);
            checkMath(md, first, problems);
            steps.add(new LessonStep(i, s.title, md, first, s.settings.params(), s.settings.hide(), s.settings.show(),
                    s.settings.dataset(), s.settings.state(), s.quizzes));
        }
        return Optional.of(new Parsed(new Lesson(fm.id(), fm.title(), fm.topic(), fm.question(), fm.order(), file,
                introText, intro.firstLine() + leadingBlank(intro), steps), fm.idLine()));
    }

    /** Splits the body (from line index {@code start}) into the introduction and the steps. */
    private List<Section> sections(String[] lines, int start, String topic, Problems problems) {
        List<Section> sections = new ArrayList<>();
        Section current = new Section(null, start + 1);
        sections.add(current);
        int i = start;
        while (i < lines.length) {
            int lineNo = i + 1;
            Optional<Fence> fence = Fence.open(lines[i]);
            if (fence.isPresent()) {
                int end = i + 1;
                while (end < lines.length && !fence.get().closedBy(lines[end])) {
                    end++;
                }
                if (end == lines.length) {
                    problems.error(lineNo, "the code block opened here is never closed (add a line " + fence.get().marker()
                            + String.valueOf(fence.get().marker()).repeat(fence.get().length() - 1) + ")");
                    break;
                }
                String info = fence.get().info();
                if (info.equals(GENLAB) || info.equals(QUIZ)) {
                    block(current, info, join(lines, i + 1, end), lineNo, topic, problems);
                    for (int k = i; k <= end; k++) {
                        current.lines.add("");
                    }
                } else {
                    current.lines.addAll(Arrays.asList(lines).subList(i, end + 1));
                }
                i = end + 1;
                continue;
            }
            Matcher step = STEP.matcher(lines[i]);
            if (step.matches()) {
                String title = step.group(1) == null ? "" : step.group(1).replaceAll("\\s+#+$", "").strip();
                if (title.isEmpty() || title.chars().allMatch(c -> c == '#')) {
                    problems.error(lineNo, "a step heading needs a title: '## Step title'");
                }
                current = new Section(title, lineNo);
                sections.add(current);
            } else {
                current.lines.add(lines[i]);
            }
            i++;
        }
        return sections;
    }

    private void block(Section section, String kind, String body, int fenceLine, String topic, Problems problems) {
        if (section.title == null) {
            problems.error(fenceLine, "a " + kind + " block must be inside a step (after a '## Step title' line)");
            return;
        }
        if (kind.equals(GENLAB) && section.genlabLine > 0) {
            problems.error(fenceLine, "a step may have only one genlab block; this step has one at line " + section.genlabLine);
            return;
        }
        Optional<YamlSection> yaml = YamlSection.parse(body, fenceLine + 1, kind + " block", problems);
        if (yaml.isEmpty()) {
            return;
        }
        if (kind.equals(GENLAB)) {
            section.genlabLine = fenceLine;
            ParamSet params = catalog.params(topic).orElseThrow();
            section.settings = StepSettings.read(yaml.get(), topic, params, file, problems);
        } else {
            QuizReader.read(yaml.get(), fenceLine, topic, catalog, problems).ifPresent(q -> {
                section.quizzes.add(q);
                checkMath(q.ask(), yaml.get().get("ask").orElseThrow().line(), problems);
                checkMath(q.explain(), yaml.get().get("explain").orElseThrow().line(), problems);
                int choicesLine = yaml.get().get("choices").orElseThrow().line();
                q.choices().forEach(c -> checkMath(c, choicesLine, problems));
            });
        }
    }

    /** Warns about every formula JLaTeXMath refuses and every unbalanced dollar. */
    private static void checkMath(String markdown, int firstLine, Problems problems) {
        MathText.Protected p = MathText.protect(markdown);
        for (MathText.Span span : p.spans()) {
            MathRenderer.check(span.latex()).ifPresent(err -> problems.warn(firstLine + span.line(),
                    "bad formula " + (span.display() ? "$$" + span.latex() + "$$" : "$" + span.latex() + "$") + ": " + err));
        }
        for (int line : p.unbalanced()) {
            problems.warn(firstLine + line, "unbalanced $: a formula is not closed in its paragraph"
                    + " (write \\$ for a dollar sign)");
        }
    }

    private static int leadingBlank(Section s) {
        int n = 0;
        while (n < s.lines.size() && s.lines.get(n).isBlank()) {
            n++;
        }
        return n;
    }

    /** The section's text without leading and trailing blank lines. */
    private static String trimmed(Section s) {
        int from = leadingBlank(s);
        int to = s.lines.size();
        while (to > from && s.lines.get(to - 1).isBlank()) {
            to--;
        }
        return String.join("\n", s.lines.subList(from, to));
    }

    private static String join(String[] lines, int from, int to) {
        return String.join("\n", Arrays.asList(lines).subList(from, to));
    }
}
