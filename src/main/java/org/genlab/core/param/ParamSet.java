package org.genlab.core.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pane's declared parameters, in display order, and the checking of raw values against
 * them. Validation is all-or-nothing: {@link #validate} either returns every converted value
 * or throws on the first that does not fit, so a caller never applies half a block.
 */
public final class ParamSet {
    private final Map<String, Param<?>> byName = new LinkedHashMap<>();

    public ParamSet(List<? extends Param<?>> params) {
        for (Param<?> p : params) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("parameter declared twice: " + p.name());
            }
        }
    }

    public static ParamSet of(Param<?>... params) {
        return new ParamSet(List.of(params));
    }

    public List<Param<?>> list() {
        return List.copyOf(byName.values());
    }

    public Optional<Param<?>> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The default of every parameter, by name, in declaration order. */
    public Map<String, Object> defaults() {
        Map<String, Object> out = new LinkedHashMap<>();
        byName.forEach((k, p) -> out.put(k, p.defaultValue()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Converts every raw value; unknown names and out-of-range values are errors.
     *
     * @return the converted values, in the order given
     * @throws ParamException for the first value that does not fit (nothing is returned)
     */
    public Map<String, Object> validate(Map<String, ?> raw) throws ParamException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            Param<?> p = byName.get(e.getKey());
            if (p == null) {
                throw new ParamException(e.getKey(), "unknown parameter (known: " + String.join(", ", byName.keySet()) + ")");
            }
            out.put(p.name(), p.parse(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }
}
