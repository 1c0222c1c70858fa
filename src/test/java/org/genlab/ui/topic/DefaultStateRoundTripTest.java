package org.genlab.ui.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.genlab.core.state.StateFile;
import org.genlab.testing.StateRoundTrip;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every pane as it opens: its state file restores the same numbers and pixels. The zoo's
 * cards print each fit's wall-clock time; its state holds the fitted models with those times,
 * so a restored zoo shows them without fitting again.
 */
class DefaultStateRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {"data", "em", "diffusion", "flow", "vae", "zoo"})
    void theOpeningStateOfEveryPaneRoundTrips(String pane) throws Exception {
        String json = StateRoundTrip.assertRoundTrip(pane, t -> CompletableFuture.completedFuture(null));
        assertThat(StateFile.parse(json).pane()).isEqualTo(pane);
    }
}
