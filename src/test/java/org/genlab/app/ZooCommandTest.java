package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genlab.core.zoo.ZooFile;
import org.genlab.core.zoo.ZooModel;
import org.genlab.testing.CliCommandTest;
import org.junit.jupiter.api.Test;

/** {@code genlab zoo fit|density|sample} and {@code genlab logistic}, run in-process: JSON shapes, grids, kinds, exit codes, bad input. */
class ZooCommandTest extends CliCommandTest {

    @Test
    void fitSavesAModelWhoseDensityMatchesTheFileAndWhoseGridRunsXFastest() throws Exception {
        assertThat(Cli.isHeadless("zoo")).isTrue();
        Path model = dir.resolve("kde.genlab-zoo");
        assertThat(run("zoo", "fit", "--model", "kde", "--data", "two-blobs", "--bandwidth", "0.3", "--out", model.toString())).isZero();
        assertThat(json().get("model").asText()).isEqualTo("kde");
        assertThat(json().get("points").asInt()).isEqualTo(200);
        assertThat(json().get("estimators").get(0).get("kind").asText()).isEqualTo("exact");
        assertThat(run("zoo", "density", "--model", model.toString(), "--grid", "-4,4,3,-1,1,2")).isZero();
        JsonNode j = json();
        assertThat(j.get("kind").asText()).isEqualTo("exact");
        JsonNode pts = j.get("points");
        assertThat(pts).hasSize(6);
        // x varies fastest: -4, 0, 4 at y = -1, then at y = 1
        double[][] expected = {{-4, -1}, {0, -1}, {4, -1}, {-4, 1}, {0, 1}, {4, 1}};
        ZooModel m = ZooFile.load(model);
        double[] xs = new double[6], ys = new double[6], ld = new double[6];
        for (int i = 0; i < 6; i++) {
            assertThat(pts.get(i).get("x").get(0).asDouble()).isEqualTo(expected[i][0]);
            assertThat(pts.get(i).get("x").get(1).asDouble()).isEqualTo(expected[i][1]);
            xs[i] = expected[i][0];
            ys[i] = expected[i][1];
        }
        m.logDensity(m.estimators().get(0), xs, ys, ld, 0, org.genlab.core.zoo.FitMonitor.NONE, null, 1);
        for (int i = 0; i < 6; i++) {
            assertThat(pts.get(i).get("logDensity").asDouble()).isEqualTo(ld[i]);
            assertThat(pts.get(i).get("density").asDouble()).isCloseTo(Math.exp(ld[i]), within(1e-15));
        }
        // the blob centres (-2, 0) and (2, 0) are denser than the gap between them
        assertThat(run("zoo", "density", "--model", model.toString(), "--at", "-2,0", "--at", "0,0")).isZero();
        assertThat(json().get("points").get(0).get("density").asDouble())
                .isGreaterThan(10 * json().get("points").get(1).get("density").asDouble());
    }

    @Test
    void theVaeIsABoundByDefaultAndAnEstimateWithIsAndSamplesAreReproducible() throws Exception {
        Path model = dir.resolve("vae.genlab-zoo");
        assertThat(run("zoo", "fit", "--model", "vae", "--data", "two-blobs", "--effort", "0.1", "--out", model.toString())).isZero();
        assertThat(run("zoo", "density", "--model", model.toString(), "--at", "2,0")).isZero();
        assertThat(json().get("kind").asText()).isEqualTo("bound");
        double elbo = json().get("points").get(0).get("logDensity").asDouble();
        assertThat(run("zoo", "density", "--model", model.toString(), "--at", "2,0", "--estimator", "is")).isZero();
        assertThat(json().get("kind").asText()).isEqualTo("estimate");
        assertThat(json().get("estimator").asText()).isEqualTo("is");
        double is = json().get("points").get(0).get("logDensity").asDouble();
        assertThat(is).isGreaterThan(elbo - 0.05);
        assertThat(run("zoo", "sample", "--model", model.toString(), "--n", "5", "--seed", "3")).isZero();
        JsonNode s = json().get("samples");
        assertThat(s).hasSize(5);
        assertThat(s.get(0)).hasSize(2);
        String first = out;
        run("zoo", "sample", "--model", model.toString(), "--n", "5", "--seed", "3");
        assertThat(out).isEqualTo(first);
    }

    @Test
    void theDiffusionDensityIsAnEstimate() throws Exception {
        Path model = dir.resolve("d.genlab-zoo");
        assertThat(run("zoo", "fit", "--model", "diffusion", "--data", "two-blobs", "--exact-denoiser", "--out", model.toString())).isZero();
        assertThat(run("zoo", "density", "--model", model.toString(), "--at", "2,0")).isZero();
        assertThat(json().get("kind").asText()).isEqualTo("estimate");
        assertThat(json().get("points").get(0).get("density").asDouble()).isPositive();
    }

    @Test
    void logisticPrintsWBAndQWithinATolerranceOfTheProportion() throws Exception {
        assertThat(Cli.isHeadless("logistic")).isTrue();
        assertThat(run("logistic", "--p", "0.3", "--n", "7")).isZero();
        JsonNode j = json();
        // round(0.3 * 7) = 2 labels 1 out of 7
        assertThat(j.get("q").asDouble()).isCloseTo(2.0 / 7, within(1e-3));
        assertThat(j.get("w").asDouble() + j.get("b").asDouble()).isCloseTo(Math.log((2.0 / 7) / (5.0 / 7)), within(1e-2));
        assertThat(run("logistic", "--p", "1.5", "--n", "7")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err).contains("--p");
        assertThat(run("logistic", "--p", "0.5", "--n", "0")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err).contains("--n");
    }

    @Test
    void badInputNamesTheOptionAndTheFileAndWritesNothing() throws Exception {
        Path model = dir.resolve("m.genlab-zoo");
        assertThat(run("zoo", "fit", "--model", "nope", "--data", "two-blobs", "--out", model.toString())).isEqualTo(Cli.BAD_INPUT);
        assertThat(err).contains("--model").contains("kde, ar, gmm, flow, vae, diffusion");
        Path tiny = file("tiny.csv", "x,y\n0,0\n1,1\n2,0\n");
        assertThat(run("zoo", "fit", "--model", "flow", "--data", tiny.toString(), "--out", model.toString())).isEqualTo(Cli.BAD_INPUT);
        assertThat(err).contains("--data").contains("tiny.csv").contains("at least");
        assertThat(Files.exists(model)).isFalse();
        assertThat(run("zoo", "fit", "--model", "kde", "--data", "two-blobs", "--kernel", "box", "--out", model.toString()))
                .isEqualTo(Cli.BAD_INPUT);
        assertThat(err).contains("--kernel");
        Path junk = file("junk.genlab-zoo", "not a model");
        assertThat(run("zoo", "density", "--model", junk.toString(), "--at", "0,0")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err).contains("--model").contains("junk.genlab-zoo");
        assertThat(run("zoo", "fit", "--model", "kde", "--data", "two-blobs", "--out", model.toString())).isZero();
        assertThat(run("zoo", "density", "--model", model.toString(), "--grid", "1,0,3,0,1,3")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err).contains("--grid");
        assertThat(run("zoo", "density", "--model", model.toString())).isEqualTo(Cli.BAD_INPUT);
        assertThat(err).contains("--at").contains("--grid");
        assertThat(run("zoo", "density", "--model", model.toString(), "--at", "0,0", "--estimator", "is")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err).contains("--estimator").contains("exact");
        assertThat(run("zoo", "sample", "--model", model.toString(), "--n", "0")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err).contains("--n");
    }
}
