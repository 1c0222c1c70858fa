package org.genlab.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.genlab.core.state.PaneState;
import org.genlab.core.state.StateException;
import org.genlab.core.state.StateFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code genlab state}: pane states without a window. {@code save} opens a pane headless
 * exactly as {@code render} does (pane or lesson step, data, seed, settings), lets it settle
 * and writes what the window's State &gt; Save state would; {@code check} reads a state file
 * and builds its pane from it, so a file that passes here opens in the window; {@code diff}
 * lists what differs between two, as the A/B view does.
 */
@Command(name = "state", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Saves, checks and compares pane states (*" + StateFile.EXTENSION + "), headless.",
            "Use them with genlab render --state FILE, genlab animate --state FILE, the window's State menu,",
            "or a lesson step's state: key."},
        subcommands = {StateCommand.Save.class, StateCommand.Check.class, StateCommand.Diff.class, CommandLine.HelpCommand.class})
final class StateCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The figure size a saved pane is laid out at: the window's figure area at its usual size. */
    static final String SIZE = "1200x800";

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.BAD_INPUT;
    }

    @Command(name = "save", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Opens a pane headless, lets it settle, and writes its whole state.",
                "The pane is set up as genlab render sets it up: --pane or --lesson/--step, then --seed, --set, --data."})
    static final class Save implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Cli.FigureOptions figure = new Cli.FigureOptions();

        @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "A note kept in the file (shown when it is opened).")
        String note;

        @Option(names = "--out", required = true, paramLabel = "FILE" + StateFile.EXTENSION, description = "The state file to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            CommandLine cmd = spec.commandLine();
            try {
                if (note.length() > 10_000) {
                    throw new Cli.BadInput("--note: " + note.length() + " characters; a note is at most 10000");
                }
                HeadlessRenderer.Request req = figure.request(SIZE, 1, "state", out);
                PaneState state = HeadlessRenderer.capture(req).withNote(note);
                try {
                    StateFile.write(state, out);
                } catch (IOException e) {
                    throw new Cli.BadInput("--out: cannot write " + out + " (" + e.getMessage() + ")");
                }
                cmd.getErr().println("wrote the state of " + figure.describe(req) + " to " + out);
                return 0;
            } catch (Cli.BadInput e) {
                return Cli.badInput(cmd, e.getMessage());
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Reads a state file and builds its pane from it, headless.",
                "Exit 0 with a JSON summary on stdout, or 2 with what is wrong and where on stderr."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE" + StateFile.EXTENSION, description = "The state file to check.")
        Path file;

        @Override
        public Integer call() throws Exception {
            CommandLine cmd = spec.commandLine();
            PaneState state;
            try {
                state = StateFile.read(file);
            } catch (StateException e) {
                return Cli.badInput(cmd, e.getMessage());
            }
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            if (TopicRegistry.byId(state.pane()).isEmpty()) {
                return Cli.badInput(cmd, name + ", pane: unknown pane '" + state.pane() + "'; panes: " + TopicRegistry.names());
            }
            HeadlessRenderer.Built built;
            try {
                built = HeadlessRenderer.check(new HeadlessRenderer.Request(state.pane(), state, name, List.of(), null, null,
                        java.util.Map.of(), 1200, 800, 1, "state", file));
            } catch (Cli.BadInput e) {
                return Cli.badInput(cmd, e.getMessage());
            }
            StringWriter text = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("file", file.toString());
                g.writeStringField("kind", StateFile.KIND);
                g.writeNumberField("version", StateFile.VERSION);
                g.writeStringField("pane", state.pane());
                g.writeNumberField("params", state.params().size());
                g.writeArrayFieldStart("extras");
                for (Iterator<String> it = state.extrasNode().fieldNames(); it.hasNext(); ) {
                    g.writeString(it.next());
                }
                g.writeEndArray();
                g.writeNumberField("plots", built.plots());
                if (built.time().isPresent()) {
                    g.writeObjectFieldStart("time");
                    g.writeStringField("name", built.time().get().name());
                    java.util.OptionalDouble now = built.time().get().current();
                    if (now.isPresent()) {
                        g.writeFieldName("now");
                        CliJson.number(g, now.getAsDouble());
                    }
                    g.writeEndObject();
                }
                g.writeStringField("note", state.note());
                g.writeEndObject();
            }
            CliJson.print(cmd, text);
            cmd.getErr().println(file + ": a valid " + state.pane() + " state; its pane builds from it");
            return 0;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Lists what differs between two state files of one pane, a line each, as the A/B view lists it.",
                "Exit 0 whether or not they differ; 2 if either file is not a state file."})
    static final class Diff implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "A" + StateFile.EXTENSION)
        Path a;

        @Parameters(index = "1", paramLabel = "B" + StateFile.EXTENSION)
        Path b;

        @Override
        public Integer call() {
            CommandLine cmd = spec.commandLine();
            PaneState sa, sb;
            try {
                sa = StateFile.read(a);
                sb = StateFile.read(b);
            } catch (StateException e) {
                return Cli.badInput(cmd, e.getMessage());
            }
            if (!sa.pane().equals(sb.pane())) {
                return Cli.badInput(cmd, a + " is a state of the " + sa.pane() + " pane and " + b + " of the " + sb.pane()
                        + " pane; only states of one pane compare");
            }
            List<String> lines = StateFile.differences(sa, sb);
            lines.forEach(cmd.getOut()::println);
            cmd.getOut().flush();
            cmd.getErr().println(lines.isEmpty() ? "the two states are the same" : lines.size() + " difference" + (lines.size() == 1 ? "" : "s"));
            return 0;
        }
    }
}
