package org.genlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one jar for every laptop, {@code target/genlab-dist.jar} from {@code mvn -Pdist package}:
 * the JavaFX natives of all four platforms, each where its loader finds it, and each built for
 * the CPU its place claims (read from the ELF, PE and Mach-O headers, not the file names).
 *
 * <p>Not part of {@code mvn verify}'s default run: the name matches neither Surefire's nor
 * Failsafe's default patterns, and only the dist profile's Failsafe execution includes it.
 */
class DistJarCheck {
    private static final Path JAR = Path.of("target", "genlab-dist.jar");

    /** What JavaFX 21 ships for macOS, per CPU; the same names in both folders. */
    private static final Set<String> MAC_LIBS = Set.of("libglass.dylib", "libprism_sw.dylib", "libprism_es2.dylib",
            "libprism_common.dylib", "libjavafx_font.dylib", "libjavafx_iio.dylib", "libdecora_sse.dylib");
    private static final int MACHO_X86_64 = 0x01000007;
    private static final int MACHO_ARM64 = 0x0100000c;

    private static JarFile jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() throws IOException {
        assertThat(JAR).as("built by mvn -Pdist package").isRegularFile();
        jar = new JarFile(JAR.toFile());
    }

    @AfterAll
    static void close() throws IOException {
        jar.close();
    }

    @Test
    void linuxX64NativesAtTheRoot() throws IOException {
        for (String lib : List.of("libglass.so", "libglassgtk3.so", "libprism_sw.so", "libprism_es2.so",
                "libprism_common.so", "libjavafx_font.so", "libjavafx_font_freetype.so", "libjavafx_font_pango.so",
                "libjavafx_iio.so", "libdecora_sse.so")) {
            ByteBuffer h = header(lib);
            assertThat(h.getInt(0)).as(lib + " is ELF").isEqualTo(0x464c457f);
            assertThat(h.get(4)).as(lib + " is 64-bit").isEqualTo((byte) 2);
            assertThat(h.getShort(18)).as(lib + " is x86-64").isEqualTo((short) 0x3e);
        }
    }

    @Test
    void windowsX64NativesAtTheRoot() throws IOException {
        for (String lib : List.of("glass.dll", "prism_sw.dll", "prism_d3d.dll", "prism_common.dll", "javafx_font.dll",
                "javafx_iio.dll", "decora_sse.dll", "msvcp140.dll", "vcruntime140.dll")) {
            ByteBuffer h = header(lib);
            assertThat(h.getShort(0)).as(lib + " is a DOS/PE image").isEqualTo((short) 0x5a4d);
            int pe = h.getInt(0x3c);
            assertThat(h.getInt(pe)).as(lib + " has a PE header").isEqualTo(0x00004550);
            assertThat(h.getShort(pe + 4)).as(lib + " is x64").isEqualTo((short) 0x8664);
        }
    }

    @Test
    void eachMacCpuInItsOwnFolderAndNoneAtTheRoot() throws IOException {
        assertThat(namesIn(NativeCache.ROOT + "mac-x64/")).containsExactlyInAnyOrderElementsOf(MAC_LIBS);
        assertThat(namesIn(NativeCache.ROOT + "mac-aarch64/")).containsExactlyInAnyOrderElementsOf(MAC_LIBS);
        for (String lib : MAC_LIBS) {
            assertMachO(NativeCache.ROOT + "mac-x64/" + lib, MACHO_X86_64);
            assertMachO(NativeCache.ROOT + "mac-aarch64/" + lib, MACHO_ARM64);
        }
        // A root set would be what JavaFX takes first: on the other CPU it would fail to load.
        assertThat(Collections.list(jar.entries()).stream().map(ZipEntry::getName)
                .filter(n -> n.endsWith(".dylib") && !n.startsWith(NativeCache.ROOT)))
                .isEmpty();
    }

    @Test
    void eachPlatformsToolkitClasses() {
        for (String c : List.of("com/sun/glass/ui/gtk/GtkApplication.class", "com/sun/glass/ui/win/WinApplication.class",
                "com/sun/glass/ui/mac/MacApplication.class", "com/sun/prism/d3d/D3DPipeline.class",
                "com/sun/prism/es2/ES2Pipeline.class", "com/sun/prism/sw/SWPipeline.class")) {
            assertThat(jar.getEntry(c)).as(c).isNotNull();
        }
    }

    @Test
    void manifestServicesAndNoSwtBridge() throws IOException {
        assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(Launcher.class.getName());
        // Still at the start after the natives were added (where streaming readers look for it).
        try (JarInputStream in = new JarInputStream(Files.newInputStream(JAR))) {
            assertThat(in.getManifest()).as("manifest at the start of the jar").isNotNull();
        }
        assertThat(jar.getEntry("META-INF/services/com.fasterxml.jackson.core.JsonFactory")).isNotNull();
        assertThat(jar.getEntry("javafx-swt.jar")).isNull();
    }

    @Test
    void runsHeadlessHereLikeGenlabJar() throws Exception {
        Path png = dir.resolve("x.png");
        File err = dir.resolve("stderr.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "render", "--pane", "data", "--out", png.toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(err);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the jar finished").isTrue();
        String stderr = Files.readString(err.toPath());
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(stderr).doesNotContain("UnsatisfiedLinkError").doesNotContain("failed");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(800);
    }

    private static void assertMachO(String name, int cpuType) throws IOException {
        ByteBuffer h = header(name);
        // A thin 64-bit Mach-O (MH_MAGIC_64 0xfeedfacf, little-endian on both CPUs), then cputype.
        assertThat(h.getInt(0)).as(name + " is a 64-bit Mach-O").isEqualTo(0xfeedfacf);
        assertThat(h.getInt(4)).as(name + " CPU type").isEqualTo(cpuType);
    }

    /** The first 4 KB of an entry, little-endian (all three formats' fields here are). */
    private static ByteBuffer header(String name) throws IOException {
        ZipEntry e = jar.getEntry(name);
        assertThat(e).as(name + " in the jar").isNotNull();
        try (InputStream in = jar.getInputStream(e)) {
            return ByteBuffer.wrap(in.readNBytes(4096)).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static Set<String> namesIn(String folder) {
        Set<String> names = new TreeSet<>();
        for (ZipEntry e : Collections.list(jar.entries())) {
            String n = e.getName();
            if (!e.isDirectory() && n.startsWith(folder)) {
                names.add(n.substring(folder.length()));
            }
        }
        return names;
    }
}
