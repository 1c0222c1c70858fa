package org.genlab.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.genlab.core.zoo.Logistic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genlab logistic}: the homework's question 2 b without a window. Fits σ(w x + b) by
 * gradient descent to n points x = (1) with exactly round(p n) labels 1 and prints w, b and
 * q = σ(w + b), which is round(p n)/n.
 */
@Command(name = "logistic", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Logistic regression on x = (1) with round(p n) of n labels 1 (question 2 b); prints",
            "{\"w\": w, \"b\": b, \"q\": q, \"target\": round(p n)/n, \"steps\": s}. Only w + b is identified: from w = b = 0 they stay equal."})
final class LogisticCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--p", required = true, paramLabel = "P", description = "The proportion of labels 1, in [0, 1].")
    double p;

    @Option(names = "--n", required = true, paramLabel = "N", description = "How many labelled points, at least 1.")
    int n;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "1", description = "Gradient descent's step size (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--steps", paramLabel = "S", defaultValue = "2000", description = "Gradient steps from w = b = 0 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Accepted for symmetry with the other commands; the fit is deterministic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        Logistic.Fit fit;
        try {
            fit = Logistic.fit(p, n, lr, steps);
        } catch (IllegalArgumentException e) {
            cmd.getErr().println("genlab logistic: --" + e.getMessage());
            return Cli.BAD_INPUT;
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeFieldName("w");
            CliJson.number(g, fit.w());
            g.writeFieldName("b");
            CliJson.number(g, fit.b());
            g.writeFieldName("q");
            CliJson.number(g, fit.q());
            g.writeFieldName("target");
            CliJson.number(g, Math.round(p * n) / (double) n);
            g.writeNumberField("steps", fit.steps());
            g.writeEndObject();
        }
        CliJson.print(cmd, text);
        cmd.getErr().println(String.format(Locale.ROOT, "logistic: %d of %d labels 1, q = %.6f after %d steps", Math.round(p * n), n,
                fit.q(), fit.steps()));
        return 0;
    }
}
