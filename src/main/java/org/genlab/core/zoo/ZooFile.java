package org.genlab.core.zoo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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

/**
 * Saves and loads a fitted {@link ZooModel} (conventionally {@code .genlab-zoo}): a gzip stream
 * (whose CRC-32 catches corruption) holding, big-endian,
 * <pre>
 *   "GENLBZOO"          8 bytes, the magic
 *   int version         {@value #VERSION}
 *   kind id             modified UTF-8: kde, ar, gmm, flow, vae or diffusion
 *   payload             what the model's class writes ({@link ZooModel#writePayload})
 * </pre>
 * and nothing after. A file that is not one, is truncated or corrupt, has another version or
 * an unknown kind, or whose payload the model's class refuses, is refused with a
 * {@link ZooFormatException} naming the reason (and, through {@link #load(Path)}, the file).
 */
public final class ZooFile {
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "GENLBZOO".getBytes(StandardCharsets.US_ASCII);

    private ZooFile() {
    }

    /** Writes {@code model} to {@code out} (gzip-compressed; {@code out} is finished, not closed). */
    public static void write(ZooModel model, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        d.write(MAGIC);
        d.writeInt(VERSION);
        d.writeUTF(model.kind().id());
        model.writePayload(d);
        d.flush();
        gz.finish();
    }

    /** Writes {@code model} to {@code file} atomically: a failed write leaves the old file as it was. */
    public static void save(ZooModel model, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(model, out));
    }

    /** Reads a model from {@code in}. */
    public static ZooModel read(InputStream in) throws IOException {
        try {
            DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
            byte[] magic = new byte[MAGIC.length];
            d.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ZooFormatException("not a GenLab zoo model (the file does not start with GENLBZOO)");
            }
            int version = d.readInt();
            if (version != VERSION) {
                throw new ZooFormatException("version " + version + " is not supported (this GenLab reads version " + VERSION + ")");
            }
            String id = d.readUTF();
            ZooKind kind = ZooKind.byId(id).orElseThrow(() -> new ZooFormatException(
                    "kind: '" + id + "' is not a zoo model (one of " + ZooKind.ids() + ")"));
            ZooModel model;
            try {
                model = ZooModels.read(kind, d);
            } catch (IllegalArgumentException e) {
                throw new ZooFormatException(kind.id() + " model: " + e.getMessage(), e);
            }
            if (d.read() != -1) {
                throw new ZooFormatException("there are bytes after the end of the " + kind.id() + " model");
            }
            return model;
        } catch (ZooFormatException e) {
            throw e;
        } catch (EOFException e) {
            throw new ZooFormatException("the file is truncated", e);
        } catch (ZipException | UTFDataFormatException e) {
            throw new ZooFormatException("the file is corrupt or not a GenLab zoo model (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a model from {@code file}.
     *
     * @throws ZooFormatException naming the file and what is wrong
     * @throws NoSuchFileException if there is no such file
     */
    public static ZooModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (ZooFormatException e) {
            throw new ZooFormatException(file + ": " + e.getMessage(), e);
        }
    }
}
