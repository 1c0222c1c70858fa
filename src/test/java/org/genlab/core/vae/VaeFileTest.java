package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Activation;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.MlpFile;
import org.genlab.core.nn.MlpShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file: a round trip keeps every number; bad files are refused with the reason. */
class VaeFileTest {
    @TempDir
    Path dir;

    private static Vae small(Likelihood lik, int in) {
        Mlp enc = Mlp.create(MlpShape.of(in, 8, 1, 4, Activation.RELU), new Rng(1));
        Mlp dec = Mlp.create(MlpShape.of(2, 8, 1, lik.decoderOutputs(in), Activation.RELU), new Rng(2));
        return Vae.of(enc, dec, lik, 0.75, 0.2, "test-set");
    }

    /** A file by hand: header fields and two networks, each possibly broken. */
    private static byte[] craft(String magic, int version, String lik, int in, int latent, double beta, double variance, Mlp enc, Mlp dec)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes); DataOutputStream d = new DataOutputStream(gz)) {
            d.write(magic.getBytes(StandardCharsets.US_ASCII));
            d.writeInt(version);
            d.writeUTF(lik);
            d.writeInt(in);
            d.writeInt(latent);
            d.writeDouble(beta);
            d.writeDouble(variance);
            d.writeUTF("x");
            for (Mlp net : new Mlp[] {enc, dec}) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                MlpFile.write(net, b);
                d.writeInt(b.size());
                b.writeTo(d);
            }
        }
        return bytes.toByteArray();
    }

    private Path file(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    @Test
    void roundTripKeepsEveryNumber() throws IOException {
        for (Likelihood lik : Likelihood.values()) {
            Vae v = small(lik, 5);
            Path p = dir.resolve(lik.id() + ".genlab-vae");
            VaeFile.save(v, p);
            Vae back = VaeFile.load(p);
            assertThat(back.likelihood()).isEqualTo(lik);
            assertThat(back.latentDim()).isEqualTo(2);
            assertThat(back.inputDim()).isEqualTo(5);
            assertThat(back.beta()).isEqualTo(0.75);
            assertThat(back.variance()).isEqualTo(0.2);
            assertThat(back.datasetName()).isEqualTo("test-set");
            assertThat(back.encoder().parameters()).isEqualTo(v.encoder().parameters());
            assertThat(back.decoder().parameters()).isEqualTo(v.decoder().parameters());
            assertThat(back.encoder().shape()).isEqualTo(v.encoder().shape());
            float[] x = {0.1f, 0.9f, 0.3f, 0.5f, 0.2f};
            assertThat(back.decode(new float[] {1, -2})).isEqualTo(v.decode(new float[] {1, -2}));
            assertThat(back.encode(x).mean()).isEqualTo(v.encode(x).mean());
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndTheReason() throws IOException {
        Vae v = small(Likelihood.BERNOULLI, 5);
        ByteArrayOutputStream good = new ByteArrayOutputStream();
        VaeFile.write(v, good);
        byte[] g = good.toByteArray();
        Mlp enc = v.encoder(), dec = v.decoder();

        assertThatThrownBy(() -> VaeFile.load(file("cut.genlab-vae", Arrays.copyOf(g, g.length / 2))))
                .isInstanceOf(VaeFormatException.class).hasMessage("cut.genlab-vae: the file is truncated");
        assertThatThrownBy(() -> VaeFile.load(file("text.genlab-vae", "hello".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(VaeFormatException.class).hasMessageStartingWith("text.genlab-vae: the file is corrupt");
        ByteArrayOutputStream mlp = new ByteArrayOutputStream();
        MlpFile.write(enc, mlp);
        assertThatThrownBy(() -> VaeFile.load(file("net.mlp.gz", mlp.toByteArray())))
                .hasMessage("net.mlp.gz: not a GenLab VAE file (wrong magic)");
        assertThatThrownBy(() -> VaeFile.read(new java.io.ByteArrayInputStream(craft("GENLBVAE", 2, "bernoulli", 5, 2, 1, 1, enc, dec))))
                .hasMessage("format version 2 is not supported (this GenLab reads version 1)");
        assertThatThrownBy(() -> VaeFile.read(new java.io.ByteArrayInputStream(craft("GENLBVAE", 1, "poisson", 5, 2, 1, 1, enc, dec))))
                .hasMessageStartingWith("unknown likelihood 'poisson'");
        assertThatThrownBy(() -> VaeFile.read(new java.io.ByteArrayInputStream(craft("GENLBVAE", 1, "bernoulli", 5, 3, 1, 1, enc, dec))))
                .hasMessage("the decoder takes 2 inputs, the header's latent dimension is 3");
        assertThatThrownBy(() -> VaeFile.read(new java.io.ByteArrayInputStream(craft("GENLBVAE", 1, "bernoulli", 6, 2, 1, 1, enc, dec))))
                .hasMessage("the encoder takes 5 inputs, the header says 6");
        assertThatThrownBy(() -> VaeFile.read(new java.io.ByteArrayInputStream(craft("GENLBVAE", 1, "gaussian-learned", 5, 2, 1, 1, enc, dec))))
                .hasMessage("the decoder has 5 outputs, expected 10 (gaussian-learned for 5 inputs)");
        assertThatThrownBy(() -> VaeFile.read(new java.io.ByteArrayInputStream(craft("GENLBVAE", 1, "bernoulli", 5, 17, 1, 1, enc, dec))))
                .hasMessage("latent dimension 17 is outside 1..16");
        assertThatThrownBy(() -> VaeFile.read(new java.io.ByteArrayInputStream(craft("GENLBVAE", 1, "bernoulli", 5, 2, Double.NaN, 1, enc, dec))))
                .hasMessage("beta is NaN (must be finite and >= 0)");
        float[] p = dec.parameters();
        p[3] = Float.NaN;
        Mlp nanDec = Mlp.of(dec.shape(), p);
        assertThatThrownBy(() -> VaeFile.read(new java.io.ByteArrayInputStream(craft("GENLBVAE", 1, "bernoulli", 5, 2, 1, 1, enc, nanDec))))
                .isInstanceOf(VaeFormatException.class).hasMessage("decoder: parameter 3 is NaN");
        assertThatThrownBy(() -> VaeFile.load(dir.resolve("missing.genlab-vae"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theBuiltInModelLoadsFromTheClasspath() throws IOException {
        long t0 = System.nanoTime();
        Vae v = VaeFile.loadBuiltIn();
        System.out.printf("built-in model loaded in %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        assertThat(v.likelihood()).isEqualTo(Likelihood.BERNOULLI);
        assertThat(v.latentDim()).isEqualTo(2);
        assertThat(v.inputDim()).isEqualTo(Shapes.PIXELS);
        assertThat(v.beta()).isEqualTo(1.0);
        assertThat(v.datasetName()).isEqualTo("shapes");
        assertThat(Files.size(Path.of("assets").resolve(VaeFile.BUILT_IN))).isLessThan(2L << 20);
    }
}
