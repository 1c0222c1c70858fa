package org.genlab.ui.vae;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javafx.scene.input.KeyCode;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.vae.Likelihood;
import org.genlab.core.vae.Shapes;
import org.genlab.core.vae.Vae;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The VAE pane's latent view: the shipped model at start, decoding under the pointer, picks, training, points. */
class LatentViewTest extends VaePaneTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private LatentView latent(FxRobot robot, Map<String, Object> values) throws Exception {
        robot.interact(() -> topic.apply(values));
        settle();
        return (LatentView) topic.currentView();
    }

    @Test
    void theShippedModelIsShownAtOnceAndItsLatentMeansEncodeThePosition(FxRobot robot) throws Exception {
        LatentView v = latent(robot, Map.of("view", "latent"));
        Vae m = v.model();
        assertThat(m.datasetName()).isEqualTo("shapes");
        assertThat(m.latentDim()).isEqualTo(2);
        assertThat(v.encodings().size()).isEqualTo(LatentView.SHOWN);
        // least squares of the x position on (1, z1, z2): the map holds the position (R² well above 0)
        Shapes shapes = v.shapes();
        int[] items = v.shownItems();
        double r2x = r2(v, shapes, items, "x"), r2y = r2(v, shapes, items, "y");
        assertThat(Math.max(r2x, r2y)).as("R² of a position factor on the latent means").isGreaterThan(0.5);
        assertThat(v.interpolationSize()).as("two items picked to start with").isEqualTo(LatentView.INTERPOLATION);
        assertThat(v.readout()).contains("shipped model");
    }

    private static double r2(LatentView v, Shapes shapes, int[] items, String factor) {
        int n = items.length;
        double[][] a = new double[3][3];
        double[] b = new double[3];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += shapes.factor(items[i], factor) / n;
        }
        for (int i = 0; i < n; i++) {
            double[] f = {1, v.encodings().means()[i][0], v.encodings().means()[i][1]};
            double y = shapes.factor(items[i], factor);
            for (int r = 0; r < 3; r++) {
                b[r] += f[r] * y;
                for (int c = 0; c < 3; c++) {
                    a[r][c] += f[r] * f[c];
                }
            }
        }
        double[] w = solve3(a, b);
        double ssr = 0, sst = 0;
        for (int i = 0; i < n; i++) {
            double y = shapes.factor(items[i], factor);
            double fit = w[0] + w[1] * v.encodings().means()[i][0] + w[2] * v.encodings().means()[i][1];
            ssr += (y - fit) * (y - fit);
            sst += (y - mean) * (y - mean);
        }
        return 1 - ssr / sst;
    }

    private static double[] solve3(double[][] a, double[] b) {
        org.apache.commons.math3.linear.RealMatrix m = new org.apache.commons.math3.linear.Array2DRowRealMatrix(a);
        return new org.apache.commons.math3.linear.LUDecomposition(m).getSolver()
                .solve(new org.apache.commons.math3.linear.ArrayRealVector(b)).toArray();
    }

    @Test
    void theImageUnderThePointerIsTheDecodingOfThatLatentPoint(FxRobot robot) throws Exception {
        LatentView v = latent(robot, Map.of("view", "latent"));
        robot.interact(() -> v.hoverAt(1.2, -0.7));
        float[] dec = v.model().decode(new float[] {1.2f, -0.7f});
        var img = v.hoverPicture();
        for (int k : new int[] {0, 37, 120, 136, 255}) {
            int argb = img.getPixelReader().getArgb(k % Shapes.SIDE, k / Shapes.SIDE);
            int expected = 255 - Math.round(dec[k] * 255);
            assertThat(argb & 0xFF).as("pixel %d", k).isBetween(expected - 1, expected + 1);
        }
        assertThat(v.readout()).contains("decoded at z = (1.20, -0.70)");
        robot.interact(() -> {
            v.pick(5);
            v.pick(6);
        });
        assertThat(v.interpolationSize()).isEqualTo(LatentView.INTERPOLATION);
    }

    @Test
    void trainingOnPointsLowersTheNegativeElboAndPausesWithSpace(FxRobot robot) throws Exception {
        LatentView v = latent(robot, Map.of("view", "latent", "data", "points", "latent-dim", 1L, "epochs", 60L));
        assertThat(v.model().inputDim()).isEqualTo(2);
        assertThat(v.model().likelihood()).isEqualTo(Likelihood.GAUSSIAN_LEARNED);
        robot.clickOn("#vae-train");
        long deadline = System.currentTimeMillis() + 60_000;
        while (v.trainer() == null || v.trainer().remaining() > 0) {
            assertThat(System.currentTimeMillis()).as("training finishes").isLessThan(deadline);
            robot.sleep(100);
        }
        robot.sleep(300);
        settle();
        var s = v.negElbo();
        assertThat(s.size()).isGreaterThan(1);
        assertThat(s.y(s.size() - 1)).as("−ELBO at the end below the start").isLessThan(s.y(0) - 0.5);
        assertThat(v.readout()).contains("epoch").contains("reconstruction");
        // Space starts a new run (the last one finished), Space again pauses it
        robot.interact(() -> topic.apply(Map.of("epochs", 500L)));
        robot.type(KeyCode.SPACE);
        robot.sleep(300);
        robot.type(KeyCode.SPACE);
        robot.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        int done = v.trainer().stepsDone();
        robot.sleep(300);
        assertThat(v.trainer().stepsDone()).as("paused").isEqualTo(done);
        assertThat(v.trainer().remaining()).isGreaterThan(0);
    }

    @Test
    void theDataPanesPointsAndANewBetaStartAgain(FxRobot robot) throws Exception {
        robot.interact(() -> topic.apply(Map.of("view", "invcdf")));
        settle();
        Dataset2D moons = Preset.TWO_MOONS.generate(300, 0.05, 3);
        robot.interact(() -> topic.useData(moons));
        settle();
        LatentView v = (LatentView) topic.currentView();
        assertThat(topic.values()).containsEntry("view", "latent").containsEntry("data", "points");
        assertThat(v.encodings().size()).isEqualTo(300);
        assertThat(topic.message().get()).contains("300 points");
        robot.interact(() -> topic.useData(Dataset2D.EMPTY));
        assertThat(topic.message().get()).contains("empty");
        assertThat(topic.values()).containsEntry("view", "latent");
        assertThat(v.encodings().size()).isEqualTo(300);
        latent(robot, Map.of("data", "shapes", "beta", 4.0));
        assertThat(v.trainer()).isNull();
        assertThat(v.readout()).contains("untrained");
    }

    @Test
    void theCsvTableHoldsEveryShownItemsEncodingAndFactors(FxRobot robot) throws Exception {
        LatentView v = latent(robot, Map.of("view", "latent"));
        var tables = topic.tables();
        assertThat(tables).hasSize(1);
        var t = tables.get(0);
        assertThat(t.columns()).containsExactly("item", "mu1", "mu2", "logvar1", "logvar2", "kind", "x", "y", "scale", "rotation");
        assertThat(t.rows()).hasSize(v.encodings().size());
        assertThat((float) t.rows().get(5)[1]).isEqualTo(v.encodings().means()[5][0]);
        assertThat((float) t.rows().get(5)[4]).isEqualTo(v.encodings().logVars()[5][1]);
    }
}
