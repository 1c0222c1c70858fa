package org.genlab.ui.flow;

import java.util.concurrent.CompletableFuture;
import org.genlab.testing.StateRoundTrip;
import org.junit.jupiter.api.Test;

/** The flow pane's state files: every state restores the same numbers and pixels, and a bad field is refused by name. */
class FlowStateTest {

    @Test
    void theOpeningStateRestoresItsParticlesAndPixels() throws Exception {
        StateRoundTrip.assertRoundTrip("flow", t -> CompletableFuture.completedFuture(null));
    }
}
