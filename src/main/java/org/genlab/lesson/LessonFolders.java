package org.genlab.lesson;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where lessons come from: the lessons shipped with GenLab (the repository's {@code lessons/}
 * folder, copied into the jar under {@code /lessons}), then any folders the user adds with
 * {@code --lessons DIR}.
 */
public final class LessonFolders {
    /** Classpath folder of the shipped lessons. */
    static final String RESOURCE = "/lessons";

    private LessonFolders() {
    }

    /** The shipped lessons' folder, inside the jar or on disk; empty if the build has none. */
    public static Optional<Path> builtIn() {
        URL url = LessonFolders.class.getResource(RESOURCE);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return Optional.of(fs.getPath(RESOURCE));
            }
            return Optional.of(Path.of(uri));
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The shipped folder (if any) followed by {@code extra}, in that order. */
    public static List<Path> with(List<Path> extra) {
        List<Path> all = new ArrayList<>();
        builtIn().ifPresent(all::add);
        all.addAll(extra);
        return all;
    }
}
