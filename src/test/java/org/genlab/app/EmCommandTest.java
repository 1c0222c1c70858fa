package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genlab.testing.CliCommandTest;
import org.junit.jupiter.api.Test;

/** {@code genlab em fit}, run in-process: JSON shape, defaults, exit codes, init-file errors. */
class EmCommandTest extends CliCommandTest {
    @Test
    void fitPrintsEveryIterationAsJsonWithTheDefaults() throws Exception {
        assertThat(Cli.isHeadless("em")).isTrue();
        assertThat(run("em", "fit", "--data", "two-blobs", "--tol", "0", "--iterations", "7")).isZero();
        JsonNode j = json();
        JsonNode its = j.get("iterations");
        assertThat(its).hasSize(8);
        for (int t = 0; t < 8; t++) {
            JsonNode it = its.get(t);
            assertThat(it.get("iteration").asInt()).isEqualTo(t);
            assertThat(it.get("logLikelihood").isDouble()).isTrue();
            assertThat(it.get("weights")).hasSize(2); // default K = 2
            assertThat(it.get("means").get(1)).hasSize(2);
            JsonNode c = it.get("covariances").get(0);
            assertThat(c).hasSize(2);
            assertThat(c.get(0).get(1).asDouble()).isZero(); // default spherical
            assertThat(c.get(0).get(0).asDouble()).isEqualTo(c.get(1).get(1).asDouble());
            if (t > 0) {
                assertThat(it.get("logLikelihood").asDouble()).isGreaterThanOrEqualTo(its.get(t - 1).get("logLikelihood").asDouble() - 1e-9);
            }
        }
        assertThat(j.get("converged").asBoolean()).isFalse();
        assertThat(j.get("events").isArray()).isTrue();
        assertThat(j.get("undefinedValues").asInt()).isZero();
        assertThat(err).contains("em fit: 200 points, K=2 spherical, 7 iterations");
        // reproducible: kmeans++ with seed 0
        String first = out;
        assertThat(run("em", "fit", "--data", "two-blobs", "--tol", "0", "--iterations", "7")).isZero();
        assertThat(out).isEqualTo(first);
    }

    @Test
    void stopsWhenConvergedAndReportsEvents() throws Exception {
        assertThat(run("em", "fit", "--data", "two-blobs", "--k", "3", "--init-strategy", "q5-1", "--covariance", "full")).isZero();
        JsonNode j = json();
        assertThat(j.get("converged").asBoolean()).isTrue();
        assertThat(j.get("iterations").size()).isLessThan(101);
        JsonNode e0 = j.get("events").get(0);
        assertThat(e0.get("iteration").asInt()).isZero();
        assertThat(e0.get("kind").asText()).isEqualTo("identical");
        assertThat(e0.get("components").toString()).isEqualTo("[0,1,2]");
        assertThat(e0.get("message").asText()).contains("identical");
        JsonNode last = j.get("events").get(j.get("events").size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("converged");
        assertThat(last.get("iteration").asInt()).isEqualTo(j.get("iterations").size() - 1);
    }

    @Test
    void everyStrategyAndTypeRuns() throws Exception {
        for (String s : new String[] {"q4", "q5-1", "q5-2", "q5-3", "q5-4", "kmeans++"}) {
            for (String t : new String[] {"spherical", "diagonal", "full"}) {
                assertThat(run("em", "fit", "--data", "three-blobs", "--init-strategy", s, "--covariance", t, "--iterations", "5"))
                        .as(s + " " + t + ": " + err).isZero();
                assertThat(json().get("iterations").get(0).get("weights")).hasSize(2);
            }
        }
        Path csv = file("pts.csv", "x,y\n0,0\n0,0\n0,0\n");
        assertThat(run("em", "fit", "--data", csv.toString(), "--k", "4", "--var-floor", "0", "--covariance", "full")).isZero();
        assertThat(json().get("events").toString()).contains("collapse");
        assertThat(json().get("undefinedValues").asInt()).isZero();
    }

    @Test
    void initFileWithVariancesOrCovariances() throws Exception {
        Path v = file("v.json", "{\"weights\": [0.5, 0.5], \"means\": [[-1, 0], [1, 0]], \"variances\": [1, 2]}");
        assertThat(run("em", "fit", "--data", "two-blobs", "--init", v.toString(), "--iterations", "0")).isZero();
        JsonNode it0 = json().get("iterations").get(0);
        assertThat(it0.get("means").toString()).isEqualTo("[[-1.0,0.0],[1.0,0.0]]");
        assertThat(it0.get("covariances").get(1).toString()).isEqualTo("[[2.0,0.0],[0.0,2.0]]");
        Path c = file("c.json", "{\"weights\": [0.2, 0.3, 0.5], \"means\": [[0, 0], [1, 1], [2, 0]],\n"
                + " \"covariances\": [[[1, 0.5], [0.5, 1]], [[1, 0], [0, 1]], [[2, -1], [-1, 2]]]}");
        assertThat(run("em", "fit", "--data", "three-blobs", "--init", c.toString(), "--covariance", "full", "--iterations", "2")).isZero();
        assertThat(json().get("iterations").get(2).get("weights")).hasSize(3);
        Path unnormalised = file("u.json", "{\"weights\": [1, 3], \"means\": [[0, 0], [1, 1]], \"variances\": [1, 1]}");
        assertThat(run("em", "fit", "--data", "two-blobs", "--init", unnormalised.toString(), "--iterations", "0")).isZero();
        assertThat(json().get("iterations").get(0).get("weights").toString()).isEqualTo("[0.25,0.75]");
        assertThat(err).contains("sum to 4.0").contains("divided by the sum");
    }

    @Test
    void initFileProblemsNameFileLineAndField() throws Exception {
        String[][] cases = {
            {"{\"weights\": [0.5, 0.5],\n \"means\": [[0, 0]],\n \"variances\": [1, 1]}", "bad.json:2: means: has 1 entries, expected 2"},
            {"{\"weights\": [0.5, -0.5],\n \"means\": [[0, 0], [1, 1]], \"variances\": [1, 1]}", "bad.json:1: weights[1]: must be > 0"},
            {"{\"weights\": [0.5, 0.5],\n \"means\": [[0, 0], [1, 1]],\n \"covariances\": [[[1, 0], [0, 1]],\n  [[1, 2], [2, 1]]]}",
                "bad.json:4: covariances[1]: not positive definite"},
            {"{\"weights\": [0.5, 0.5], \"means\": [[0, 0], [1, 1]],\n \"covariances\": [[[1, 0.1], [0.2, 1]], [[1, 0], [0, 1]]]}",
                "bad.json:2: covariances[0]: not symmetric"},
            {"{\"weights\": [0.5, 0.5], \"means\": [[0, 0], [1, 1]],\n \"covariances\": [[[1, 0], [0, 1]], [[1, 0.5], [0.5, 1]]]}",
                "bad.json:2: covariances[1]: not spherical"},
            {"{\"weights\": [0.5, 0.5], \"means\": [[0, \"a\"], [1, 1]], \"variances\": [1, 1]}", "bad.json:1: means[0][1]: must be a number"},
            {"{\"weights\": [0.5, 0.5], \"means\": [[0, 0], [1, 1]],\n \"variances\": [1, 0]}", "bad.json:2: variances[1]: must be > 0"},
            {"{\"weights\": [0.5, 0.5], \"means\": [[0, 0], [1, 1]]}", "missing covariances"},
            {"{\"weights\": [1], \"means\": [[0, 0]], \"variances\": [1],\n \"colour\": 3}", "bad.json:2: colour: unknown field"},
            {"{\"weights\": [0.5, 0.5],\n \"means\": [[0, 0], [1, 1]] \"variances\": [1, 1]}", "bad.json:2: not valid JSON"},
        };
        for (String[] c : cases) {
            Path p = file("bad.json", c[0]);
            assertThat(run("em", "fit", "--data", "two-blobs", "--init", p.toString())).as(c[1]).isEqualTo(2);
            assertThat(err).as(c[1]).contains(c[1]);
            assertThat(out).isEmpty();
        }
        Path three = file("three.json", "{\"weights\": [0.2, 0.3, 0.5], \"means\": [[0, 0], [1, 1], [2, 0]], \"variances\": [1, 1, 1]}");
        assertThat(run("em", "fit", "--data", "two-blobs", "--init", three.toString(), "--k", "2")).isEqualTo(2);
        assertThat(err).contains("weights: has 3 components but --k is 2");
        assertThat(run("em", "fit", "--data", "two-blobs", "--init", dir.resolve("none.json").toString())).isEqualTo(2);
        assertThat(err).contains("none.json: no such file");
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run("em", "fit", "--data", "two-blobs", "--k", "3", "--init-strategy", "q4")).isEqualTo(2);
        assertThat(err).contains("q4").contains("--k 2");
        assertThat(run("em", "fit", "--data", "two-blobs", "--covariance", "tied")).isEqualTo(2);
        assertThat(err).contains("--covariance");
        assertThat(run("em", "fit", "--data", "two-blobs", "--init-strategy", "random")).isEqualTo(2);
        assertThat(err).contains("unknown 'random'");
        assertThat(run("em", "fit", "--data", "two-blobs", "--k", "0")).isEqualTo(2);
        assertThat(run("em", "fit", "--data", "two-blobs", "--tol", "-1")).isEqualTo(2);
        assertThat(run("em", "fit", "--data", "two-blobs", "--var-floor", "-1")).isEqualTo(2);
        assertThat(run("em", "fit", "--data", "two-blobs", "--iterations", "-1")).isEqualTo(2);
        assertThat(run("em", "fit", "--data", "nowhere.csv")).isEqualTo(2);
        assertThat(err).contains("nowhere.csv");
        assertThat(run("em", "fit")).isEqualTo(2);
        assertThat(err).contains("--data");
        assertThat(run("em", "fit", "--data", "two-blobs", "--init", "x.json", "--init-strategy", "q5-1")).isEqualTo(2);
        assertThat(err).contains("not both");
        assertThat(out).isEmpty();
    }

    @Test
    void helpWorks() {
        assertThat(run("em", "--help")).isZero();
        assertThat(out).contains("fit");
        assertThat(run("em", "fit", "--help")).isZero();
        assertThat(out).contains("--init-strategy").contains("--var-floor").contains("--tol");
    }

    /**
     * {@code genlab em ...} runs from a lean command tree (only em under genlab, see
     * {@link Cli#lean}); its help, errors and exit codes are those of the full tree.
     */
    @Test
    void theLeanTreeAnswersAsTheFullTree() {
        String[][] cases = {{"em", "--help"}, {"em", "fit", "--help"}, {"em", "fit"}, {"em", "fit", "--data", "two-blobs", "--k", "0"},
            {"em", "fit", "--data", "two-blobs", "--bogus"}, {"em", "nope"}, {"em", "fit", "--data", "two-blobs", "--iterations", "2"}};
        for (String[] args : cases) {
            int code = run(args);
            java.io.PrintStream oldOut = System.out, oldErr = System.err;
            java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream(), e = new java.io.ByteArrayOutputStream();
            System.setOut(new java.io.PrintStream(o, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(e, true, java.nio.charset.StandardCharsets.UTF_8));
            int fullCode;
            try {
                picocli.CommandLine full = new picocli.CommandLine(new Cli());
                full.setExecutionExceptionHandler((ex, c, parsed) -> Cli.FAILURE);
                fullCode = full.execute(args);
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
            String what = String.join(" ", args);
            assertThat(code).as(what).isEqualTo(fullCode);
            assertThat(out).as(what).isEqualTo(o.toString(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(err).as(what).isEqualTo(e.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
