package org.genlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genlab.lesson.LessonProblem.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonLoaderTest {
    @TempDir
    Path dir;

    private static String lesson(String id, String topic, String question, int order, String title) {
        return "---\nid: " + id + "\ntitle: " + title + "\ntopic: " + topic + "\n"
                + (question == null ? "" : "question: " + question + "\n") + "order: " + order + "\n---\n## S\ntext\n";
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private LoadResult load(Path... folders) {
        return new LessonLoader(TestPanes.catalog()).load(List.of(folders));
    }

    @Test
    void aBadLessonIsListedWhileTheGoodOneLoads() throws IOException {
        write("good.md", lesson("good", "em", "4", 1, "Good"));
        write("bad.md", "---\nid: bad\ntitle: Bad\ntopic: em\n---\n## S\n```genlab\nk: 99\n```\n");
        LoadResult r = load(dir);
        assertThat(r.lessons()).extracting(Lesson::id).containsExactly("good");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("bad.md"));
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.toString()).isEqualTo(dir.resolve("bad.md") + ":8: error: parameter k: 99 is outside the allowed range [1, 8]");
        });
    }

    @Test
    void theSecondFileWithAnIdIsRefused() throws IOException {
        write("a.md", lesson("same", "em", null, 1, "First"));
        write("b.md", "---\ntitle: Second\nid: same\ntopic: em\n---\n## S\nx\n");
        LoadResult r = load(dir);
        assertThat(r.lessons()).extracting(Lesson::title).containsExactly("First");
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("b.md"));
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.reason()).contains("id 'same' is already used by " + dir.resolve("a.md"));
        });
    }

    @Test
    void duplicatesAcrossFolders() throws IOException {
        Path other = Files.createDirectory(dir.resolve("other"));
        write("a.md", lesson("same", "em", null, 1, "Mine"));
        Files.writeString(other.resolve("a.md"), lesson("same", "em", null, 1, "Theirs"));
        LoadResult r = load(dir, other);
        assertThat(r.lessons()).extracting(Lesson::title).containsExactly("Mine");
        assertThat(r.errors()).singleElement().extracting(LessonProblem::file).isEqualTo(other.resolve("a.md"));
    }

    @Test
    void sortsByPaneOrderThenQuestionNumericallyThenOrderThenTitle() throws IOException {
        write("1.md", lesson("em10", "em", "10", 1, "Ten"));
        write("2.md", lesson("em8d", "em", "8(d)", 1, "Eight d"));
        write("3.md", lesson("em2b", "em", "2", 2, "Two b"));
        write("4.md", lesson("em2a", "em", "2", 2, "Two a"));
        write("5.md", lesson("em2first", "em", "2", 1, "Zzz"));
        write("6.md", lesson("data1", "data", "9", 1, "Data"));
        write("7.md", lesson("emnone", "em", null, 5, "General"));
        write("8.md", lesson("em8c", "em", "8(c)", 1, "Eight c"));
        assertThat(load(dir).lessons()).extracting(Lesson::id)
                .containsExactly("data1", "emnone", "em2first", "em2a", "em2b", "em8c", "em8d", "em10");
    }

    @Test
    void onlyMarkdownFilesDirectlyInTheFolderAndNoReadme() throws IOException {
        write("one.md", lesson("one", "em", null, 1, "One"));
        write("README.md", "not a lesson");
        write("Readme.MD", "not a lesson");
        write("notes.txt", "not a lesson");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("deep.md"), lesson("deep", "em", null, 1, "Deep"));
        LoadResult r = load(dir);
        assertThat(r.lessons()).extracting(Lesson::id).containsExactly("one");
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void aMissingFolderIsOneProblemAndNoException() throws IOException {
        write("one.md", lesson("one", "em", null, 1, "One"));
        Path missing = dir.resolve("nope");
        LoadResult r = load(missing, dir);
        assertThat(r.lessons()).hasSize(1);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(missing);
            assertThat(p.line()).isZero();
            assertThat(p.reason()).contains("does not exist");
        });
    }

    @Test
    void aFileInsteadOfAFolder() throws IOException {
        write("x.md", lesson("x", "em", null, 1, "X"));
        LoadResult r = load(dir.resolve("x.md"));
        assertThat(r.lessons()).isEmpty();
        assertThat(r.problems()).singleElement().extracting(LessonProblem::reason).asString().contains("not a folder");
    }

    @Test
    void anUnreadableFolderIsOneProblem() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.writeString(locked.resolve("x.md"), lesson("x", "em", null, 1, "X"));
        boolean denied = locked.toFile().setReadable(false) && !Files.isReadable(locked);
        try {
            LoadResult r = load(locked);
            if (denied) { // root can read anything: then the folder simply loads
                assertThat(r.lessons()).isEmpty();
                assertThat(r.problems()).singleElement().extracting(LessonProblem::reason).asString().contains("cannot be read");
            } else {
                assertThat(r.lessons()).hasSize(1);
            }
        } finally {
            locked.toFile().setReadable(true);
        }
    }

    @Test
    void tooLargeOrNotUtf8FilesAreRefused() throws IOException {
        Files.write(dir.resolve("big.md"), new byte[(int) LessonLoader.MAX_FILE_BYTES + 1]);
        Files.write(dir.resolve("latin.md"), new byte[] {'-', '-', '-', '\n', (byte) 0xE9, '\n'});
        LoadResult r = load(dir);
        assertThat(r.errors()).extracting(LessonProblem::reason)
                .anySatisfy(s -> assertThat(s).contains("at most"))
                .anySatisfy(s -> assertThat(s).contains("not UTF-8"));
    }

    @Test
    void aBadFormulaIsAWarningAndTheLessonLoads() throws IOException {
        write("w.md", "---\nid: w\ntitle: W\ntopic: em\n---\nIntro $\\frac{1}{$ here.\n## S\n\nOk $x^2$.\n\nBad $$\\left( x$$\n\nCosts $5 today.\n```quiz\nask: Is $\\sqrt{$ fine?\nchoices: [a, b]\nanswer: 1\nexplain: No.\n```\n");
        LoadResult r = load(dir);
        assertThat(r.lessons()).hasSize(1);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).extracting(LessonProblem::line).containsExactly(6, 11, 13, 15);
        assertThat(r.warnings().get(0).reason()).startsWith("bad formula $\\frac{1}{$: ");
        assertThat(r.warnings().get(2).reason()).contains("unbalanced $");
    }
}
