package org.genlab.core.param;

import java.util.List;
import java.util.Locale;

/**
 * A parameter a pane declares once: its name, kind, range and default. The one list of a
 * pane's parameters builds its controls, validates lesson blocks and (later) state files,
 * and lets a lesson hide a control by name.
 *
 * @param <T> the Java type of the value
 */
public sealed interface Param<T> permits Param.Real, Param.Int, Param.Choice, Param.Flag, Param.Text {

    /** Stable key used in lesson blocks, state files and on the command line. */
    String name();

    /** Short human label for the control. */
    String label();

    /** One sentence shown as the control's tooltip. */
    String help();

    T defaultValue();

    /**
     * Checks and converts a raw value (from YAML, JSON or a command line: a Number, String or
     * Boolean) to this parameter's type.
     *
     * @throws ParamException naming the parameter and the allowed range when it does not fit
     */
    T parse(Object raw) throws ParamException;

    /** A real number in [min, max]. */
    record Real(String name, String label, String help, double min, double max, Double defaultValue)
            implements Param<Double> {
        public Real {
            if (!(min <= defaultValue && defaultValue <= max)) {
                throw new IllegalArgumentException(name + ": default " + defaultValue + " outside [" + min + ", " + max + "]");
            }
        }

        @Override
        public Double parse(Object raw) throws ParamException {
            double v;
            if (raw instanceof Number n) {
                v = n.doubleValue();
            } else if (raw instanceof String s) {
                try {
                    v = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    throw new ParamException(name, "'" + s + "' is not a number");
                }
            } else {
                throw new ParamException(name, "expected a number, got " + describe(raw));
            }
            if (!Double.isFinite(v) || v < min || v > max) {
                throw new ParamException(name, fmt(v) + " is outside the allowed range [" + fmt(min) + ", " + fmt(max) + "]");
            }
            return v;
        }
    }

    /** A whole number in [min, max]. */
    record Int(String name, String label, String help, long min, long max, Long defaultValue)
            implements Param<Long> {
        public Int {
            if (!(min <= defaultValue && defaultValue <= max)) {
                throw new IllegalArgumentException(name + ": default " + defaultValue + " outside [" + min + ", " + max + "]");
            }
        }

        @Override
        public Long parse(Object raw) throws ParamException {
            long v;
            if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
                v = ((Number) raw).longValue();
            } else if (raw instanceof Number n) {
                double d = n.doubleValue();
                if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
                    throw new ParamException(name, fmt(d) + " is not a whole number");
                }
                v = (long) d;
            } else if (raw instanceof String s) {
                try {
                    v = Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    throw new ParamException(name, "'" + s + "' is not a whole number");
                }
            } else {
                throw new ParamException(name, "expected a whole number, got " + describe(raw));
            }
            if (v < min || v > max) {
                throw new ParamException(name, v + " is outside the allowed range [" + min + ", " + max + "]");
            }
            return v;
        }
    }

    /** One of a fixed list of names. */
    record Choice(String name, String label, String help, List<String> choices, String defaultValue)
            implements Param<String> {
        public Choice {
            choices = List.copyOf(choices);
            if (!choices.contains(defaultValue)) {
                throw new IllegalArgumentException(name + ": default " + defaultValue + " not among " + choices);
            }
        }

        @Override
        public String parse(Object raw) throws ParamException {
            if (!(raw instanceof String s)) {
                throw new ParamException(name, "expected one of " + choices + ", got " + describe(raw));
            }
            String v = s.trim();
            if (!choices.contains(v)) {
                throw new ParamException(name, "'" + v + "' is not one of " + String.join(", ", choices));
            }
            return v;
        }
    }

    /** On or off. */
    record Flag(String name, String label, String help, Boolean defaultValue) implements Param<Boolean> {
        @Override
        public Boolean parse(Object raw) throws ParamException {
            if (raw instanceof Boolean b) {
                return b;
            }
            if (raw instanceof String s) {
                String v = s.trim().toLowerCase(Locale.ROOT);
                if (v.equals("true") || v.equals("on") || v.equals("yes")) {
                    return true;
                }
                if (v.equals("false") || v.equals("off") || v.equals("no")) {
                    return false;
                }
            }
            throw new ParamException(name, "expected true or false, got " + describe(raw));
        }
    }

    /** Free text, at most {@code maxLength} characters. */
    record Text(String name, String label, String help, int maxLength, String defaultValue) implements Param<String> {
        @Override
        public String parse(Object raw) throws ParamException {
            if (!(raw instanceof String s)) {
                throw new ParamException(name, "expected text, got " + describe(raw));
            }
            if (s.length() > maxLength) {
                throw new ParamException(name, "text longer than " + maxLength + " characters");
            }
            return s;
        }
    }

    private static String describe(Object raw) {
        return raw == null ? "nothing" : raw.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " '" + raw + "'";
    }

    /** Formats a double without float noise (0.1, not 0.1000000000000000055). */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
