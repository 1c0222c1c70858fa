package org.genlab.lesson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genlab.core.data.Preset;
import org.genlab.core.param.Param;
import org.genlab.core.param.ParamException;
import org.genlab.core.param.ParamSet;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import java.nio.file.Path;

/**
 * The checked content of a step's {@code genlab} block: parameter values for the pane plus the
 * reserved keys {@code hide}, {@code show}, {@code dataset} and {@code state} (a state file
 * beside the lesson, {@code state: states/em-collapse.genlab.json}, that sets the pane up
 * before the block's other keys apply).
 */
record StepSettings(Map<String, Object> params, List<String> hide, List<String> show, Optional<DatasetSpec> dataset,
                    Optional<PaneState> state) {
    static final StepSettings NONE = new StepSettings(Map.of(), List.of(), List.of(), Optional.empty(), Optional.empty());
    /** The pane whose own parameters are a data set; {@code dataset} is refused there. */
    static final String DATA_PANE = "data";
    private static final List<String> DATASET_KEYS = List.of("preset", "n", "noise", "seed");

    /** Checks a block for the pane {@code topic}; every problem is reported at its key's line. */
    static StepSettings read(YamlSection yaml, String topic, ParamSet params, Path lessonFile, Problems problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> hide = List.of();
        List<String> show = List.of();
        Optional<DatasetSpec> dataset = Optional.empty();
        Optional<PaneState> state = Optional.empty();
        for (YamlSection.Entry e : yaml.entries().values()) {
            switch (e.key()) {
                case "hide" -> hide = names(e, params, false, problems);
                case "show" -> show = names(e, params, true, problems);
                case "dataset" -> dataset = dataset(e, topic, problems);
                case "state" -> state = state(e, topic, params, lessonFile, problems);
                default -> {
                    try {
                        values.putAll(params.validate(Collections.singletonMap(e.key(), e.value())));
                    } catch (ParamException ex) {
                        problems.error(e.line(), "parameter " + ex.getMessage());
                    }
                }
            }
        }
        if (state.isPresent() && dataset.isPresent()) {
            problems.error(yaml.get("dataset").orElseThrow().line(), "a step with a 'state' takes its data set from the state; "
                    + "drop 'dataset'");
        }
        return new StepSettings(values, hide, show, dataset, state);
    }

    private static List<String> names(YamlSection.Entry e, ParamSet params, boolean flagsOnly, Problems problems) {
        List<?> raw = e.value() instanceof List<?> l ? l : e.value() instanceof String s ? List.of(s) : null;
        if (raw == null) {
            problems.error(e.line(), "'" + e.key() + "' takes a list of parameter names, e.g. " + e.key() + ": [a, b]");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : raw) {
            String name = String.valueOf(o);
            Optional<Param<?>> p = params.get(name);
            if (p.isEmpty()) {
                problems.error(e.line(), "'" + e.key() + "': unknown parameter '" + name + "' (known: " + known(params) + ")");
            } else if (flagsOnly && !(p.get() instanceof Param.Flag)) {
                problems.error(e.line(), "'show': '" + name + "' is not an on/off parameter; set its value instead ("
                        + name + ": ...)");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private static Optional<DatasetSpec> dataset(YamlSection.Entry e, String topic, Problems problems) {
        if (DATA_PANE.equals(topic)) {
            problems.error(e.line(), "the data pane takes no 'dataset': set its own parameters preset, n, noise and seed");
            return Optional.empty();
        }
        if (!(e.value() instanceof Map<?, ?> map)) {
            problems.error(e.line(), "'dataset' must be a mapping, e.g. dataset: {preset: two-moons, n: 200, seed: 1}");
            return Optional.empty();
        }
        for (Object k : map.keySet()) {
            if (!DATASET_KEYS.contains(String.valueOf(k))) {
                problems.error(e.line(), "'dataset': unknown key '" + k + "' (allowed: " + String.join(", ", DATASET_KEYS) + ")");
                return Optional.empty();
            }
        }
        Optional<Preset> preset = Preset.byName(map.get("preset") instanceof String s ? s : null);
        if (preset.isEmpty()) {
            problems.error(e.line(), "'dataset': preset '" + map.get("preset") + "' is not one of "
                    + String.join(", ", Preset.names()));
            return Optional.empty();
        }
        Object n = map.containsKey("n") ? map.get("n") : preset.get().defaultN();
        if (!(n instanceof Integer count) || count < 1 || count > Preset.MAX_N) {
            problems.error(e.line(), "'dataset': n must be a whole number from 1 to " + Preset.MAX_N + ", got '" + n + "'");
            return Optional.empty();
        }
        Object noise = map.containsKey("noise") ? map.get("noise") : preset.get().defaultNoise();
        if (!(noise instanceof Number x) || !Double.isFinite(x.doubleValue()) || x.doubleValue() < 0) {
            problems.error(e.line(), "'dataset': noise must be a finite number >= 0, got '" + noise + "'");
            return Optional.empty();
        }
        Object seed = map.containsKey("seed") ? map.get("seed") : 0;
        if (!(seed instanceof Integer || seed instanceof Long)) {
            problems.error(e.line(), "'dataset': seed must be a whole number, got '" + seed + "'");
            return Optional.empty();
        }
        return Optional.of(new DatasetSpec(preset.get().id(), count, x.doubleValue(), ((Number) seed).longValue()));
    }

    /**
     * The state file a step names: a relative path ending in {@code .genlab.json}, inside the
     * lesson's folder (a lesson never reads files elsewhere), for the lesson's pane, with
     * parameters that pane declares. Checked when the lesson loads, so a broken pointer is a
     * lesson problem with its line, not a surprise in class.
     */
    private static Optional<PaneState> state(YamlSection.Entry e, String topic, ParamSet params, Path lessonFile, Problems problems) {
        if (!(e.value() instanceof String name) || name.isBlank()) {
            problems.error(e.line(), "'state' takes the path of a state file beside the lesson, e.g. state: states/" + topic
                    + "-start" + StateFile.EXTENSION);
            return Optional.empty();
        }
        if (!name.endsWith(StateFile.EXTENSION)) {
            problems.error(e.line(), "'state': '" + name + "' is not a state file (the name ends in " + StateFile.EXTENSION + ")");
            return Optional.empty();
        }
        Path folder = lessonFile == null ? null : lessonFile.toAbsolutePath().getParent();
        if (folder == null) {
            problems.error(e.line(), "'state': this lesson has no folder to find '" + name + "' in");
            return Optional.empty();
        }
        Path file;
        try {
            Path rel = folder.getFileSystem().getPath(name);
            file = folder.resolve(rel).normalize();
            if (rel.isAbsolute() || !file.startsWith(folder.normalize())) {
                problems.error(e.line(), "'state': '" + name + "' is outside the lesson's folder; a lesson reads state files "
                        + "beside it or below it only");
                return Optional.empty();
            }
        } catch (java.nio.file.InvalidPathException ex) {
            problems.error(e.line(), "'state': '" + name + "' is not a path");
            return Optional.empty();
        }
        try {
            PaneState s = StateFile.read(file);
            if (!s.pane().equals(topic)) {
                problems.error(e.line(), "'state': " + name + " is a state of the " + s.pane() + " pane; this lesson is on "
                        + topic);
                return Optional.empty();
            }
            params.validate(s.params());
            return Optional.of(s);
        } catch (StateException ex) {
            problems.error(e.line(), "'state': " + ex.getMessage());
        } catch (ParamException ex) {
            problems.error(e.line(), "'state': " + name + ", params." + ex.param() + ": " + ex.reason());
        }
        return Optional.empty();
    }

    private static String known(ParamSet params) {
        return String.join(", ", params.list().stream().map(Param::name).toList());
    }
}
