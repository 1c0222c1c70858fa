package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.genlab.core.data.Preset;
import org.genlab.core.nn.Mlp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training: it learns, it is deterministic on 1 and 2 threads, it stops cleanly on a number that is not finite, snapshots stay put. */
class VaeTrainerTest {
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void trainingOnShapesLowersNegElboOnHeldOutImages() {
        Shapes train = Shapes.generate(2000, 0);
        VaeData heldOut = Shapes.generate(500, 99).data();
        VaeTrainer t = new VaeTrainer(train.data(), VaeSettings.IMAGES, pool, 2);
        assertThat(t.stepsPerEpoch()).isEqualTo(16); // ceil(2000 / 128)
        ElboTerms before = t.vae().evaluate(heldOut, 1, pool, 2);
        // untrained: logits near 0, so about 256 log 2 = 177.4 nats
        assertThat(before.negElbo()).isBetween(150.0, 200.0);
        ElboTerms[] steps = t.step(160);
        assertThat(steps).hasSize(160);
        ElboTerms after = t.vae().evaluate(heldOut, 1, pool, 2);
        System.out.printf("held-out -ELBO %.3f -> %.3f (rec %.3f, kl %.3f)%n", before.negElbo(), after.negElbo(), after.reconstruction(), after.kl());
        // 160 steps (10 epochs of 2,000 images): -ELBO falls by more than 100 nats, to under 60
        assertThat(after.negElbo()).isLessThan(before.negElbo() - 100).isLessThan(60);
        assertThat(after.kl()).isGreaterThan(1); // the latent is used
        assertThat(t.epochsDone()).isEqualTo(10);
        assertThat(t.epoch()).isEqualTo(10.0);
        assertThat(t.epochTerms()).hasSize(10);
        assertThat(t.epochTerms().get(9).negElbo()).isLessThan(t.epochTerms().get(0).negElbo());
        assertThat(t.remaining()).isZero();
        assertThat(t.stepsDone()).isEqualTo(160);
        assertThat(t.stepsPerSecond()).isPositive();
        assertThat(t.secondsPerEpoch()).isPositive();
        t.step(8);
        assertThat(t.epoch()).isEqualTo(10.5);
    }

    @Test
    void sameSeedSameNumbersOnOneAndTwoThreads() {
        // batch 256 of a 64-wide model splits into two engine chunks, so the second thread has work
        VaeData data = Shapes.generate(700, 3).data();
        VaeSettings s = VaeSettings.IMAGES.withNetwork(64, 2).withBatch(256).withSeed(5);
        VaeTrainer one = new VaeTrainer(data, s);
        VaeTrainer two = new VaeTrainer(data, s, pool, 2);
        ElboTerms[] a = one.step(7), b = two.step(7);
        assertThat(b).containsExactly(a);
        assertThat(two.encoderNetwork().parameters()).isEqualTo(one.encoderNetwork().parameters());
        assertThat(two.decoderNetwork().parameters()).isEqualTo(one.decoderNetwork().parameters());
        Vae va = one.vae(), vb = two.vae();
        assertThat(vb.encode(data, pool, 2).means()).isDeepEqualTo(va.encode(data, null, 1).means());
        assertThat(vb.evaluate(data, 4, pool, 2)).isEqualTo(va.evaluate(data, 4, null, 1));
        // another seed, other numbers
        assertThat(new VaeTrainer(data, s.withSeed(6)).step(1)[0]).isNotEqualTo(a[0]);
    }

    @Test
    void pointsTrainAGaussianVaeWithALearnedVariance() {
        org.genlab.core.data.Dataset2D d = Preset.byName("two-moons").orElseThrow().generate(512, 0.1, 0);
        VaeData moons = VaeData.of(d, "moons");
        // the best single Gaussian's mean negative log-likelihood, 0.5 log det(2 pi e Cov)
        double mx = 0, my = 0;
        for (int i = 0; i < d.size(); i++) {
            mx += d.x(i) / d.size();
            my += d.y(i) / d.size();
        }
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < d.size(); i++) {
            sxx += (d.x(i) - mx) * (d.x(i) - mx) / d.size();
            syy += (d.y(i) - my) * (d.y(i) - my) / d.size();
            sxy += (d.x(i) - mx) * (d.y(i) - my) / d.size();
        }
        double gaussianNll = Math.log(2 * Math.PI * Math.E) + 0.5 * Math.log(sxx * syy - sxy * sxy);
        VaeTrainer t = new VaeTrainer(moons, VaeSettings.POINTS.withEpochs(60));
        ElboTerms first = t.step(1)[0];
        for (int e = 0; e < 60; e++) {
            assertThat(t.runEpoch()).isNotNull();
        }
        ElboTerms last = t.epochTerms().get(t.epochTerms().size() - 1);
        System.out.printf("moons -ELBO %.3f -> %.3f (one Gaussian %.3f)%n", first.negElbo(), last.negElbo(), gaussianNll);
        // 240 steps: -ELBO falls by half a nat and beats the best single Gaussian by 0.05 nats (a bound on log p that a Gaussian fit cannot reach)
        assertThat(last.negElbo()).isLessThan(first.negElbo() - 0.5).isLessThan(gaussianNll - 0.05);
        Vae v = t.vae();
        assertThat(v.likelihood()).isEqualTo(Likelihood.GAUSSIAN_LEARNED);
        assertThat(v.latentDim()).isEqualTo(1);
        assertThat(v.decode(new float[] {0.3f})).hasSize(2);
    }

    @Test
    void aLossThatIsNotFiniteStopsTrainingAndKeepsTheLastGoodParameters() {
        VaeData data = Shapes.generate(300, 1).data();
        VaeTrainer t = new VaeTrainer(data, VaeSettings.IMAGES.withNetwork(16, 1));
        t.step(3);
        float[] good = t.encoderNetwork().parameters(), dec = t.decoderNetwork().parameters();
        // a log-variance bias of 1e4: sigma = e^5000 overflows, so the next loss is not finite
        float[] bad = good.clone();
        Mlp enc = t.encoderNetwork();
        int lastBias = enc.shape().biasOffset(enc.shape().layers());
        bad[lastBias + 2] = 1e4f;
        t.setParameters(bad, dec);
        assertThat(t.step(5)).isEmpty();
        assertThat(t.failed()).isTrue();
        assertThat(t.failure()).startsWith("step 4: the loss is").contains("back at the parameters that gave the finite loss of step 3");
        assertThat(t.stepsDone()).isEqualTo(2);
        // back at the parameters step 3 started from (its update is undone with the bad values)
        assertThat(t.encoderNetwork().parameters()).isNotEqualTo(bad);
        for (float p : t.encoderNetwork().parameters()) {
            assertThat(Float.isFinite(p)).isTrue();
        }
        assertThat(t.step(1)).isEmpty();
        assertThat(t.vae().evaluate(data, 0, null, 1).finite()).isTrue();
    }

    @Test
    void aDivergingLearningRateIsCaughtAndNothingNonFiniteIsKept() {
        VaeData data = Shapes.generate(256, 2).data();
        VaeTrainer t = new VaeTrainer(data, VaeSettings.IMAGES.withNetwork(32, 1).withLikelihood(Likelihood.GAUSSIAN).withVariance(1e-6)
                .withLr(1e3).withBatch(32));
        ElboTerms[] terms = t.step(400);
        assertThat(t.failed()).as("diverged within 400 steps").isTrue();
        assertThat(terms.length).isLessThan(400);
        for (ElboTerms e : terms) {
            assertThat(e.finite()).isTrue();
        }
        for (float p : t.encoderNetwork().parameters()) {
            assertThat(Float.isFinite(p)).isTrue();
        }
        for (float p : t.decoderNetwork().parameters()) {
            assertThat(Float.isFinite(p)).isTrue();
        }
    }

    @Test
    void aSnapshotDoesNotChangeWhileTrainingGoesOn() throws Exception {
        VaeData data = Shapes.generate(400, 4).data();
        VaeTrainer t = new VaeTrainer(data, VaeSettings.IMAGES.withNetwork(32, 1));
        t.step(2);
        Vae snap = t.vae();
        float[] z = {0.5f, -0.25f};
        float[] before = snap.decode(z);
        var training = pool.submit(() -> t.step(20));
        for (int i = 0; i < 200; i++) {
            assertThat(snap.decode(z)).isEqualTo(before);
        }
        training.get();
        assertThat(snap.decode(z)).isEqualTo(before);
        assertThat(t.vae().decode(z)).isNotEqualTo(before);
    }
}
