package org.genlab.lesson;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping from a lesson file (the front matter or a fenced block) with the file line of
 * every key. SnakeYAML's node marks give the lines; the values are built with its safe
 * constructor (no arbitrary classes). Problems go to the file's {@link Problems} with file
 * lines.
 */
final class YamlSection {
    /**
     * One key of the mapping.
     *
     * @param key   the key
     * @param line  1-based file line of the key
     * @param node  the value's YAML node (for its raw scalar text)
     * @param value the value as plain Java: String, Integer/Long/BigInteger, Double, Boolean,
     *              List, Map or null
     */
    record Entry(String key, int line, Node node, Object value) {
        /** The raw text of a scalar value as written ({@code 0.50} stays {@code 0.50}). */
        Optional<String> scalarText() {
            return node instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
        }
    }

    private final Map<String, Entry> entries;

    private YamlSection(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /**
     * Parses {@code text} whose first line is file line {@code firstLine}.
     *
     * @param what names the section in messages ("front matter", "genlab block")
     * @return the mapping, or empty after reporting an error
     */
    static Optional<YamlSection> parse(String text, int firstLine, String what, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            problems.error(lineOf(e, firstLine), "bad YAML in the " + what + ": " + describe(e));
            return Optional.empty();
        } catch (YAMLException e) {
            problems.error(firstLine, "bad YAML in the " + what + ": " + e.getMessage());
            return Optional.empty();
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (root == null) {
            return Optional.of(new YamlSection(entries));
        }
        if (!(root instanceof MappingNode map)) {
            problems.error(line(root, firstLine), "the " + what + " must be a YAML mapping (lines of key: value)");
            return Optional.empty();
        }
        Values values = new Values(options);
        for (NodeTuple t : map.getValue()) {
            int line = line(t.getKeyNode(), firstLine);
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.error(line, "a key in the " + what + " must be a plain name");
                return Optional.empty();
            }
            String key = keyNode.getValue();
            if (entries.containsKey(key)) {
                problems.error(line, "key '" + key + "' appears twice in the " + what);
                return Optional.empty();
            }
            Object value;
            try {
                value = values.of(t.getValueNode());
            } catch (MarkedYAMLException e) {
                problems.error(lineOf(e, firstLine), "bad YAML in the " + what + ": " + describe(e));
                return Optional.empty();
            } catch (YAMLException e) {
                problems.error(line, "bad YAML in the " + what + ": " + e.getMessage());
                return Optional.empty();
            }
            entries.put(key, new Entry(key, line, t.getValueNode(), value));
        }
        return Optional.of(new YamlSection(entries));
    }

    /** The keys in the order written. */
    Map<String, Entry> entries() {
        return entries;
    }

    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    private static int line(Node node, int firstLine) {
        return firstLine + node.getStartMark().getLine();
    }

    private static int lineOf(MarkedYAMLException e, int firstLine) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return mark == null ? firstLine : firstLine + mark.getLine();
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem();
        String context = e.getContext();
        if (problem == null) {
            return context == null ? "cannot be read" : context;
        }
        return context == null ? problem : problem + " (" + context + ")";
    }

    /** Builds plain Java values from nodes with SnakeYAML's safe constructor. */
    private static final class Values extends SafeConstructor {
        Values(LoaderOptions options) {
            super(options);
        }

        Object of(Node node) {
            return constructObject(node);
        }
    }
}
