package org.genlab.ui.lesson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.genlab.core.data.Preset;
import org.genlab.lesson.DatasetSpec;
import org.genlab.lesson.LessonStep;
import org.genlab.ui.topic.Topic;

/**
 * Applies a lesson step's settings to its pane: the data set first (a new data set resets a
 * pane's run), then the parameters and the flags to switch on, then which controls to hide.
 * The window and the headless {@code render --lesson} share this, so they show the same figure.
 */
public final class StepApplier {
    private StepApplier() {
    }

    /** Applies {@code step} to {@code topic}; the values were checked when the lesson loaded. */
    public static void apply(Topic topic, LessonStep step) {
        step.dataset().ifPresent(d -> topic.useData(generate(d)));
        Map<String, Object> values = new LinkedHashMap<>(step.params());
        step.show().forEach(flag -> values.put(flag, Boolean.TRUE));
        if (!values.isEmpty()) {
            topic.apply(values);
        }
        topic.setHiddenControls(Set.copyOf(step.hide()));
    }

    private static org.genlab.core.data.Dataset2D generate(DatasetSpec d) {
        Preset p = Preset.byName(d.preset()).orElseThrow();
        return p.generate(d.n(), d.noise(), d.seed());
    }
}
