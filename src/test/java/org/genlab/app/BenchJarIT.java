package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genlab bench mlp} from the shaded jar in a separate JVM: with
 * {@code --add-modules jdk.incubator.vector} it runs the vector path; without it (a plain
 * {@code java -jar}) it still works on the scalar path and says so in one line on stderr.
 */
class BenchJarIT {
    private static final Path JAR = Path.of("target", "genlab.jar");

    @TempDir
    Path dir;

    private String[] run(boolean vectorModule) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (vectorModule) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-jar", JAR.toString(), "bench", "mlp", "--hidden", "8", "--layers", "1", "--batch", "16",
                "--steps", "5", "--warmup", "1"));
        File out = dir.resolve("out.txt").toFile(), err = dir.resolve("err.txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String e = Files.readString(err.toPath());
        assertThat(p.exitValue()).as(e).isZero();
        return new String[] {Files.readString(out.toPath()), e};
    }

    @Test
    void vectorPathWithTheModule() throws Exception {
        String[] r = run(true);
        assertThat(r[0]).matches("\\{\"stepsPerSecond\": [0-9.]+, \"vector\": true}\\R");
        assertThat(r[1]).doesNotContain("scalar path");
    }

    @Test
    void scalarPathWithoutItSaysSoOnce() throws Exception {
        String[] r = run(false);
        assertThat(r[0]).matches("\\{\"stepsPerSecond\": [0-9.]+, \"vector\": false}\\R");
        assertThat(r[1].lines().filter(l -> l.contains("scalar path")).count()).isEqualTo(1);
        assertThat(r[1]).contains("--add-modules jdk.incubator.vector");
    }
}
