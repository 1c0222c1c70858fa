package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The part of the macOS natives step that Linux can check: which folder for which OS and CPU,
 * the copy into the cache, and that a second launch reuses it. (That JavaFX then loads from
 * the folder is JavaFX's NativeLibLoader reading java.library.path; see NativeCache.)
 */
class NativeCacheTest {
    private static final String ARM = NativeCache.ROOT + "mac-aarch64/";
    private static final String INTEL = NativeCache.ROOT + "mac-x64/";

    @TempDir
    Path tmp;

    @Test
    void folderForEachMacCpuAndNoneElsewhere() {
        assertThat(NativeCache.folderFor("Mac OS X", "aarch64")).contains(ARM);
        assertThat(NativeCache.folderFor("Mac OS X", "x86_64")).contains(INTEL);
        assertThat(NativeCache.folderFor("mac os x", "AMD64")).contains(INTEL);
        assertThat(NativeCache.folderFor("Mac OS X", "ppc")).isEmpty();
        // Linux and Windows find their natives at the jar's root with JavaFX's own lookup.
        assertThat(NativeCache.folderFor("Linux", "amd64")).isEmpty();
        assertThat(NativeCache.folderFor("Linux", "aarch64")).isEmpty();
        assertThat(NativeCache.folderFor("Windows 11", "amd64")).isEmpty();
    }

    @Test
    void copiesOnlyThatCpusFilesIntoAFolderNamedAfterIt() throws IOException {
        Path jar = jar(Map.of(
                ARM + "libglass.dylib", "arm glass",
                ARM + "libprism_sw.dylib", "arm prism",
                ARM + "nested/libother.dylib", "not direct",
                INTEL + "libglass.dylib", "intel glass",
                "libglass.so", "linux glass"));
        Optional<Path> dir = NativeCache.extract(jar, ARM, tmp.resolve("cache"));

        assertThat(dir).isPresent();
        assertThat(dir.get().getParent()).isEqualTo(tmp.resolve("cache"));
        assertThat(dir.get().getFileName().toString()).matches("mac-aarch64-[0-9a-f]{16}");
        assertThat(names(dir.get())).containsExactlyInAnyOrder("libglass.dylib", "libprism_sw.dylib");
        assertThat(Files.readString(dir.get().resolve("libglass.dylib"))).isEqualTo("arm glass");
        assertThat(Files.readString(dir.get().resolve("libprism_sw.dylib"))).isEqualTo("arm prism");

        Path intel = NativeCache.extract(jar, INTEL, tmp.resolve("cache")).orElseThrow();
        assertThat(intel).isNotEqualTo(dir.get());
        assertThat(Files.readString(intel.resolve("libglass.dylib"))).isEqualTo("intel glass");
    }

    @Test
    void aSecondLaunchWritesNothingAndADamagedFileIsRepaired() throws IOException {
        Path jar = jar(Map.of(ARM + "libglass.dylib", "arm glass", ARM + "libprism_sw.dylib", "arm prism"));
        Path dir = NativeCache.extract(jar, ARM, tmp).orElseThrow();
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(dir.resolve("libglass.dylib"), old);
        Files.setLastModifiedTime(dir.resolve("libprism_sw.dylib"), old);

        assertThat(NativeCache.extract(jar, ARM, tmp)).contains(dir);
        assertThat(Files.getLastModifiedTime(dir.resolve("libglass.dylib"))).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(dir.resolve("libprism_sw.dylib"))).isEqualTo(old);
        assertThat(names(dir)).containsExactlyInAnyOrder("libglass.dylib", "libprism_sw.dylib");

        // Same size, other bytes (a damaged copy): written again; the intact one is not.
        Files.writeString(dir.resolve("libglass.dylib"), "arm gla55");
        Files.setLastModifiedTime(dir.resolve("libglass.dylib"), old);
        assertThat(NativeCache.extract(jar, ARM, tmp)).contains(dir);
        assertThat(Files.readString(dir.resolve("libglass.dylib"))).isEqualTo("arm glass");
        assertThat(Files.getLastModifiedTime(dir.resolve("libprism_sw.dylib"))).isEqualTo(old);
    }

    @Test
    void otherNativesGetAFolderOfTheirOwn() throws IOException {
        // A jar with another JavaFX build must not reuse (or overwrite) a copy a running
        // GenLab of the other version may be using.
        Path a = NativeCache.extract(jar(Map.of(ARM + "libglass.dylib", "21.0.11")), ARM, tmp).orElseThrow();
        Path b = NativeCache.extract(jar(Map.of(ARM + "libglass.dylib", "21.0.12")), ARM, tmp).orElseThrow();
        assertThat(b).isNotEqualTo(a);
        assertThat(Files.readString(a.resolve("libglass.dylib"))).isEqualTo("21.0.11");
    }

    @Test
    void aJarWithoutTheFolderLeavesNothingBehind() throws IOException {
        // genlab.jar built on a Mac: its natives are at the root, where JavaFX looks itself.
        Path jar = jar(Map.of("libglass.dylib", "root glass"));
        assertThat(NativeCache.extract(jar, ARM, tmp.resolve("cache"))).isEmpty();
        assertThat(tmp.resolve("cache")).doesNotExist();
    }

    @Test
    void theCopyGoesFirstOnTheLibraryPath() {
        assertThat(NativeCache.withFirst("/c", "")).isEqualTo("/c");
        assertThat(NativeCache.withFirst("/c", "/a" + File.pathSeparator + "/b"))
                .isEqualTo("/c" + File.pathSeparator + "/a" + File.pathSeparator + "/b");
    }

    private Path jar(Map<String, String> entries) throws IOException {
        Path jar = Files.createTempFile(tmp, "natives", ".jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : new LinkedHashMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
