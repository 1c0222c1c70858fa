package org.genlab.app;

import static org.genlab.app.CliJson.number;
import static org.genlab.app.CliJson.pair;
import static org.genlab.app.CliJson.print;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.genlab.compute.ComputePool;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.diffusion.Particles;
import org.genlab.core.flow.ExactFlow;
import org.genlab.core.flow.FlowSampleOptions;
import org.genlab.core.flow.FlowSampler;
import org.genlab.core.flow.FlowTrainSettings;
import org.genlab.core.flow.FlowTrainer;
import org.genlab.core.flow.LearnedField;
import org.genlab.core.flow.Solver;
import org.genlab.core.flow.VelocityField;
import org.genlab.core.nn.Activation;
import org.genlab.core.nn.MlpFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genlab flow velocity|density|sample|train}: flow matching, the homework's question 9,
 * without a window. {@code velocity} and {@code density} print the exact marginal velocity and
 * density of the data set at given points; {@code sample} carries N(0, I) to the data along the
 * exact field or a trained network with an ODE solver; {@code train} trains a network by flow
 * matching and saves it. Loads no JavaFX.
 */
@Command(name = "flow", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Flow matching with linear paths (the homework's question 9).",
        subcommands = {FlowCommand.Velocity.class, FlowCommand.Density.class, FlowCommand.Sample.class, FlowCommand.Train.class,
            CommandLine.HelpCommand.class})
final class FlowCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The core's field names (the start of its messages) and the options that set them. */
    private static final Map<String, String> FLAGS = Map.of("t", "--t", "steps", "--steps", "n", "--n", "hidden", "--hidden",
            "layers", "--layers", "batch", "--batch", "lr", "--lr", "model", "--model");

    /** The flow subcommand's name for messages, e.g. {@code genlab flow sample}. */
    private static String prefix(CommandLine cmd) {
        return "genlab flow " + cmd.getCommandName() + ": ";
    }

    /**
     * Runs a core call, turning its IllegalArgumentException ("field: reason") into a
     * {@link Cli.BadInput} that names the command-line option instead of the field.
     */
    private static <T> T core(String data, Supplier<T> call) throws Cli.BadInput {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            String msg = String.valueOf(e.getMessage());
            int colon = msg.indexOf(": ");
            String field = colon > 0 ? msg.substring(0, colon) : "";
            String reason = colon > 0 ? msg.substring(colon + 2) : msg;
            if (field.equals("data")) {
                throw new Cli.BadInput("--data: " + data + ": " + reason);
            }
            throw new Cli.BadInput(FLAGS.containsKey(field) ? FLAGS.get(field) + ": " + reason : msg);
        }
    }

    /** The exact flow of --data. */
    private static ExactFlow exact(String data, long seed) throws Cli.BadInput {
        Dataset2D d = Cli.resolveData(data, seed);
        return core(data, () -> new ExactFlow(d));
    }

    /** "X,Y" as two finite numbers. */
    private static double[] point(String a) throws Cli.BadInput {
        return Cli.point("--at", a);
    }

    /** Checks --t before anything is computed: t = 1 is a bad argument (the velocity divides by 1 − t). */
    private static void checkT(double t) throws Cli.BadInput {
        if (!(t >= 0 && t < 1)) {
            throw new Cli.BadInput("--t: must be in [0, 1) (the velocity divides by 1 - t), got " + t);
        }
    }

    /** The options shared by velocity and density. */
    abstract static class AtPoints implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "FILE.csv|PRESET",
                description = "The data: a CSV file (header x,y[,weight]) or a preset name (two-point is exactly [1,0], [0,1]).")
        String data;

        @Option(names = "--t", required = true, paramLabel = "T", description = "The time, in [0, 1).")
        double t;

        @Option(names = "--at", required = true, paramLabel = "X,Y", description = "A point x (repeatable).")
        List<String> at = new ArrayList<>();

        /** Writes the fields of one point after "x". */
        abstract void writePoint(JsonGenerator g, ExactFlow flow, double x, double y) throws IOException;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                checkT(t);
                ExactFlow flow = exact(data, 0);
                List<double[]> points = new ArrayList<>();
                for (String a : at) {
                    points.add(point(a));
                }
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    g.writeFieldName("t");
                    number(g, t);
                    g.writeArrayFieldStart("points");
                    for (double[] p : points) {
                        g.writeStartObject();
                        pair(g, "x", p[0], p[1]);
                        writePoint(g, flow, p[0], p[1]);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT, "flow %s: %d points, t=%s, %d data points",
                        cmd.getCommandName(), points.size(), t, flow.size()));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println(prefix(cmd) + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }
    }

    @Command(name = "velocity", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Prints the exact marginal velocity v_t(x) = sum_i w_i (x1_i - x)/(1 - t), w_i = P(x1_i | x_t = x), as JSON:",
                "{\"t\": T, \"points\": [{\"x\": [x, y], \"v\": [vx, vy]}, ...]}."})
    static final class Velocity extends AtPoints {
        @Override
        void writePoint(JsonGenerator g, ExactFlow flow, double x, double y) throws IOException {
            double[] v = flow.velocity(t, x, y);
            pair(g, "v", v[0], v[1]);
        }
    }

    @Command(name = "density", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Prints the exact marginal density p_t(x) = sum_i q_i N(x; t x1_i, (1 - t)^2 I) as JSON:",
                "{\"t\": T, \"points\": [{\"x\": [x, y], \"density\": p}, ...]}."})
    static final class Density extends AtPoints {
        @Override
        void writePoint(JsonGenerator g, ExactFlow flow, double x, double y) throws IOException {
            g.writeFieldName("density");
            // a density far out underflows to 0, which is still a number
            g.writeNumber(flow.density(t, x, y));
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Carries N particles from N(0, I) at t = 0 to t = 1 along the exact field or a trained network and prints",
                "them as JSON: {\"samples\": [[x, y], ...]}. No solver evaluates the field at t = 1."})
    static final class Sample implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "FILE.csv|PRESET",
                description = "The data of the exact field: a CSV file (header x,y[,weight]) or a preset name.")
        String data;

        @Option(names = "--field", paramLabel = "KIND", defaultValue = "exact",
                description = "exact (the data's marginal velocity) or learned (a network, --model) (default: ${DEFAULT-VALUE}).")
        String field;

        @Option(names = "--model", paramLabel = "FILE", description = "The network of --field learned, as written by flow train.")
        Path model;

        @Option(names = "--solver", paramLabel = "NAME", defaultValue = "euler",
                description = "euler, heun, rk4 or printed (the homework's loop x += v/(m - i)) (default: ${DEFAULT-VALUE}).")
        String solver;

        @Option(names = "--steps", paramLabel = "M", defaultValue = "100", description = "Solver steps m (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--n", required = true, paramLabel = "N", description = "Number of samples.")
        int n;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Seed of the starting points and of presets (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                Solver s = Solver.byName(solver).orElseThrow(() -> new Cli.BadInput(
                        "--solver: '" + solver + "' is not " + String.join(", ", Solver.ids())));
                VelocityField v;
                String what;
                if (field.equalsIgnoreCase("exact")) {
                    if (model != null) {
                        throw new Cli.BadInput("--model: only used with --field learned");
                    }
                    ExactFlow flow = exact(data, seed);
                    v = flow.field();
                    what = "exact field of " + flow.size() + " points";
                } else if (field.equalsIgnoreCase("learned")) {
                    if (model == null) {
                        throw new Cli.BadInput("--model: required with --field learned");
                    }
                    Cli.resolveData(data, seed); // checked like every --data, though the network does not use it
                    v = loadModel(model);
                    what = "network " + ((LearnedField) v).network().shape();
                } else {
                    throw new Cli.BadInput("--field: '" + field + "' is not exact or learned");
                }
                ComputePool pool = ComputePool.shared();
                long start = System.nanoTime();
                VelocityField fv = v;
                Particles p = core(data, () -> FlowSampler.sample(fv, s, steps,
                        FlowSampleOptions.of(n, seed).withExecutor(pool.executor(), pool.size())).samples());
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
                cmd.getErr().println(String.format(Locale.ROOT, "flow sample: %d samples, %s, %d steps, %s, %.3f s",
                        n, s.id(), steps, what, seconds));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println(prefix(cmd) + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }

        private static LearnedField loadModel(Path file) throws Cli.BadInput {
            try {
                return LearnedField.load(file);
            } catch (NoSuchFileException e) {
                throw new Cli.BadInput("--model: " + file + ": no such file");
            } catch (MlpFormatException e) {
                throw new Cli.BadInput("--model: " + file + ": " + stripName(file, e.getMessage()));
            } catch (IOException e) {
                throw new Cli.BadInput("--model: " + file + ": cannot read (" + e.getMessage() + ")");
            }
        }

        /** The engine's messages start with the file's name; the option's message names the path once. */
        private static String stripName(Path file, String message) {
            String name = file.getFileName() + ": ";
            return message.startsWith(name) ? message.substring(name.length()) : message;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Trains a velocity network v(x, t) by flow matching (Q9 g: x0 ~ N(0, I), x1 from the data, t ~ U(0, 1),",
                "input (x_t, t), target x1 - x0, MSE, Adam), writes it to --out and prints",
                "{\"loss\": [[step, loss], ...], \"stepsPerSecond\": s} (the loss every 50 steps and at the last)."})
    static final class Train implements Callable<Integer> {
        /** The loss is printed every this many steps (and at the last). */
        static final int LOSS_STRIDE = 50;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "FILE.csv|PRESET",
                description = "The data: a CSV file (header x,y[,weight]) or a preset name.")
        String data;

        @Option(names = "--hidden", paramLabel = "H", defaultValue = "64", description = "Hidden width (default: ${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--layers", paramLabel = "L", defaultValue = "3", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
        int layers;

        @Option(names = "--activation", paramLabel = "NAME", defaultValue = "silu",
                description = "silu, relu or tanh (default: ${DEFAULT-VALUE}).")
        String activation;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "256", description = "Rows per step (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", paramLabel = "S", defaultValue = "5000", description = "Training steps (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Seed of the weights, the batches and presets (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the network (e.g. flow.mlp.gz).")
        Path out;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            FlowTrainer trainer;
            try {
                Activation f = Arrays.stream(new Activation[] {Activation.SILU, Activation.RELU, Activation.TANH})
                        .filter(a -> a.name().equalsIgnoreCase(activation)).findFirst()
                        .orElseThrow(() -> new Cli.BadInput("--activation: '" + activation + "' is not silu, relu or tanh"));
                Dataset2D d = Cli.resolveData(data, seed);
                FlowTrainSettings settings = core(data, () -> new FlowTrainSettings(hidden, layers, f, batch, steps, lr, seed));
                ComputePool pool = ComputePool.shared();
                trainer = core(data, () -> new FlowTrainer(d, settings, pool.executor(), pool.size()));
            } catch (Cli.BadInput e) {
                cmd.getErr().println(prefix(cmd) + e.getMessage());
                return Cli.BAD_INPUT;
            }
            double[] losses = trainer.step(steps);
            if (trainer.failed()) {
                cmd.getErr().println(prefix(cmd) + "failed: " + trainer.failure() + "; nothing was written to " + out);
                return Cli.FAILURE;
            }
            trainer.field().save(out);
            StringWriter text = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                g.writeStartObject();
                g.writeArrayFieldStart("loss");
                for (int k = 1; k <= losses.length; k++) {
                    if (k % LOSS_STRIDE == 0 || k == losses.length) {
                        g.writeStartArray();
                        g.writeNumber(k);
                        number(g, losses[k - 1]);
                        g.writeEndArray();
                    }
                }
                g.writeEndArray();
                g.writeFieldName("stepsPerSecond");
                number(g, trainer.stepsPerSecond());
                g.writeEndObject();
            }
            print(cmd, text);
            cmd.getErr().println(String.format(Locale.ROOT, "flow train: %d steps, loss %.4f at the end, %.0f steps/s, wrote %s",
                    losses.length, losses[losses.length - 1], trainer.stepsPerSecond(), out));
            return 0;
        }
    }



}
