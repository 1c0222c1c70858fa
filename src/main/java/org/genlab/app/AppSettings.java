package org.genlab.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.Properties;
import org.genlab.core.io.AtomicFiles;

/**
 * Small per-user settings (last export folder, export scale, light or dark theme) kept in
 * {@code ~/.genlab/settings.properties}. The folder can be moved with the system property
 * {@code genlab.home} (the tests point it into {@code target/}). A settings file that cannot
 * be read or written is ignored: settings are a convenience, never a reason to fail.
 */
public final class AppSettings {
    private final Path folder;
    private final Path file;
    private final Properties props = new Properties();

    public AppSettings(Path home) {
        this.folder = home;
        this.file = home.resolve("settings.properties");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException | IllegalArgumentException e) {
            // No settings yet, or unreadable: start from defaults.
        }
    }

    /** The GenLab folder under the user's home (or {@code -Dgenlab.home}). */
    public static Path home() {
        String h = System.getProperty("genlab.home");
        return h != null && !h.isBlank() ? Paths.get(h) : Paths.get(System.getProperty("user.home"), ".genlab");
    }

    /** The folder these settings (and the lesson progress) live in. */
    public Path folder() {
        return folder;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(props.getProperty(key));
    }

    public int getInt(String key, int fallback) {
        try {
            return Integer.parseInt(props.getProperty(key, ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Sets and saves at once. */
    public void put(String key, String value) {
        props.setProperty(key, value);
        try {
            AtomicFiles.writeText(file, w -> props.store(w, "GenLab settings"));
        } catch (IOException e) {
            // Read-only home: keep the value for this run only.
        }
    }
}
