package org.genlab.app;

import static org.genlab.app.CliJson.number;
import static org.genlab.app.CliJson.pair;
import static org.genlab.app.CliJson.print;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genlab.compute.ComputePool;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.diffusion.ExactDiffusion;
import org.genlab.core.diffusion.NoiseSchedule;
import org.genlab.core.diffusion.Particles;
import org.genlab.core.diffusion.Prediction;
import org.genlab.core.diffusion.SampleOptions;
import org.genlab.core.diffusion.Sampler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genlab diffusion eps|sample}: the homework's question 8 without a window. The model is
 * exact for the data set ({@link ExactDiffusion}): {@code eps} prints ε*, the score and the
 * posterior at given points, {@code sample} runs a reverse sampler driven by ε* on the shared
 * compute pool. Loads no JavaFX.
 */
@Command(name = "diffusion", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A diffusion model with the exact optimal noise predictor (the homework's question 8).",
        subcommands = {DiffusionCommand.Eps.class, DiffusionCommand.Sample.class, CommandLine.HelpCommand.class})
final class DiffusionCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The core's field names (the start of its messages) and the options that set them. */
    private static final Map<String, String> FLAGS = Map.of("T", "--T", "betaStart", "--beta-start", "betaEnd", "--beta-end",
            "t", "--t", "steps", "--steps", "n", "--n");

    /** The data set and the noise schedule, shared by both subcommands. */
    static final class ModelOptions {
        @Option(names = "--data", required = true, paramLabel = "FILE.csv|PRESET",
                description = "The data: a CSV file (header x,y[,weight]) or a preset name (two-point is exactly [1,0], [0,1]).")
        String data;

        @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "linear",
                description = "linear, cosine or constant (default: ${DEFAULT-VALUE}).")
        String schedule;

        @Option(names = "--T", paramLabel = "T", defaultValue = "1000", description = "Number of steps (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--beta-start", paramLabel = "X", defaultValue = "1e-4",
                description = "beta_1 of linear, the beta of constant (default: ${DEFAULT-VALUE}).")
        double betaStart;

        @Option(names = "--beta-end", paramLabel = "X", defaultValue = "0.02", description = "beta_T of linear (default: ${DEFAULT-VALUE}).")
        double betaEnd;

        /** The model these options name; bad values become {@link Cli.BadInput} naming the option. */
        ExactDiffusion model(long seed) throws Cli.BadInput {
            NoiseSchedule.Kind kind = NoiseSchedule.Kind.byName(schedule).orElseThrow(() -> new Cli.BadInput(
                    "--schedule: '" + schedule + "' is not linear, cosine or constant"));
            Dataset2D d = Cli.resolveData(data, seed);
            return core(() -> new ExactDiffusion(d, NoiseSchedule.of(kind, steps, betaStart, betaEnd)));
        }

        /**
         * Runs a core call, turning its IllegalArgumentException ("field: reason") into a
         * {@link Cli.BadInput} that names the command-line option instead of the field.
         */
        <T> T core(java.util.function.Supplier<T> call) throws Cli.BadInput {
            try {
                return call.get();
            } catch (IllegalArgumentException e) {
                String msg = e.getMessage();
                int colon = msg.indexOf(": ");
                String field = colon > 0 ? msg.substring(0, colon) : "";
                String reason = colon > 0 ? msg.substring(colon + 2) : msg;
                if (field.equals("data")) {
                    throw new Cli.BadInput("--data: " + data + ": " + reason);
                }
                throw new Cli.BadInput(FLAGS.containsKey(field) ? FLAGS.get(field) + ": " + reason : msg);
            }
        }
    }

    @Command(name = "eps", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Prints the optimal noise predictor eps*(x, t), the score and the posterior over the data points as JSON:",
                "{\"t\", \"alphaBar\", \"points\": [{\"x\": [x, y], \"eps\": [..], \"score\": [..], \"posterior\": [w_1, ...]}, ...]};",
                "posterior follows the order of the data rows."})
    static final class Eps implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Option(names = "--t", required = true, paramLabel = "STEP", description = "The step, 1..T.")
        int t;

        @Option(names = "--at", required = true, paramLabel = "X,Y", description = "A point x (repeatable).")
        List<String> at = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                ExactDiffusion d = model.model(0);
                List<double[]> points = new ArrayList<>();
                for (String a : at) {
                    points.add(point(a));
                }
                List<Prediction> predictions = new ArrayList<>();
                for (double[] p : points) {
                    predictions.add(model.core(() -> d.predict(t, p[0], p[1])));
                }
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    g.writeNumberField("t", t);
                    g.writeFieldName("alphaBar");
                    number(g, d.schedule().alphaBar(t));
                    g.writeArrayFieldStart("points");
                    for (int k = 0; k < points.size(); k++) {
                        Prediction p = predictions.get(k);
                        g.writeStartObject();
                        pair(g, "x", points.get(k)[0], points.get(k)[1]);
                        pair(g, "eps", p.epsX(), p.epsY());
                        pair(g, "score", p.scoreX(), p.scoreY());
                        g.writeArrayFieldStart("posterior");
                        for (double w : p.posterior()) {
                            number(g, w);
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT, "diffusion eps: %d points, t=%d of %d (%s), alphaBar %.6g",
                        points.size(), t, d.schedule().steps(), d.schedule().kind().id(), d.schedule().alphaBar(t)));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println("genlab diffusion eps: " + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }

        /** "X,Y" as two finite numbers. */
        private static double[] point(String a) throws Cli.BadInput {
            return Cli.point("--at", a);
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Draws samples with a reverse sampler driven by the optimal eps* and prints them as JSON:",
                "{\"samples\": [[x, y], ...]}. DDPM walks all T steps; DDIM and the ODE take --steps evenly strided steps."})
    static final class Sample implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Option(names = "--n", required = true, paramLabel = "N", description = "Number of samples.")
        int n;

        @Option(names = "--sampler", required = true, paramLabel = "NAME", description = "ddpm, ddim or ode.")
        String sampler;

        @Option(names = "--steps", paramLabel = "S", defaultValue = "100",
                description = "Steps of ddim and ode, 1..T (default: ${DEFAULT-VALUE}); ddpm always takes T.")
        int steps;

        @Option(names = "--variance", paramLabel = "NAME", defaultValue = "posterior",
                description = "ddpm's reverse variance: posterior (beta-tilde_t) or beta (beta_t) (default: ${DEFAULT-VALUE}).")
        String variance;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Seed of the sampler and of presets (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                Sampler.Kind kind = Sampler.Kind.byName(sampler).orElseThrow(() -> new Cli.BadInput(
                        "--sampler: '" + sampler + "' is not ddpm, ddim or ode"));
                Sampler.Variance v = Sampler.Variance.byName(variance).orElseThrow(() -> new Cli.BadInput(
                        "--variance: '" + variance + "' is not posterior or beta"));
                ExactDiffusion d = model.model(seed);
                ComputePool pool = ComputePool.shared();
                long start = System.nanoTime();
                Particles p = model.core(() -> d.sample(Sampler.of(kind, steps, v),
                        SampleOptions.of(n, seed).withExecutor(pool.executor(), pool.size())).samples());
                double seconds = (System.nanoTime() - start) / 1e9;
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    g.writeArrayFieldStart("samples");
                    for (int i = 0; i < p.size(); i++) {
                        g.writeStartArray();
                        number(g, p.x(i));
                        number(g, p.y(i));
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT, "diffusion sample: %d samples, %s on %d points, %s T=%d, %.3f s",
                        n, Sampler.of(kind, steps, v), d.data().size(), d.schedule().kind().id(), d.schedule().steps(), seconds));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println("genlab diffusion sample: " + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }
    }



}
