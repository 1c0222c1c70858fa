package org.genlab.lesson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.genlab.core.param.Param;
import org.genlab.core.param.ParamSet;

/** A pane catalog for tests: the data pane's parameters and a small em pane. */
final class TestPanes {
    /** The real data pane's parameters, so lesson tests follow the pane. */
    static final ParamSet DATA = org.genlab.ui.data.DataTopic.PARAMS;
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
