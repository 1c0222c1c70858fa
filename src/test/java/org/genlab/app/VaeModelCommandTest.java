package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genlab.core.vae.Likelihood;
import org.genlab.core.vae.Shapes;
import org.genlab.core.vae.Vae;
import org.genlab.core.vae.VaeFile;
import org.genlab.testing.CliCommandTest;
import org.junit.jupiter.api.Test;

/** {@code genlab vae train|encode|decode}, run in-process: JSON shapes, the model file, exit codes, bad input. */
class VaeModelCommandTest extends CliCommandTest {
    private static final Path BUILT_IN = Path.of("assets").resolve(VaeFile.BUILT_IN);


    @Test
    void trainOnShapesPrintsEpochsAndWritesALoadableModel() throws Exception {
        Path model = dir.resolve("m.genlab-vae");
        assertThat(run("vae", "train", "--dataset", "shapes", "--n", "300", "--epochs", "3", "--hidden", "32", "--seed", "2",
                "--out", model.toString())).isZero();
        JsonNode j = json();
        assertThat(j.get("epochs")).hasSize(3);
        JsonNode e3 = j.get("epochs").get(2);
        assertThat(e3.get("epoch").asInt()).isEqualTo(3);
        assertThat(e3.get("elbo").asDouble()).isCloseTo(-(e3.get("reconstruction").asDouble() + e3.get("kl").asDouble()),
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(e3.get("elbo").asDouble()).isGreaterThan(j.get("epochs").get(0).get("elbo").asDouble());
        assertThat(j.get("secondsPerEpoch").asDouble()).isPositive();
        Vae v = VaeFile.load(model);
        assertThat(v.latentDim()).isEqualTo(2);
        assertThat(v.likelihood()).isEqualTo(Likelihood.BERNOULLI);
        assertThat(v.datasetName()).isEqualTo("shapes");
        assertThat(err).contains("300 shapes").contains("epoch 3/3").contains("wrote");
    }

    @Test
    void trainOnPointsGivesAGaussianModelWithALatentOfOne() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            csv.append(Math.cos(i * 0.1)).append(',').append(Math.sin(i * 0.1)).append('\n');
        }
        Path data = file("arc.csv", csv.toString());
        Path model = dir.resolve("p.genlab-vae");
        assertThat(run("vae", "train", "--dataset", data.toString(), "--epochs", "5", "--out", model.toString())).isZero();
        assertThat(json().get("epochs")).hasSize(5);
        Vae v = VaeFile.load(model);
        assertThat(v.latentDim()).isEqualTo(1);
        assertThat(v.inputDim()).isEqualTo(2);
        assertThat(v.likelihood()).isEqualTo(Likelihood.GAUSSIAN_LEARNED);
        assertThat(v.datasetName()).isEqualTo("arc.csv");
        // encode the same CSV; decode a point; a PNG is refused for a point model
        assertThat(run("vae", "encode", "--model", model.toString(), "--dataset", data.toString(), "--n", "7")).isZero();
        assertThat(json().get("means")).hasSize(7);
        assertThat(json().get("means").get(0)).hasSize(1);
        assertThat(json().has("factors")).isFalse();
        assertThat(run("vae", "decode", "--model", model.toString(), "--z", "0.5")).isZero();
        assertThat(json().get("means").get(0)).hasSize(2);
        assertThat(run("vae", "decode", "--model", model.toString(), "--z", "0.5", "--out", dir.resolve("p.png").toString())).isEqualTo(2);
        assertThat(err).contains("--out: a PNG needs an image model");
        // shapes do not fit a point model
        assertThat(run("vae", "encode", "--model", model.toString(), "--dataset", "shapes", "--n", "3")).isEqualTo(2);
        assertThat(err).contains("--dataset: 3 shapes (256 pixels each) do not fit the model, which takes 2 values");
    }

    @Test
    void encodeTheBuiltInModelPrintsMeansLogvarsAndFactors() throws Exception {
        assertThat(run("vae", "encode", "--model", BUILT_IN.toString(), "--dataset", "shapes", "--n", "20", "--seed", "4")).isZero();
        JsonNode j = json();
        assertThat(j.get("means")).hasSize(20);
        assertThat(j.get("logvars")).hasSize(20);
        assertThat(j.get("factors")).hasSize(20);
        Shapes s = Shapes.generate(20, 4);
        Vae v = VaeFile.load(BUILT_IN);
        Vae.Encoding e = v.encode(s.pixels(13));
        assertThat((float) j.get("means").get(13).get(1).asDouble()).isEqualTo(e.mean()[1]);
        assertThat((float) j.get("logvars").get(13).get(0).asDouble()).isEqualTo(e.logVar()[0]);
        JsonNode f = j.get("factors").get(13);
        assertThat(f.get("kind").asInt()).isEqualTo(s.factors(13).kind());
        assertThat(f.get("rotation").asDouble()).isEqualTo(s.factors(13).rotation());
        assertThat(f.size()).isEqualTo(5);
    }

    @Test
    void decodePrintsMeansOrWritesImagesSideBySide() throws Exception {
        assertThat(run("vae", "decode", "--model", BUILT_IN.toString(), "--z", "0,0", "--z", "1.5,-1")).isZero();
        JsonNode m = json().get("means");
        assertThat(m).hasSize(2);
        assertThat(m.get(1)).hasSize(256);
        float[] direct = VaeFile.load(BUILT_IN).decode(new float[] {1.5f, -1});
        assertThat((float) m.get(1).get(100).asDouble()).isEqualTo(direct[100]);
        Path png = dir.resolve("two.png");
        assertThat(run("vae", "decode", "--model", BUILT_IN.toString(), "--z", "0,0", "--z", "1.5,-1", "--out", png.toString())).isZero();
        assertThat(out).isEmpty();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(2 * 16 * 4);
        assertThat(img.getHeight()).isEqualTo(16 * 4);
        // pixel (row 6, column 9) of the second image, as grey 255 x probability
        int grey = img.getRaster().getSample(64 + 9 * 4 + 1, 6 * 4 + 2, 0);
        assertThat(grey).isEqualTo(Math.round(255 * direct[6 * 16 + 9]));
    }

    @Test
    void badInputExitsTwoNamingWhatAndWhere() throws Exception {
        Path model = dir.resolve("never.genlab-vae");
        assertThat(run("vae", "train", "--dataset", dir.resolve("none.csv").toString(), "--out", model.toString())).isEqualTo(2);
        assertThat(err).contains("--dataset: ").contains("none.csv: no such file");
        Path bad = file("bad.csv", "x,y\n1,2\n3,abc\n");
        assertThat(run("vae", "train", "--dataset", bad.toString(), "--out", model.toString())).isEqualTo(2);
        assertThat(err).contains("--dataset: bad.csv:3:");
        assertThat(run("vae", "train", "--dataset", "shapes", "--latent", "0", "--out", model.toString())).isEqualTo(2);
        assertThat(err).contains("--latent: must be in 1..16, got 0");
        assertThat(run("vae", "train", "--dataset", "shapes", "--latent", "17", "--out", model.toString())).isEqualTo(2);
        assertThat(err).contains("--latent: must be in 1..16, got 17");
        assertThat(run("vae", "train", "--dataset", "shapes", "--beta", "-1", "--out", model.toString())).isEqualTo(2);
        assertThat(err).contains("--beta: must be finite and >= 0");
        assertThat(run("vae", "train", "--dataset", "shapes", "--likelihood", "poisson", "--out", model.toString())).isEqualTo(2);
        assertThat(err).contains("--likelihood: 'poisson' is not bernoulli, gaussian, gaussian-learned");
        Path pts = file("big.csv", "x,y\n5,2\n3,1\n");
        assertThat(run("vae", "train", "--dataset", pts.toString(), "--likelihood", "bernoulli", "--out", model.toString())).isEqualTo(2);
        assertThat(err).contains("--dataset: the Bernoulli likelihood needs values in [0, 1]");
        assertThat(Files.exists(model)).isFalse();

        Path corrupt = file("corrupt.genlab-vae", "not a model");
        assertThat(run("vae", "decode", "--model", corrupt.toString(), "--z", "0,0")).isEqualTo(2);
        assertThat(err).contains("--model: " + corrupt + ": the file is corrupt");
        assertThat(run("vae", "encode", "--model", dir.resolve("gone").toString(), "--dataset", "shapes")).isEqualTo(2);
        assertThat(err).contains("--model: ").contains("gone: no such file");
        assertThat(run("vae", "decode", "--model", BUILT_IN.toString(), "--z", "1,2,3")).isEqualTo(2);
        assertThat(err).contains("--z: '1,2,3' has 3 numbers, the model's latent dimension is 2");
        assertThat(run("vae", "decode", "--model", BUILT_IN.toString(), "--z", "1,x")).isEqualTo(2);
        assertThat(err).contains("--z: '1,x': 'x' is not a finite number");
        assertThat(run("vae", "encode", "--model", BUILT_IN.toString(), "--dataset", "shapes", "--n", "0")).isEqualTo(2);
        assertThat(err).contains("--n: must be at least 1, got 0");
        assertThat(out).isEmpty();
    }

    @Test
    void helpListsTheNewSubcommands() {
        assertThat(run("vae", "--help")).isZero();
        assertThat(out).contains("train").contains("encode").contains("decode").contains("invcdf");
        assertThat(run("vae", "train", "--help")).isZero();
        assertThat(out).contains("--dataset").contains("--latent").contains("--beta").contains("--out");
    }
}
