package org.genlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LessonFormatDocTest {
    @Test
    void theReferenceExampleLoadsWithoutProblems() throws IOException {
        String doc = Files.readString(Path.of("README.md"));
        int start = doc.indexOf("````markdown\n") + "````markdown\n".length();
        String example = doc.substring(start, doc.indexOf("\n````", start) + 1);
        LoadResult r = new LessonLoader(TestPanes.catalog()).parse(Path.of("example.md"), example);
        assertThat(r.problems()).isEmpty();
        Lesson l = r.lessons().get(0);
        assertThat(l.steps()).hasSize(2);
        assertThat(l.steps().get(0).hide()).containsExactly("seed");
        assertThat(l.steps().get(1).quizzes()).hasSize(1);
    }

    @Test
    void theLessonPackageImportsNoJavaFx() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.genlab.lesson");
        ArchRuleDefinition.noClasses().that().resideInAPackage("org.genlab.lesson..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.genlab.ui..", "org.genlab.app..")
                .because("lesson files and quiz logic are plain Java, usable by the CLI and tested headless")
                .check(classes);
    }
}
