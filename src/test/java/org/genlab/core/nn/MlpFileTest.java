package org.genlab.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save and load: exact round trip, and every kind of bad file refused with its reason. */
class MlpFileTest {
    @TempDir
    Path dir;

    private final MlpShape shape = new MlpShape(new int[] {3, 20, 10, 2}, Activation.SILU, Activation.TANH, Activation.IDENTITY);
    private final Mlp net = Mlp.create(shape, new Rng(12));

    private byte[] bytes(Mlp m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MlpFile.write(m, out);
        return out.toByteArray();
    }

    private static Mlp read(byte[] b) throws IOException {
        return MlpFile.read(new ByteArrayInputStream(b));
    }

    @Test
    void roundTripIsExactAndCompact() throws IOException {
        Path f = dir.resolve("net.mlp.gz");
        MlpFile.save(net, f);
        Mlp back = MlpFile.load(f, shape);
        assertThat(back.shape()).isEqualTo(shape);
        assertThat(back.parameters()).isEqualTo(net.parameters());
        assertThat(MlpFile.load(f).parameters()).isEqualTo(net.parameters());
        // 4 bytes a parameter at most, plus a small header
        assertThat(Files.size(f)).isLessThan(4L * shape.parameterCount() + 200);
        try (var list = Files.list(dir)) {
            assertThat(list).containsExactly(f);
        }
    }

    @Test
    void anotherShapeIsRefused() throws IOException {
        Path f = dir.resolve("net.mlp.gz");
        MlpFile.save(net, f);
        MlpShape other = MlpShape.of(3, 64, 3, 2, Activation.SILU);
        assertThatThrownBy(() -> MlpFile.load(f, other)).isInstanceOf(MlpFormatException.class)
                .hasMessageContaining("net.mlp.gz").hasMessageContaining("3-20-10-2").hasMessageContaining("expected 3-64-64-64-2");
    }

    @Test
    void corruptFilesAreRefusedWithTheReason() throws IOException {
        byte[] good = bytes(net);
        assertThatThrownBy(() -> read("hello".getBytes(StandardCharsets.UTF_8))).isInstanceOf(MlpFormatException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> read(java.util.Arrays.copyOf(good, good.length / 2))).isInstanceOf(MlpFormatException.class).hasMessageContaining("truncated");
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x5A;
        assertThatThrownBy(() -> read(flipped)).isInstanceOf(MlpFormatException.class);
        byte[] badCrc = good.clone();
        badCrc[good.length - 6] ^= 1;
        assertThatThrownBy(() -> read(badCrc)).isInstanceOf(MlpFormatException.class).hasMessageContaining("corrupt");
    }

    /** The uncompressed payload of a good file, edited, then compressed again. */
    private byte[] edited(java.util.function.Consumer<byte[]> edit, byte[] extra) throws IOException {
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(bytes(net))).readAllBytes();
        edit.accept(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
            gz.write(extra);
        }
        return out.toByteArray();
    }

    @Test
    void versionMagicValuesAndTrailingDataAreChecked() throws IOException {
        assertThat(read(edited(r -> { }, new byte[0])).parameters()).isEqualTo(net.parameters());
        assertThatThrownBy(() -> read(edited(r -> r[0] = 'X', new byte[0]))).hasMessageContaining("wrong magic");
        assertThatThrownBy(() -> read(edited(r -> r[11] = 2, new byte[0]))).hasMessageContaining("version 2 is not supported");
        assertThatThrownBy(() -> read(edited(r -> r[15] = 0, new byte[0]))).hasMessageContaining("corrupt header");
        assertThatThrownBy(() -> read(edited(r -> { }, new byte[] {1}))).hasMessageContaining("after the parameters");
        // the last parameter becomes NaN
        assertThatThrownBy(() -> read(edited(r -> {
            r[r.length - 4] = (byte) 0x7F;
            r[r.length - 3] = (byte) 0xC0;
        }, new byte[0]))).hasMessageContaining("parameter " + (shape.parameterCount() - 1) + " is NaN");
        // an unknown activation name of the same length
        assertThatThrownBy(() -> read(edited(r -> {
            String s = new String(r, StandardCharsets.ISO_8859_1);
            int at = s.indexOf("TANH");
            r[at] = 'X';
        }, new byte[0]))).hasMessageContaining("unknown activation 'XANH'");
    }

    @Test
    void aRefusedSaveLeavesTheOldFile() throws IOException {
        Path f = dir.resolve("net.mlp.gz");
        MlpFile.save(net, f);
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> MlpFile.save(net, dir.resolve("missing").resolve("x.mlp.gz"))).isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        new DataOutputStream(Files.newOutputStream(dir.resolve("junk"))).close();
        assertThatThrownBy(() -> MlpFile.load(dir.resolve("junk"))).hasMessageStartingWith("junk: ");
    }
}
