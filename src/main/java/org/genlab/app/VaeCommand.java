package org.genlab.app;

import static org.genlab.app.CliJson.number;
import static org.genlab.app.CliJson.print;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.genlab.compute.ComputePool;
import org.genlab.core.data.DataCsv;
import org.genlab.core.data.DataFormatException;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.math.Rng;
import org.genlab.core.vae.ElboTerms;
import org.genlab.core.vae.Likelihood;
import org.genlab.core.vae.ShapeFactors;
import org.genlab.core.vae.Shapes;
import org.genlab.core.vae.Vae;
import org.genlab.core.vae.VaeData;
import org.genlab.core.vae.VaeFile;
import org.genlab.core.vae.VaeFormatException;
import org.genlab.core.vae.VaeSettings;
import org.genlab.core.vae.VaeTrainer;
import org.genlab.export.GreyPng;
import org.genlab.core.vae.Draw;
import org.genlab.core.vae.InverseCdfOption;
import org.genlab.core.vae.InverseCdfResult;
import org.genlab.core.vae.InverseCdfSampler;
import org.genlab.core.vae.KsResult;
import org.genlab.core.vae.Latent;
import org.genlab.core.vae.LinearGaussianElbo;
import org.genlab.core.vae.McLikelihood;
import org.genlab.core.vae.Target;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genlab vae invcdf|mc-likelihood|elbo|train|encode|decode}: the homework's question 3
 * without a window ({@link org.genlab.core.vae}). {@code invcdf} draws from a latent-variable
 * model built on a target's inverse CDF (Q3 b ii-iii) and tests the draws; {@code mc-likelihood}
 * estimates log p(x) by Monte Carlo beside the exact value (Q3 b iv-vii); {@code elbo} prints
 * log p(x) = ELBO + KL for the linear-Gaussian model (Q3 c); {@code train}, {@code encode} and
 * {@code decode} train a VAE on the built-in shapes or on 2-D points, and use it. Loads no JavaFX.
 */
@Command(name = "vae", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latent-variable models, the Monte-Carlo likelihood and the ELBO (the homework's question 3),",
            "and a VAE trained on the built-in 16x16 shapes or on 2-D points (train, encode, decode)."},
        subcommands = {VaeCommand.InvCdf.class, VaeCommand.McLikelihoodCmd.class, VaeCommand.Elbo.class, VaeCommand.Train.class,
            VaeCommand.Encode.class, VaeCommand.Decode.class, CommandLine.HelpCommand.class})
final class VaeCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The core's field names (the start of its messages) and the options that set them. */
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("n", "--n"), Map.entry("dim", "--dim"),
            Map.entry("samples", "--samples"), Map.entry("mean", "--mean"), Map.entry("var", "--var"), Map.entry("x", "--x"),
            Map.entry("latent", "--latent"), Map.entry("hidden", "--hidden"), Map.entry("layers", "--layers"),
            Map.entry("batch", "--batch"), Map.entry("lr", "--lr"), Map.entry("epochs", "--epochs"), Map.entry("beta", "--beta"),
            Map.entry("variance", "--variance"), Map.entry("data", "--dataset"));

    /**
     * Runs a core call, turning its IllegalArgumentException ("field: reason") into a
     * {@link Cli.BadInput} that names the command-line option instead of the field.
     */
    static <T> T core(Supplier<T> call) throws Cli.BadInput {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            int colon = msg.indexOf(": ");
            String field = colon > 0 ? msg.substring(0, colon) : "";
            throw new Cli.BadInput(FLAGS.containsKey(field) ? FLAGS.get(field) + msg.substring(colon) : msg);
        }
    }

    @Command(name = "invcdf", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Draws z from the latent and x from p(x | z) as the option says, and prints as JSON",
                "{\"samples\": [x or null, ...], \"undefined\": k, \"ks\": {\"statistic\": .., \"pValue\": ..} or null};",
                "null marks a draw where the option is undefined (F^-1 outside (0, 1), or F^-1(1) of an unbounded target);",
                "the Kolmogorov-Smirnov test runs over the defined samples against the target's CDF.",
                "Options: a: x = F^-1(z); b: x = F^-1(P(z)), P the latent's CDF; b-density: x = F^-1(p(z)), p its density;",
                "c: x ~ N(F(z), 1)."})
    static final class InvCdf implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--target", required = true, paramLabel = "NAME",
                description = "mixture (0.3 N(-2, 0.5^2) + 0.7 N(1.5, 1)), exponential (rate 1) or uniform (0, 1).")
        String target;

        @Option(names = "--latent", required = true, paramLabel = "NAME", description = "uniform (U(0, 1)) or normal (N(0, 1)).")
        String latent;

        @Option(names = "--option", required = true, paramLabel = "NAME", description = "a, b, b-density or c.")
        String option;

        @Option(names = "--n", required = true, paramLabel = "N", description = "Number of draws, 1.." + InverseCdfSampler.MAX_N + ".")
        int n;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                Target t = Target.byName(target).orElseThrow(() -> new Cli.BadInput(
                        "--target: '" + target + "' is not " + String.join(", ", Target.NAMES)));
                Latent l = Latent.byName(latent).orElseThrow(() -> new Cli.BadInput("--latent: '" + latent + "' is not uniform or normal"));
                InverseCdfOption o = InverseCdfOption.byName(option).orElseThrow(() -> new Cli.BadInput(
                        "--option: '" + option + "' is not a, b, b-density or c"));
                InverseCdfResult r = core(() -> InverseCdfSampler.draw(t, l, o, n, new Rng(seed)));
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    g.writeArrayFieldStart("samples");
                    for (Draw d : r.draws()) {
                        OptionalDouble x = d.x();
                        if (x.isPresent()) {
                            number(g, x.getAsDouble());
                        } else {
                            g.writeNull();
                        }
                    }
                    g.writeEndArray();
                    g.writeNumberField("undefined", r.undefined());
                    g.writeFieldName("ks");
                    if (r.ks().isPresent()) {
                        KsResult ks = r.ks().get();
                        g.writeStartObject();
                        g.writeFieldName("statistic");
                        number(g, ks.statistic());
                        g.writeFieldName("pValue");
                        number(g, ks.pValue());
                        g.writeEndObject();
                    } else {
                        g.writeNull();
                    }
                    g.writeEndObject();
                }
                print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT, "vae invcdf: %d draws, target %s, latent %s, option %s: %d undefined, %s",
                        n, t.id(), l.id(), o.id(), r.undefined(), r.ks().map(ks -> String.format(Locale.ROOT, "KS D = %.4g, p = %.4g",
                                ks.statistic(), ks.pValue())).orElse("no defined sample to test")));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println("genlab vae invcdf: " + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }
    }

    @Command(name = "mc-likelihood", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Estimates log p(x) by Monte Carlo for z ~ N(0, I_d), x = A z + N(0, 0.3^2 I_d), A a seeded random",
                "orthogonal matrix and x one draw from the model, and prints as JSON",
                "{\"estimate\": log-mean-exp of the log weights, \"exact\": log p(x), \"ess\": (sum w)^2 / sum w^2,",
                "\"weights\": [normalised weights, in sample order]}.",
                "Proposals: prior (the naive estimator), posterior (the exact p(z | x): every weight equal),",
                "wide (the posterior with standard deviations 1.2 times larger)."})
    static final class McLikelihoodCmd implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dim", required = true, paramLabel = "D", description = "Dimension of z and x, 1.." + McLikelihood.MAX_DIM + ".")
        int dim;

        @Option(names = "--samples", required = true, paramLabel = "M", description = "Number of samples, 1.." + McLikelihood.MAX_SAMPLES + ".")
        int samples;

        @Option(names = "--proposal", paramLabel = "NAME", defaultValue = "prior",
                description = "prior, posterior or wide (default: ${DEFAULT-VALUE}).")
        String proposal;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Seed of A and x (stream 0) and of the samples (stream 1) (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                McLikelihood.Proposal p = McLikelihood.Proposal.byName(proposal).orElseThrow(() -> new Cli.BadInput(
                        "--proposal: '" + proposal + "' is not prior, posterior or wide"));
                McLikelihood model = core(() -> new McLikelihood(dim, seed));
                McLikelihood.Estimate e = core(() -> model.estimate(p, samples, Rng.forStream(seed, 1)));
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    g.writeFieldName("estimate");
                    number(g, e.logEstimate());
                    g.writeFieldName("exact");
                    number(g, e.exact());
                    g.writeFieldName("ess");
                    number(g, e.ess());
                    g.writeArrayFieldStart("weights");
                    for (double w : e.weights()) {
                        number(g, w);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT, "vae mc-likelihood: d=%d, m=%d, proposal %s: estimate %.6g, exact %.6g, ESS %.4g",
                        dim, samples, p.id(), e.logEstimate(), e.exact(), e.ess()));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println("genlab vae mc-likelihood: " + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }
    }

    @Command(name = "elbo", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"For z ~ N(0, 1), x = (1.5, 0.5) z + N(0, 0.5^2 I) and q(z) = N(mean, var), prints as JSON",
                "{\"logp\": log p(x), \"elbo\": ELBO(q), \"kl\": KL(q || p(z | x)), \"posterior\": {\"mean\": .., \"var\": ..}};",
                "all exact, and logp = elbo + kl."})
    static final class Elbo implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--x", paramLabel = "X,Y", defaultValue = "1,0.5", description = "The observed x (default: ${DEFAULT-VALUE}).")
        String x;

        @Option(names = "--mean", required = true, paramLabel = "M", description = "The mean of q.")
        double mean;

        @Option(names = "--var", required = true, paramLabel = "V", description = "The variance of q, > 0.")
        double var;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                double[] point = point(x);
                LinearGaussianElbo model = LinearGaussianElbo.homework();
                LinearGaussianElbo.Breakdown r = core(() -> model.evaluate(point, mean, var));
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    g.writeFieldName("logp");
                    number(g, r.logp());
                    g.writeFieldName("elbo");
                    number(g, r.elbo());
                    g.writeFieldName("kl");
                    number(g, r.kl());
                    g.writeObjectFieldStart("posterior");
                    g.writeFieldName("mean");
                    number(g, r.posteriorMean());
                    g.writeFieldName("var");
                    number(g, r.posteriorVar());
                    g.writeEndObject();
                    g.writeEndObject();
                }
                print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT,
                        "vae elbo: x=(%s, %s), q=N(%s, %s): E_q log p(x|z) %.6g - KL(q||p(z)) %.6g = ELBO %.6g",
                        point[0], point[1], mean, var, r.expectedLogLikelihood(), r.klToPrior(), r.elbo()));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println("genlab vae elbo: " + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }

        /** "X,Y" as two finite numbers. */
        private static double[] point(String a) throws Cli.BadInput {
            return Cli.point("--x", a);
        }
    }

    /** The data set named by {@code --dataset}: the built-in shapes, or a CSV file of 2-D points. */
    static final class DataArg {
        final VaeData data;
        final Shapes shapes;

        private DataArg(VaeData data, Shapes shapes) {
            this.data = data;
            this.shapes = shapes;
        }

        /**
         * {@code shapes} (n images from seed; n null: {@link Shapes#DEFAULT_N}) or a CSV file
         * (its first n rows; n null: all).
         */
        static DataArg resolve(String spec, Integer n, long seed) throws Cli.BadInput {
            if (n != null && n < 1) {
                throw new Cli.BadInput("--n: must be at least 1, got " + n);
            }
            Path file = Path.of(spec);
            if (spec.equalsIgnoreCase("shapes") && !Files.exists(file)) {
                int count = n == null ? Shapes.DEFAULT_N : n;
                Shapes s = core(() -> Shapes.generate(count, seed));
                return new DataArg(s.data(), s);
            }
            Dataset2D d;
            try {
                d = DataCsv.read(file);
            } catch (DataFormatException | IllegalArgumentException e) {
                throw new Cli.BadInput("--dataset: " + e.getMessage());
            } catch (NoSuchFileException e) {
                throw new Cli.BadInput("--dataset: " + spec + ": no such file (and not shapes)");
            } catch (IOException e) {
                throw new Cli.BadInput("--dataset: " + spec + ": cannot read (" + e.getMessage() + ")");
            }
            if (d.isEmpty()) {
                throw new Cli.BadInput("--dataset: " + spec + ": the file holds no points");
            }
            VaeData v = VaeData.of(d, file.getFileName().toString());
            return new DataArg(n == null ? v : v.head(n), null);
        }

        /** What the data are, for messages. */
        String what() {
            return shapes != null ? data.size() + " shapes (" + Shapes.PIXELS + " pixels each)" : data.size() + " points of " + data.name();
        }
    }

    /** The model of {@code --model}. */
    static Vae loadModel(Path file) throws Cli.BadInput {
        try {
            return VaeFile.load(file);
        } catch (NoSuchFileException e) {
            throw new Cli.BadInput("--model: " + file + ": no such file");
        } catch (VaeFormatException e) {
            String name = file.getFileName() + ": ";
            String m = e.getMessage();
            throw new Cli.BadInput("--model: " + file + ": " + (m.startsWith(name) ? m.substring(name.length()) : m));
        } catch (IOException e) {
            throw new Cli.BadInput("--model: " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Checks that the model takes rows like the data's. */
    static void checkFits(Vae vae, DataArg d) throws Cli.BadInput {
        if (vae.inputDim() != d.data.dim()) {
            throw new Cli.BadInput("--dataset: " + d.what() + " do not fit the model, which takes " + vae.inputDim()
                    + " values per example (trained on " + vae.datasetName() + ")");
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Trains a VAE (encoder x -> mean and log-variance of q(z | x), one reparameterized z = mean + sigma eps,",
                "decoder z -> p(x | z), loss -log p(x | z) + beta KL(q || N(0, I)), minibatch Adam) and writes it to --out.",
                "--dataset shapes: the built-in 16x16 images (Bernoulli likelihood); FILE.csv: 2-D points (Gaussian, learned variance).",
                "Prints {\"epochs\": [{\"epoch\": e, \"elbo\": .., \"reconstruction\": .., \"kl\": ..}, ...], \"secondsPerEpoch\": s}:",
                "per epoch the means per example over its steps, elbo = -(reconstruction + beta kl)."})
    static final class Train implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "shapes|FILE.csv",
                description = "shapes (generated from --seed) or a CSV file of points (header x,y[,weight]).")
        String dataset;

        @Option(names = "--n", paramLabel = "N", description = "Number of shapes (default " + Shapes.DEFAULT_N + "); for a CSV, its first N rows (default all).")
        Integer n;

        @Option(names = "--latent", paramLabel = "L", description = "Latent dimension, 1.." + VaeSettings.MAX_LATENT + " (default 2 for shapes, 1 for points).")
        Integer latent;

        @Option(names = "--epochs", paramLabel = "E", description = "Epochs (default 10 for shapes, 200 for points).")
        Integer epochs;

        @Option(names = "--beta", paramLabel = "B", defaultValue = "1", description = "Weight of the KL, >= 0 (default: ${DEFAULT-VALUE}).")
        double beta;

        @Option(names = "--hidden", paramLabel = "H", description = "Hidden width of both networks (default 256 for shapes, 64 for points).")
        Integer hidden;

        @Option(names = "--layers", paramLabel = "K", defaultValue = "2", description = "Hidden layers of each network, 1..8 (default: ${DEFAULT-VALUE}).")
        int layers;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "128", description = "Examples per step (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--likelihood", paramLabel = "NAME",
                description = "bernoulli, gaussian (fixed variance --variance) or gaussian-learned (default bernoulli for shapes, gaussian-learned for points).")
        String likelihood;

        @Option(names = "--variance", paramLabel = "V", defaultValue = "0.01",
                description = "The fixed variance of --likelihood gaussian (default: ${DEFAULT-VALUE}).")
        double variance;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Seed of the shapes, the weights, the batches and the noise (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the model (e.g. model.genlab-vae).")
        Path out;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            VaeTrainer trainer;
            int e;
            try {
                DataArg d = DataArg.resolve(dataset, n, seed);
                boolean images = d.shapes != null;
                VaeSettings base = images ? VaeSettings.IMAGES : VaeSettings.POINTS;
                Likelihood lik = base.likelihood();
                if (likelihood != null) {
                    lik = Likelihood.byId(likelihood).orElseThrow(() -> new Cli.BadInput(
                            "--likelihood: '" + likelihood + "' is not " + String.join(", ", Likelihood.ids())));
                }
                Likelihood l = lik;
                int lat = latent == null ? base.latent() : latent;
                int hid = hidden == null ? base.hidden() : hidden;
                e = epochs == null ? base.epochs() : epochs;
                int ep = e;
                VaeSettings settings = core(() -> new VaeSettings(l, lat, hid, layers, base.activation(), batch, lr, ep, beta, variance, seed));
                ComputePool pool = ComputePool.shared();
                trainer = core(() -> new VaeTrainer(d.data, settings, pool.executor(), pool.size()));
                cmd.getErr().println(String.format(Locale.ROOT, "vae train: %s, %s, latent %d, %d epochs of %d steps",
                        d.what(), l.id(), lat, e, trainer.stepsPerEpoch()));
            } catch (Cli.BadInput ex) {
                cmd.getErr().println("genlab vae train: " + ex.getMessage());
                return Cli.BAD_INPUT;
            }
            List<ElboTerms> epochTerms = new ArrayList<>();
            for (int k = 1; k <= e; k++) {
                ElboTerms t = trainer.runEpoch();
                if (t == null) {
                    cmd.getErr().println("genlab vae train: failed: " + trainer.failure() + "; nothing was written to " + out);
                    return Cli.FAILURE;
                }
                epochTerms.add(t);
                cmd.getErr().println(String.format(Locale.ROOT, "vae train: epoch %d/%d: -ELBO %.4f (reconstruction %.4f, KL %.4f)",
                        k, e, t.negElbo(), t.reconstruction(), t.kl()));
            }
            StringWriter text = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                g.writeStartObject();
                g.writeArrayFieldStart("epochs");
                for (int k = 0; k < epochTerms.size(); k++) {
                    ElboTerms t = epochTerms.get(k);
                    g.writeStartObject();
                    g.writeNumberField("epoch", k + 1);
                    g.writeFieldName("elbo");
                    number(g, t.elbo());
                    g.writeFieldName("reconstruction");
                    number(g, t.reconstruction());
                    g.writeFieldName("kl");
                    number(g, t.kl());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeFieldName("secondsPerEpoch");
                number(g, trainer.secondsPerEpoch());
                g.writeEndObject();
            }
            VaeFile.save(trainer.vae(), out);
            print(cmd, text);
            cmd.getErr().println(String.format(Locale.ROOT, "vae train: %d steps, %.3f s per epoch, wrote %s (%d bytes)",
                    trainer.stepsDone(), trainer.secondsPerEpoch(), out, Files.size(out)));
            return 0;
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Encodes a data set with a trained VAE and prints q(z | x) for each example as JSON:",
                "{\"means\": [[..], ...], \"logvars\": [[..], ...], \"factors\": [{\"kind\": k, \"x\": .., \"y\": .., \"scale\": .., \"rotation\": ..}, ...]}",
                "(factors only for shapes: kind 0 square, 1 ellipse, 2 triangle; x, y in [0, 1], y down; rotation in radians)."})
    static final class Encode implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model written by vae train.")
        Path model;

        @Option(names = "--dataset", required = true, paramLabel = "shapes|FILE.csv", description = "shapes or a CSV file of points.")
        String dataset;

        @Option(names = "--n", paramLabel = "N", description = "Number of shapes (default " + Shapes.DEFAULT_N + "); for a CSV, its first N rows (default all).")
        Integer n;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the shapes (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                Vae vae = loadModel(model);
                DataArg d = DataArg.resolve(dataset, n, seed);
                checkFits(vae, d);
                ComputePool pool = ComputePool.shared();
                Vae.Encodings enc = vae.encode(d.data, pool.executor(), pool.size());
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    rows(g, "means", enc.means());
                    rows(g, "logvars", enc.logVars());
                    if (d.shapes != null) {
                        g.writeArrayFieldStart("factors");
                        for (int i = 0; i < d.shapes.size(); i++) {
                            ShapeFactors f = d.shapes.factors(i);
                            g.writeStartObject();
                            g.writeNumberField("kind", f.kind());
                            for (String name : Shapes.FACTOR_NAMES.subList(1, Shapes.FACTOR_NAMES.size())) {
                                g.writeFieldName(name);
                                number(g, f.get(name));
                            }
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                }
                print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT, "vae encode: %s with %s", d.what(), vae));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println("genlab vae encode: " + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Decodes latent points with a trained VAE: prints the means E[x | z] (pixel probabilities for shapes) as JSON,",
                "{\"means\": [[..], ...]} one row per --z, or with --out writes the images side by side as a PNG",
                "(grey level 255 x value, each pixel --scale x --scale; image models only) and prints nothing."})
    static final class Decode implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model written by vae train.")
        Path model;

        @Option(names = "--z", required = true, paramLabel = "Z1,Z2,..", description = "A latent point, one number per latent dimension (repeatable).")
        List<String> zs = new ArrayList<>();

        @Option(names = "--out", paramLabel = "FILE.png", description = "Write a PNG instead of printing the means.")
        Path out;

        @Option(names = "--scale", paramLabel = "K", defaultValue = "4", description = "PNG pixels per image pixel, 1..64 (default: ${DEFAULT-VALUE}).")
        int scale;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            try {
                Vae vae = loadModel(model);
                float[][] z = new float[zs.size()][];
                for (int i = 0; i < z.length; i++) {
                    z[i] = latentPoint(zs.get(i), vae.latentDim());
                }
                int side = (int) Math.round(Math.sqrt(vae.inputDim()));
                if (out != null) {
                    if (side * side != vae.inputDim() || vae.likelihood() != Likelihood.BERNOULLI) {
                        throw new Cli.BadInput("--out: a PNG needs an image model; this one decodes " + vae.inputDim()
                                + " values (" + vae.likelihood().id() + ", trained on " + vae.datasetName() + ")");
                    }
                    if (scale < 1 || scale > 64) {
                        throw new Cli.BadInput("--scale: must be in 1..64, got " + scale);
                    }
                }
                float[][] means = vae.decode(z);
                if (out != null) {
                    GreyPng.write(means, side, side, scale, out);
                    cmd.getErr().println(String.format(Locale.ROOT, "vae decode: %d images of %dx%d side by side, wrote %s",
                            means.length, side, side, out));
                    return 0;
                }
                StringWriter text = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                    g.writeStartObject();
                    rows(g, "means", means);
                    g.writeEndObject();
                }
                print(cmd, text);
                cmd.getErr().println(String.format(Locale.ROOT, "vae decode: %d latent points with %s", means.length, vae));
                return 0;
            } catch (Cli.BadInput e) {
                cmd.getErr().println("genlab vae decode: " + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }

        /** "Z1,Z2,.." as exactly {@code dim} finite numbers. */
        private static float[] latentPoint(String a, int dim) throws Cli.BadInput {
            String[] parts = a.split(",", -1);
            float[] z = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    double v = Double.parseDouble(parts[i].trim());
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    z[i] = (float) v;
                } catch (NumberFormatException e) {
                    throw new Cli.BadInput("--z: '" + a + "': '" + parts[i].trim() + "' is not a finite number");
                }
            }
            if (z.length != dim) {
                throw new Cli.BadInput("--z: '" + a + "' has " + z.length + " numbers, the model's latent dimension is " + dim);
            }
            return z;
        }
    }

    /** Rows of floats as an array of arrays. */
    private static void rows(JsonGenerator g, String name, float[][] rows) throws IOException {
        g.writeArrayFieldStart(name);
        for (float[] r : rows) {
            g.writeStartArray();
            for (float v : r) {
                if (!Float.isFinite(v)) {
                    throw new IllegalStateException("a result is not finite: " + v);
                }
                g.writeNumber(v);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }


}
