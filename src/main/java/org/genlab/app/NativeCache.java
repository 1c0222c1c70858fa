package org.genlab.app;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.genlab.core.io.AtomicFiles;

/**
 * Lets JavaFX find the macOS natives of the one-jar-for-every-laptop build
 * ({@code mvn -Pdist package}, {@code target/genlab-dist.jar}).
 *
 * <p>The Intel and the Apple-silicon JavaFX jars name their dylibs alike ({@code libglass.dylib},
 * ...), so the dist jar cannot keep both sets at its root, where JavaFX looks. It keeps each set
 * in a folder of its own, {@value #ROOT}{@code mac-x64/} and {@value #ROOT}{@code mac-aarch64/},
 * and none at the root: JavaFX 21's {@code com.sun.glass.utils.NativeLibLoader} takes a root
 * {@code /libglass.dylib} before anything else it can be pointed at, so a root set of the
 * other CPU would be copied out, fail to load and print a stack trace for every library.
 *
 * <p>What the loader does honour after that: each folder of the system property
 * {@code java.library.path}, which it reads again on every load and opens by full path
 * ({@code System.load}). The JVM's own {@code System.loadLibrary} reads that property once at
 * start-up, so setting it later helps only this loader, which is all that is needed. So on a
 * Mac, before any JavaFX class loads, {@link #prepare()} copies this CPU's folder out of the jar
 * into {@code ~/.genlab/natives/<folder>-<key>/} (the key is derived from the files' names,
 * sizes and CRCs, so a jar with other natives gets a folder of its own and an unchanged jar
 * reuses the copy) and puts that folder first in {@code java.library.path}.
 *
 * <p>Elsewhere, and from a jar without the folder (such as {@code genlab.jar} built on a Mac,
 * whose natives sit at the root as JavaFX expects), it does nothing.
 */
final class NativeCache {
    /** Where the dist jar keeps the natives that cannot sit at its root. */
    static final String ROOT = "org/genlab/natives/";

    private NativeCache() {
    }

    /**
     * The first step of {@code main}: on macOS, copies this CPU's natives out of the running jar
     * and points JavaFX at them. Never fails the launch: if nothing can be written, JavaFX
     * reports the missing library itself, after one line here saying why.
     */
    static void prepare() {
        Optional<String> folder = folderFor(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (folder.isEmpty()) {
            return;
        }
        Optional<Path> jar = runningJar();
        if (jar.isEmpty()) {
            return; // classes on a plain classpath (mvn javafx:run): JavaFX's own jars serve
        }
        IOException first = null;
        for (Path base : List.of(AppSettings.home().resolve("natives"),
                Path.of(System.getProperty("java.io.tmpdir"), "genlab-" + System.getProperty("user.name", "user"), "natives"))) {
            try {
                Optional<Path> dir = extract(jar.get(), folder.get(), base);
                dir.ifPresent(d -> System.setProperty("java.library.path",
                        withFirst(d.toString(), System.getProperty("java.library.path", ""))));
                return;
            } catch (IOException e) {
                // A read-only home: try the temporary folder before giving up.
                if (first == null) {
                    first = e;
                }
            }
        }
        System.err.println("genlab: cannot unpack the JavaFX natives for " + folder.get() + ": " + first);
    }

    /**
     * The dist jar's folder for this OS and CPU ({@code os.name}, {@code os.arch}), or empty
     * where the natives sit at the jar's root (Linux, Windows) or the CPU is not one JavaFX
     * ships for macOS. An Intel JDK under Rosetta reports x86_64 and gets the Intel set, which
     * is what that process can load.
     */
    static Optional<String> folderFor(String osName, String osArch) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("mac")) {
            return Optional.empty();
        }
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "aarch64", "arm64" -> Optional.of(ROOT + "mac-aarch64/");
            case "x86_64", "amd64" -> Optional.of(ROOT + "mac-x64/");
            default -> Optional.empty();
        };
    }

    /**
     * Copies the files directly inside {@code folder} of {@code jar} into a folder under
     * {@code base} named after the folder and a key of its content, and returns that folder;
     * empty (and nothing created) if the jar has no such files. Files already there with the
     * right size and CRC are left alone, so a second launch writes nothing; a damaged one is
     * written again. Each file is written whole or not at all, so two launches at once cannot
     * see half a library.
     */
    static Optional<Path> extract(Path jar, String folder, Path base) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> files = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(folder) && name.indexOf('/', folder.length()) < 0) {
                    files.add(entry);
                }
            }
            if (files.isEmpty()) {
                return Optional.empty();
            }
            files.sort(Comparator.comparing(ZipEntry::getName));
            String leaf = folder.substring(0, folder.length() - 1);
            leaf = leaf.substring(leaf.lastIndexOf('/') + 1);
            Path dir = base.resolve(leaf + "-" + key(files));
            for (ZipEntry entry : files) {
                Path target = dir.resolve(entry.getName().substring(folder.length()));
                if (!matches(target, entry)) {
                    AtomicFiles.write(target, out -> {
                        try (InputStream in = zip.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                    });
                }
            }
            return Optional.of(dir);
        }
    }

    /** {@code dir} ahead of an existing {@code java.library.path} value (which may be empty). */
    static String withFirst(String dir, String libraryPath) {
        return libraryPath.isEmpty() ? dir : dir + File.pathSeparator + libraryPath;
    }

    /** 16 hex digits over each file's name, size and CRC, read from the jar's directory. */
    private static String key(List<ZipEntry> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ZipEntry f : files) {
                sha.update((f.getName() + '\0' + f.getSize() + '\0' + f.getCrc() + '\n').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean matches(Path file, ZipEntry entry) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != entry.getSize()) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue() == entry.getCrc();
    }

    /** The jar this class was loaded from, if it was loaded from a jar file. */
    private static Optional<Path> runningJar() {
        try {
            CodeSource source = NativeCache.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException | SecurityException e) {
            // Not a file: URL; nothing to unpack from.
            return Optional.empty();
        }
    }
}
