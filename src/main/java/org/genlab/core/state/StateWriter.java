package org.genlab.core.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.genlab.core.data.Dataset2D;

/**
 * Writes one JSON object of a state file: what {@link StateReader} reads back. Doubles are
 * written in their shortest exact form, so a round trip gives the same bits.
 */
public final class StateWriter {
    private final ObjectNode node;

    StateWriter(ObjectNode node) {
        this.node = node;
    }

    /** A writer over a new, empty object. */
    public static StateWriter create() {
        return new StateWriter(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    public StateWriter put(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key + ": a state file holds only finite numbers, got " + value);
        }
        node.put(key, value);
        return this;
    }

    public StateWriter put(String key, long value) {
        node.put(key, value);
        return this;
    }

    public StateWriter put(String key, boolean value) {
        node.put(key, value);
        return this;
    }

    public StateWriter put(String key, String value) {
        node.put(key, value);
        return this;
    }

    public StateWriter put(String key, double[] values) {
        ArrayNode a = node.putArray(key);
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(key + ": a state file holds only finite numbers, got " + v);
            }
            a.add(v);
        }
        return this;
    }

    public StateWriter put(String key, long[] values) {
        ArrayNode a = node.putArray(key);
        for (long v : values) {
            a.add(v);
        }
        return this;
    }

    /** Bytes as base64 text (a trained model in the engine's compact format). */
    public StateWriter bytes(String key, byte[] bytes) {
        node.put(key, Base64.getEncoder().encodeToString(bytes));
        return this;
    }

    /** A data set as {@code x}, {@code y} and, unless every weight is 1, {@code weight}. */
    public StateWriter points(String key, Dataset2D data) {
        StateWriter d = object(key);
        d.put("x", data.xs()).put("y", data.ys());
        if (!data.hasUnitWeights()) {
            d.put("weight", data.weights());
        }
        return this;
    }

    /** A nested object, written through the returned writer. */
    public StateWriter object(String key) {
        return new StateWriter(node.putObject(key));
    }

    /** A new object appended to the array {@code key}. */
    public StateWriter append(String key) {
        ArrayNode a = node.has(key) ? (ArrayNode) node.get(key) : node.putArray(key);
        return new StateWriter(a.addObject());
    }

    ObjectNode node() {
        return node;
    }

    /** What was written, for reading back (a pane's pinned run in the A/B view). */
    public StateReader reader(String path) {
        return new StateReader(node.deepCopy(), path);
    }
}
