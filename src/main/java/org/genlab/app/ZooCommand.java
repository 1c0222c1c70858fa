package org.genlab.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.genlab.compute.ComputePool;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.zoo.Estimator;
import org.genlab.core.zoo.FitMonitor;
import org.genlab.core.zoo.ZooFile;
import org.genlab.core.zoo.ZooFormatException;
import org.genlab.core.zoo.ZooGrid;
import org.genlab.core.zoo.ZooKind;
import org.genlab.core.zoo.ZooModel;
import org.genlab.core.zoo.ZooModels;
import org.genlab.core.zoo.ZooSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genlab zoo fit|density|sample}: the six density models of the homework's question 1
 * without a window. {@code fit} fits one to a data set and saves it; {@code density} prints its
 * log density (exact, a bound or an estimate) at points or on a grid; {@code sample} draws from
 * it by the model's own procedure. Loads no JavaFX.
 */
@Command(name = "zoo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Six density models: fit, evaluate p(x), sample (the homework's question 1).",
        subcommands = {ZooCommand.Fit.class, ZooCommand.Density.class, ZooCommand.Sample.class, CommandLine.HelpCommand.class})
final class ZooCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    private static String prefix(CommandLine cmd) {
        return "genlab zoo " + cmd.getCommandName() + ": ";
    }

    /** Reads --model, naming the file and the reason when it is not a zoo model. */
    static ZooModel load(Path model) throws Cli.BadInput {
        try {
            return ZooFile.load(model);
        } catch (NoSuchFileException e) {
            throw new Cli.BadInput("--model: " + model + ": no such file");
        } catch (ZooFormatException e) {
            throw new Cli.BadInput("--model: " + e.getMessage());
        } catch (IOException e) {
            throw new Cli.BadInput("--model: " + model + ": cannot read (" + e.getMessage() + ")");
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits one model to a data set and saves it; prints",
                "{\"model\": KIND, \"points\": n, \"seconds\": s, \"summary\": \"...\", \"estimators\": [{\"id\": .., \"kind\": ..}]}."})
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "KIND", description = "kde, ar, gmm, flow, vae or diffusion.")
        String model;

        @Option(names = "--data", required = true, paramLabel = "FILE.csv|PRESET",
                description = "The data: a CSV file (header x,y[,weight]) or a preset name.")
        String data;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the preset and the fit (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--bandwidth", paramLabel = "H", defaultValue = "0", description = "kde: the bandwidth; 0 = Scott's rule (default).")
        double bandwidth;

        @Option(names = "--kernel", paramLabel = "K", defaultValue = "gaussian", description = "kde: gaussian or epanechnikov (default: ${DEFAULT-VALUE}).")
        String kernel;

        @Option(names = "--bins", paramLabel = "B", defaultValue = "32", description = "ar: bins per softmax (default: ${DEFAULT-VALUE}).")
        int bins;

        @Option(names = "--components", paramLabel = "K", defaultValue = "8", description = "gmm: components (default: ${DEFAULT-VALUE}).")
        int components;

        @Option(names = "--covariance", paramLabel = "C", defaultValue = "full",
                description = "gmm: spherical, diagonal or full (default: ${DEFAULT-VALUE}).")
        String covariance;

        @Option(names = "--couplings", paramLabel = "L", defaultValue = "6", description = "flow: coupling layers (default: ${DEFAULT-VALUE}).")
        int couplings;

        @Option(names = "--latent", paramLabel = "D", defaultValue = "2", description = "vae: latent dimension, 1 or 2 (default: ${DEFAULT-VALUE}).")
        int latent;

        @Option(names = "--exact-denoiser", description = "diffusion: the exact empirical denoiser instead of a trained network.")
        boolean exactDenoiser;

        @Option(names = "--effort", paramLabel = "X", defaultValue = "1", description = "A multiplier on training length (default: ${DEFAULT-VALUE}).")
        double effort;

        @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the model (e.g. moons.genlab-zoo).")
        Path out;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                ZooKind kind = ZooKind.byId(model).orElseThrow(() -> new Cli.BadInput(
                        "--model: '" + model + "' is not one of " + String.join(", ", ZooKind.ids())));
                Dataset2D d = Cli.resolveData(data, seed);
                ZooSettings s;
                try {
                    s = new ZooSettings(seed, bandwidth, kernel, bins, components, covariance, couplings, latent, exactDenoiser, effort);
                } catch (IllegalArgumentException e) {
                    throw new Cli.BadInput("--" + e.getMessage());
                }
                ComputePool pool = ComputePool.shared();
                long t0 = System.nanoTime();
                ZooModel m;
                try {
                    m = ZooModels.fit(kind, d, s, FitMonitor.NONE, pool.executor(), pool.size());
                } catch (IllegalArgumentException e) {
                    String msg = String.valueOf(e.getMessage());
                    throw new Cli.BadInput(msg.startsWith("data: ") ? "--data: " + data + ": " + msg.substring(6) : "--" + msg);
                } catch (IllegalStateException e) {
                    cmd.getErr().println(prefix(cmd) + e.getMessage());
                    return Cli.FAILURE;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                ZooFile.save(m, out);
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    g.writeStringField("model", kind.id());
                    g.writeNumberField("points", d.size());
                    g.writeFieldName("seconds");
                    CliJson.number(g, seconds);
                    g.writeStringField("summary", m.summary());
                    g.writeArrayFieldStart("estimators");
                    for (Estimator e : m.estimators()) {
                        g.writeStartObject();
                        g.writeStringField("id", e.id());
                        g.writeStringField("kind", e.kind().id());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                CliJson.print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT, "zoo fit: %s on %d points in %.2f s -> %s", kind.id(), d.size(), seconds, out));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println(prefix(cmd) + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }
    }

    @Command(name = "density", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Prints a model's log density at points or on a grid (x varying fastest) as JSON:",
                "{\"kind\": \"exact|bound|estimate\", \"estimator\": ID, \"points\": [{\"x\": [x, y], \"density\": p, \"logDensity\": log p}, ...]}",
                "(logDensity is null where the density is 0)."})
    static final class Density implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A file written by genlab zoo fit.")
        Path model;

        @Option(names = "--at", paramLabel = "X,Y", description = "A point (repeatable).")
        List<String> at = new ArrayList<>();

        @Option(names = "--grid", paramLabel = "XMIN,XMAX,NX,YMIN,YMAX,NY", description = "NX x NY evenly spaced points, ends included.")
        String grid;

        @Option(names = "--estimator", paramLabel = "ID",
                description = "vae: elbo (a lower bound, default) or is (an importance-sampled estimate); the others have one.")
        String estimator;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of stochastic estimators (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                if (at.isEmpty() == (grid == null)) {
                    throw new Cli.BadInput("give either --at X,Y (one or more) or --grid XMIN,XMAX,NX,YMIN,YMAX,NY");
                }
                double[] xs;
                double[] ys;
                if (grid != null) {
                    ZooGrid g = parseGrid(grid);
                    xs = g.pointXs();
                    ys = g.pointYs();
                } else {
                    xs = new double[at.size()];
                    ys = new double[at.size()];
                    for (int i = 0; i < at.size(); i++) {
                        double[] p = point(at.get(i));
                        xs[i] = p[0];
                        ys[i] = p[1];
                    }
                }
                ZooModel m = load(model);
                Estimator est;
                try {
                    est = estimator == null ? m.estimators().get(0) : m.estimator(estimator);
                } catch (IllegalArgumentException e) {
                    throw new Cli.BadInput("--" + e.getMessage());
                }
                ComputePool pool = ComputePool.shared();
                double[] out = new double[xs.length];
                m.logDensity(est, xs, ys, out, seed, FitMonitor.NONE, pool.executor(), pool.size());
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    g.writeStringField("kind", est.kind().id());
                    g.writeStringField("estimator", est.id());
                    g.writeStringField("model", m.kind().id());
                    g.writeArrayFieldStart("points");
                    for (int i = 0; i < xs.length; i++) {
                        g.writeStartObject();
                        CliJson.pair(g, "x", xs[i], ys[i]);
                        if (out[i] == Double.NEGATIVE_INFINITY) {
                            g.writeNumberField("density", 0);
                            g.writeNullField("logDensity");
                        } else {
                            g.writeFieldName("density");
                            CliJson.number(g, Math.exp(out[i]));
                            g.writeFieldName("logDensity");
                            CliJson.number(g, out[i]);
                        }
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                CliJson.print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT, "zoo density: %s, %s (%s), %d points", m.kind().id(), est.id(),
                        est.kind().id(), xs.length));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println(prefix(cmd) + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Draws n samples by the model's own procedure; prints {\"samples\": [[x, y], ...]}."})
    static final class Sample implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A file written by genlab zoo fit.")
        Path model;

        @Option(names = "--n", required = true, paramLabel = "N", description = "How many samples, 1 to 1,000,000.")
        int n;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "The seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                if (n < 1 || n > 1_000_000) {
                    throw new Cli.BadInput("--n: must be 1 to 1,000,000, got " + n);
                }
                ZooModel m = load(model);
                double[][] s = m.sample(n, seed);
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    g.writeArrayFieldStart("samples");
                    for (double[] p : s) {
                        g.writeStartArray();
                        CliJson.number(g, p[0]);
                        CliJson.number(g, p[1]);
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                CliJson.print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT, "zoo sample: %d from the %s model", n, m.kind().id()));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println(prefix(cmd) + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }
    }

    /** "XMIN,XMAX,NX,YMIN,YMAX,NY". */
    static ZooGrid parseGrid(String spec) throws Cli.BadInput {
        String[] p = spec.split(",", -1);
        if (p.length != 6) {
            throw new Cli.BadInput("--grid: '" + spec + "' is not XMIN,XMAX,NX,YMIN,YMAX,NY (six values)");
        }
        try {
            return new ZooGrid(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()), Integer.parseInt(p[2].trim()),
                    Double.parseDouble(p[3].trim()), Double.parseDouble(p[4].trim()), Integer.parseInt(p[5].trim()));
        } catch (NumberFormatException e) {
            throw new Cli.BadInput("--grid: '" + spec + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Cli.BadInput("--" + e.getMessage());
        }
    }

    /** "X,Y" as two finite numbers. */
    private static double[] point(String a) throws Cli.BadInput {
        return Cli.point("--at", a);
    }
}
