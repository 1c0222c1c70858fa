package org.genlab.app;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.TrainingBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genlab bench}: speed measurements that a user can run against the reference tools
 * on their own machine. Headless; stdout carries only the JSON result.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Speed benchmarks; each prints one JSON object on stdout.",
        subcommands = {BenchCommand.MlpBench.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Cli.badInput(spec.commandLine(), "name a benchmark: mlp (see genlab bench --help)");
    }

    /** Trains the flow-matching network and prints its steps per second. */
    @Command(name = "mlp", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Trains the flow-matching network (input 3, --layers hidden SiLU layers of width --hidden,",
                "output 2, MSE, Adam) on random targets and prints {\"stepsPerSecond\": .., \"vector\": true|false},",
                "measured after the warm-up steps. Run java with --add-modules jdk.incubator.vector for full speed."})
    static final class MlpBench implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--hidden", paramLabel = "H", defaultValue = "64", description = "Hidden width, 1 to 4096 (default: ${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--layers", paramLabel = "L", defaultValue = "3", description = "Hidden layers, 1 to 16 (default: ${DEFAULT-VALUE}).")
        int layers;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "256", description = "Rows per step, 1 to 65536 (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "2000", description = "Timed steps, at least 1 (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "300", description = "Untimed steps first, at least 0 (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--threads", paramLabel = "T", defaultValue = "2", description = "Threads, 1 to 64 (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seeds the weights and the batches (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            CommandLine cmd = spec.commandLine();
            String bad = hidden < 1 || hidden > 4096 ? "--hidden: " + hidden + " is outside 1 to 4096"
                    : layers < 1 || layers > 16 ? "--layers: " + layers + " is outside 1 to 16"
                    : batch < 1 || batch > 65536 ? "--batch: " + batch + " is outside 1 to 65536"
                    : steps < 1 ? "--steps: " + steps + " is not at least 1"
                    : warmup < 0 ? "--warmup: " + warmup + " is negative"
                    : threads < 1 || threads > 64 ? "--threads: " + threads + " is outside 1 to 64"
                    : null;
            if (bad != null) {
                return Cli.badInput(cmd, bad);
            }
            ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads - 1) : null;
            try {
                TrainingBenchmark b = new TrainingBenchmark(hidden, layers, batch, pool, threads, seed);
                cmd.getErr().printf(Locale.ROOT, "bench mlp: %s, batch %d, Adam, %d thread(s): %d warm-up steps, then %d timed%n",
                        b.network().shape(), batch, threads, warmup, steps);
                double sps = b.stepsPerSecond(warmup, steps);
                if (!Double.isFinite(b.lastLoss())) {
                    cmd.getErr().println("genlab bench mlp: failed: the loss became " + b.lastLoss());
                    return Cli.FAILURE;
                }
                System.out.printf(Locale.ROOT, "{\"stepsPerSecond\": %.1f, \"vector\": %b}%n", sps, Mlp.vectorized());
                System.out.flush();
                return 0;
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        }
    }
}
