package org.genlab.ui.lesson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.genlab.core.data.Preset;
import org.genlab.core.param.Param;
import org.genlab.lesson.DatasetSpec;
import org.genlab.lesson.LessonStep;
import org.genlab.ui.topic.Topic;

/**
 * Applies a lesson step's settings to its pane: the data set first (a new data set resets a
 * pane's run), then the parameters, then the flags (those in {@code show} on, every other
 * flag the step does not set by name at its default), then which controls to hide. Flags and hidden controls are
 * complete for each step, so going back to a step shows it as it was. Parameters a step does
 * not name keep their values from the step before (a step with a {@code state} starts from that
 * state instead: its pane is built from it first, see {@code LessonPanel}), which is why {@code render --lesson} applies
 * steps 1 to N in order, as a student pressing Next would.
 */
public final class StepApplier {
    private StepApplier() {
    }

    /** Applies {@code step} to {@code topic}; the values were checked when the lesson loaded. */
    public static void apply(Topic topic, LessonStep step) {
        step.dataset().ifPresent(d -> topic.useData(generate(d)));
        Map<String, Object> values = new LinkedHashMap<>(step.params());
        for (Param<?> p : topic.parameters().list()) {
            // a step built from a state keeps the state's flags unless it names them
            if (step.state().isEmpty() && p instanceof Param.Flag f && !values.containsKey(f.name())) {
                values.put(f.name(), step.show().contains(f.name()) || f.defaultValue());
            }
        }
        if (!values.isEmpty()) {
            topic.apply(values);
        }
        topic.setHiddenControls(Set.copyOf(step.hide()));
    }

    /** Applies steps 1 to {@code last} of a lesson in order: the state a student reaches by Next. */
    public static void applyThrough(Topic topic, java.util.List<LessonStep> steps, int last) {
        for (int i = 0; i < last; i++) {
            apply(topic, steps.get(i));
        }
    }

    private static org.genlab.core.data.Dataset2D generate(DatasetSpec d) {
        Preset p = Preset.byName(d.preset()).orElseThrow();
        return p.generate(d.n(), d.noise(), d.seed());
    }
}
