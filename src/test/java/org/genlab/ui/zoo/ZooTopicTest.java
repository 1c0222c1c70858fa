package org.genlab.ui.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.concurrent.Callable;
import javafx.stage.Stage;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.zoo.ZooKind;
import org.genlab.testing.PaneTestBase;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The zoo pane: six cards fitted and labelled, the held-out table, enlarging a card, tracing
 * samples, refitting only what changed, bad input kept to its card, and the logistic views.
 * Fits run at a tenth of the default training length on 400 points to keep the test quick.
 */
class ZooTopicTest extends PaneTestBase<ZooTopic> {

    @Start
    void start(Stage stage) {
        open(stage, ZooTopic::new);
    }

    private ModelsView models() {
        return (ModelsView) topic.view("models");
    }

    private <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private void quick() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> topic.apply(Map.of("n", 400L, "effort", 0.1, "sample-count", 300L))).get();
        settle(120);
    }

    @Test
    void everyCardIsFittedLabelledAndScoredOnTheHeldOutPoints(FxRobot robot) throws Exception {
        quick();
        for (ZooKind k : ZooKind.values()) {
            ZooCard c = models().card(k);
            assertThat(fx(c::status)).as(k.id()).startsWith("fitted in");
            assertThat(fx(() -> models().heldOut(k))).as(k.id()).matches("-?[0-9]+\\.[0-9]{3}.*");
            assertThat(fx(c::text)).contains("Learns:").contains("p(x):").contains("Sample:");
        }
        String readout = fx(() -> models().readout());
        assertThat(readout).contains("kde: fitted in");
        // kinds: four exact, the VAE's ELBO a bound, the diffusion ODE an estimate
        assertThat(fx(() -> robot.lookup("#zoo-heldout-is-vae").queryLabeled().getText())).matches("-?[0-9]+\\.[0-9]{3}");
        // the KDE beats a single broad Gaussian-like model on two moons: its held-out score is finite and higher than the VAE's bound
        double kde = Double.parseDouble(fx(() -> models().heldOut(ZooKind.KDE)).split(" ")[0]);
        assertThat(kde).isGreaterThan(-3).isLessThan(0.5);
    }

    @Test
    void clickingACardEnlargesItWithItsFullTextAndClickingAgainGoesBack(FxRobot robot) throws Exception {
        quick();
        robot.clickOn("#zoo-card-gmm");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> topic.values().get("focus"))).isEqualTo("gmm");
        assertThat(fx(() -> models().card(ZooKind.GMM).text())).contains("What is learned:").contains("Σ_k π_k N(x; μ_k, Σ_k)");
        robot.clickOn("#zoo-card-gmm");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> topic.values().get("focus"))).isEqualTo("all");
        assertThat(fx(() -> models().card(ZooKind.GMM).text())).contains("Learns:");
    }

    @Test
    void tracingShowsEachStageAndRightDrawsAnotherSample(FxRobot robot) throws Exception {
        quick();
        WaitForAsyncUtils.asyncFx(() -> topic.apply(Map.of("trace", true))).get();
        settle();
        var kde = models().card(ZooKind.KDE);
        assertThat(fx(kde::captions)).hasSize(2);
        assertThat(fx(kde::captions).get(0)).contains("data point");
        assertThat(fx(() -> models().card(ZooKind.AR).captions())).hasSize(2);
        String before = fx(kde::captions).get(1);
        robot.type(javafx.scene.input.KeyCode.RIGHT);
        settle();
        assertThat(fx(kde::captions).get(1)).isNotEqualTo(before);
        assertThat(fx(kde::text)).contains("One sample, stage by stage");
    }

    @Test
    void changingTheBandwidthRefitsOnlyTheKde() throws Exception {
        quick();
        String arBefore = fx(() -> models().card(ZooKind.AR).status());
        String flowHeld = fx(() -> models().heldOut(ZooKind.FLOW));
        String kdeHeld = fx(() -> models().heldOut(ZooKind.KDE));
        WaitForAsyncUtils.asyncFx(() -> topic.apply(Map.of("bandwidth", 1.5))).get();
        settle();
        assertThat(fx(() -> models().card(ZooKind.AR).status())).isEqualTo(arBefore);
        assertThat(fx(() -> models().heldOut(ZooKind.FLOW))).isEqualTo(flowHeld);
        // a much wider kernel scores worse on held-out points
        assertThat(Double.parseDouble(fx(() -> models().heldOut(ZooKind.KDE)))).isLessThan(Double.parseDouble(kdeHeld));
        assertThat(fx(() -> models().card(ZooKind.KDE).status())).contains("h = 1.5");
    }

    @Test
    void tooFewPointsIsSaidOnTheCardsThatNeedMoreAndTheOthersStillFit() throws Exception {
        Dataset2D five = Dataset2D.of(new double[] {0, 1, 2, 0.5, 1.5}, new double[] {0, 1, 0, 0.3, 0.6});
        WaitForAsyncUtils.asyncFx(() -> topic.apply(Map.of("effort", 0.1))).get();
        WaitForAsyncUtils.asyncFx(() -> topic.useData(five)).get();
        settle(120);
        // the split keeps 4 of the 5 points for fitting
        for (ZooKind k : new ZooKind[] {ZooKind.AR, ZooKind.FLOW, ZooKind.VAE}) {
            assertThat(fx(() -> models().card(k).status())).as(k.id()).contains("at least 10 points");
            assertThat(fx(() -> models().heldOut(k))).isEqualTo("—");
        }
        assertThat(fx(() -> models().card(ZooKind.KDE).status())).startsWith("fitted in");
        assertThat(fx(() -> models().card(ZooKind.GMM).status()).toLowerCase()).satisfiesAnyOf(
                s -> assertThat(s).startsWith("fitted in"), s -> assertThat(s).contains("components"));
    }

    @Test
    void theLogisticViewReachesRoundPnOverNAndSamplesLabelsAgainstQ(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> topic.apply(Map.of("view", "logistic", "p", 0.3, "labels", 7L, "draws", 40L))).get();
        settle();
        String r = fx(() -> topic.currentView().readout());
        assertThat(r).contains("n = 7 labels, 2 of them 1").contains("Only w + b is identified").contains("40 of 40 draws shown");
        double q = Double.parseDouble(r.replaceAll("(?s).*q = σ\\(w \\+ b\\) = ([0-9.]+).*", "$1"));
        assertThat(q).isCloseTo(2.0 / 7, within(1e-3));
        robot.type(javafx.scene.input.KeyCode.HOME);
        assertThat(fx(() -> topic.currentView().readout())).contains("0 of 40 draws shown");
        robot.type(javafx.scene.input.KeyCode.RIGHT);
        assertThat(fx(() -> topic.currentView().readout())).contains("1 of 40 draws shown");
    }

    @Test
    void csvTablesAreTheDataSetAndEveryCardsSamples(FxRobot robot) throws Exception {
        quick();
        var tables = topic.tables();
        assertThat(tables.get(0).name()).isEqualTo("data");
        assertThat(tables).extracting(org.genlab.core.io.CsvTable::name)
                .contains("samples-kde", "samples-gmm").hasSize(1 + ZooKind.values().length);
        assertThat(tables.get(1).columns()).containsExactly("x", "y");
        assertThat(tables.get(1).rows()).isNotEmpty();
    }
}
