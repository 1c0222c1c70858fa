package org.genlab.lesson;

import java.math.BigInteger;
import java.util.Comparator;

/** Compares text with runs of digits as numbers: 2 &lt; 8(d) &lt; 10. */
final class NaturalOrder implements Comparator<String> {
    static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ei = run(a, i);
            int ej = run(b, j);
            String ra = a.substring(i, ei);
            String rb = b.substring(j, ej);
            int c = Character.isDigit(ra.charAt(0)) && Character.isDigit(rb.charAt(0))
                    ? new BigInteger(ra).compareTo(new BigInteger(rb))
                    : ra.compareToIgnoreCase(rb);
            if (c != 0) {
                return c;
            }
            i = ei;
            j = ej;
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** End of the run of digits, or of non-digits, starting at {@code from}. */
    private static int run(String s, int from) {
        boolean digit = Character.isDigit(s.charAt(from));
        int e = from + 1;
        while (e < s.length() && Character.isDigit(s.charAt(e)) == digit) {
            e++;
        }
        return e;
    }
}
