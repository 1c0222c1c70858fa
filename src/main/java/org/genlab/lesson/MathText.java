package org.genlab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Protects math in lesson Markdown from the Markdown parser. Every {@code $...$} (inline) and
 * {@code $$...$$} (display) span outside code is replaced by a placeholder token made of
 * private-use characters and digits, which Markdown leaves alone; a renderer parses the
 * protected text and substitutes each token back with its formula, so underscores,
 * backslashes and asterisks inside math reach LaTeX untouched.
 *
 * <p>Rules: {@code \$} is a literal dollar (the Markdown escape, left in place); inside math
 * {@code \$} does not close the formula; a formula may not cross a blank line; dollars inside
 * code spans and fenced code blocks are not math. An opening {@code $} or {@code $$} with no
 * closing one in its paragraph is left as text and reported as unbalanced.
 */
public final class MathText {
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final Pattern TOKEN = Pattern.compile(OPEN + "(\\d+)" + CLOSE);

    /**
     * One formula found in the text.
     *
     * @param latex   the LaTeX source between the dollars, untouched
     * @param display true for {@code $$...$$}
     * @param line    0-based line of the opening dollar in the original text
     */
    public record Span(String latex, boolean display, int line) {
    }

    /**
     * The result of {@link #protect}.
     *
     * @param markdown   the text with each formula replaced by {@link #token(int) its token}
     * @param spans      the formulas, token {@code i} standing for {@code spans.get(i)}
     * @param unbalanced 0-based lines of dollars that open a formula never closed
     */
    public record Protected(String markdown, List<Span> spans, List<Integer> unbalanced) {
        public Protected {
            spans = List.copyOf(spans);
            unbalanced = List.copyOf(unbalanced);
        }

        /**
         * Splits text (from a node of the parsed Markdown) into plain runs and formulas, in order:
         * each element is a {@link String} or a {@link Span}.
         */
        public List<Object> split(String text) {
            List<Object> out = new ArrayList<>();
            Matcher m = TOKEN.matcher(text);
            int at = 0;
            while (m.find()) {
                if (m.start() > at) {
                    out.add(text.substring(at, m.start()));
                }
                out.add(spanOf(m.group(1)).<Object>map(s -> s).orElse(m.group()));
                at = m.end();
            }
            if (at < text.length()) {
                out.add(text.substring(at));
            }
            return out;
        }

        /** Puts the original {@code $...$} source back in place of each token (for code text). */
        public String restore(String text) {
            Matcher m = TOKEN.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String src = spanOf(m.group(1)).map(s -> s.display() ? "$$" + s.latex() + "$$" : "$" + s.latex() + "$")
                        .orElse(m.group());
                m.appendReplacement(sb, Matcher.quoteReplacement(src));
            }
            m.appendTail(sb);
            return sb.toString();
        }

        private Optional<Span> spanOf(String digits) {
            try {
                int i = Integer.parseInt(digits);
                return i < spans.size() ? Optional.of(spans.get(i)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private MathText() {
    }

    /** The placeholder that stands for formula {@code i}. */
    public static String token(int i) {
        return OPEN + Integer.toString(i) + CLOSE;
    }

    /** Finds the formulas of a Markdown text and replaces them by tokens. */
    public static Protected protect(String markdown) {
        return new Scanner(markdown).run();
    }

    /** One pass over the text; keeps the line number of the current position. */
    private static final class Scanner {
        private final String s;
        private final StringBuilder out = new StringBuilder();
        private final List<Span> spans = new ArrayList<>();
        private final List<Integer> unbalanced = new ArrayList<>();
        private int pos;
        private int line;

        Scanner(String s) {
            this.s = s;
        }

        Protected run() {
            boolean lineStart = true;
            while (pos < s.length()) {
                if (lineStart && skipFencedBlock()) {
                    continue;
                }
                char c = s.charAt(pos);
                lineStart = c == '\n';
                if (c == '\\' && pos + 1 < s.length()) {
                    copy(2);
                } else if (c == '`') {
                    copyCodeSpan();
                } else if (c == '$') {
                    math();
                } else {
                    copy(1);
                }
            }
            return new Protected(out.toString(), spans, unbalanced);
        }

        /** At a line start: copies a whole fenced block (to its closing line or the end). */
        private boolean skipFencedBlock() {
            int eol = lineEnd(pos);
            Optional<Fence> fence = Fence.open(s.substring(pos, eol));
            if (fence.isEmpty()) {
                return false;
            }
            int end = eol;
            while (end < s.length()) {
                int next = lineEnd(end + 1);
                boolean closes = fence.get().closedBy(s.substring(end + 1, next));
                end = next;
                if (closes) {
                    break;
                }
            }
            copy(Math.min(end + 1, s.length()) - pos);
            return true;
        }

        private void copyCodeSpan() {
            int run = 0;
            while (pos + run < s.length() && s.charAt(pos + run) == '`') {
                run++;
            }
            int from = pos + run;
            while (from < s.length()) {
                int at = s.indexOf('`', from);
                if (at < 0 || blankLineBetween(pos, at)) {
                    break;
                }
                int len = 0;
                while (at + len < s.length() && s.charAt(at + len) == '`') {
                    len++;
                }
                if (len == run) {
                    copy(at + len - pos);
                    return;
                }
                from = at + len;
            }
            copy(run);
        }

        private void math() {
            boolean display = pos + 1 < s.length() && s.charAt(pos + 1) == '$';
            String delim = display ? "$$" : "$";
            int close = findClose(pos + delim.length(), delim);
            if (close < 0) {
                unbalanced.add(line);
                copy(delim.length());
                return;
            }
            String latex = s.substring(pos + delim.length(), close);
            out.append(token(spans.size()));
            spans.add(new Span(latex, display, line));
            advance(close + delim.length() - pos);
        }

        /** The next unescaped delimiter before a blank line, or -1. */
        private int findClose(int from, String delim) {
            int j = from;
            while (j < s.length()) {
                char c = s.charAt(j);
                if (c == '\\') {
                    j += 2;
                } else if (s.startsWith(delim, j)) {
                    return j;
                } else if (c == '\n' && isBlankLine(j + 1)) {
                    return -1;
                } else {
                    j++;
                }
            }
            return -1;
        }

        private boolean blankLineBetween(int from, int to) {
            for (int j = from; j < to; j++) {
                if (s.charAt(j) == '\n' && isBlankLine(j + 1)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isBlankLine(int start) {
            return s.substring(start, lineEnd(start)).isBlank();
        }

        private int lineEnd(int from) {
            int e = s.indexOf('\n', Math.min(from, s.length()));
            return e < 0 ? s.length() : e;
        }

        private void copy(int n) {
            int end = Math.min(pos + n, s.length());
            out.append(s, pos, end);
            advance(end - pos);
        }

        private void advance(int n) {
            for (int k = 0; k < n && pos < s.length(); k++, pos++) {
                if (s.charAt(pos) == '\n') {
                    line++;
                }
            }
        }
    }
}
