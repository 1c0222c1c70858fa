package org.genlab.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.genlab.core.param.ParamSet;

/**
 * What the lesson loader needs to know of the panes: their names in navigation order (lessons
 * sort by it), each pane's declared parameters (to check {@code genlab} blocks), and which panes
 * can draw a quiz's choices themselves.
 */
public interface PaneCatalog {

    /** The pane names in navigation order. */
    List<String> panes();

    /** The declared parameters of a pane, or empty if there is no pane of that name. */
    Optional<ParamSet> params(String pane);

    /** True if the pane draws the choices of a {@code choices: generated} quiz itself. */
    boolean supportsGeneratedQuiz(String pane);

    /**
     * A catalog from a map of pane name to parameters (in navigation order) and the set of
     * panes that support generated quizzes.
     */
    static PaneCatalog of(Map<String, ParamSet> panes, Set<String> generatedQuiz) {
        Map<String, ParamSet> copy = new LinkedHashMap<>(panes);
        Set<String> gen = Set.copyOf(generatedQuiz);
        List<String> names = List.copyOf(copy.keySet());
        return new PaneCatalog() {
            @Override
            public List<String> panes() {
                return names;
            }

            @Override
            public Optional<ParamSet> params(String pane) {
                return Optional.ofNullable(copy.get(pane));
            }

            @Override
            public boolean supportsGeneratedQuiz(String pane) {
                return gen.contains(pane);
            }
        };
    }
}
