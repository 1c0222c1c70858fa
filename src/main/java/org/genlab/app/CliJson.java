package org.genlab.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** What the commands share for printing JSON. */
final class CliJson {
    private CliJson() {
    }

    /** Prints the JSON text and a newline on the command's output. */
    static void print(CommandLine cmd, StringWriter text) {
        PrintWriter out = cmd.getOut();
        out.println(text);
        out.flush();
    }

    /** {@code "name": [a, b]}. */
    static void pair(JsonGenerator g, String name, double a, double b) throws IOException {
        g.writeArrayFieldStart(name);
        number(g, a);
        number(g, b);
        g.writeEndArray();
    }

    /**
     * A JSON number. The models keep every number finite for valid input; should one not be,
     * the run fails (exit 1) rather than print NaN or Infinity, which JSON does not have.
     */
    static void number(JsonGenerator g, double v) throws IOException {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("a result is not finite: " + v);
        }
        g.writeNumber(v);
    }
}
