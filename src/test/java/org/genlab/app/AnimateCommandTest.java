package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genlab.export.GifWriterTest;
import org.genlab.testing.CliCommandTest;
import org.junit.jupiter.api.Test;

/** {@code genlab animate}: GIFs of a pane's own time, with the asked frames, size and timing. */
class AnimateCommandTest extends CliCommandTest {

    @Test
    void emHalfStepsGiveTheAskedFramesSizeAndTiming() throws Exception {
        Path gif = dir.resolve("em.gif");
        assertThat(run("animate", "--pane", "em", "--from", "0", "--to", "8", "--frames", "5", "--fps", "4",
                "--size", "400x300", "--out", gif.toString())).isZero();
        assertThat(err).contains("wrote 5 frames of 400x300 px");
        GifWriterTest.Gif g = GifWriterTest.read(gif);
        assertThat(g.frames()).hasSize(5);
        assertThat(g.frames()).allSatisfy(f -> {
            assertThat(f.getWidth()).isEqualTo(400);
            assertThat(f.getHeight()).isEqualTo(300);
        });
        assertThat(g.delays()).containsOnly(25);
        assertThat(g.loopCount()).isZero(); // for ever
        // EM moves: the first frame (θ₀) and the last (half-step 8) differ
        assertThat(GifWriterTest.sameImage(g.frames().get(0), g.frames().get(4))).isFalse();
    }

    @Test
    void theLastFrameIsTheFigureAsRenderedAtThatTime() throws Exception {
        // diffusion's default figure is at t = 250: an animation ending there ends on that figure
        Path gif = dir.resolve("d.gif"), png = dir.resolve("d.png");
        assertThat(run("animate", "--pane", "diffusion", "--from", "0", "--to", "250", "--frames", "3", "--size", "400x300",
                "--loop", "1", "--out", gif.toString())).isZero();
        assertThat(run("render", "--pane", "diffusion", "--size", "400x300", "--out", png.toString())).isZero();
        GifWriterTest.Gif g = GifWriterTest.read(gif);
        assertThat(g.frames()).hasSize(3);
        assertThat(g.loopCount()).isEqualTo(-1); // played once: no loop extension
        BufferedImage last = g.frames().get(2), rendered = ImageIO.read(png.toFile());
        // the GIF's 256-colour palette moves colours a little, never the picture
        assertThat(SvgExportTest.difference(last, rendered)).isLessThan(0.01);
        assertThat(SvgExportTest.difference(g.frames().get(0), rendered)).isGreaterThan(0.01);
    }

    @Test
    void flowTimeRunsBackwardsToo() throws Exception {
        Path gif = dir.resolve("f.gif");
        assertThat(run("animate", "--pane", "flow", "--from", "1", "--to", "0", "--frames", "2", "--size", "300x200",
                "--out", gif.toString())).isZero();
        assertThat(GifWriterTest.read(gif).frames()).hasSize(2);
    }

    @Test
    void badArgumentsExitTwoAndWriteNothing() throws Exception {
        Path gif = dir.resolve("x.gif");
        assertThat(run("animate", "--pane", "data", "--from", "0", "--to", "1", "--out", gif.toString())).isEqualTo(2);
        assertThat(err).contains("pane 'data' has no time to animate").contains("em (half-steps)");
        assertThat(run("animate", "--pane", "zoo", "--from", "0", "--to", "1", "--out", gif.toString())).isEqualTo(2);
        assertThat(run("animate", "--pane", "flow", "--from", "0", "--to", "2", "--out", gif.toString())).isEqualTo(2);
        assertThat(err).contains("time t runs from 0 to 1; 0 to 2 is outside it");
        assertThat(run("animate", "--pane", "diffusion", "--from", "-1", "--to", "10", "--out", gif.toString())).isEqualTo(2);
        assertThat(run("animate", "--pane", "em", "--from", "0", "--to", "4", "--frames", "0", "--out", gif.toString())).isEqualTo(2);
        assertThat(err).contains("--frames: 0 is outside 1 to 2000");
        assertThat(run("animate", "--pane", "em", "--from", "0", "--to", "4", "--fps", "60", "--out", gif.toString())).isEqualTo(2);
        assertThat(run("animate", "--pane", "em", "--from", "0", "--to", "4", "--loop", "-1", "--out", gif.toString())).isEqualTo(2);
        assertThat(run("animate", "--pane", "em", "--from", "0", "--to", "4", "--size", "10x10", "--out", gif.toString())).isEqualTo(2);
        assertThat(run("animate", "--pane", "em", "--from", "0", "--out", gif.toString())).isEqualTo(2);
        assertThat(run("animate", "--pane", "nope", "--from", "0", "--to", "1", "--out", gif.toString())).isEqualTo(2);
        assertThat(Files.exists(gif)).isFalse();
        assertThat(run("animate", "--help")).isZero();
    }

    @Test
    void sameSettingsGiveTheSameGifByteForByte() throws Exception {
        Path a = dir.resolve("a.gif"), b = dir.resolve("b.gif");
        for (Path p : new Path[] {a, b}) {
            assertThat(run("animate", "--pane", "em", "--set", "init=q5-3", "--seed", "4", "--from", "0", "--to", "6",
                    "--frames", "4", "--size", "300x200", "--out", p.toString())).isZero();
        }
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void theVaeLatentViewAnimatesItsTraining() throws Exception {
        Path gif = dir.resolve("vae.gif");
        assertThat(run("animate", "--pane", "vae", "--set", "view=latent", "--from", "0", "--to", "60", "--frames", "3",
                "--size", "500x350", "--out", gif.toString())).isZero();
        GifWriterTest.Gif g = GifWriterTest.read(gif);
        assertThat(g.frames()).hasSize(3);
        // an untrained model at step 0, a trained one at step 60
        assertThat(SvgExportTest.difference(g.frames().get(0), g.frames().get(2))).isGreaterThan(0.01);
        // the other views of the pane have no time; --set names what it sets
        assertThat(run("animate", "--pane", "vae", "--from", "0", "--to", "1", "--out", gif.toString())).isEqualTo(2);
        assertThat(err).contains("vae with --set view=latent");
        assertThat(run("animate", "--pane", "vae", "--set", "view=nope", "--from", "0", "--to", "1", "--out", gif.toString()))
                .isEqualTo(2);
        assertThat(err).contains("--set view:");
        assertThat(run("render", "--pane", "em", "--set", "k", "--out", dir.resolve("x.png").toString())).isEqualTo(2);
        assertThat(err).contains("'k' is not NAME=VALUE");
    }
}
