package org.genlab.lesson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.genlab.core.data.Preset;
import org.genlab.core.param.Param;
import org.genlab.core.param.ParamSet;

/** A pane catalog for tests: the data pane's parameters (mirroring DataTopic) and a small em pane. */
final class TestPanes {
    static final ParamSet DATA = ParamSet.of(
            new Param.Choice("preset", "Preset", "shape", Preset.names(), Preset.TWO_MOONS.id()),
            new Param.Int("n", "Points", "count", 1, 100_000, 200L),
            new Param.Real("noise", "Noise", "noise", 0, 2, 0.05),
            new Param.Int("seed", "Seed", "seed", 0, Integer.MAX_VALUE, 0L));
    static final ParamSet EM = ParamSet.of(
            new Param.Int("k", "Components", "how many", 1, 8, 2L),
            new Param.Real("variance-floor", "Floor", "floor", 1e-6, 1, 1e-3),
            new Param.Flag("responsibilities", "Responsibilities", "colour points", false),
            new Param.Choice("init-strategy", "Init", "how", java.util.List.of("random", "kmeans"), "random"));

    private TestPanes() {
    }

    static PaneCatalog catalog() {
        return catalog(Set.of());
    }

    static PaneCatalog catalog(Set<String> generated) {
        Map<String, ParamSet> panes = new LinkedHashMap<>();
        panes.put("data", DATA);
        panes.put("em", EM);
        return PaneCatalog.of(panes, generated);
    }
}
