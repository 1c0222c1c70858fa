package org.genlab.core.nn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Saves and loads networks in a compact binary format (conventionally {@code .mlp.gz}): a gzip
 * stream (whose CRC-32 catches corruption) holding, big-endian,
 * <pre>
 *   "GENLABNN"                      8 bytes, the magic
 *   int version                     {@value #VERSION}
 *   int L+1, then L+1 ints          the widths, input first
 *   L activation names              modified UTF-8, one per layer
 *   int P, then P floats            the parameters in {@link MlpShape}'s flat layout
 * </pre>
 * and nothing after. A file that is not one, is truncated or corrupt, has another version,
 * holds a non-finite parameter, or (with an expected shape) has another shape is refused with
 * an {@link MlpFormatException} naming the reason; a refused file leaves nothing changed.
 */
public final class MlpFile {
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "GENLABNN".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LAYERS = 1024;
    private static final int MAX_WIDTH = 1 << 20;

    private MlpFile() {
    }

    /** Writes {@code net} to {@code out} (gzip-compressed; {@code out} is finished, not closed). */
    public static void write(Mlp net, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        MlpShape s = net.shape();
        d.write(MAGIC);
        d.writeInt(VERSION);
        d.writeInt(s.layers() + 1);
        for (int w : s.widths()) {
            d.writeInt(w);
        }
        for (Activation a : s.activations()) {
            d.writeUTF(a.name());
        }
        float[] p = net.params;
        d.writeInt(p.length);
        for (float v : p) {
            d.writeFloat(v);
        }
        d.flush();
        gz.finish();
    }

    /** Reads a network from {@code in} (read to its end). */
    public static Mlp read(InputStream in) throws IOException {
        return read(in, null);
    }

    /**
     * Reads a network from {@code in}, refusing it unless it has the {@code expected} shape
     * (null: any shape).
     */
    public static Mlp read(InputStream in, MlpShape expected) throws IOException {
        try {
            DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
            byte[] magic = new byte[MAGIC.length];
            d.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new MlpFormatException("not a GenLab network file (wrong magic)");
            }
            int version = d.readInt();
            if (version != VERSION) {
                throw new MlpFormatException("format version " + version + " is not supported (this GenLab reads version " + VERSION + ")");
            }
            int count = d.readInt();
            if (count < 2 || count > MAX_LAYERS + 1) {
                throw new MlpFormatException("corrupt header: " + count + " layer widths");
            }
            int[] widths = new int[count];
            for (int i = 0; i < count; i++) {
                widths[i] = d.readInt();
                if (widths[i] < 1 || widths[i] > MAX_WIDTH) {
                    throw new MlpFormatException("corrupt header: layer width " + widths[i]);
                }
            }
            Activation[] acts = new Activation[count - 1];
            for (int i = 0; i < acts.length; i++) {
                String name = d.readUTF();
                try {
                    acts[i] = Activation.valueOf(name);
                } catch (IllegalArgumentException e) {
                    throw new MlpFormatException("unknown activation '" + name + "' for layer " + (i + 1));
                }
            }
            MlpShape shape;
            try {
                shape = new MlpShape(widths, acts);
            } catch (IllegalArgumentException e) {
                throw new MlpFormatException("corrupt header: " + e.getMessage());
            }
            if (expected != null && !expected.equals(shape)) {
                throw new MlpFormatException("the file holds a network of shape " + shape + ", expected " + expected);
            }
            int n = d.readInt();
            if (n != shape.parameterCount()) {
                throw new MlpFormatException("the file holds " + n + " parameters, shape " + shape + " has " + shape.parameterCount());
            }
            float[] p = new float[n];
            for (int i = 0; i < n; i++) {
                p[i] = d.readFloat();
                if (!Float.isFinite(p[i])) {
                    throw new MlpFormatException("parameter " + i + " is " + p[i]);
                }
            }
            if (d.read() != -1) {
                throw new MlpFormatException("unexpected data after the parameters");
            }
            return Mlp.of(shape, p);
        } catch (EOFException e) {
            throw new MlpFormatException("the file is truncated", e);
        } catch (ZipException e) {
            throw new MlpFormatException("the file is corrupt (" + e.getMessage() + ")", e);
        }
    }

    /** Saves to {@code file}, through a temporary file moved into place. */
    public static void save(Mlp net, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(net, out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Loads a network of any shape from {@code file}. */
    public static Mlp load(Path file) throws IOException {
        return load(file, null);
    }

    /** Loads a network from {@code file}, refusing it unless it has the {@code expected} shape. */
    public static Mlp load(Path file, MlpShape expected) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, expected);
        } catch (MlpFormatException e) {
            throw new MlpFormatException(file.getFileName() + ": " + e.getMessage(), e.getCause());
        }
    }
}
