package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.diffusion.ExactDiffusion;
import org.genlab.core.diffusion.NoiseSchedule;
import org.genlab.core.diffusion.Prediction;
import org.genlab.testing.CliCommandTest;
import org.junit.jupiter.api.Test;

/** {@code genlab diffusion eps|sample}, run in-process: JSON shape, defaults, exit codes, bad input. */
class DiffusionCommandTest extends CliCommandTest {
    @Test
    void epsPrintsEpsScoreAndPosteriorWithTheDefaultSchedule() throws Exception {
        assertThat(Cli.isHeadless("diffusion")).isTrue();
        assertThat(run("diffusion", "eps", "--data", "two-point", "--t", "250", "--at", "0.5,0.2", "--at", "-1,3")).isZero();
        JsonNode j = json();
        assertThat(j.get("t").asInt()).isEqualTo(250);
        NoiseSchedule s = NoiseSchedule.linear(); // the defaults: linear, T = 1000, 1e-4 .. 0.02
        assertThat(j.get("alphaBar").asDouble()).isEqualTo(s.alphaBar(250));
        JsonNode points = j.get("points");
        assertThat(points).hasSize(2);
        ExactDiffusion d = new ExactDiffusion(Dataset2D.of(new double[] {1, 0}, new double[] {0, 1}), s);
        Prediction p = d.predict(250, -1, 3);
        JsonNode second = points.get(1);
        assertThat(second.get("x").get(0).asDouble()).isEqualTo(-1.0);
        assertThat(second.get("x").get(1).asDouble()).isEqualTo(3.0);
        assertThat(second.get("eps").get(0).asDouble()).isEqualTo(p.epsX());
        assertThat(second.get("eps").get(1).asDouble()).isEqualTo(p.epsY());
        assertThat(second.get("score").get(0).asDouble()).isEqualTo(p.scoreX());
        assertThat(second.get("posterior")).hasSize(2);
        assertThat(second.get("posterior").get(0).asDouble()).isEqualTo(p.posterior()[0]);
        // x = (-1, 3) is far nearer [0, 1], the second data row
        assertThat(second.get("posterior").get(1).asDouble()).isGreaterThan(0.99);
        assertThat(err).contains("t=250 of 1000 (linear)");
    }

    @Test
    void posteriorFollowsTheDataRowsOfACsv() throws Exception {
        Path csv = file("three.csv", "x,y,weight\n5,5,1\n0,1,2\n1,0,1\n");
        assertThat(run("diffusion", "eps", "--data", csv.toString(), "--schedule", "cosine", "--T", "50", "--t", "3",
                "--at", "4.9,5")).isZero();
        JsonNode w = json().get("points").get(0).get("posterior");
        assertThat(w).hasSize(3);
        assertThat(w.get(0).asDouble()).isCloseTo(1, within(1e-9));
        assertThat(w.get(0).asDouble() + w.get(1).asDouble() + w.get(2).asDouble()).isCloseTo(1, within(1e-12));
    }

    @Test
    void sampleWithEachSamplerPrintsSamplesNearTheData() throws Exception {
        for (String[] extra : new String[][] {{"--sampler", "ddim"}, {"--sampler", "ode", "--steps", "50"},
            {"--sampler", "ddpm", "--variance", "beta"}, {"--sampler", "ddpm"}}) {
            String[] args = concat(new String[] {"diffusion", "sample", "--data", "two-point", "--n", "300", "--seed", "7"}, extra);
            assertThat(run(args)).as(String.join(" ", extra)).isZero();
            JsonNode samples = json().get("samples");
            assertThat(samples).hasSize(300);
            for (JsonNode s : samples) {
                assertThat(s).hasSize(2);
                double x = s.get(0).asDouble(), y = s.get(1).asDouble();
                assertThat(Math.min(Math.hypot(x - 1, y), Math.hypot(x, y - 1))).isLessThan(0.05);
            }
        }
        // same seed, same samples
        run("diffusion", "sample", "--data", "two-point", "--n", "50", "--sampler", "ddpm", "--seed", "3");
        String first = out;
        run("diffusion", "sample", "--data", "two-point", "--n", "50", "--sampler", "ddpm", "--seed", "3");
        assertThat(out).isEqualTo(first);
        assertThat(err).contains("Sampler[ddpm, posterior]").contains("T=1000");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void badInputExitsTwoWithNothingOnStdout() throws Exception {
        Path empty = file("empty.csv", "x,y\n");
        Path zero = file("zero.csv", "x,y,weight\n1,0,0\n0,1,0\n");
        String[][] cases = {
            {"diffusion", "eps", "--data", "two-point", "--t", "0", "--at", "0,0"},
            {"diffusion", "eps", "--data", "two-point", "--t", "1001", "--at", "0,0"},
            {"diffusion", "eps", "--data", "two-point", "--T", "10", "--t", "11", "--at", "0,0"},
            {"diffusion", "eps", "--data", "two-point", "--t", "1", "--at", "0,0", "--beta-start", "0"},
            {"diffusion", "eps", "--data", "two-point", "--t", "1", "--at", "0,0", "--beta-end", "1.5"},
            {"diffusion", "sample", "--data", "two-point", "--n", "5", "--sampler", "ddim", "--schedule", "constant", "--beta-start", "1"},
            {"diffusion", "eps", "--data", "two-point", "--t", "1", "--at", "0,0", "--T", "0"},
            {"diffusion", "sample", "--data", empty.toString(), "--n", "5", "--sampler", "ddim"},
            {"diffusion", "sample", "--data", zero.toString(), "--n", "5", "--sampler", "ddim"},
            {"diffusion", "eps", "--data", "two-point", "--t", "1", "--at", "0;0"},
            {"diffusion", "eps", "--data", "two-point", "--t", "1", "--at", "NaN,0"},
            {"diffusion", "eps", "--data", "nowhere.csv", "--t", "1", "--at", "0,0"},
            {"diffusion", "eps", "--data", "two-point", "--t", "1", "--at", "0,0", "--schedule", "sigmoid"},
            {"diffusion", "sample", "--data", "two-point", "--n", "0", "--sampler", "ddim"},
            {"diffusion", "sample", "--data", "two-point", "--n", "5", "--sampler", "euler"},
            {"diffusion", "sample", "--data", "two-point", "--n", "5", "--sampler", "ddpm", "--variance", "big"},
            {"diffusion", "sample", "--data", "two-point", "--n", "5", "--sampler", "ode", "--steps", "0"},
            {"diffusion", "sample", "--data", "two-point", "--n", "5", "--sampler", "ode", "--T", "50", "--steps", "51"},
            {"diffusion", "eps", "--data", "two-point", "--at", "0,0"},
            {"diffusion", "eps", "--data", "two-point", "--t", "x", "--at", "0,0"},
        };
        String[] says = {"--t: must be in 1..1000", "--t: must be in 1..1000", "--t: must be in 1..10", "--beta-start: must be in (0, 1)",
            "--beta-end: must be in (0, 1)", "--beta-start: must be in (0, 1)", "--T: ", "the data set is empty", "weight must be > 0",
            "--at: '0;0'", "--at: 'NaN,0'", "no such file", "--schedule: 'sigmoid'", "--n: ", "--sampler: 'euler'", "--variance: 'big'",
            "--steps: ", "--steps: must be in 1..50", "--t", "--t"};
        for (int k = 0; k < cases.length; k++) {
            assertThat(run(cases[k])).as(String.join(" ", cases[k])).isEqualTo(2);
            assertThat(out).as(String.join(" ", cases[k])).isEmpty();
            assertThat(err).as(String.join(" ", cases[k])).contains(says[k]);
        }
        assertThat(run("diffusion", "sample", "--data", empty.toString(), "--n", "5", "--sampler", "ddim")).isEqualTo(2);
        assertThat(err).contains("genlab diffusion sample: --data: " + empty);
    }

    @Test
    void helpListsBothSubcommands() {
        assertThat(run("diffusion", "--help")).isZero();
        assertThat(out).contains("eps").contains("sample");
        assertThat(run("diffusion", "sample", "--help")).isZero();
        assertThat(out).contains("--sampler").contains("--variance").contains("--steps");
    }
}
