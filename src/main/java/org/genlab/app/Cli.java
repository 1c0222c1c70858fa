package org.genlab.app;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.genlab.core.data.DataCsv;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.data.Preset;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import org.genlab.lesson.Lesson;
import org.genlab.lesson.LessonFolders;
import org.genlab.lesson.LessonLoader;
import org.genlab.lesson.LessonStep;
import org.genlab.lesson.LoadResult;
import org.genlab.export.GifExporter;
import org.genlab.compute.ProgressSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The headless command line. Conventions for every subcommand: stdout carries only the
 * result, messages go to stderr; exit 0 on success, 2 for bad arguments or a bad input file
 * (the message names what and where), 1 for a failure while running; {@code --help}
 * everywhere.
 */
@Command(name = "genlab", mixinStandardHelpOptions = true, version = "GenLab 0.1.0",
        sortOptions = false,
        description = {
            "An interactive lab for learning generative models.",
            "",
            "With no arguments, opens the window. Window options: --pane NAME opens a pane;",
            "--lesson ID [--step N] opens a lesson (N counts from 1); --lessons DIR adds a folder of lessons;",
            "--state FILE.genlab.json opens a saved state.",
            "With a subcommand, runs headless and never opens a window."},
        subcommands = {Cli.Render.class, Cli.Animate.class, StateCommand.class, Cli.Data.class, EmCommand.class, DiffusionCommand.class, VaeCommand.class, FlowCommand.class,
            ZooCommand.class, LogisticCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Callable<Integer> {
    /** Exit code for bad arguments or a bad input file. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a failure while running. */
    public static final int FAILURE = 1;

    private static final Set<String> HEADLESS_WORDS = Set.of("render", "animate", "state", "data", "em", "diffusion", "vae", "flow", "zoo", "logistic", "bench", "help", "--help", "-h", "--version",
            "-V");

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether {@code firstArg} starts a headless command rather than the window. */
    public static boolean isHeadless(String firstArg) {
        return HEADLESS_WORDS.contains(firstArg);
    }

    /** Runs the command line and returns the exit code (the caller exits). */
    public static int run(String... args) {
        CommandLine cmd = args.length > 0 && args[0].equals("em") ? lean(new EmCommand()) : new CommandLine(new Cli());
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": failed: " + ex);
            return FAILURE;
        });
        return cmd.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /**
     * The root "genlab" with only {@code sub} under it, for a command line that names that
     * subcommand first. Picocli builds a command's model by reflection over every subcommand
     * it lists, and for the whole tree that loads classes of every pane (lessons, the VAE,
     * flows, ...) and costs a tenth of a second or more before the command starts; {@code em fit}
     * is timed as a whole process against scikit-learn, so it starts from this lean tree.
     * Names, help and exit codes are the same as in the full tree.
     */
    static CommandLine lean(Object sub) {
        CommandLine.Model.CommandSpec root = CommandLine.Model.CommandSpec.create().name("genlab")
                .version("GenLab 0.1.0").mixinStandardHelpOptions(true);
        CommandLine cmd = new CommandLine(root);
        cmd.addSubcommand(sub);
        return cmd;
    }

    /** A problem with the user's arguments or input file: exit 2 with this message. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    /** The option's value "X,Y" as two finite numbers, or a BadInput naming the option. */
    static double[] point(String option, String a) throws BadInput {
        String[] parts = a.split(",", -1);
        if (parts.length == 2) {
            try {
                double x = Double.parseDouble(parts[0].trim());
                double y = Double.parseDouble(parts[1].trim());
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    return new double[] {x, y};
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new BadInput(option + ": '" + a + "' is not X,Y (two finite numbers)");
    }

    static int badInput(CommandLine cmd, String message) {
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
        return BAD_INPUT;
    }

    /**
     * The data set named by {@code --data}: a preset name with its default size and noise
     * ({@code --data two-point} is exactly the homework's two points), or a CSV file.
     */
    static Dataset2D resolveData(String spec, long seed) throws BadInput {
        Path file = Path.of(spec);
        // an existing file wins over a preset of the same name (and a file needs no preset classes)
        java.util.Optional<Preset> preset = Files.exists(file) ? java.util.Optional.empty() : Preset.byName(spec);
        if (preset.isPresent()) {
            Preset p = preset.get();
            return p.generate(p.defaultN(), p.defaultNoise(), seed);
        }
        try {
            return DataCsv.read(file);
        } catch (org.genlab.core.data.DataFormatException | IllegalArgumentException e) {
            throw new BadInput("--data: " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInput("--data: " + spec + ": no such file, and not a preset (" + String.join(", ", Preset.names()) + ")");
        } catch (IOException e) {
            throw new BadInput("--data: " + spec + ": cannot read (" + e.getMessage() + ")");
        }
    }

    @Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Writes a preset data set as CSV (header x,y).")
    static final class Data implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--preset", required = true, paramLabel = "NAME",
                description = "One of: ${COMPLETION-CANDIDATES}", completionCandidates = PresetNames.class)
        String preset;

        @Option(names = "--n", paramLabel = "N", description = "Number of points (default: the preset's).")
        Integer n;

        @Option(names = "--noise", paramLabel = "X", description = "Noise standard deviation (default: the preset's).")
        Double noise;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output file, or - for stdout.")
        String out;

        @Override
        public Integer call() throws IOException {
            CommandLine cmd = spec.commandLine();
            Preset p = Preset.byName(preset).orElse(null);
            if (p == null) {
                return badInput(cmd, "--preset: unknown preset '" + preset + "'; presets: " + String.join(", ", Preset.names()));
            }
            Dataset2D data;
            try {
                data = p.generate(n != null ? n : p.defaultN(), noise != null ? noise : p.defaultNoise(), seed);
            } catch (IllegalArgumentException e) {
                return badInput(cmd, e.getMessage());
            }
            if (out.equals("-")) {
                Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                DataCsv.write(data, w);
                w.flush();
            } else {
                Path path = Path.of(out);
                try {
                    DataCsv.write(data, path);
                } catch (IOException e) {
                    return badInput(cmd, "--out: cannot write " + path + " (" + e + ")");
                }
                cmd.getErr().println("wrote " + data.size() + " points (" + p.id() + ", seed " + seed + ") to " + path);
            }
            return 0;
        }
    }

    /** The preset names, for picocli's help text. */
    static final class PresetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Preset.names().iterator();
        }
    }

    /**
     * Which figure: a pane, or a lesson step's figure, with optional data and seed. Shared by
     * {@code render} and {@code animate}.
     */
    static final class FigureOptions {
        @Option(names = "--pane", paramLabel = "NAME", description = "The pane whose figure to draw.")
        String pane;

        @Option(names = "--state", paramLabel = "FILE.genlab.json",
                description = "Start from a saved state (the window's State > Save state, or genlab state save) instead of --pane.")
        Path state;

        @Option(names = "--lesson", paramLabel = "ID", description = "Draw the figure of a lesson step instead of a pane.")
        String lesson;

        @Option(names = "--step", paramLabel = "N", description = "The lesson step, counting from 1 (default: 1).")
        Integer step;

        @Option(names = "--lessons", paramLabel = "DIR", description = "A folder of lessons to add to the shipped ones (repeatable).")
        List<Path> lessonDirs = new ArrayList<>();

        @Option(names = "--data", paramLabel = "FILE.csv|PRESET",
                description = "Data for the pane: a CSV file (header x,y[,weight]) or a preset name (two-point is exactly [1,0], [0,1]).")
        String data;

        @Option(names = "--seed", paramLabel = "S", description = "The pane's random seed.")
        Long seed;

        @Option(names = "--set", paramLabel = "NAME=VALUE",
                description = "Sets one of the pane's parameters, as the control panel would (repeatable), e.g. --set view=latent.")
        List<String> set = new ArrayList<>();

        private LoadResult loaded;

        /** The request for a figure of logical size {@code size} at {@code scale}. */
        HeadlessRenderer.Request request(String size, double scale, String format, Path out) throws BadInput {
            PaneState saved = null;
            if (state != null) {
                // a state is the whole pane: what else would choose data, seed or pane conflicts with it
                for (String[] o : new String[][] {{"--pane", pane}, {"--lesson", lesson}, {"--data", data},
                        {"--seed", seed == null ? null : seed.toString()}, {"--step", step == null ? null : step.toString()}}) {
                    if (o[1] != null) {
                        throw new BadInput("--state and " + o[0] + " do not go together: the state file holds the pane, its data and its seed"
                                + " (--set NAME=VALUE changes a parameter after the state is restored)");
                    }
                }
                try {
                    saved = StateFile.read(state);
                } catch (StateException e) {
                    throw new BadInput("--state: " + e.getMessage());
                }
            } else if ((pane == null) == (lesson == null)) {
                throw new BadInput("give one of --pane NAME, --lesson ID or --state FILE");
            }
            if (step != null && lesson == null) {
                throw new BadInput("--step goes with --lesson ID");
            }
            java.util.List<LessonStep> steps = lesson == null ? java.util.List.of() : lessonSteps();
            String paneName = saved != null ? saved.pane() : lesson == null ? pane : findLesson().topic();
            if (TopicRegistry.byId(paneName).isEmpty()) {
                throw new BadInput((saved != null ? "--state " + state + ", pane" : "--pane") + ": unknown pane '" + paneName + "'; panes: "
                        + TopicRegistry.names());
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})x(\\d{1,5})").matcher(size);
            if (!m.matches()) {
                throw new BadInput("--size: '" + size + "' is not WIDTHxHEIGHT (for example 1200x800)");
            }
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            if (w < 200 || h < 150 || w > 8000 || h > 8000) {
                throw new BadInput("--size: " + size + " is outside 200x150 to 8000x8000");
            }
            if (!(scale >= 1 && scale <= 8)) {
                throw new BadInput("--scale: " + scale + " is outside 1 to 8");
            }
            if ((double) w * h * scale * scale > 100e6) {
                throw new BadInput("--size and --scale: " + size + " at " + scale + "x is over 100 million pixels");
            }
            Dataset2D d = data == null ? null : resolveData(data, seed == null ? 0 : seed);
            java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
            for (String kv : set) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new BadInput("--set: '" + kv + "' is not NAME=VALUE");
                }
                settings.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
            return new HeadlessRenderer.Request(paneName, saved, state == null ? null : "--state " + state, steps, d, seed, settings,
                    w, h, scale, format, out);
        }

        /** How the figure is named in messages. */
        String describe(HeadlessRenderer.Request req) {
            return "pane '" + req.pane() + "'" + (lesson != null ? " (lesson " + lesson + ", step " + req.steps().size() + ")"
                    : state != null ? " (state " + state + ")" : "");
        }

        private Lesson findLesson() throws BadInput {
            if (loaded == null) {
                for (Path dir : lessonDirs) {
                    if (!Files.isDirectory(dir)) {
                        throw new BadInput("--lessons: " + dir + " is not a folder");
                    }
                }
                loaded = new LessonLoader(TopicRegistry.catalog()).load(LessonFolders.with(lessonDirs));
            }
            return loaded.lessons().stream().filter(l -> l.id().equals(lesson)).findFirst().orElseThrow(() -> {
                String problems = loaded.errors().stream().map(Object::toString).collect(Collectors.joining("\n  "));
                return new BadInput("--lesson: no lesson '" + lesson + "' loaded"
                        + (problems.isEmpty() ? "; lessons: " + loaded.lessons().stream().map(Lesson::id).collect(Collectors.joining(", "))
                                : "; these lesson files did not load:\n  " + problems));
            });
        }

        /** Steps 1 to --step of the lesson: the figure is the one a student reaches by Next. */
        private java.util.List<LessonStep> lessonSteps() throws BadInput {
            Lesson l = findLesson();
            int s = step == null ? 1 : step;
            if (s < 1 || s > l.steps().size()) {
                throw new BadInput("--step: lesson '" + lesson + "' has steps 1 to " + l.steps().size() + ", not " + s);
            }
            return l.steps().subList(0, s);
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Renders a pane's figure to an image file, headless.",
                "PNG has --size times --scale pixels; SVG is vector (shapes and text), --size in its own units."})
    static final class Render implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        FigureOptions figure = new FigureOptions();

        @Option(names = "--format", paramLabel = "png|svg", description = "Image format: png or svg (default: from the --out "
                + "file's extension, else png).")
        String format;

        @Option(names = "--size", paramLabel = "WxH", defaultValue = "1200x800",
                description = "Logical figure size (default: ${DEFAULT-VALUE}).")
        String size;

        @Option(names = "--scale", paramLabel = "K", defaultValue = "1",
                description = "Pixels per logical unit of a PNG, 1 to 8 (default: ${DEFAULT-VALUE}); 2 gives crisp slides.")
        double scale;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output image file (.png or .svg).")
        Path out;

        @Override
        public Integer call() throws Exception {
            CommandLine cmd = spec.commandLine();
            try {
                String f = format != null ? format.toLowerCase(java.util.Locale.ROOT)
                        : out.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg") ? "svg" : "png";
                if (!f.equals("png") && !f.equals("svg")) {
                    throw new BadInput("--format: '" + format + "' is not supported; formats: png, svg");
                }
                HeadlessRenderer.Request req = figure.request(size, scale, f, out);
                HeadlessRenderer.Result r = HeadlessRenderer.render(req);
                cmd.getErr().println("wrote " + r.width() + "x" + r.height() + (f.equals("svg") ? " SVG" : " px") + " figure of "
                        + figure.describe(req) + " to " + out);
                return 0;
            } catch (BadInput e) {
                return badInput(cmd, e.getMessage());
            }
        }
    }

    @Command(name = "animate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Animates a pane along its own time into a GIF, headless.",
                "Times: em half-steps, diffusion steps t, flow time t in [0, 1]; the frames are spaced evenly",
                "from --from to --to inclusive and are the pane's own figure at each time."})
    static final class Animate implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        FigureOptions figure = new FigureOptions();

        @Option(names = "--from", required = true, paramLabel = "A", description = "The first frame's time.")
        double from;

        @Option(names = "--to", required = true, paramLabel = "B", description = "The last frame's time (may be below --from).")
        double to;

        @Option(names = "--frames", paramLabel = "N", defaultValue = "30", description = "How many frames, 1 to 2000 (default: ${DEFAULT-VALUE}).")
        int frames;

        @Option(names = "--fps", paramLabel = "F", defaultValue = "10", description = "Frames per second, 1 to 50 (default: ${DEFAULT-VALUE}).")
        double fps;

        @Option(names = "--loop", paramLabel = "L", defaultValue = "0",
                description = "How many times the GIF plays: 0 for ever (default), 1 once, ...")
        int loop;

        @Option(names = "--size", paramLabel = "WxH", defaultValue = "800x600",
                description = "Frame size in pixels (default: ${DEFAULT-VALUE}).")
        String size;

        @Option(names = "--out", required = true, paramLabel = "FILE.gif", description = "Output GIF file.")
        Path out;

        @Override
        public Integer call() throws Exception {
            CommandLine cmd = spec.commandLine();
            try {
                if (frames < 1 || frames > 2000) {
                    throw new BadInput("--frames: " + frames + " is outside 1 to 2000");
                }
                if (!(fps >= 1 && fps <= 50)) {
                    throw new BadInput("--fps: " + fps + " is outside 1 to 50");
                }
                if (loop < 0 || loop > 65_536) {
                    throw new BadInput("--loop: " + loop + " is outside 0 (for ever) to 65536");
                }
                if (!Double.isFinite(from) || !Double.isFinite(to)) {
                    throw new BadInput("--from and --to must be numbers");
                }
                HeadlessRenderer.Request req = figure.request(size, 1, "gif", out);
                if ((double) req.width() * req.height() * frames > 2e9) {
                    throw new BadInput("--size and --frames: " + frames + " frames of " + size + " is over 2 billion pixels");
                }
                GifExporter.Options o = new GifExporter.Options(from, to, frames, fps, loop, 1);
                GifExporter.Result r = HeadlessRenderer.animate(req, o, ProgressSink.NONE);
                cmd.getErr().println("wrote " + r.frames() + " frames of " + r.width() + "x" + r.height() + " px at "
                        + (100.0 / r.delayCentis()) + " fps (" + figure.describe(req) + ") to " + out);
                return 0;
            } catch (BadInput e) {
                return badInput(cmd, e.getMessage());
            }
        }
    }
}
