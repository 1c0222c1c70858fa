package org.genlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LessonParseTest {
    static final Path FILE = Path.of("lessons/test.md");

    static LoadResult parse(String text) {
        return new LessonLoader(TestPanes.catalog()).parse(FILE, text);
    }

    static Lesson lesson(String text) {
        LoadResult r = parse(text);
        assertThat(r.errors()).isEmpty();
        assertThat(r.lessons()).hasSize(1);
        return r.lessons().get(0);
    }

    private static final String FULL = """
            ---
            id: em-one-step
            title: One EM step
            topic: em
            question: 8(d)
            order: 3
            ---
            Both components start *together*.

            ## Predict
            Look at $x_1$ first.
            ```genlab
            k: 3
            variance-floor: 0.01
            hide: [init-strategy]
            show: [responsibilities]
            dataset: {preset: two-blobs, n: 150, noise: 0.2, seed: 7}
            ```
            More text.
            ```quiz
            ask: Which is $p(x)$?
            choices: [one, two, "0.50"]
            answer: c
            explain: Because $\\sum_i w_i = 1$.
            ```
            ```quiz
            ask: Second?
            choices:
              - yes
              - no
            answer: 1
            explain: Yes.
            ```

            ## Check ##
            ```java
            int x = 1;
            ```
            """;

    @Test
    void readsEveryField() {
        Lesson l = lesson(FULL);
        assertThat(l.id()).isEqualTo("em-one-step");
        assertThat(l.title()).isEqualTo("One EM step");
        assertThat(l.topic()).isEqualTo("em");
        assertThat(l.question()).isEqualTo("8(d)");
        assertThat(l.order()).isEqualTo(3);
        assertThat(l.source()).isEqualTo(FILE);
        assertThat(l.intro()).isEqualTo("Both components start *together*.");
        assertThat(l.introLine()).isEqualTo(8);
        assertThat(l.steps()).hasSize(2);

        LessonStep s = l.steps().get(0);
        assertThat(s.index()).isEqualTo(1);
        assertThat(s.title()).isEqualTo("Predict");
        assertThat(s.firstLine()).isEqualTo(11);
        assertThat(s.markdown()).startsWith("Look at $x_1$ first.").contains("More text.").doesNotContain("genlab", "ask:");
        assertThat(s.markdown().split("\n", -1)[8]).isEqualTo("More text."); // file line 19
        assertThat(s.params()).isEqualTo(Map.of("k", 3L, "variance-floor", 0.01));
        assertThat(s.hide()).containsExactly("init-strategy");
        assertThat(s.show()).containsExactly("responsibilities");
        assertThat(s.dataset()).contains(new DatasetSpec("two-blobs", 150, 0.2, 7));
        assertThat(s.quizzes()).hasSize(2);
        Quiz q = s.quizzes().get(0);
        assertThat(q.ask()).isEqualTo("Which is $p(x)$?");
        assertThat(q.choices()).containsExactly("one", "two", "0.50");
        assertThat(q.answerIndex()).isEqualTo(2);
        assertThat(q.generated()).isFalse();
        assertThat(q.explain()).isEqualTo("Because $\\sum_i w_i = 1$.");
        assertThat(q.line()).isEqualTo(20);
        assertThat(s.quizzes().get(1).choices()).containsExactly("yes", "no");
        assertThat(s.quizzes().get(1).answerIndex()).isZero();

        LessonStep s2 = l.steps().get(1);
        assertThat(s2.index()).isEqualTo(2);
        assertThat(s2.title()).isEqualTo("Check");
        assertThat(s2.markdown()).isEqualTo("```java\nint x = 1;\n```");
        assertThat(s2.params()).isEmpty();
        assertThat(s2.dataset()).isEmpty();
        assertThat(parse(FULL).problems()).isEmpty();
    }

    @Test
    void defaultsAndIntegerQuestion() {
        Lesson l = lesson("---\nid: a\ntitle: A\ntopic: data\nquestion: 4\n---\n## Only\ntext\n");
        assertThat(l.question()).isEqualTo("4");
        assertThat(l.order()).isEqualTo(Lesson.DEFAULT_ORDER);
        assertThat(l.intro()).isEmpty();
        assertThat(l.steps().get(0).markdown()).isEqualTo("text");
        assertThat(l.steps().get(0).firstLine()).isEqualTo(8);
    }

    @Test
    void dataPaneTakesItsOwnDataParameters() {
        Lesson l = lesson("---\nid: a\ntitle: A\ntopic: data\n---\n## S\n```genlab\npreset: rings\nn: 50\n```\n");
        assertThat(l.steps().get(0).params()).isEqualTo(Map.of("preset", "rings", "n", 50L));
    }

    @Test
    void datasetDefaultsComeFromThePreset() {
        Lesson l = lesson("---\nid: a\ntitle: A\ntopic: em\n---\n## S\n```genlab\ndataset: {preset: two-moons}\n```\n");
        DatasetSpec d = l.steps().get(0).dataset().orElseThrow();
        assertThat(d.n()).isEqualTo(org.genlab.core.data.Preset.TWO_MOONS.defaultN());
        assertThat(d.noise()).isEqualTo(org.genlab.core.data.Preset.TWO_MOONS.defaultNoise());
        assertThat(d.seed()).isZero();
    }

    @Test
    void generatedChoicesWhereThePaneSupportsThem() {
        String text = "---\nid: a\ntitle: A\ntopic: em\n---\n## S\n```quiz\nask: Which?\nchoices: generated\nexplain: E\n```\n";
        LoadResult r = new LessonLoader(TestPanes.catalog(Set.of("em"))).parse(FILE, text);
        Quiz q = r.lessons().get(0).steps().get(0).quizzes().get(0);
        assertThat(q.generated()).isTrue();
        assertThat(q.choices()).isEmpty();
        assertThat(q.answerIndex()).isEqualTo(-1);
    }

    @Test
    void crlfAndByteOrderMark() {
        Lesson l = lesson("\uFEFF---\r\nid: a\r\ntitle: A\r\ntopic: data\r\n---\r\n## S\r\nx\r\n");
        assertThat(l.steps().get(0).markdown()).isEqualTo("x");
    }

    @Test
    void headingsInsideCodeAreNotSteps() {
        Lesson l = lesson("---\nid: a\ntitle: A\ntopic: data\n---\n## S\n```\n## not a step\n```\n### sub\n");
        assertThat(l.steps()).hasSize(1);
        assertThat(l.steps().get(0).markdown()).contains("## not a step", "### sub");
    }
}
