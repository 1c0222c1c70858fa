package org.genlab.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.genlab.core.data.Dataset2D;

/**
 * Typed, checked reading of one JSON object of a state file. Every getter names the field it
 * refuses by its full path ({@code extras.model}) and says why, so a hand-edited file tells
 * its editor exactly what to fix. Numbers must be finite; arrays and strings have limits.
 * Reading never changes anything: a pane reads and checks all it needs first, then applies.
 */
public final class StateReader {
    /** The most numbers in one array (three million: a million weighted points). */
    public static final int MAX_ARRAY = 3_000_000;
    /** The most bytes in one base64 field (a trained model). */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private final JsonNode node;
    private final String path;

    StateReader(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** A reader over an empty object (a pane that wrote no extras). */
    public static StateReader empty() {
        return new StateReader(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "extras");
    }

    /** The path of this object within the file. */
    public String path() {
        return path;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** The field names present, in file order. */
    public Set<String> keys() {
        Set<String> out = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Refuses any field not in {@code known} (a misspelt field must not be silently ignored). */
    public void only(String... known) throws StateException {
        Set<String> ok = Set.of(known);
        for (String k : keys()) {
            if (!ok.contains(k)) {
                throw new StateException(at(k), "unknown field" + (known.length == 0 ? "" : " (known here: " + String.join(", ", known) + ")"));
            }
        }
    }

    private String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private JsonNode need(String key) throws StateException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new StateException(at(key), "missing");
        }
        return v;
    }

    /** A finite number in [min, max]. */
    public double real(String key, double min, double max) throws StateException {
        return checkReal(need(key), at(key), min, max);
    }

    public double realOr(String key, double fallback, double min, double max) throws StateException {
        return has(key) ? real(key, min, max) : fallback;
    }

    private static double checkReal(JsonNode v, String where, double min, double max) throws StateException {
        if (!v.isNumber()) {
            throw new StateException(where, "expected a number, found " + kind(v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new StateException(where, "the number is too large to be finite");
        }
        if (d < min || d > max) {
            throw new StateException(where, fmt(d) + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
        }
        return d;
    }

    /** A whole number in [min, max]. */
    public long integer(String key, long min, long max) throws StateException {
        JsonNode v = need(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new StateException(at(key), "expected a whole number, found " + kind(v));
        }
        long l = v.longValue();
        if (l < min || l > max) {
            throw new StateException(at(key), l + " is outside [" + min + ", " + max + "]");
        }
        return l;
    }

    public long integerOr(String key, long fallback, long min, long max) throws StateException {
        return has(key) ? integer(key, min, max) : fallback;
    }

    public boolean flag(String key) throws StateException {
        JsonNode v = need(key);
        if (!v.isBoolean()) {
            throw new StateException(at(key), "expected true or false, found " + kind(v));
        }
        return v.booleanValue();
    }

    /** Text of at most {@code maxLength} characters. */
    public String text(String key, int maxLength) throws StateException {
        JsonNode v = need(key);
        if (!v.isTextual()) {
            throw new StateException(at(key), "expected text, found " + kind(v));
        }
        if (v.textValue().length() > maxLength) {
            throw new StateException(at(key), "text longer than " + maxLength + " characters");
        }
        return v.textValue();
    }

    /** One of {@code choices}. */
    public String choice(String key, List<String> choices) throws StateException {
        String s = text(key, 200);
        if (!choices.contains(s)) {
            throw new StateException(at(key), "'" + s + "' is not one of " + String.join(", ", choices));
        }
        return s;
    }

    /** An array of at most {@code maxLength} finite numbers in [min, max]. */
    public double[] reals(String key, int maxLength, double min, double max) throws StateException {
        JsonNode v = array(key, maxLength);
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = checkReal(v.get(i), at(key) + "[" + i + "]", min, max);
        }
        return out;
    }

    /** An array of at most {@code maxLength} whole numbers in [min, max]. */
    public long[] integers(String key, int maxLength, long min, long max) throws StateException {
        JsonNode v = array(key, maxLength);
        long[] out = new long[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            String where = at(key) + "[" + i + "]";
            if (!e.isIntegralNumber() || !e.canConvertToLong()) {
                throw new StateException(where, "expected a whole number, found " + kind(e));
            }
            out[i] = e.longValue();
            if (out[i] < min || out[i] > max) {
                throw new StateException(where, out[i] + " is outside [" + min + ", " + max + "]");
            }
        }
        return out;
    }

    private JsonNode array(String key, int maxLength) throws StateException {
        JsonNode v = need(key);
        if (!v.isArray()) {
            throw new StateException(at(key), "expected an array, found " + kind(v));
        }
        if (v.size() > Math.min(maxLength, MAX_ARRAY)) {
            throw new StateException(at(key), v.size() + " entries, more than the " + Math.min(maxLength, MAX_ARRAY) + " allowed");
        }
        return v;
    }

    /** Bytes written by {@link StateWriter#bytes} (base64), at most {@code maxBytes}. */
    public byte[] bytes(String key, int maxBytes) throws StateException {
        int limit = Math.min(maxBytes, MAX_BYTES);
        String s = text(key, (limit + 2) / 3 * 4 + 4);
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new StateException(at(key), "not base64: " + e.getMessage());
        }
    }

    /** A nested object. */
    public StateReader object(String key) throws StateException {
        JsonNode v = need(key);
        if (!v.isObject()) {
            throw new StateException(at(key), "expected an object, found " + kind(v));
        }
        return new StateReader(v, at(key));
    }

    /** An array of objects, at most {@code maxLength}. */
    public List<StateReader> objects(String key, int maxLength) throws StateException {
        JsonNode v = array(key, maxLength);
        List<StateReader> out = new ArrayList<>();
        Iterator<JsonNode> it = v.elements();
        for (int i = 0; it.hasNext(); i++) {
            JsonNode e = it.next();
            String where = at(key) + "[" + i + "]";
            if (!e.isObject()) {
                throw new StateException(where, "expected an object, found " + kind(e));
            }
            out.add(new StateReader(e, where));
        }
        return out;
    }

    /**
     * A weighted 2-D data set written by {@link StateWriter#points}: {@code x}, {@code y} and
     * optional {@code weight} arrays of one length, at most {@code maxPoints}; weights above 0.
     */
    public Dataset2D points(String key, int maxPoints) throws StateException {
        StateReader d = object(key);
        d.only("x", "y", "weight");
        double big = 1e12;
        double[] x = d.reals("x", maxPoints, -big, big);
        double[] y = d.reals("y", maxPoints, -big, big);
        if (x.length != y.length) {
            throw new StateException(d.at("y"), y.length + " values, but x has " + x.length);
        }
        if (!d.has("weight")) {
            return Dataset2D.of(x, y);
        }
        double[] w = d.reals("weight", maxPoints, 0, big);
        if (w.length != x.length) {
            throw new StateException(d.at("weight"), w.length + " values, but x has " + x.length);
        }
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] > 0)) {
                throw new StateException(d.at("weight") + "[" + i + "]", "a weight must be above 0");
            }
        }
        return Dataset2D.of(x, y, w);
    }

    /** The raw JSON (for the list of differences between two states). */
    JsonNode node() {
        return node;
    }

    static String kind(JsonNode v) {
        if (v.isTextual()) {
            String t = v.textValue();
            return "text '" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "'";
        }
        if (v.isNumber()) {
            return "the number " + v.asText();
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        return v.isArray() ? "an array" : v.isObject() ? "an object" : v.isNull() ? "null" : v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
