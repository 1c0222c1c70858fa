package org.genlab.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.junit.jupiter.api.Test;

/** A trainer resumed from a saved network: it starts at those weights and that step count, and goes on. */
class FlowTrainerResumeTest {
    private static final Dataset2D DATA = Preset.TWO_MOONS.generate(64, Preset.TWO_MOONS.defaultNoise(), 0);
    private static final FlowTrainSettings SMALL = new FlowTrainSettings(8, 1, org.genlab.core.nn.Activation.SILU, 16, 50, 1e-3, 3);

    @Test
    void aResumedTrainerStartsAtTheSavedWeightsAndStepsAndTrainsOnToThePlan() {
        FlowTrainer first = new FlowTrainer(DATA, SMALL);
        first.step(20);
        FlowTrainer resumed = new FlowTrainer(DATA, SMALL, first.network(), first.stepsDone(), null, 1);
        assertThat(resumed.network().parameters()).isEqualTo(first.network().parameters());
        assertThat(resumed.stepsDone()).isEqualTo(20);
        assertThat(resumed.remaining()).isEqualTo(30);
        assertThat(resumed.stepsPerSecond()).as("no step run by this trainer yet").isZero();
        double[] losses = resumed.step(30);
        assertThat(losses).hasSize(30);
        assertThat(java.util.Arrays.stream(losses).allMatch(Double::isFinite)).isTrue();
        assertThat(resumed.stepsDone()).isEqualTo(50);
        assertThat(resumed.network().parameters()).isNotEqualTo(first.network().parameters());
    }

    @Test
    void aNetworkOfAnotherShapeOrANegativeStepCountIsRefused() {
        FlowTrainer other = new FlowTrainer(DATA, new FlowTrainSettings(16, 1, org.genlab.core.nn.Activation.SILU, 16, 50, 1e-3, 3));
        assertThatThrownBy(() -> new FlowTrainer(DATA, SMALL, other.network(), 5, null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("start:");
        FlowTrainer same = new FlowTrainer(DATA, SMALL);
        assertThatThrownBy(() -> new FlowTrainer(DATA, SMALL, same.network(), -1, null, 1)).hasMessageStartingWith("stepsDone:");
    }
}
