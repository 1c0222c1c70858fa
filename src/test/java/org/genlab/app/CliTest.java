package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genlab.core.data.DataCsv;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.testing.Images;
import org.genlab.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless command line, run in-process: outputs, messages and exit codes. */
class CliTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void dataTwoPointIsExactlyTheHomeworkPoints() throws Exception {
        Path f = dir.resolve("two.csv");
        assertThat(run("data", "--preset", "two-point", "--out", f.toString())).isZero();
        Dataset2D d = DataCsv.read(f);
        assertThat(d).isEqualTo(Dataset2D.of(new double[] {1, 0}, new double[] {0, 1}));
        assertThat(out).isEmpty();
        assertThat(err).contains("wrote 2 points");
    }

    @Test
    void dataToStdoutCarriesOnlyTheCsv() throws Exception {
        assertThat(run("data", "--preset", "two-moons", "--n", "10", "--seed", "4", "--out", "-")).isZero();
        Dataset2D d = DataCsv.read(new java.io.StringReader(out), "stdout");
        assertThat(d).isEqualTo(Preset.TWO_MOONS.generate(10, 0.05, 4));
    }

    @Test
    void dataRefusesBadArguments() {
        assertThat(run("data", "--preset", "nope", "--out", dir.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(err).contains("unknown preset 'nope'").contains("two-moons");
        assertThat(run("data", "--preset", "two-blobs", "--n", "0", "--out", dir.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(run("data", "--preset", "two-blobs")).isEqualTo(2);
        assertThat(err).contains("--out");
        assertThat(Files.exists(dir.resolve("x.csv"))).isFalse();
    }

    @Test
    void helpEverywhere() {
        assertThat(run("--help")).isZero();
        assertThat(out).contains("render").contains("data");
        assertThat(run("render", "--help")).isZero();
        assertThat(out).contains("--pane").contains("--scale");
        assertThat(run("data", "--help")).isZero();
        assertThat(out).contains("--preset").contains("eight-gaussians");
    }

    @Test
    void renderWritesAFigureOfSizeTimesScale() throws Exception {
        Path png = dir.resolve("fig.png");
        assertThat(run("render", "--pane", "data", "--size", "600x400", "--scale", "2", "--out", png.toString())).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(800);
        assertThat(Images.distinctColours(img)).isGreaterThan(20);
        assertThat(out).isEmpty();
    }

    @Test
    void renderUsesTheDataFileAndTheSeedReproducibly() throws Exception {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "x,y\n0,0\n1,1\n2,0.5\n");
        Path a = dir.resolve("a.png"), b = dir.resolve("b.png");
        assertThat(run("render", "--pane", "data", "--data", csv.toString(), "--size", "400x300", "--out", a.toString())).isZero();
        assertThat(run("render", "--pane", "data", "--data", csv.toString(), "--size", "400x300", "--out", b.toString())).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        Path s1 = dir.resolve("s1.png"), s2 = dir.resolve("s2.png");
        assertThat(run("render", "--pane", "data", "--seed", "1", "--size", "400x300", "--out", s1.toString())).isZero();
        assertThat(run("render", "--pane", "data", "--seed", "2", "--size", "400x300", "--out", s2.toString())).isZero();
        assertThat(Files.readAllBytes(s1)).isNotEqualTo(Files.readAllBytes(s2));
    }

    @Test
    void dataNamesAPresetOrAFile() throws Exception {
        assertThat(Cli.resolveData("two-point", 0)).isEqualTo(Dataset2D.of(new double[] {1, 0}, new double[] {0, 1}));
        assertThat(Cli.resolveData("eight-gaussians", 5)).isEqualTo(Preset.EIGHT_GAUSSIANS.generate(5));
        Path csv = dir.resolve("two-point");
        Files.writeString(csv, "x,y\n3,3\n");
        assertThat(Cli.resolveData(csv.toString(), 0).size()).isEqualTo(1);
        Path png = dir.resolve("p.png");
        assertThat(run("render", "--pane", "data", "--data", "two-point", "--size", "400x300", "--out", png.toString())).isZero();
    }

    @Test
    void renderALessonStep() throws Exception {
        Path png = dir.resolve("step.png");
        assertThat(run("render", "--lesson", "data-tour", "--step", "2", "--size", "500x400", "--out", png.toString())).isZero();
        assertThat(err).contains("lesson data-tour, step 2");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(500);
        assertThat(run("render", "--lesson", "data-tour", "--step", "9", "--out", png.toString())).isEqualTo(2);
        assertThat(err).contains("steps 1 to 5");
        assertThat(run("render", "--lesson", "nope", "--out", png.toString())).isEqualTo(2);
        assertThat(err).contains("no lesson 'nope'").contains("data-tour");
        assertThat(run("render", "--pane", "data", "--lesson", "data-tour", "--out", png.toString())).isEqualTo(2);
        assertThat(run("render", "--out", png.toString())).isEqualTo(2);
        assertThat(err).contains("give one of --pane NAME, --lesson ID or --state FILE");
    }

    @Test
    void renderTheEmPaneAfterALessonRunsItsIterations() throws Exception {
        Path png = dir.resolve("em.png");
        assertThat(run("render", "--pane", "em", "--size", "500x400", "--out", png.toString())).isZero();
        assertThat(Images.distinctColours(ImageIO.read(png.toFile()))).isGreaterThan(20);
        Path step = dir.resolve("em-step.png");
        assertThat(run("render", "--lesson", "em-initialisations", "--step", "3", "--size", "500x400", "--out",
                step.toString())).isZero();
        assertThat(err).contains("pane 'em'");
        assertThat(Files.readAllBytes(step)).isNotEqualTo(Files.readAllBytes(png));
    }

    @Test
    void aLessonThatDoesNotLoadNamesFileLineAndReason() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(folder.resolve("bad.md"), "---\nid: bad\ntitle: Bad\ntopic: data\n---\n## One\n```genlab\nnoise: 9\n```\n");
        Path png = dir.resolve("bad.png");
        assertThat(run("render", "--lessons", folder.toString(), "--lesson", "bad", "--out", png.toString())).isEqualTo(2);
        assertThat(err).contains("bad.md:8").contains("noise").contains("outside");
        assertThat(run("render", "--lessons", dir.resolve("nowhere").toString(), "--lesson", "bad", "--out", png.toString()))
                .isEqualTo(2);
        assertThat(err).contains("not a folder");
        assertThat(Files.exists(png)).isFalse();
    }

    @Test
    void renderRefusesBadInputWithExitTwo() throws Exception {
        Path png = dir.resolve("x.png");
        assertThat(run("render", "--pane", "nope", "--out", png.toString())).isEqualTo(2);
        assertThat(err).contains("unknown pane 'nope'").contains("data");
        assertThat(run("render", "--pane", "data", "--size", "12", "--out", png.toString())).isEqualTo(2);
        assertThat(err).contains("--size");
        assertThat(run("render", "--pane", "data", "--scale", "0", "--out", png.toString())).isEqualTo(2);
        assertThat(run("render", "--pane", "data", "--format", "gif", "--out", png.toString())).isEqualTo(2);
        assertThat(err).contains("formats: png");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x,y\n1,2\n3,abc\n");
        assertThat(run("render", "--pane", "data", "--data", bad.toString(), "--out", png.toString())).isEqualTo(2);
        assertThat(err).contains("bad.csv:3:2");
        assertThat(run("render", "--pane", "data", "--data", dir.resolve("missing.csv").toString(), "--out", png.toString()))
                .isEqualTo(2);
        assertThat(err).contains("missing.csv");
        assertThat(Files.exists(png)).isFalse();
    }
}
