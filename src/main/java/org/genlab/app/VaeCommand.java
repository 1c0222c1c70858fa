package org.genlab.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.genlab.core.math.Rng;
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
 * {@code genlab vae invcdf|mc-likelihood|elbo}: the homework's question 3 without a window
 * ({@link org.genlab.core.vae}). {@code invcdf} draws from a latent-variable model built on a
 * target's inverse CDF (Q3 b ii-iii) and tests the draws; {@code mc-likelihood} estimates
 * log p(x) by Monte Carlo beside the exact value (Q3 b iv-vii); {@code elbo} prints
 * log p(x) = ELBO + KL for the linear-Gaussian model (Q3 c). Loads no JavaFX.
 */
@Command(name = "vae", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Latent-variable models, the Monte-Carlo likelihood and the ELBO (the homework's question 3).",
        subcommands = {VaeCommand.InvCdf.class, VaeCommand.McLikelihoodCmd.class, VaeCommand.Elbo.class, CommandLine.HelpCommand.class})
final class VaeCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The core's field names (the start of its messages) and the options that set them. */
    private static final Map<String, String> FLAGS = Map.of("n", "--n", "dim", "--dim", "samples", "--samples", "mean", "--mean",
            "var", "--var", "x", "--x");

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
            String[] parts = a.split(",", -1);
            if (parts.length == 2) {
                try {
                    double px = Double.parseDouble(parts[0].trim());
                    double py = Double.parseDouble(parts[1].trim());
                    if (Double.isFinite(px) && Double.isFinite(py)) {
                        return new double[] {px, py};
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            throw new Cli.BadInput("--x: '" + a + "' is not X,Y (two finite numbers)");
        }
    }

    private static void print(CommandLine cmd, StringWriter text) {
        PrintWriter out = cmd.getOut();
        out.println(text);
        out.flush();
    }

    /**
     * A JSON number. The models keep every number finite for valid input; should one not be,
     * the run fails (exit 1) rather than print NaN or Infinity, which JSON does not have.
     */
    private static void number(JsonGenerator g, double v) throws IOException {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("a result is not finite: " + v);
        }
        g.writeNumber(v);
    }
}
