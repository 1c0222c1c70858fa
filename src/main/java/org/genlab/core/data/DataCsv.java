package org.genlab.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.genlab.core.io.AtomicFiles;

/**
 * Reads and writes {@link Dataset2D} as CSV.
 *
 * <h2>Format</h2>
 * <ul>
 *   <li>Line 1 is the header, exactly {@code x,y} (unit weights) or {@code x,y,weight};
 *       whitespace around each field is allowed, the names are case-sensitive.
 *   <li>Each following line is one point: as many numbers as the header has fields,
 *       separated by commas, whitespace around each allowed. No quoting.
 *   <li>Numbers are plain decimals: optional sign, digits with an optional fraction, an
 *       optional exponent ({@code 1}, {@code -0.5}, {@code .5}, {@code 2.}, {@code 1e-300},
 *       {@code 1.0E8}). Refused: NaN and infinities in any spelling, values that overflow
 *       to infinity ({@code 1e400}; values that underflow become 0), hex floats,
 *       Java suffixes ({@code 1d}) and trailing garbage ({@code 1.0abc}).
 *   <li>Weights must be &gt; 0.
 *   <li>Accepted: a UTF-8 byte-order mark, LF, CRLF or CR line endings, blank lines at the
 *       end. Refused: blank lines between data rows.
 *   <li>A header-only file is a valid, empty data set (0 points): an empty canvas is a
 *       legitimate thing to save and reload.
 *   <li>Text is UTF-8 ({@link #read(Path)}); undecodable bytes, shown as U+FFFD, are refused.
 *   <li>At most {@link #MAX_ROWS} data rows; reading stops at the first extra row
 *       (line {@code MAX_ROWS + 2}).
 * </ul>
 *
 * <h2>Errors</h2>
 * Reading stops at the first problem and throws a {@link DataFormatException} with its
 * 1-based line and column; no partial data set is ever returned. The column is the 1-based
 * field index (x = 1, y = 2, weight = 3); a missing field is reported at the index it should
 * have had, a surplus field at its own index; problems with a whole line (header, empty
 * file, blank line, row limit) have column 0. Reasons read like
 * {@code 'abc' is not a number (field y)}.
 *
 * <p>Reading streams line by line; the file is never held in memory as text.
 */
public final class DataCsv {

    /** The largest number of data rows {@link #read} accepts. */
    public static final int MAX_ROWS = 1_000_000;

    private static final String[] FIELD_NAMES = {"x", "y", "weight"};
    private static final String EXPECTED_HEADER = "expected a header 'x,y' or 'x,y,weight'";
    private static final int QUOTE_LIMIT = 40;
    private static final char REPLACEMENT_CHAR = '\uFFFD';

    private DataCsv() {}

    // ---------------------------------------------------------------- writing

    /**
     * Writes the header and one line per point, LF line endings. The header is {@code x,y}
     * when all weights are 1, else {@code x,y,weight}. Numbers are written with
     * {@link Double#toString(double)}, which parses back to the identical double, so
     * write-then-read reproduces the data bitwise. Flushes but does not close {@code out}.
     */
    public static void write(Dataset2D data, Writer out) throws IOException {
        boolean weighted = !data.hasUnitWeights();
        StringBuilder sb = new StringBuilder(8192);
        sb.append(weighted ? "x,y,weight\n" : "x,y\n");
        for (int i = 0; i < data.size(); i++) {
            sb.append(data.x(i)).append(',').append(data.y(i));
            if (weighted) {
                sb.append(',').append(data.weight(i));
            }
            sb.append('\n');
            if (sb.length() >= 8000) {
                out.append(sb);
                sb.setLength(0);
            }
        }
        out.append(sb);
        out.flush();
    }

    /**
     * Writes UTF-8 CSV to {@code path} as {@link #write(Dataset2D, Writer)}. The text goes to
     * a temporary file in the same directory that then replaces {@code path}, so a failed
     * write never leaves a half-written file behind.
     */
    public static void write(Dataset2D data, Path path) throws IOException {
        AtomicFiles.writeText(path, out -> write(data, out));
    }

    /** The CSV text of {@code data}, as {@link #write(Dataset2D, Writer)} would write it. */
    public static String format(Dataset2D data) {
        StringWriter out = new StringWriter();
        try {
            write(data, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads UTF-8 CSV from {@code path}; the source in error messages is the file name.
     * Bytes that are not valid UTF-8 are a {@link DataFormatException} at their line and field.
     *
     * @throws IOException if the file cannot be read
     * @throws DataFormatException at the first problem with the content
     */
    public static Dataset2D read(Path path) throws IOException, DataFormatException {
        return read(path, java.util.function.UnaryOperator.identity());
    }

    /**
     * Reads a file as {@link #read(Path)}, through {@code wrap} (for example a reader that
     * reports progress and stops when its job is cancelled).
     */
    public static Dataset2D read(Path path, java.util.function.UnaryOperator<Reader> wrap)
            throws IOException, DataFormatException {
        Path name = path.getFileName();
        // An InputStreamReader replaces malformed bytes by U+FFFD, which the parser refuses at
        // its exact line (Files.newBufferedReader would fail a whole buffer ahead instead).
        try (Reader in = wrap.apply(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8))) {
            return read(in, name != null ? name.toString() : path.toString());
        }
    }

    /**
     * Reads CSV text in the format of the class Javadoc. Does not close {@code in}.
     *
     * @param sourceName the label for error messages, usually the file name
     * @throws IOException if {@code in} fails
     * @throws DataFormatException at the first problem, with its line and column
     */
    public static Dataset2D read(Reader in, String sourceName) throws IOException, DataFormatException {
        return new Parser(in, sourceName).parse();
    }

    /** One read: the position, the growing columns and the parsing rules. */
    private static final class Parser {
        private final BufferedReader in;
        private final String source;
        private int lineNo;
        private int fieldCount;
        private int rows;
        private double[] xs = new double[256];
        private double[] ys = new double[256];
        private double[] ws = new double[256];

        Parser(Reader in, String source) {
            this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 65536);
            this.source = source;
        }

        Dataset2D parse() throws IOException, DataFormatException {
            String header = nextLine();
            if (header == null) {
                throw error(0, "empty file: " + EXPECTED_HEADER);
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            fieldCount = headerFieldCount(header);
            int firstBlank = 0;
            for (String line = nextLine(); line != null; line = nextLine()) {
                if (line.isBlank()) {
                    firstBlank = firstBlank == 0 ? lineNo : firstBlank;
                    continue;
                }
                if (firstBlank != 0) {
                    throw new DataFormatException(source, firstBlank, 0,
                            "blank line between data rows (only trailing blank lines are allowed)");
                }
                if (rows == MAX_ROWS) {
                    throw error(0, "too many rows: at most " + MAX_ROWS + " data rows are allowed");
                }
                parseRow(line);
            }
            return Dataset2D.owning(Arrays.copyOf(xs, rows), Arrays.copyOf(ys, rows), Arrays.copyOf(ws, rows));
        }

        /**
         * The next line, or null at the end. Counts lines, and refuses a line holding U+FFFD,
         * which is what {@link #read(Path)}'s decoder puts in place of bytes that are not
         * UTF-8; the column is the field holding it (0 on the header line).
         */
        private String nextLine() throws IOException, DataFormatException {
            String line = in.readLine();
            if (line == null) {
                return null;
            }
            lineNo++;
            int bad = line.indexOf(REPLACEMENT_CHAR);
            if (bad >= 0) {
                int column = lineNo == 1 ? 0 : 1 + (int) line.substring(0, bad).chars().filter(ch -> ch == ',').count();
                throw error(column, "not valid UTF-8 text (or a U+FFFD replacement character)");
            }
            return line;
        }

        /** 2 or 3, or throws: the header must be exactly x,y or x,y,weight up to whitespace. */
        private int headerFieldCount(String header) throws DataFormatException {
            if (header.isBlank()) {
                throw error(0, "blank first line: " + EXPECTED_HEADER);
            }
            String[] f = header.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].strip();
            }
            if (Arrays.equals(f, new String[] {"x", "y"})) {
                return 2;
            }
            if (Arrays.equals(f, FIELD_NAMES)) {
                return 3;
            }
            throw error(0, EXPECTED_HEADER + ", found " + quote(header.strip()));
        }

        /** Parses fields left to right, so the first problem on the line is the one reported. */
        /** The values of the row being read (reused). */
        private final double[] row = new double[3];
        /** Running sum of the weights, so an overflowing total is refused at its row. */
        private double totalWeight;

        private void parseRow(String line) throws DataFormatException {
            // Fields are cut by hand (no regex split, no array per row): this loop reads every row.
            int found = 1;
            for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
                found++;
            }
            double[] v = row;
            int present = Math.min(found, fieldCount);
            for (int c = 0, start = 0; c < present; c++) {
                int end = line.indexOf(',', start);
                if (end < 0) {
                    end = line.length();
                }
                v[c] = parseNumber(line.substring(start, end).strip(), c);
                start = end + 1;
            }
            if (found < fieldCount) {
                throw error(found + 1, "missing field " + FIELD_NAMES[found] + " (expected " + fieldCount
                        + " fields, found " + found + ")");
            }
            if (found > fieldCount) {
                throw error(fieldCount + 1, "too many fields (expected " + fieldCount + ", found " + found + ")");
            }
            if (rows == xs.length) {
                int cap = Math.min(MAX_ROWS, rows * 2);
                xs = Arrays.copyOf(xs, cap);
                ys = Arrays.copyOf(ys, cap);
                ws = Arrays.copyOf(ws, cap);
            }
            xs[rows] = v[0];
            ys[rows] = v[1];
            ws[rows] = fieldCount == 3 ? v[2] : 1.0;
            totalWeight += ws[rows];
            if (!Double.isFinite(totalWeight)) {
                throw error(3, "the weights so far add up to more than " + Double.MAX_VALUE + " (total weight overflows)");
            }
            rows++;
        }

        /** The finite value of field c (0-based), text already stripped; weights must also be > 0. */
        private double parseNumber(String s, int c) throws DataFormatException {
            // The common case first and without allocation: a plain decimal that parses finite.
            if (isPlainDecimal(s)) {
                double v = Double.parseDouble(s);
                if (Double.isInfinite(v)) {
                    throw error(c + 1, quote(s) + " overflows to infinity" + field(c));
                }
                if (c == 2 && !(v > 0)) {
                    throw error(c + 1, "weight must be > 0, got " + quote(s) + field(c));
                }
                return v;
            }
            if (s.isEmpty()) {
                throw error(c + 1, "empty value" + field(c));
            }
            if (isNonFiniteWord(s)) {
                throw error(c + 1, quote(s) + " is not allowed: values must be finite" + field(c));
            }
            throw error(c + 1, quote(s) + " is not a number" + field(c));
        }

        private static String field(int c) {
            return " (field " + FIELD_NAMES[c] + ")";
        }

        private DataFormatException error(int column, String reason) {
            return new DataFormatException(source, lineNo == 0 ? 1 : lineNo, column, reason);
        }
    }

    /** NaN or an infinity in any common spelling, with an optional sign (case-insensitive). */
    static boolean isNonFiniteWord(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        t = t.toLowerCase(Locale.ROOT);
        return t.equals("nan") || t.equals("inf") || t.equals("infinity");
    }

    /**
     * True iff s is {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} with
     * ASCII digits: the decimal subset of what {@link Double#parseDouble} accepts, without hex
     * floats, NaN, Infinity, type suffixes or surrounding whitespace.
     */
    static boolean isPlainDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int fracStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            fracDigits = i - fracStart;
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == expStart) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    /** 'text' for messages, shortened to keep a pasted line of garbage readable. */
    private static String quote(String s) {
        return "'" + (s.length() <= QUOTE_LIMIT ? s : s.substring(0, QUOTE_LIMIT) + "...") + "'";
    }
}
