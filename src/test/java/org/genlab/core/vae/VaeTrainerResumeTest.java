package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.genlab.core.data.Preset;
import org.junit.jupiter.api.Test;

/** A VAE trainer resumed from a saved model: it starts at those weights, that step and epoch, and goes on. */
class VaeTrainerResumeTest {
    private static final VaeData DATA = VaeData.of(Preset.TWO_MOONS.generate(200, Preset.TWO_MOONS.defaultNoise(), 1), "moons");
    private static final VaeSettings SMALL = VaeSettings.POINTS.withNetwork(16, 1).withBatch(64).withEpochs(4).withSeed(2);

    @Test
    void aResumedTrainerStartsAtTheSavedModelStepAndEpochAndTrainsOnToThePlan() {
        VaeTrainer first = new VaeTrainer(DATA, SMALL);
        first.step(6); // 4 steps an epoch: one and a half epochs
        VaeTrainer resumed = new VaeTrainer(DATA, SMALL, first.vae(), first.stepsDone(), null, 1);
        assertThat(resumed.vae().encoder().parameters()).isEqualTo(first.vae().encoder().parameters());
        assertThat(resumed.vae().decoder().parameters()).isEqualTo(first.vae().decoder().parameters());
        assertThat(resumed.stepsDone()).isEqualTo(6);
        assertThat(resumed.epoch()).isEqualTo(first.epoch()).isEqualTo(1.5);
        assertThat(resumed.epochsDone()).isEqualTo(1);
        assertThat(resumed.remaining()).isEqualTo(10);
        ElboTerms[] terms = resumed.step(10);
        assertThat(terms).hasSize(10).allMatch(ElboTerms::finite);
        assertThat(resumed.epochsDone()).isEqualTo(4);
        assertThat(resumed.remaining()).isZero();
    }

    @Test
    void aModelOfOtherSettingsIsRefused() {
        VaeTrainer wider = new VaeTrainer(DATA, SMALL.withNetwork(32, 1));
        assertThatThrownBy(() -> new VaeTrainer(DATA, SMALL, wider.vae(), 3, null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("start:");
        VaeTrainer otherBeta = new VaeTrainer(DATA, SMALL.withBeta(2));
        assertThatThrownBy(() -> new VaeTrainer(DATA, SMALL, otherBeta.vae(), 3, null, 1)).hasMessageStartingWith("start:");
    }
}
