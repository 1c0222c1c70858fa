package org.genlab.core.vae;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.genlab.core.io.AtomicFiles;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.MlpFile;
import org.genlab.core.nn.MlpFormatException;

/**
 * Saves and loads a {@link Vae} (conventionally {@code .genlab-vae}): a gzip stream (whose
 * CRC-32 catches corruption) holding, big-endian,
 * <pre>
 *   "GENLBVAE"                        8 bytes, the magic
 *   int version                       {@value #VERSION}
 *   likelihood id                     modified UTF-8: bernoulli, gaussian or gaussian-learned
 *   int input dimension, int latent dimension (1..16)
 *   double beta (finite, &gt;= 0), double variance (finite, &gt; 0; σ² of the fixed Gaussian)
 *   data set name                     modified UTF-8
 *   int length, then the encoder      an {@link MlpFile} stream of that many bytes
 *   int length, then the decoder      likewise
 * </pre>
 * and nothing after. A file that is not one, is truncated or corrupt, has another version,
 * a network of the wrong shape for the header or a parameter that is not finite is refused
 * with a {@link VaeFormatException} naming the reason (and, through {@link #load(Path)}, the file).
 */
public final class VaeFile {
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    /** The shipped model's name on the classpath (in the jar) and under {@code assets/} in a checkout. */
    public static final String BUILT_IN = "models/vae-shapes.genlab-vae";
    private static final byte[] MAGIC = "GENLBVAE".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_NET_BYTES = 256 << 20;

    private VaeFile() {
    }

    /** Writes {@code vae} to {@code out} (gzip-compressed; {@code out} is finished, not closed). */
    public static void write(Vae vae, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        d.write(MAGIC);
        d.writeInt(VERSION);
        d.writeUTF(vae.likelihood().id());
        d.writeInt(vae.inputDim());
        d.writeInt(vae.latentDim());
        d.writeDouble(vae.beta());
        d.writeDouble(vae.variance());
        d.writeUTF(vae.datasetName());
        for (Mlp net : new Mlp[] {vae.encoder(), vae.decoder()}) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            MlpFile.write(net, b);
            d.writeInt(b.size());
            b.writeTo(d);
        }
        d.flush();
        gz.finish();
    }

    /** Reads a model from {@code in} (read to its end). */
    public static Vae read(InputStream in) throws IOException {
        try {
            DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
            byte[] magic = new byte[MAGIC.length];
            d.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new VaeFormatException("not a GenLab VAE file (wrong magic)");
            }
            int version = d.readInt();
            if (version != VERSION) {
                throw new VaeFormatException("format version " + version + " is not supported (this GenLab reads version " + VERSION + ")");
            }
            String likId = d.readUTF();
            Likelihood lik = Likelihood.byId(likId).orElseThrow(() -> new VaeFormatException(
                    "unknown likelihood '" + likId + "' (known: " + String.join(", ", Likelihood.ids()) + ")"));
            int inputDim = d.readInt();
            if (inputDim < 1 || inputDim > 1 << 20) {
                throw new VaeFormatException("corrupt header: input dimension " + inputDim);
            }
            int latent = d.readInt();
            if (latent < 1 || latent > VaeSettings.MAX_LATENT) {
                throw new VaeFormatException("latent dimension " + latent + " is outside 1.." + VaeSettings.MAX_LATENT);
            }
            double beta = d.readDouble();
            if (!(beta >= 0) || !Double.isFinite(beta)) {
                throw new VaeFormatException("beta is " + beta + " (must be finite and >= 0)");
            }
            double variance = d.readDouble();
            if (!(variance > 0) || !Double.isFinite(variance)) {
                throw new VaeFormatException("variance is " + variance + " (must be finite and > 0)");
            }
            String name = d.readUTF();
            Mlp enc = network(d, "encoder");
            Mlp dec = network(d, "decoder");
            if (enc.shape().inputs() != inputDim) {
                throw new VaeFormatException("the encoder takes " + enc.shape().inputs() + " inputs, the header says " + inputDim);
            }
            if (dec.shape().inputs() != latent) {
                throw new VaeFormatException("the decoder takes " + dec.shape().inputs() + " inputs, the header's latent dimension is " + latent);
            }
            String why = Vae.shapeProblem(enc.shape(), dec.shape(), lik);
            if (why != null) {
                throw new VaeFormatException(why);
            }
            if (d.read() != -1) {
                throw new VaeFormatException("unexpected data after the decoder");
            }
            return new Vae(enc, dec, lik, beta, variance, name);
        } catch (EOFException | UTFDataFormatException e) {
            throw new VaeFormatException("the file is truncated", e);
        } catch (ZipException e) {
            throw new VaeFormatException("the file is corrupt (" + e.getMessage() + ")", e);
        }
    }

    private static Mlp network(DataInputStream d, String which) throws IOException {
        int len = d.readInt();
        if (len < 1 || len > MAX_NET_BYTES) {
            throw new VaeFormatException("corrupt header: the " + which + " has " + len + " bytes");
        }
        byte[] b = new byte[len];
        d.readFully(b);
        try {
            return MlpFile.read(new ByteArrayInputStream(b));
        } catch (MlpFormatException e) {
            throw new VaeFormatException(which + ": " + e.getMessage(), e);
        }
    }

    /** Saves to {@code file} atomically ({@link AtomicFiles}): a failed write leaves no file and an old one untouched. */
    public static void save(Vae vae, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(vae, out));
    }

    /**
     * Loads a model from {@code file}.
     *
     * @throws NoSuchFileException if there is no such file
     * @throws VaeFormatException naming the file and what is wrong with it
     */
    public static Vae load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (VaeFormatException e) {
            throw new VaeFormatException(file.getFileName() + ": " + e.getMessage(), e.getCause());
        }
    }

    /**
     * The shipped pretrained model ({@code vae-shapes}: {@link Shapes}, latent 2, Bernoulli),
     * from the classpath (the jar, or {@code target/classes}) or, failing that, from
     * {@code assets/models/} under the working directory (a checkout). Loads in a few tens of ms.
     *
     * @throws IOException if it is in neither place, or does not load
     */
    public static Vae loadBuiltIn() throws IOException {
        InputStream in = VaeFile.class.getClassLoader().getResourceAsStream(BUILT_IN);
        if (in != null) {
            try (in) {
                return read(in);
            } catch (VaeFormatException e) {
                throw new VaeFormatException("built-in " + BUILT_IN + ": " + e.getMessage(), e.getCause());
            }
        }
        Path file = Path.of("assets").resolve(BUILT_IN);
        if (Files.isRegularFile(file)) {
            return load(file);
        }
        throw new IOException("the built-in model " + BUILT_IN + " is neither on the classpath nor at " + file.toAbsolutePath());
    }
}
