package org.genlab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command-line tests share: a temporary folder, a run of the CLI in this JVM that keeps
 * its standard output and error, the output read as JSON, and small input files.
 */
public abstract class CliCommandTest {
    @TempDir
    protected Path dir;

    /** Standard output of the last {@link #run}. */
    protected String out;
    /** Standard error of the last {@link #run}. */
    protected String err;

    /** Runs {@code genlab args...} and returns its exit code. */
    protected int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    /** The last run's standard output as JSON. */
    protected JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out);
    }

    /** Writes {@code text} to a file of this name in the temporary folder. */
    protected Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
