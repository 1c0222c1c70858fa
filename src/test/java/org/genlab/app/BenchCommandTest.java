package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.genlab.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code genlab bench mlp}, in-process with tiny sizes: the JSON on stdout and the exit codes. */
class BenchCommandTest {
    private String out;
    private String err;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void printsOnlyTheJson() throws Exception {
        assertThat(Cli.isHeadless("bench")).isTrue();
        for (String threads : new String[] {"1", "2"}) {
            assertThat(run("bench", "mlp", "--hidden", "4", "--layers", "1", "--batch", "8", "--steps", "3", "--warmup", "1",
                    "--threads", threads, "--seed", "5")).as(err).isZero();
            JsonNode json = new ObjectMapper().readTree(out);
            assertThat(json.size()).isEqualTo(2);
            assertThat(json.get("stepsPerSecond").isNumber()).isTrue();
            assertThat(json.get("stepsPerSecond").asDouble()).isPositive();
            assertThat(json.get("vector").asBoolean()).isTrue();
            assertThat(out.trim().lines()).hasSize(1);
            assertThat(err).contains("3-4-2");
        }
    }

    @Test
    void badArgumentsExitTwo() {
        String[][] bad = {{"--hidden", "0"}, {"--hidden", "4097"}, {"--layers", "17"}, {"--batch", "0"}, {"--steps", "0"},
            {"--warmup", "-1"}, {"--threads", "65"}, {"--hidden", "abc"}, {"--nope"}};
        for (String[] b : bad) {
            String[] args = new String[b.length + 2];
            args[0] = "bench";
            args[1] = "mlp";
            System.arraycopy(b, 0, args, 2, b.length);
            assertThat(run(args)).as(String.join(" ", b)).isEqualTo(2);
            assertThat(out).isEmpty();
            assertThat(err).isNotEmpty();
        }
        assertThat(run("bench")).isEqualTo(2);
        assertThat(err).contains("mlp");
    }

    @Test
    void help() {
        assertThat(run("bench", "mlp", "--help")).isZero();
        assertThat(out).contains("--hidden").contains("--threads").contains("stepsPerSecond");
        assertThat(run("--help")).isZero();
        assertThat(out).contains("bench");
    }
}
