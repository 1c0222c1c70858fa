package org.genlab.lesson;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The opening line of a fenced code block (three or more backticks or tildes). One rule for
 * the lesson parser and the math protection, so both agree on what is code.
 *
 * @param marker the fence character, {@code `} or {@code ~}
 * @param length how many of them open the block
 * @param info   the first word after the fence ({@code genlab}, {@code quiz}, {@code java}), or ""
 */
record Fence(char marker, int length, String info) {
    private static final Pattern OPEN = Pattern.compile("^\\s*(`{3,}|~{3,})\\s*([^\\s`]*).*$");

    /** The fence this line opens, if it opens one. */
    static Optional<Fence> open(String line) {
        Matcher m = OPEN.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String run = m.group(1);
        if (run.charAt(0) == '`' && line.substring(m.end(1)).contains("`")) {
            return Optional.empty(); // a backtick fence's info string may not hold backticks
        }
        return Optional.of(new Fence(run.charAt(0), run.length(), m.group(2)));
    }

    /** True if the line closes this block: at least as many of the same marker, nothing else. */
    boolean closedBy(String line) {
        String t = line.strip();
        if (t.length() < length) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) != marker) {
                return false;
            }
        }
        return true;
    }
}
