package org.genlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.genlab.lesson.LessonProblem.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LessonErrorTest {
    private static final String HEAD = "---\nid: a\ntitle: A\ntopic: em\n---\n"; // lines 1-5

    private static String step(String body) {
        return HEAD + "## S\n" + body; // the body starts at line 7
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("no front matter", "# Title\n## S\n", 1, "no front matter"),
                Arguments.of("unclosed front matter", "---\nid: a\ntitle: A\n## S\n", 1, "not closed"),
                Arguments.of("bad YAML in front matter", "---\nid: a\ntitle: [A\ntopic: em\n---\n## S\n", 4, "bad YAML in the front matter"),
                Arguments.of("front matter not a mapping", "---\n- a\n---\n## S\n", 2, "must be a YAML mapping"),
                Arguments.of("missing id", "---\ntitle: A\ntopic: em\n---\n## S\n", 1, "no 'id'"),
                Arguments.of("missing title", "---\nid: a\ntopic: em\n---\n## S\n", 1, "no 'title'"),
                Arguments.of("missing topic", "---\nid: a\ntitle: A\n---\n## S\n", 1, "no 'topic'"),
                Arguments.of("title a list", "---\nid: a\ntitle: [x, y]\ntopic: em\n---\n## S\n", 3, "'title' must be a text"),
                Arguments.of("order not a number", "---\nid: a\ntitle: A\ntopic: em\norder: first\n---\n## S\n", 5, "'order' must be a whole number"),
                Arguments.of("bad id", "---\nid: Bad_Id\ntitle: A\ntopic: em\n---\n## S\n", 2, "bad id 'Bad_Id'"),
                Arguments.of("unknown pane", "---\nid: a\ntitle: A\ntopic: gan\n---\n## S\n", 4, "unknown pane 'gan' (panes: data, em)"),
                Arguments.of("unknown key", "---\nid: a\ntitle: A\ntopic: em\nauthor: me\n---\n## S\n", 5, "unknown front-matter key 'author'"),
                Arguments.of("duplicate key", "---\nid: a\nid: b\ntitle: A\ntopic: em\n---\n## S\n", 3, "appears twice"),
                Arguments.of("no steps", HEAD + "Only an introduction.\n", 5, "at least one step"),
                Arguments.of("step without title", step("x\n##\n"), 8, "needs a title"),
                Arguments.of("unknown parameter", step("```genlab\nk: 2\nfoo: 1\n```\n"), 9, "unknown parameter"),
                Arguments.of("out of range", step("text\n\n```genlab\nk: 2\nvariance-floor: 5\n```\n"), 11, "outside the allowed range"),
                Arguments.of("state names no state file", step("```genlab\nstate: run.json\n```\n"), 8, "is not a state file (the name ends in .genlab.json)"),
                Arguments.of("bad YAML in genlab", step("```genlab\nk: 2\n  x: : 1\n```\n"), 9, "bad YAML in the genlab block"),
                Arguments.of("hide unknown", step("```genlab\nhide: [nope]\n```\n"), 8, "'hide': unknown parameter 'nope'"),
                Arguments.of("show non-flag", step("```genlab\nshow: [k]\n```\n"), 8, "not an on/off parameter"),
                Arguments.of("dataset bad preset", step("```genlab\ndataset: {preset: spirals}\n```\n"), 8, "preset 'spirals'"),
                Arguments.of("dataset n too large", step("```genlab\ndataset: {preset: rings, n: 2000000}\n```\n"), 8, "n must be a whole number from 1 to 1000000"),
                Arguments.of("dataset negative noise", step("```genlab\ndataset: {preset: rings, noise: -1}\n```\n"), 8, "noise must be a finite number >= 0"),
                Arguments.of("dataset non-integer seed", step("```genlab\ndataset: {preset: rings, seed: 1.5}\n```\n"), 8, "seed must be a whole number"),
                Arguments.of("dataset unknown key", step("```genlab\ndataset: {preset: rings, size: 3}\n```\n"), 8, "unknown key 'size'"),
                Arguments.of("dataset on the data pane", "---\nid: a\ntitle: A\ntopic: data\n---\n## S\n```genlab\ndataset: {preset: rings}\n```\n", 8,
                        "the data pane takes no 'dataset'"),
                Arguments.of("two genlab blocks", step("```genlab\nk: 2\n```\ntext\n```genlab\nk: 3\n```\n"), 11, "only one genlab block"),
                Arguments.of("genlab in the introduction", HEAD + "```genlab\nk: 2\n```\n## S\n", 6, "must be inside a step"),
                Arguments.of("unclosed fence", step("text\n```java\nint x;\n"), 8, "never closed"),
                Arguments.of("unclosed quiz", step("```quiz\nask: x\n"), 7, "never closed"),
                Arguments.of("quiz without answer", step("text\n```quiz\nask: Q\nchoices: [a, b]\nexplain: E\n```\n"), 8, "no 'answer'"),
                Arguments.of("quiz without explain", step("```quiz\nask: Q\nchoices: [a, b]\nanswer: a\n```\n"), 7, "no 'explain'"),
                Arguments.of("quiz without ask", step("```quiz\nchoices: [a, b]\nanswer: a\nexplain: E\n```\n"), 7, "no 'ask'"),
                Arguments.of("answer letter out of range", step("```quiz\nask: Q\nchoices: [a, b]\nanswer: c\nexplain: E\n```\n"), 10, "out of range"),
                Arguments.of("answer number out of range", step("```quiz\nask: Q\nchoices: [a, b]\nanswer: 3\nexplain: E\n```\n"), 10, "out of range"),
                Arguments.of("answer zero", step("```quiz\nask: Q\nchoices: [a, b]\nanswer: 0\nexplain: E\n```\n"), 10, "out of range"),
                Arguments.of("one choice", step("```quiz\nask: Q\nchoices: [a]\nanswer: a\nexplain: E\n```\n"), 9, "2 to 8 choices"),
                Arguments.of("nine choices", step("```quiz\nask: Q\nchoices: [a, b, c, d, e, f, g, h, i]\nanswer: a\nexplain: E\n```\n"), 9, "2 to 8 choices"),
                Arguments.of("generated not supported", step("```quiz\nask: Q\nchoices: generated\nexplain: E\n```\n"), 9,
                        "the em pane does not"),
                Arguments.of("unknown quiz key", step("```quiz\nask: Q\nchoices: [a, b]\nanswer: a\nexplain: E\nhint: H\n```\n"), 12,
                        "unknown quiz key 'hint'"),
                Arguments.of("bad YAML in quiz", step("text\n```quiz\nask: [Q\nchoices: [a, b]\n```\n"), 10, "bad YAML in the quiz block"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsTheErrorAtItsLine(String name, String text, int line, String reason) {
        LoadResult r = LessonParseTest.parse(text);
        assertThat(r.lessons()).as("refused").isEmpty();
        List<LessonProblem> errors = r.errors();
        assertThat(errors).as("errors").isNotEmpty();
        assertThat(errors).anySatisfy(p -> {
            assertThat(p.reason()).contains(reason);
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.file()).isEqualTo(LessonParseTest.FILE);
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
        });
    }
}
