package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.genlab.testing.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a user runs it, in a separate JVM with no display at all: the headless
 * subcommands must work from {@code java -jar target/genlab.jar} alone. Runs in the
 * integration-test phase of {@code mvn verify}, after the jar is built.
 */
class JarIT {
    private static final Path JAR = Path.of("target", "genlab.jar");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        File out = dir.resolve("stdout.txt").toFile(), err = dir.resolve("stderr.txt").toFile();
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the jar finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    @Test
    void renderWithoutADisplay() throws Exception {
        Path png = dir.resolve("x.png");
        Run r = java("render", "--pane", "data", "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(800);
        assertThat(Images.distinctColours(img)).isGreaterThan(20);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void dataAndExitCodes() throws Exception {
        Run ok = java("data", "--preset", "two-point", "--out", "-");
        assertThat(ok.code()).isZero();
        assertThat(ok.out().lines()).containsExactly("x,y", "1.0,0.0", "0.0,1.0");
        Run bad = java("data", "--preset", "nope", "--out", "-");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("unknown preset");
    }
}
