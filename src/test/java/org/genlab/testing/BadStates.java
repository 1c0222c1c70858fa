package org.genlab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus of bad state files in {@code src/test/resources/states/bad/}, listed with the
 * place and the reason each must be refused with in {@code corpus.tsv} beside them.
 */
public final class BadStates {
    /** One bad file: its name, where the refusal must point (may be empty: the file as a whole), and part of the reason. */
    public record Entry(String file, String where, String reason) {
        public Path path() {
            return folder().resolve(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private BadStates() {
    }

    /** The folder of the corpus on the test class path. */
    public static Path folder() {
        try {
            return Path.of(BadStates.class.getResource("/states/bad/corpus.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every entry of the table, in its order. */
    public static List<Entry> all() {
        try {
            List<Entry> out = new ArrayList<>();
            for (String line : Files.readAllLines(folder().resolve("corpus.tsv"), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw new IllegalStateException("corpus.tsv: not three tab-separated fields: " + line);
                }
                out.add(new Entry(f[0], f[1], f[2]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
