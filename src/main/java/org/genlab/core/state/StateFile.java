package org.genlab.core.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.genlab.core.io.AtomicFiles;

/**
 * GenLab's state file ({@code *.genlab.json}): one pane's {@link PaneState} as versioned JSON.
 *
 * <pre>
 * {
 *   "genlab": "pane-state",
 *   "version": 1,
 *   "pane": "em",
 *   "note": "Q5, option 3: a component collapses",
 *   "params": {"k": 3, "init": "q5-3", "seed": 7, ...},
 *   "views": [{"xmin": -3, "xmax": 3, "ymin": -2, "ymax": 2}],
 *   "extras": {"data": {"x": [...], "y": [...]}, "halfStep": 12}
 * }
 * </pre>
 *
 * <p>Reading is defensive: a state file comes from chat and e-mail. The file is read whole
 * only if it is under {@link #MAX_FILE_BYTES}; it must be UTF-8; JSON nesting is limited to
 * {@link #MAX_DEPTH}, strings and numbers in length, arrays by {@link StateReader}; duplicate
 * keys, trailing text, NaN and infinities are refused. Unknown top-level fields and versions
 * other than {@link #VERSION} are refused with what was found. A state file names no other
 * file and runs nothing: reading one reads that one file only.
 *
 * <p>Versions: this is format version 1, the first. A file saved before a pane gained a
 * parameter simply lacks it and loads with that parameter's default; a parameter a pane no
 * longer has is refused by name. A later format change raises the version and adds here
 * the conversion from the one before.
 */
public final class StateFile {
    /** The value of the {@code genlab} field that marks a state file. */
    public static final String KIND = "pane-state";
    /** The format version this GenLab writes and reads. */
    public static final int VERSION = 1;
    /** The conventional file name ending. */
    public static final String EXTENSION = ".genlab.json";
    /** The largest state file read (a million points and a trained model fit well within it). */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** The deepest JSON nesting accepted. */
    public static final int MAX_DEPTH = 32;
    private static final int MAX_VIEWS = 64;
    private static final int MAX_PARAMS = 256;
    private static final int MAX_NOTE = 4000;

    private static final ObjectMapper MAPPER = mapper();

    private StateFile() {
    }

    private static ObjectMapper mapper() {
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(64)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, MAX_FILE_BYTES))
                        .maxDocumentLength(MAX_FILE_BYTES)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        ObjectMapper m = new ObjectMapper(f);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(SerializationFeature.INDENT_OUTPUT);
        return m;
    }

    /** The state as the text of a state file (also what "Copy state" puts on the clipboard). */
    public static String toJson(PaneState s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("genlab", KIND);
        root.put("version", VERSION);
        root.put("pane", s.pane());
        if (!s.note().isEmpty()) {
            root.put("note", s.note());
        }
        ObjectNode params = root.putObject("params");
        s.params().forEach((k, v) -> {
            if (v instanceof Boolean b) {
                params.put(k, b);
            } else if (v instanceof Double d) {
                params.put(k, d);
            } else if (v instanceof Number n) {
                params.put(k, n.longValue());
            } else {
                params.put(k, String.valueOf(v));
            }
        });
        var views = root.putArray("views");
        for (PaneState.View v : s.views()) {
            views.addObject().put("xmin", v.xmin()).put("xmax", v.xmax()).put("ymin", v.ymin()).put("ymax", v.ymax());
        }
        root.set("extras", s.extrasNode());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a state tree that cannot be written", e);
        }
    }

    /** Writes the state file atomically (a crash never leaves half a file). */
    public static void write(PaneState s, Path out) throws IOException {
        String json = toJson(s);
        AtomicFiles.writeText(out, w -> w.write(json));
    }

    /** Reads and checks a state file; the message of a refusal starts with the file's name. */
    public static PaneState read(Path file) throws StateException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new StateException("", Files.exists(file) ? "not a regular file" : "no such file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new StateException("", "the file is " + size / (1024 * 1024) + " MB; a state file is at most "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MB");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            return parse(decode(bytes));
        } catch (StateException e) {
            throw e.within(name);
        } catch (IOException e) {
            throw new StateException(name, "cannot be read: " + e.getMessage());
        }
    }

    private static String decode(byte[] bytes) throws StateException {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new StateException("", "not UTF-8 text (is it a state file?)");
        }
    }

    /** Parses and checks the text of a state file (a file's contents, or pasted text). */
    public static PaneState parse(String text) throws StateException {
        Objects.requireNonNull(text);
        if (text.length() > MAX_FILE_BYTES) {
            throw new StateException("", "the text is longer than a state file may be");
        }
        if (text.isBlank()) {
            throw new StateException("", "empty: there is no state in it");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new StateException(place(e.getLocation()), limit(e.getMessage()));
        } catch (JsonProcessingException e) {
            throw new StateException(place(e.getLocation()), "not valid JSON: " + plain(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new StateException("", "expected a JSON object with \"genlab\": \"" + KIND + "\"");
        }
        StateReader top = new StateReader(root, "");
        if (!root.has("genlab")) {
            throw new StateException("genlab", "missing: this is JSON, but not a GenLab state file");
        }
        String kind = top.text("genlab", 100);
        if (!kind.equals(KIND)) {
            throw new StateException("genlab", "'" + kind + "' is not a pane state (expected '" + KIND + "')");
        }
        long version = top.integer("version", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (version > VERSION) {
            throw new StateException("version", "format version " + version + " was written by a newer GenLab; this one reads version "
                    + VERSION + ". Open it with a newer GenLab");
        }
        if (version < VERSION) {
            throw new StateException("version", "format version " + version + " is not a version GenLab ever wrote (the first is "
                    + VERSION + ")");
        }
        top.only("genlab", "version", "pane", "note", "params", "views", "extras");
        String pane = top.text("pane", 40);
        if (!pane.matches("[a-z][a-z0-9-]*")) {
            throw new StateException("pane", "'" + pane + "' is not a pane name");
        }
        String note = top.has("note") ? top.text("note", MAX_NOTE) : "";
        Map<String, Object> params = new LinkedHashMap<>();
        if (top.has("params")) {
            StateReader p = top.object("params");
            if (p.keys().size() > MAX_PARAMS) {
                throw new StateException("params", "more than " + MAX_PARAMS + " parameters");
            }
            Iterator<Map.Entry<String, JsonNode>> it = p.node().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), scalar(e.getValue(), "params." + e.getKey()));
            }
        }
        List<PaneState.View> views = new ArrayList<>();
        if (top.has("views")) {
            for (StateReader v : top.objects("views", MAX_VIEWS)) {
                v.only("xmin", "xmax", "ymin", "ymax");
                double big = 1e12;
                double x0 = v.real("xmin", -big, big), x1 = v.real("xmax", -big, big);
                double y0 = v.real("ymin", -big, big), y1 = v.real("ymax", -big, big);
                if (!(x0 < x1) || !(y0 < y1)) {
                    throw new StateException(v.path(), "an empty range (xmin must be below xmax, ymin below ymax)");
                }
                views.add(new PaneState.View(x0, x1, y0, y1));
            }
        }
        ObjectNode extras = top.has("extras") ? (ObjectNode) top.object("extras").node() : MAPPER.createObjectNode();
        return new PaneState(pane, params, views, extras, note);
    }

    /** A parameter's JSON value as the plain Java value a declared parameter parses. */
    private static Object scalar(JsonNode v, String where) throws StateException {
        if (v.isTextual()) {
            if (v.textValue().length() > 10_000) {
                throw new StateException(where, "text longer than 10000 characters");
            }
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new StateException(where, "the whole number " + v.asText() + " is too large");
            }
            return v.longValue();
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (!Double.isFinite(d)) {
                throw new StateException(where, "the number is too large to be finite");
            }
            return d;
        }
        throw new StateException(where, "expected a number, text or true/false, found " + StateReader.kind(v));
    }

    /**
     * Jackson's message in the user's terms: its parser's advice ("enable ...", "bound as ...")
     * is for programmers, and a hand-edited file most often fails on these few things.
     */
    static String plain(String jackson) {
        String m = jackson == null ? "" : jackson;
        java.util.regex.Matcher dup = java.util.regex.Pattern.compile("Duplicate field '(.*)'").matcher(m);
        if (dup.find()) {
            return "the field '" + dup.group(1) + "' is given twice";
        }
        if (m.startsWith("Non-standard token")) {
            return "NaN and Infinity are not numbers JSON has; a state holds finite numbers only";
        }
        if (m.startsWith("Trailing token")) {
            return "more text follows the end of the state; a state file holds one JSON object";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "the text ends too early (is the file cut short?)";
        }
        java.util.regex.Matcher tok = java.util.regex.Pattern.compile("^(Unrecognized token '[^']*')").matcher(m);
        if (tok.find()) {
            return tok.group(1) + " (text in a state file is written in double quotes)";
        }
        int cut = m.indexOf(": was expecting");
        return cut > 0 ? m.substring(0, cut) : m;
    }

    private static String place(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String limit(String message) {
        String m = message == null ? "" : message;
        if (m.contains("nesting depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        if (m.contains("Number value length")) {
            return "a number written with more than 64 characters";
        }
        return "beyond a state file's limits: " + m.replaceAll("\\s*\\(.*$", "");
    }

    /**
     * What differs between two states of the same pane, one line each, for the A/B view:
     * parameters as {@code name: a → b}, the pane's own fields by what they are (a data set's
     * size, a number, "differs"). Plot ranges (zoom) are not listed.
     */
    public static List<String> differences(PaneState a, PaneState b) {
        List<String> out = new ArrayList<>();
        if (!a.pane().equals(b.pane())) {
            out.add("pane: " + a.pane() + " → " + b.pane());
            return out;
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>(a.params().keySet());
        names.addAll(b.params().keySet());
        for (String n : names) {
            Object va = a.params().get(n), vb = b.params().get(n);
            if (!Objects.equals(va, vb)) {
                out.add(n + ": " + show(va) + " → " + show(vb));
            }
        }
        // compared as written, so an int and a long of one value (parsed and captured) agree
        ObjectNode ea = normalised(a.extrasNode()), eb = normalised(b.extrasNode());
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        ea.fieldNames().forEachRemaining(keys::add);
        eb.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            difference(k, ea.get(k), eb.get(k), out, 0);
        }
        return out;
    }

    /**
     * Adds the line for the pane's own field {@code path} if it differs; an object on both
     * sides (other than a data set) is opened, so a run's position reads {@code run.at: 7 → 3}.
     */
    private static void difference(String path, JsonNode va, JsonNode vb, List<String> out, int depth) {
        if (Objects.equals(va, vb)) {
            return;
        }
        if (va != null && vb != null && va.isObject() && vb.isObject() && !isPoints(va) && !isPoints(vb) && depth < 3) {
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            va.fieldNames().forEachRemaining(keys::add);
            vb.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                difference(path + "." + k, va.get(k), vb.get(k), out, depth + 1);
            }
            return;
        }
        out.add(path + ": " + describe(va) + " → " + describe(vb) + (sameShape(va, vb) ? " (different values)" : ""));
    }

    private static boolean isPoints(JsonNode v) {
        return v.has("x") && v.get("x").isArray();
    }

    private static ObjectNode normalised(ObjectNode n) {
        try {
            return (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameShape(JsonNode a, JsonNode b) {
        return a != null && b != null && (a.isContainerNode() || a.isTextual() && a.textValue().length() > 40)
                && describe(a).equals(describe(b));
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isNull()) {
            return "none";
        }
        if (v.isObject() && isPoints(v)) {
            return v.get("x").size() + " points" + (v.has("weight") ? ", weighted" : "");
        }
        if (v.isArray()) {
            return v.size() + " values";
        }
        if (v.isObject()) {
            return "{" + String.join(", ", (Iterable<String>) v::fieldNames) + "}";
        }
        if (v.isTextual() && v.textValue().length() > 40) {
            return (v.textValue().length() * 3 / 4 / 1024) + " KB of data";
        }
        return v.asText();
    }

    private static String show(Object v) {
        return v == null ? "(default)" : String.valueOf(v);
    }
}
