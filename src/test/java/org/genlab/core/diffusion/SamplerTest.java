package org.genlab.core.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reverse samplers on ε*: where samples land, determinism across threads, trajectories, cancellation. */
class SamplerTest {
    private static final Dataset2D TWO_POINT = Dataset2D.of(new double[] {1, 0}, new double[] {0, 1});
    private static final ExactDiffusion MODEL = new ExactDiffusion(TWO_POINT, NoiseSchedule.linear());
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** Distance from (x, y) to the nearer training point. */
    private static double distanceToData(double x, double y) {
        return Math.min(Math.hypot(x - 1, y), Math.hypot(x, y - 1));
    }

    /** The share of samples nearer [1, 0] than [0, 1]. */
    private static double shareAtFirst(Particles p) {
        int first = 0;
        for (int i = 0; i < p.size(); i++) {
            if (p.x(i) > p.y(i)) {
                first++;
            }
        }
        return (double) first / p.size();
    }

    @Test
    void ddimSamplesLandOnATrainingPoint() {
        // The last step jumps from t_1 = T/S to x̂_0; with S = 100 or more the posterior there has settled on one point
        for (int steps : new int[] {100, 1000}) {
            Particles p = MODEL.sample(Sampler.ddim(steps), SampleOptions.of(2000, 1)).samples();
            for (int i = 0; i < p.size(); i++) {
                assertThat(distanceToData(p.x(i), p.y(i))).as("steps=%d particle %d", steps, i).isLessThan(1e-3);
            }
            assertThat(shareAtFirst(p)).isCloseTo(0.5, within(0.05));
        }
        ExactDiffusion cosine = new ExactDiffusion(TWO_POINT, NoiseSchedule.cosine(1000));
        Particles p = cosine.sample(Sampler.ddim(50), SampleOptions.of(1000, 2)).samples();
        for (int i = 0; i < p.size(); i++) {
            assertThat(distanceToData(p.x(i), p.y(i))).isLessThan(1e-3);
        }
    }

    @Test
    void ddpmAndOdeSamplesEndNearTheData() {
        for (Sampler s : new Sampler[] {Sampler.ddpm(Sampler.Variance.POSTERIOR), Sampler.ddpm(Sampler.Variance.BETA),
            Sampler.ode(100)}) {
            Particles p = MODEL.sample(s, SampleOptions.of(2000, 3)).samples();
            int near = 0;
            for (int i = 0; i < p.size(); i++) {
                double dist = distanceToData(p.x(i), p.y(i));
                assertThat(dist).as("%s particle %d", s, i).isLessThan(0.05);
                if (dist < 1e-3) {
                    near++;
                }
            }
            assertThat(near).as("%s within 1e-3", s).isGreaterThanOrEqualTo(p.size() * 99 / 100);
            assertThat(shareAtFirst(p)).as("%s", s).isCloseTo(0.5, within(0.05));
        }
    }

    @Test
    void onDenseDataSamplesFollowTheDataNotOnlyItsPoints() {
        Dataset2D eight = Preset.EIGHT_GAUSSIANS.generate(256, 0.1, 0);
        ExactDiffusion d = new ExactDiffusion(eight, NoiseSchedule.linear());
        Particles p = d.sample(Sampler.ddim(100), SampleOptions.of(500, 4)).samples();
        for (int i = 0; i < p.size(); i++) {
            int j = eight.nearest(p.x(i), p.y(i));
            // Near the data (the eight blobs), though not necessarily on a training point
            assertThat(Math.hypot(p.x(i) - eight.x(j), p.y(i) - eight.y(j))).isLessThan(0.3);
        }
    }

    @Test
    void odeWithManyStepsAgreesWithDdim() {
        Dataset2D three = Dataset2D.of(new double[] {1, -1, 0.3}, new double[] {0, 0.5, -1}, new double[] {1, 3, 2});
        ExactDiffusion d = new ExactDiffusion(three, NoiseSchedule.linear());
        // Both integrate the same ODE (DDIM is its Euler step in y = x/√ᾱ, σ = √((1−ᾱ)/ᾱ)) from the same x_T
        Particles ode = d.sample(Sampler.ode(1000), SampleOptions.of(300, 9)).samples();
        Particles ddim = d.sample(Sampler.ddim(1000), SampleOptions.of(300, 9)).samples();
        int agree = 0;
        for (int i = 0; i < ode.size(); i++) {
            if (Math.hypot(ode.x(i) - ddim.x(i), ode.y(i) - ddim.y(i)) < 1e-3) {
                agree++;
            }
        }
        assertThat(agree).isGreaterThanOrEqualTo(ode.size() * 95 / 100);
    }

    @Test
    void sameSeedSameSamplesOnOneOrTwoThreads() {
        Dataset2D eight = Preset.EIGHT_GAUSSIANS.generate(64, 0.1, 0);
        ExactDiffusion d = new ExactDiffusion(eight, NoiseSchedule.cosine(200));
        for (Sampler s : new Sampler[] {Sampler.ddpm(Sampler.Variance.POSTERIOR), Sampler.ddim(30), Sampler.ode(30)}) {
            Particles one = d.sample(s, SampleOptions.of(1000, 42)).samples();
            Particles two = d.sample(s, SampleOptions.of(1000, 42).withExecutor(pool, 2)).samples();
            assertThat(two.xs()).as("%s", s).isEqualTo(one.xs());
            assertThat(two.ys()).as("%s", s).isEqualTo(one.ys());
            Particles other = d.sample(s, SampleOptions.of(1000, 43)).samples();
            assertThat(other.xs()).isNotEqualTo(one.xs());
        }
    }

    @Test
    void fastAndReferenceSamplersAgree() {
        Dataset2D eight = Preset.EIGHT_GAUSSIANS.generate(64, 0.1, 0);
        ExactDiffusion d = new ExactDiffusion(eight, NoiseSchedule.linear());
        for (Sampler s : new Sampler[] {Sampler.ddpm(Sampler.Variance.BETA), Sampler.ddim(40), Sampler.ode(15)}) {
            Particles fast = d.sample(s, SampleOptions.of(300, 5)).samples();
            Particles ref = d.sample(s, SampleOptions.of(300, 5).withReference(true)).samples();
            for (int i = 0; i < fast.size(); i++) {
                assertThat(fast.x(i)).as("%s %d", s, i).isCloseTo(ref.x(i), within(1e-7));
                assertThat(fast.y(i)).as("%s %d", s, i).isCloseTo(ref.y(i), within(1e-7));
            }
        }
    }

    @Test
    void recordsEveryKthStateAndTellsTheListener() {
        List<Snapshot> heard = new ArrayList<>();
        SampleResult r = MODEL.sample(Sampler.ddim(25), SampleOptions.of(10, 0).withRecording(10, heard::add));
        assertThat(r.trajectory()).extracting(Snapshot::step).containsExactly(0, 10, 20, 25);
        assertThat(r.trajectory()).extracting(Snapshot::t).containsExactly(1000, 600, 200, 0);
        assertThat(r.trajectory().get(3).alphaBar()).isEqualTo(1.0);
        assertThat(heard).isEqualTo(r.trajectory());
        assertThat(r.trajectory().get(3).particles().xs()).isEqualTo(r.samples().xs());
        SampleResult ddpm = MODEL.sample(Sampler.ddpm(Sampler.Variance.POSTERIOR), SampleOptions.of(3, 0).withRecording(1, null));
        assertThat(ddpm.trajectory()).hasSize(1001);
        assertThat(MODEL.sample(Sampler.ode(5), SampleOptions.of(3, 0)).trajectory()).isEmpty();
    }

    @Test
    void cancellingStopsBetweenSteps() {
        AtomicInteger checks = new AtomicInteger();
        List<Snapshot> heard = new ArrayList<>();
        SampleOptions o = SampleOptions.of(100, 0).withRecording(1, heard::add).withCancel(() -> checks.incrementAndGet() > 3);
        assertThatThrownBy(() -> MODEL.sample(Sampler.ddpm(Sampler.Variance.POSTERIOR), o))
                .isInstanceOf(CancellationException.class).hasMessageContaining("step 4 of 1000");
        assertThat(heard).extracting(Snapshot::step).containsExactly(0, 1, 2, 3);
    }

    @Test
    void badOptionsNameTheField() {
        assertThatThrownBy(() -> SampleOptions.of(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("n: ");
        assertThatThrownBy(() -> SampleOptions.of(5, 0).withExecutor(pool, 0)).hasMessageStartingWith("parallelism: ");
        assertThatThrownBy(() -> SampleOptions.of(5, 0).withRecording(-1, null)).hasMessageStartingWith("recordEvery: ");
        assertThatThrownBy(() -> MODEL.sample(Sampler.ddim(1001), SampleOptions.of(5, 0))).hasMessageStartingWith("steps: must be in 1..1000");
    }
}
