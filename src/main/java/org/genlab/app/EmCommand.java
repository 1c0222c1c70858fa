package org.genlab.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genlab.compute.ComputePool;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.em.CovarianceType;
import org.genlab.core.em.Em;
import org.genlab.core.em.EmEvent;
import org.genlab.core.em.EmInit;
import org.genlab.core.em.EmSettings;
import org.genlab.core.em.Mixture;
import org.genlab.core.math.Rng;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genlab em fit}: EM on a 2-D Gaussian mixture, headless, printing every iteration as
 * JSON. Uses the fused, multi-threaded pass on the shared compute pool; loads no JavaFX.
 */
@Command(name = "em", mixinStandardHelpOptions = true, sortOptions = false,
        description = "EM for a mixture of 2-D Gaussians (the homework's section 3).",
        subcommands = {EmCommand.Fit.class, CommandLine.HelpCommand.class})
final class EmCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits a K-component Gaussian mixture by EM and prints every iteration as JSON on stdout:",
                "{\"iterations\": [{\"iteration\", \"logLikelihood\", \"weights\", \"means\", \"covariances\"}, ...],",
                " \"converged\", \"events\": [{\"iteration\", \"kind\", \"components\", \"message\"}], \"undefinedValues\"}.",
                "Entry 0 is the initial mixture, entry i the mixture after i iterations (E then M)."})
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "FILE.csv|PRESET",
                description = "The data: a CSV file (header x,y[,weight]) or a preset name.")
        String data;

        @Option(names = "--k", paramLabel = "K", description = "Number of components (default: 2, or the init file's).")
        Integer k;

        @Option(names = "--covariance", paramLabel = "TYPE", defaultValue = "spherical",
                description = "spherical (sigma_z^2 I), diagonal or full (default: ${DEFAULT-VALUE}).")
        String covariance;

        @Option(names = "--init", paramLabel = "FILE.json",
                description = "Initial mixture: {\"weights\": [...], \"means\": [[x, y], ...], \"covariances\": [[[a, b], [b, c]], ...]}"
                        + " or \"variances\": [...] instead of covariances.")
        Path init;

        @Option(names = "--init-strategy", paramLabel = "NAME",
                description = "q4 (K = 2), q5-1, q5-2, q5-3, q5-4 or kmeans++ (default: kmeans++).")
        String strategy;

        @Option(names = "--iterations", paramLabel = "N", defaultValue = "100",
                description = "At most this many iterations (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--tol", paramLabel = "X", defaultValue = "1e-8",
                description = "Stop when the log-likelihood per unit weight rises by less than X in an iteration; 0 runs every iteration (default: ${DEFAULT-VALUE}).")
        double tol;

        @Option(names = "--var-floor", paramLabel = "X", defaultValue = "1e-6",
                description = "Smallest variance (or eigenvalue) allowed; 0 turns the floor off (default: ${DEFAULT-VALUE}).")
        double varFloor;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Seed for the initialisation and for presets (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                return fit(cmd);
            } catch (Cli.BadInput e) {
                cmd.getErr().println("genlab em fit: " + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }

        private int fit(CommandLine cmd) throws Cli.BadInput, IOException {
            CovarianceType type = CovarianceType.byName(covariance).orElseThrow(() -> new Cli.BadInput(
                    "--covariance: '" + covariance + "' is not spherical, diagonal or full"));
            if (k != null && k < 1) {
                throw new Cli.BadInput("--k: must be at least 1, got " + k);
            }
            if (iterations < 0) {
                throw new Cli.BadInput("--iterations: must be >= 0, got " + iterations);
            }
            if (!(tol >= 0) || !Double.isFinite(tol)) {
                throw new Cli.BadInput("--tol: must be a finite number >= 0, got " + tol);
            }
            if (!(varFloor >= 0) || !Double.isFinite(varFloor)) {
                throw new Cli.BadInput("--var-floor: must be a finite number >= 0, got " + varFloor);
            }
            if (init != null && strategy != null) {
                throw new Cli.BadInput("give either --init FILE.json or --init-strategy NAME, not both");
            }
            EmSettings settings = new EmSettings(type, varFloor, tol);
            Dataset2D d = Cli.resolveData(data, seed);
            if (d.isEmpty()) {
                throw new Cli.BadInput("--data: " + data + " has no points");
            }
            Mixture start;
            if (init != null) {
                start = InitFile.read(init, type, k, cmd.getErr());
            } else {
                String name = strategy == null ? EmInit.KMEANS_PP.id() : strategy;
                EmInit s = EmInit.byName(name).orElseThrow(() -> new Cli.BadInput("--init-strategy: unknown '" + name
                        + "'; strategies: q4, q5-1, q5-2, q5-3, q5-4, kmeans++"));
                int kk = k == null ? 2 : k;
                if (s == EmInit.Q4 && kk != 2) {
                    throw new Cli.BadInput("--init-strategy q4 is the homework's two-component start: it needs --k 2, not " + kk);
                }
                start = s.create(d, kk, settings, new Rng(seed));
            }
            ComputePool pool = ComputePool.shared();
            Em.Fit fit = new Em(d, settings).fit(start, iterations, pool.executor(), pool.size());
            StringWriter text = new StringWriter();
            int undefined;
            // Jackson's streaming generator: the output is a fixed shape, and it starts far faster than an ObjectMapper.
            try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                undefined = write(g, fit);
            }
            PrintWriter out = cmd.getOut();
            out.println(text);
            out.flush();
            for (EmEvent e : fit.events()) {
                cmd.getErr().println("iteration " + e.iteration() + ": " + e.message());
            }
            int last = fit.mixtures().size() - 1;
            cmd.getErr().println(String.format(Locale.ROOT, "em fit: %d points, K=%d %s, %d iterations%s, log-likelihood %.10g",
                    d.size(), start.k(), type.id(), last, fit.converged() ? " (converged)" : "", fit.logLikelihoods()[last]));
            if (undefined > 0) {
                cmd.getErr().println("em fit: " + undefined + " undefined values (not finite) written as null");
            }
            return 0;
        }

        /** Writes the fit as JSON; returns how many numbers were not finite (written as null). */
        private static int write(JsonGenerator g, Em.Fit fit) throws IOException {
            int[] undefined = {0};
            g.writeStartObject();
            g.writeArrayFieldStart("iterations");
            for (int t = 0; t < fit.mixtures().size(); t++) {
                Mixture m = fit.mixtures().get(t);
                g.writeStartObject();
                g.writeNumberField("iteration", t);
                g.writeFieldName("logLikelihood");
                number(g, fit.logLikelihoods()[t], undefined);
                g.writeArrayFieldStart("weights");
                for (int z = 0; z < m.k(); z++) {
                    number(g, m.weight(z), undefined);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("means");
                for (int z = 0; z < m.k(); z++) {
                    g.writeStartArray();
                    number(g, m.meanX(z), undefined);
                    number(g, m.meanY(z), undefined);
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("covariances");
                for (int z = 0; z < m.k(); z++) {
                    g.writeStartArray();
                    g.writeStartArray();
                    number(g, m.covXX(z), undefined);
                    number(g, m.covXY(z), undefined);
                    g.writeEndArray();
                    g.writeStartArray();
                    number(g, m.covXY(z), undefined);
                    number(g, m.covYY(z), undefined);
                    g.writeEndArray();
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("converged", fit.converged());
            g.writeArrayFieldStart("events");
            for (EmEvent e : fit.events()) {
                g.writeStartObject();
                g.writeNumberField("iteration", e.iteration());
                g.writeStringField("kind", e.kind().id());
                g.writeArrayFieldStart("components");
                for (int z : e.components()) {
                    g.writeNumber(z);
                }
                g.writeEndArray();
                g.writeStringField("message", e.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("undefinedValues", undefined[0]);
            g.writeEndObject();
            return undefined[0];
        }

        /** A JSON number, or null (counted) when it is NaN or infinite: JSON has neither. */
        private static void number(JsonGenerator g, double v, int[] undefined) throws IOException {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
                undefined[0]++;
            }
        }
    }

    /**
     * The {@code --init} file: {@code {"weights": [...], "means": [[x, y], ...],
     * "covariances": [[[a, b], [b, c]], ...]}} or {@code "variances": [...]} instead of
     * covariances. Problems name the file, the line and the field with its index.
     */
    static final class InitFile {
        private final String file;
        private final Map<String, Integer> lines = new HashMap<>();

        private InitFile(String file) {
            this.file = file;
        }

        static Mixture read(Path path, CovarianceType type, Integer k, PrintWriter err) throws Cli.BadInput {
            InitFile f = new InitFile(path.toString());
            String text;
            try {
                text = Files.readString(path);
            } catch (NoSuchFileException e) {
                throw new Cli.BadInput("--init: " + path + ": no such file");
            } catch (IOException e) {
                throw new Cli.BadInput("--init: " + path + ": cannot read (" + e.getMessage() + ")");
            }
            Object root;
            try (JsonParser p = new JsonFactory().createParser(text)) {
                p.nextToken();
                root = f.value(p, "");
                if (p.nextToken() != null) {
                    throw f.bad(p.currentTokenLocation().getLineNr(), "", "text after the JSON object");
                }
            } catch (JsonParseException e) {
                throw new Cli.BadInput(path + ":" + e.getLocation().getLineNr() + ": not valid JSON (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw new Cli.BadInput("--init: " + path + ": cannot read (" + e.getMessage() + ")");
            }
            return f.mixture(root, type, k, err);
        }

        /** Reads one JSON value, recording the line of every field path. */
        private Object value(JsonParser p, String path) throws IOException, Cli.BadInput {
            lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT) {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String sub = path.isEmpty() ? name : path + "." + name;
                    lines.put(sub, p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    m.put(name, value(p, sub));
                }
                return m;
            }
            if (t == JsonToken.START_ARRAY) {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p, path + "[" + l.size() + "]"));
                }
                return l;
            }
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            if (t == null) {
                throw bad(p.currentTokenLocation().getLineNr(), path, "the file is empty");
            }
            return p.getText();
        }

        private Cli.BadInput bad(int line, String field, String reason) {
            return new Cli.BadInput(file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + reason);
        }

        private Cli.BadInput bad(String field, String reason) {
            String f = field;
            while (!lines.containsKey(f) && f.contains("[")) {
                f = f.substring(0, f.lastIndexOf('['));
            }
            return bad(lines.getOrDefault(f, 1), field, reason);
        }

        private List<?> array(Object v, String field, int size) throws Cli.BadInput {
            if (!(v instanceof List<?> l)) {
                throw bad(field, v == null ? "missing" : "must be an array");
            }
            if (size >= 0 && l.size() != size) {
                throw bad(field, "has " + l.size() + " entries, expected " + size);
            }
            return l;
        }

        private double number(Object v, String field) throws Cli.BadInput {
            if (!(v instanceof Double d)) {
                throw bad(field, "must be a number");
            }
            if (!Double.isFinite(d)) {
                throw bad(field, "must be finite");
            }
            return d;
        }

        private Mixture mixture(Object root, CovarianceType type, Integer k, PrintWriter err) throws Cli.BadInput {
            if (!(root instanceof Map<?, ?> obj)) {
                throw bad(1, "", "must be a JSON object with weights, means and covariances or variances");
            }
            for (Object key : obj.keySet()) {
                if (!List.of("weights", "means", "covariances", "variances").contains(key)) {
                    throw bad((String) key, "unknown field (expected weights, means, covariances or variances)");
                }
            }
            List<?> wl = array(obj.get("weights"), "weights", -1);
            int kk = wl.size();
            if (kk == 0) {
                throw bad("weights", "needs at least one component");
            }
            if (k != null && k != kk) {
                throw bad("weights", "has " + kk + " components but --k is " + k);
            }
            double[] w = new double[kk];
            double sum = 0;
            for (int z = 0; z < kk; z++) {
                w[z] = number(wl.get(z), "weights[" + z + "]");
                if (!(w[z] > 0)) {
                    throw bad("weights[" + z + "]", "must be > 0, got " + w[z]);
                }
                sum += w[z];
            }
            if (Math.abs(sum - 1) > Mixture.WEIGHT_SUM_TOLERANCE) {
                for (int z = 0; z < kk; z++) {
                    w[z] /= sum;
                }
                err.println("genlab em fit: " + file + ": the weights sum to " + sum + "; divided by the sum so they sum to 1");
            }
            List<?> ml = array(obj.get("means"), "means", kk);
            double[][] means = new double[kk][];
            for (int z = 0; z < kk; z++) {
                List<?> p = array(ml.get(z), "means[" + z + "]", 2);
                means[z] = new double[] {number(p.get(0), "means[" + z + "][0]"), number(p.get(1), "means[" + z + "][1]")};
            }
            boolean hasCov = obj.containsKey("covariances"), hasVar = obj.containsKey("variances");
            if (hasCov == hasVar) {
                throw bad(1, "", hasCov ? "give covariances or variances, not both" : "missing covariances (or variances)");
            }
            double[][][] cov = new double[kk][][];
            String field = hasCov ? "covariances" : "variances";
            List<?> cl = array(obj.get(field), field, kk);
            for (int z = 0; z < kk; z++) {
                String fz = field + "[" + z + "]";
                if (hasVar) {
                    double v = number(cl.get(z), fz);
                    if (!(v > 0)) {
                        throw bad(fz, "must be > 0, got " + v);
                    }
                    cov[z] = new double[][] {{v, 0}, {0, v}};
                } else {
                    List<?> rows = array(cl.get(z), fz, 2);
                    cov[z] = new double[2][];
                    for (int r = 0; r < 2; r++) {
                        List<?> row = array(rows.get(r), fz + "[" + r + "]", 2);
                        cov[z][r] = new double[] {number(row.get(0), fz + "[" + r + "][0]"), number(row.get(1), fz + "[" + r + "][1]")};
                    }
                }
            }
            try {
                return Mixture.of(type, w, means, cov);
            } catch (IllegalArgumentException e) {
                // Mixture names the field and index first: "covariances[1]: not positive definite"
                String msg = e.getMessage();
                int colon = msg.indexOf(": ");
                String f = colon > 0 ? msg.substring(0, colon) : "";
                if (hasVar) {
                    f = f.replace("covariances", "variances");
                }
                String reason = colon > 0 ? msg.substring(colon + 2) : msg;
                throw bad(f, reason + (reason.startsWith("not " + type.id()) ? " (the --covariance type)" : ""));
            }
        }
    }
}
