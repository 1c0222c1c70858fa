package org.genlab.ui.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.genlab.core.vae.GradientCheck;
import org.genlab.core.vae.InverseCdfOption;
import org.genlab.core.vae.InverseCdfResult;
import org.genlab.core.vae.LinearGaussianElbo;
import org.genlab.core.vae.McLikelihood;
import org.genlab.ui.plot.PlotCanvas;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The VAE pane's four views (question 3) through the window: settings, keys, drags and bad input. */
class VaeTopicTest extends VaePaneTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private void apply(FxRobot robot, Map<String, Object> values) throws Exception {
        robot.interact(() -> topic.apply(values));
        settle();
    }

    private InverseCdfView invcdf() {
        return (InverseCdfView) topic.view("invcdf");
    }

    private static Point2D onScreen(PlotCanvas plot, double x, double y) {
        return plot.localToScreen(plot.worldToScreen(x, y));
    }

    // ---- (b) i-iii ------------------------------------------------------------------------------

    @Test
    void aUniformLatentReproducesTheTargetWithOptionsAAndBOnly(FxRobot robot) throws Exception {
        settle();
        assertThat(topic.currentView()).isSameAs(invcdf());
        for (String target : new String[] {"uniform", "exponential", "mixture"}) {
            apply(robot, Map.of("target", target, "latent", "uniform", "draws", 2000L));
            assertThat(invcdf().comparison()).as(target).extracting(r -> r.passes(0.01)).containsExactly(true, true, false, false);
        }
        InverseCdfResult bDensity = invcdf().comparison().get(InverseCdfOption.B_DENSITY.ordinal());
        assertThat(bDensity.undefined()).as("F⁻¹(p(z)) = F⁻¹(1), beyond the mixture's support, for every z").isEqualTo(2000);
        assertThat(topic.currentView().readout()).contains("KS D =").contains("consistent with p(x)");
    }

    @Test
    void aNormalLatentReproducesTheTargetWithOptionBOnlyAndCountsUndefinedDraws(FxRobot robot) throws Exception {
        apply(robot, Map.of("target", "mixture", "latent", "normal", "option", "a"));
        assertThat(invcdf().comparison()).extracting(r -> r.passes(0.01)).containsExactly(false, true, false, false);
        InverseCdfResult a = invcdf().result();
        assertThat(a.option()).isEqualTo(InverseCdfOption.A);
        // F⁻¹(z) is defined only for 0 < z < 1: about Φ(1) − Φ(0) = 34% of normal draws
        assertThat(a.undefined()).isBetween(1250, 1400);
        assertThat(topic.currentView().readout()).contains(a.undefined() + " undefined").contains("strictly between 0 and 1");
    }

    @Test
    void playRevealsTheDrawsStepByStepAndTheKeysStepAndReset(FxRobot robot) throws Exception {
        settle();
        assertThat(invcdf().revealed()).isEqualTo(2000);
        robot.type(KeyCode.HOME);
        assertThat(invcdf().revealed()).isZero();
        robot.type(KeyCode.RIGHT);
        int one = invcdf().revealed();
        assertThat(one).isBetween(1, 100);
        robot.type(KeyCode.RIGHT);
        assertThat(invcdf().revealed()).isGreaterThan(one);
        robot.type(KeyCode.LEFT);
        assertThat(invcdf().revealed()).isEqualTo(one);
        robot.type(KeyCode.SPACE);
        robot.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        int during = invcdf().revealed();
        assertThat(during).isGreaterThan(one).isLessThan(2000);
        robot.type(KeyCode.SPACE); // pause
        WaitForAsyncUtils.waitForFxEvents();
        int paused = invcdf().revealed();
        robot.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(invcdf().revealed()).as("paused").isEqualTo(paused);
        assertThat(InverseCdfView.countAt(100, 2000)).isEqualTo(2000);
    }

    @Test
    void aDrawnTargetIsReproducedAndAnAllZeroDrawingIsRefused(FxRobot robot) throws Exception {
        apply(robot, Map.of("target", "drawn", "latent", "uniform", "option", "a"));
        assertThat(invcdf().result().passes(0.01)).isTrue();
        PlotCanvas hist = (PlotCanvas) invcdf().canvases().get(0);
        double[] before = invcdf().drawnHeights();
        // raise the bar over x = 0.1 (bin 8 of 16 on [-4, 4]) well above the rest
        robot.drag(onScreen(hist, 0.25, 0.05), MouseButton.PRIMARY).moveTo(onScreen(hist, 0.25, 0.3))
                .moveTo(onScreen(hist, 0.25, 0.4)).release(MouseButton.PRIMARY);
        settle();
        double[] after = invcdf().drawnHeights();
        assertThat(after[8] / Arrays.stream(after).max().orElseThrow()).as("the raised bar is the highest").isEqualTo(1.0);
        assertThat(after).isNotEqualTo(before);
        assertThat(invcdf().result().passes(0.01)).as("F⁻¹(z) reproduces the drawn target too").isTrue();
        // flatten every bar to zero: refused, the drawing kept
        // press inside the plot, then sweep below its floor: every bar goes to 0
        Point2D from = onScreen(hist, -3.9, 0.01), to = onScreen(hist, 3.9, -0.5);
        robot.drag(from, MouseButton.PRIMARY);
        for (double x = -3.9; x <= 3.9; x += 0.25) {
            robot.moveTo(onScreen(hist, x, -0.5));
        }
        robot.moveTo(to).release(MouseButton.PRIMARY);
        settle();
        assertThat(invcdf().drawnHeights()).isEqualTo(after);
        assertThat(topic.message().get()).contains("all zero").contains("kept");
    }

    // ---- (b) iv-vii -------------------------------------------------------------------------------

    @Test
    void theNaiveEstimatorsEffectiveSampleSizeCollapsesWithTheDimension(FxRobot robot) throws Exception {
        apply(robot, Map.of("view", "mc", "dim", 16L, "samples", 1000L, "proposal", "prior"));
        McView mc = (McView) topic.currentView();
        McLikelihood.Estimate e = mc.estimate();
        assertThat(e.ess()).isLessThan(5);
        assertThat(e.error()).as("log of a few lucky weights: far below the truth").isLessThan(-1);
        double[][] ess = mc.essByDimension();
        int prior = McLikelihood.Proposal.PRIOR.ordinal(), post = McLikelihood.Proposal.POSTERIOR.ordinal(),
                wide = McLikelihood.Proposal.WIDE.ordinal();
        assertThat(ess[prior][0]).as("d = 1").isGreaterThan(100);
        assertThat(ess[prior][McView.DIMS.length - 1]).as("d = 64").isLessThan(2);
        for (double v : ess[post]) {
            assertThat(v).as("the exact posterior keeps every sample").isCloseTo(1000, within(1e-6));
        }
        assertThat(ess[wide][McView.DIMS.length - 1]).as("wider: falls, far more slowly").isBetween(10.0, 500.0);
        assertThat(mc.readout()).contains("ESS = ").contains("exact log p(x)");
        apply(robot, Map.of("proposal", "posterior"));
        assertThat(mc.estimate().error()).isCloseTo(0, within(1e-9));
        robot.type(KeyCode.RIGHT);
        settle();
        assertThat(topic.values()).containsEntry("dim", 17L);
    }

    // ---- (c) ----------------------------------------------------------------------------------------

    @Test
    void theElboAndTheKlAddUpToLogPAndTheKlVanishesAtThePosterior(FxRobot robot) throws Exception {
        apply(robot, Map.of("view", "elbo", "q-mean", 0.0, "q-var", 1.0));
        ElboView elbo = (ElboView) topic.currentView();
        LinearGaussianElbo.Breakdown b = elbo.breakdown();
        assertThat(b.elbo() + b.kl()).isCloseTo(b.logp(), within(1e-9));
        assertThat(b.kl()).isGreaterThan(1);
        robot.clickOn("#vae-q-posterior");
        b = elbo.breakdown();
        assertThat(b.kl()).isCloseTo(0, within(1e-12));
        assertThat(b.elbo()).isCloseTo(b.logp(), within(1e-9));
        assertThat((Double) topic.values().get("q-mean")).isCloseTo(7.0 / 11, within(1e-12));
        // drag q's peak to z = -1: the mean follows, the KL grows again
        PlotCanvas latent = (PlotCanvas) elbo.canvases().get(0);
        double peak = 1 / Math.sqrt(2 * Math.PI / 11);
        robot.drag(onScreen(latent, 7.0 / 11, peak), MouseButton.PRIMARY).moveTo(onScreen(latent, 0, peak))
                .moveTo(onScreen(latent, -1, peak)).release(MouseButton.PRIMARY);
        assertThat((Double) topic.values().get("q-mean")).isCloseTo(-1, within(0.05));
        assertThat(elbo.breakdown().kl()).isGreaterThan(1);
        robot.type(KeyCode.HOME);
        assertThat(topic.values()).containsEntry("q-mean", 0.0).containsEntry("q-var", 1.0);
    }

    @Test
    void aVarianceOfZeroIsRefusedWithItsReasonAndChangesNothing(FxRobot robot) throws Exception {
        apply(robot, Map.of("view", "elbo", "q-var", 0.5));
        LinearGaussianElbo.Breakdown before = ((ElboView) topic.currentView()).breakdown();
        TextField var = (TextField) robot.lookup("#param-q-var").queryAs(javafx.scene.layout.HBox.class).getChildren().get(1);
        robot.doubleClickOn(var).eraseText(8).write("0").type(KeyCode.ENTER);
        assertThat(robot.lookup("#param-error").queryLabeled().getText()).contains("Variance of q");
        assertThat(topic.values()).containsEntry("q-var", 0.5);
        assertThat(((ElboView) topic.currentView()).breakdown()).isEqualTo(before);
        apply(robot, Map.of("view", "mc"));
        TextField dim = robot.lookup("#param-dim").queryAs(TextField.class);
        robot.doubleClickOn(dim).eraseText(4).write("65").type(KeyCode.ENTER);
        assertThat(robot.lookup("#param-error").queryLabeled().getText()).contains("Dimension d").contains("64");
        assertThat(topic.values()).containsEntry("dim", 8L);
        TextField m = robot.lookup("#param-samples").queryAs(TextField.class);
        robot.doubleClickOn(m).eraseText(8).write("0").type(KeyCode.ENTER);
        assertThat(robot.lookup("#param-error").queryLabeled().getText()).contains("Samples m");
        assertThat(topic.values()).containsEntry("samples", 1000L);
    }

    // ---- (d) ------------------------------------------------------------------------------------------

    @Test
    void bothGradientEstimatorsAreUnbiasedAndThePrintedEncoderGradientIsZero(FxRobot robot) throws Exception {
        apply(robot, Map.of("view", "reparam", "function", "quadratic", "grad-samples", 4L));
        ReparamView view = (ReparamView) topic.currentView();
        ReparamView.Result r = view.result();
        double[] exact = {2 * 0.5 + -0.5, 4 * -0.5 + 0.5, 2 * 1.0, 4 * 0.5}; // ∇ of μ₁² + σ₁² + 2(μ₂² + σ₂²) + μ₁μ₂
        assertThat(r.exact()).containsExactly(exact, within(1e-12));
        for (int k = 0; k < 4; k++) {
            double[] rep = column(r.reparameterized(), k), sf = column(r.score(), k);
            assertThat(mean(rep)).as("reparameterized, entry %d", k).isCloseTo(exact[k], within(4 * sd(rep) / Math.sqrt(rep.length)));
            assertThat(mean(sf)).as("score function, entry %d", k).isCloseTo(exact[k], within(4 * sd(sf) / Math.sqrt(sf.length)));
            assertThat(sd(sf)).as("the score function is noisier here").isGreaterThan(sd(rep));
        }
        GradientCheck c = r.check();
        assertThat(c.thetaError()).isLessThan(1e-6);
        assertThat(c.phiError()).isLessThan(1e-6);
        assertThat(c.printedPhi()).containsOnly(0.0);
        assertThat(GradientCheck.norm(c.phiFiniteDifference())).isGreaterThan(1e-3);
        assertThat(c.printedThetaError()).isGreaterThan(0.1);
        assertThat(view.readout()).contains("every entry is exactly 0");
    }

    // ---- the pane -------------------------------------------------------------------------------------

    @Test
    void eachViewShowsItsOwnControlsAndALessonCanHideMore(FxRobot robot) throws Exception {
        settle();
        assertThat(visible(robot, "#param-target")).isTrue();
        assertThat(visible(robot, "#param-dim")).isFalse();
        apply(robot, Map.of("view", "mc"));
        assertThat(visible(robot, "#param-target")).isFalse();
        assertThat(visible(robot, "#param-dim")).isTrue();
        robot.interact(() -> topic.setHiddenControls(Set.of("dim")));
        assertThat(visible(robot, "#param-dim")).isFalse();
        assertThat(visible(robot, "#param-samples")).isTrue();
        robot.interact(() -> topic.setHiddenControls(Set.of()));
        apply(robot, Map.of("view", "reparam"));
        assertThat(visible(robot, "#param-mu1")).isTrue();
        assertThat(visible(robot, "#param-samples")).isFalse();
        assertThat(topic.values()).containsEntry("view", "reparam");
    }

    private static boolean visible(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return n.isVisible() && n.getParent() != null && n.getParent().isVisible();
    }

    private static double[] column(double[][] rows, int k) {
        return Arrays.stream(rows).mapToDouble(r -> r[k]).toArray();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}
