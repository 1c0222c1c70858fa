package org.genlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genlab.app.TopicRegistry;
import org.junit.jupiter.api.Test;

/** Every lesson shipped in lessons/ loads against the real panes, with no error or warning. */
class ShippedLessonsTest {
    @Test
    void everyShippedLessonLoadsCleanly() throws Exception {
        Path folder = Path.of("lessons");
        long files;
        try (var s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equalsIgnoreCase("README.md")).count();
        }
        LoadResult r = new LessonLoader(TopicRegistry.catalog()).load(List.of(folder));
        assertThat(r.problems()).isEmpty();
        assertThat(r.lessons()).hasSize((int) files).isNotEmpty();
    }

    @Test
    void theJarCarriesTheSameLessons() {
        assertThat(LessonFolders.builtIn()).isPresent();
        LoadResult r = new LessonLoader(TopicRegistry.catalog()).load(List.of(LessonFolders.builtIn().get()));
        assertThat(r.problems()).isEmpty();
        assertThat(r.lessons()).extracting(Lesson::id).contains("data-tour");
    }

    @Test
    void theFlowLessonOpensATrainedNetworkFromItsStateInTheJarToo() {
        for (Path folder : List.of(Path.of("lessons"), LessonFolders.builtIn().orElseThrow())) {
            Lesson flow = new LessonLoader(TopicRegistry.catalog()).load(List.of(folder)).lessons().stream()
                    .filter(l -> l.id().equals("flow-matching")).findFirst().orElseThrow();
            assertThat(flow.steps()).as(folder.toString()).filteredOn(s -> s.state().isPresent()).singleElement().satisfies(s -> {
                assertThat(s.state().get().pane()).isEqualTo("flow");
                assertThat(s.state().get().params()).containsEntry("field", "learned");
                assertThat(s.state().get().extras().has("model")).isTrue();
            });
        }
    }

    @Test
    void theTourUsesEveryFeatureOfTheFormat() {
        Lesson tour = new LessonLoader(TopicRegistry.catalog()).load(List.of(Path.of("lessons"))).lessons().stream()
                .filter(l -> l.id().equals("data-tour")).findFirst().orElseThrow();
        assertThat(tour.intro()).isNotBlank();
        assertThat(tour.steps()).anySatisfy(s -> assertThat(s.hide()).isNotEmpty());
        assertThat(tour.steps()).anySatisfy(s -> assertThat(s.show()).isNotEmpty());
        assertThat(tour.steps()).anySatisfy(s -> assertThat(s.quizzes()).isNotEmpty());
        assertThat(tour.steps()).anySatisfy(s -> assertThat(s.markdown()).contains("$$"));
        assertThat(tour.steps()).anySatisfy(s -> assertThat(s.markdown()).contains("|:--"));
        assertThat(tour.steps()).anySatisfy(s -> assertThat(s.markdown()).contains("```sh"));
    }
}
