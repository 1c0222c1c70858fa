package org.genlab.lesson;

import java.util.Map;
import java.util.Optional;

/**
 * Catches the slips JLaTeXMath forgives silently and draws as something else: an unclosed
 * group (<code>\frac{1}{</code>), a script with nothing to attach ({@code x^}) and a command
 * missing an argument ({@code \frac{1}}). Together with JLaTeXMath's own parse errors, a
 * formula that passes this shows what its author wrote.
 */
final class TexLint {
    /** Commands and how many arguments they require. */
    private static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("frac", 2), Map.entry("dfrac", 2), Map.entry("tfrac", 2), Map.entry("binom", 2),
            Map.entry("sqrt", 1), Map.entry("hat", 1), Map.entry("bar", 1), Map.entry("vec", 1),
            Map.entry("tilde", 1), Map.entry("dot", 1), Map.entry("ddot", 1), Map.entry("overline", 1),
            Map.entry("underline", 1), Map.entry("mathbf", 1), Map.entry("mathrm", 1), Map.entry("mathcal", 1),
            Map.entry("mathbb", 1), Map.entry("boldsymbol", 1), Map.entry("text", 1), Map.entry("operatorname", 1));

    private TexLint() {
    }

    /** What is wrong with the formula, or empty. */
    static Optional<String> check(String latex) {
        int depth = 0;
        for (int i = 0; i < latex.length(); i++) {
            char c = latex.charAt(i);
            if (c == '\\') {
                int end = commandEnd(latex, i);
                Integer arity = ARITY.get(latex.substring(i + 1, end));
                if (arity != null && !hasArguments(latex, end, arity)) {
                    return Optional.of(latex.substring(i, end) + " needs " + arity + " argument" + (arity > 1 ? "s" : ""));
                }
                i = Math.max(i, end - 1);
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (--depth < 0) {
                    return Optional.of("a '}' closes no '{'");
                }
            } else if ((c == '^' || c == '_') && !hasArguments(latex, i + 1, 1)) {
                return Optional.of("'" + c + "' has nothing after it");
            }
        }
        return depth > 0 ? Optional.of("a '{' is never closed") : Optional.empty();
    }

    /** End (exclusive) of the command starting with the backslash at {@code at}. */
    private static int commandEnd(String s, int at) {
        int e = at + 1;
        while (e < s.length() && Character.isLetter(s.charAt(e))) {
            e++;
        }
        return e == at + 1 ? Math.min(at + 2, s.length()) : e;
    }

    /** True if {@code n} arguments (groups, commands or single characters) follow {@code from}. */
    private static boolean hasArguments(String s, int from, int n) {
        int i = skipOptional(s, skipSpaces(s, from));
        for (int k = 0; k < n; k++) {
            i = skipSpaces(s, i);
            if (i >= s.length() || s.charAt(i) == '}' || s.charAt(i) == '^' || s.charAt(i) == '_') {
                return false;
            }
            char c = s.charAt(i);
            if (c == '{') {
                int close = matching(s, i);
                if (close < 0) {
                    return true; // reported as an unclosed group
                }
                i = close + 1;
            } else if (c == '\\') {
                i = commandEnd(s, i);
            } else {
                i++;
            }
        }
        return true;
    }

    /** Skips an optional {@code [...]} argument ({@code \sqrt[3]{x}}). */
    private static int skipOptional(String s, int i) {
        if (i < s.length() && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            return close < 0 ? s.length() : close + 1;
        }
        return i;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
