package org.genlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonProgressTest {
    @TempDir
    Path dir;

    @Test
    void roundTrip() {
        LessonProgress p = new LessonProgress(dir);
        assertThat(p.step("em")).isEmpty();
        p.setStep("em", 3);
        p.setAnswer("em", 2, 0, 1);
        p.setAnswer("em", 2, 1, 3);
        p.setAnswer("flow", 1, 0, 0);
        assertThat(p.warning()).isEmpty();
        assertThat(dir.resolve(LessonProgress.FILE_NAME)).exists();
        assertThat(dir.resolve(LessonProgress.FILE_NAME + ".tmp")).doesNotExist();

        LessonProgress q = new LessonProgress(dir);
        assertThat(q.warning()).isEmpty();
        assertThat(q.step("em")).hasValue(3);
        assertThat(q.step("flow")).isEmpty();
        assertThat(q.answer("em", 2, 1)).hasValue(3);
        assertThat(q.answer("em", 1, 0)).isEmpty();
        assertThat(q.answers("em")).isEqualTo(Map.of(2, Map.of(0, 1, 1, 3)));
        assertThat(q.answer("flow", 1, 0)).hasValue(0);
    }

    @Test
    void resetOneAndAll() {
        LessonProgress p = new LessonProgress(dir);
        p.setStep("a", 2);
        p.setStep("b", 4);
        p.reset("a");
        assertThat(new LessonProgress(dir).step("a")).isEmpty();
        assertThat(new LessonProgress(dir).step("b")).hasValue(4);
        p.resetAll();
        assertThat(new LessonProgress(dir).step("b")).isEmpty();
    }

    @Test
    void aCorruptFileIsSetAsideWithAWarning() throws IOException {
        Path file = dir.resolve(LessonProgress.FILE_NAME);
        Files.writeString(file, "{\"version\": 1, \"lessons\": {\"em\": {\"step\": \"two\"");
        LessonProgress p = new LessonProgress(dir);
        assertThat(p.warning()).get().asString().contains("could not be read");
        assertThat(p.step("em")).isEmpty();
        assertThat(dir.resolve(LessonProgress.FILE_NAME + ".bad")).exists();
        p.setStep("em", 1);
        assertThat(new LessonProgress(dir).step("em")).hasValue(1);
    }

    @Test
    void wrongShapeCountsAsCorrupt() throws IOException {
        Files.writeString(dir.resolve(LessonProgress.FILE_NAME), "[1, 2, 3]");
        assertThat(new LessonProgress(dir).warning()).isPresent();
        Files.writeString(dir.resolve(LessonProgress.FILE_NAME), "{\"version\": 1, \"lessons\": {\"x\": {\"step\": -4}}}");
        assertThat(new LessonProgress(dir).warning()).isPresent();
    }

    @Test
    void anUnwritableFolderWarnsAndKeepsProgressForTheRun() throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        LessonProgress p = new LessonProgress(blocker.resolve("sub")); // a folder under a file
        p.setStep("em", 2);
        assertThat(p.warning()).get().asString().contains("could not be saved");
        assertThat(p.step("em")).hasValue(2);
    }
}
