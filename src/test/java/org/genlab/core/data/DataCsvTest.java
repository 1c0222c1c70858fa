package org.genlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataCsvTest {

    private static Dataset2D read(String text) throws Exception {
        return DataCsv.read(new StringReader(text), "points.csv");
    }

    /** Reads text that must fail, and returns the exception (the test fails if data came back). */
    private static DataFormatException failure(String text) {
        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> read(text));
        assertThat(e).as("expected a DataFormatException for %s", text).isNotNull();
        assertThat(e.source()).isEqualTo("points.csv");
        return e;
    }

    private static void assertBitwiseEqual(Dataset2D actual, Dataset2D expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(Double.doubleToRawLongBits(actual.x(i))).isEqualTo(Double.doubleToRawLongBits(expected.x(i)));
            assertThat(Double.doubleToRawLongBits(actual.y(i))).isEqualTo(Double.doubleToRawLongBits(expected.y(i)));
            assertThat(Double.doubleToRawLongBits(actual.weight(i)))
                    .isEqualTo(Double.doubleToRawLongBits(expected.weight(i)));
        }
    }

    private static final double[] AWKWARD = {0.1, 1e-300, -0.0, 0.0, 4.9e-324, Double.MAX_VALUE, -Double.MIN_NORMAL,
        1.0 / 3, Math.PI * 1e20, -123456789.123456789, 2e-3, 1e7, 1e-7, 100};

    @Test
    void roundTripIsBitwiseWithUnitWeights() throws Exception {
        double[] y = new double[AWKWARD.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = AWKWARD[AWKWARD.length - 1 - i];
        }
        Dataset2D d = Dataset2D.of(AWKWARD, y);
        String text = DataCsv.format(d);
        assertThat(text).startsWith("x,y\n");
        Dataset2D back = read(text);
        assertBitwiseEqual(back, d);
        assertThat(back).isEqualTo(d);
    }

    @Test
    void roundTripIsBitwiseWithWeights() throws Exception {
        double[] w = new double[AWKWARD.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.abs(AWKWARD[i]) > 0 ? Math.abs(AWKWARD[i]) : 0.1;
        }
        Dataset2D d = Dataset2D.of(AWKWARD, AWKWARD, w);
        String text = DataCsv.format(d);
        assertThat(text).startsWith("x,y,weight\n");
        assertBitwiseEqual(read(text), d);
    }

    @Test
    void roundTripOfGeneratedPresetsThroughAFile(@TempDir Path dir) throws Exception {
        for (Preset p : Preset.values()) {
            Dataset2D d = p.generate(500, Math.max(0.1, p.defaultNoise()), 12);
            Path file = dir.resolve(p.id() + ".csv");
            DataCsv.write(d, file);
            assertBitwiseEqual(DataCsv.read(file), d);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).allMatch(f -> f.toString().endsWith(".csv")); // no temporary files left
        }
    }

    @Test
    void headerOnlyIsAnEmptyDatasetAndEmptyRoundTrips() throws Exception {
        assertThat(read("x,y\n")).isEqualTo(Dataset2D.EMPTY);
        assertThat(read("x,y,weight")).isEqualTo(Dataset2D.EMPTY);
        assertThat(DataCsv.format(Dataset2D.EMPTY)).isEqualTo("x,y\n");
    }

    @Test
    void acceptsBomCrlfWhitespaceAndTrailingBlankLines() throws Exception {
        Dataset2D d = read("\uFEFF x , y \r\n 1 ,\t2\r\n-3.5e1,+.5\r\n\r\n  \r\n");
        assertThat(d).isEqualTo(Dataset2D.of(new double[] {1, -35}, new double[] {2, 0.5}));
        Dataset2D w = read("\uFEFFx,y,weight\r\n1,2,3\r\n4.,5,0.25");
        assertThat(w).isEqualTo(Dataset2D.of(new double[] {1, 4}, new double[] {2, 5}, new double[] {3, 0.25}));
    }

    @Test
    void acceptsABomFromAUtf8File(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.csv");
        Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x', ',', 'y', '\r', '\n', '1', ',', '2'});
        assertThat(DataCsv.read(file)).isEqualTo(Dataset2D.of(new double[] {1}, new double[] {2}));
    }

    @Test
    void invalidUtf8IsAFormatErrorAtItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.write(file, new byte[] {'x', ',', 'y', '\n', '1', ',', '2', '\n', (byte) 0xFF, ',', '2', '\n'});
        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> DataCsv.read(file));
        assertThat(e).isNotNull();
        assertThat(e.source()).isEqualTo("bad.csv");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.reason()).contains("UTF-8");
    }

    @Test
    void messageHasTheCompilerStyleFormat() {
        DataFormatException e = failure("x,y\n" + "1,2\n".repeat(15) + "3,abc\n");
        assertThat(e.getMessage()).isEqualTo("points.csv:17:2: 'abc' is not a number (field y)");
        assertThat(e.line()).isEqualTo(17);
        assertThat(e.column()).isEqualTo(2);
        assertThat(e.reason()).isEqualTo("'abc' is not a number (field y)");
        DataFormatException whole = failure("");
        assertThat(whole.getMessage()).startsWith("points.csv:1: empty file");
        assertThat(whole.column()).isZero();
    }

    /** text uses '|' for line breaks; line and column of the first problem; a word the reason must contain. */
    @ParameterizedTest(name = "{0} -> {1}:{2}")
    @CsvSource(delimiter = ';', value = {
        // empty file and bad headers: line 1, column 0
        "'';                       1; 0; empty file",
        "'|1,2';                   1; 0; blank first line",
        "'a,b|1,2';                1; 0; found 'a,b'",
        "'x|1';                    1; 0; found 'x'",
        "'x,y,w|1,2,3';            1; 0; expected a header",
        "'X,Y|1,2';                1; 0; expected a header",
        "'x,y,|1,2';               1; 0; expected a header",
        "'x,y,weight,z|1,2,3,4';   1; 0; expected a header",
        // non-numeric values
        "'x,y|1,2|abc,3';          3; 1; 'abc' is not a number (field x)",
        "'x,y|1,2|3,abc';          3; 2; 'abc' is not a number (field y)",
        "'x,y|1.0abc,2';           2; 1; '1.0abc' is not a number",
        "'x,y|0x1p3,2';            2; 1; '0x1p3' is not a number",
        "'x,y|1,0x1.8p1';          2; 2; not a number",
        "'x,y|1d,2';               2; 1; not a number",
        "'x,y|1,2f';               2; 2; not a number",
        "'x,y|1e,2';               2; 1; not a number",
        "'x,y|.,2';                2; 1; not a number",
        "'x,y|1,--2';              2; 2; not a number",
        "'x,y|1 2,3';              2; 1; not a number",
        "'x,y|\"1\",2';            2; 1; not a number",
        "'x,y|1,';                 2; 2; empty value (field y)",
        "'x,y|,1';                 2; 1; empty value (field x)",
        "'x,y,weight|1,2,abc';     2; 3; 'abc' is not a number (field weight)",
        // NaN and infinities
        "'x,y|NaN,1';              2; 1; must be finite",
        "'x,y|1,-NaN';             2; 2; must be finite",
        "'x,y|Infinity,1';         2; 1; must be finite",
        "'x,y|1,-Infinity';        2; 2; must be finite",
        "'x,y|+Infinity,1';        2; 1; must be finite",
        "'x,y|inf,1';              2; 1; must be finite",
        "'x,y|1e400,1';            2; 1; overflows to infinity",
        "'x,y|1,-1.8e308';         2; 2; overflows to infinity",
        "'x,y,weight|1,2,NaN';     2; 3; must be finite",
        "'x,y,weight|1,2,1e999';   2; 3; overflows to infinity",
        // missing and surplus fields
        "'x,y|1,2|3';              3; 2; missing field y (expected 2 fields, found 1)",
        "'x,y,weight|1,2,1|3,4';   3; 3; missing field weight",
        "'x,y,weight|1';           2; 2; missing field y",
        "'x,y|1,2,3';              2; 3; too many fields (expected 2, found 3)",
        "'x,y|1,2,';               2; 3; too many fields",
        "'x,y,weight|1,2,3,4,5';   2; 4; too many fields (expected 3, found 5)",
        // the first problem on the line wins, left to right
        "'x,y|abc';                2; 1; 'abc' is not a number",
        "'x,y|1,abc,3';            2; 2; 'abc' is not a number",
        // non-positive weights
        "'x,y,weight|1,2,0';       2; 3; weight must be > 0",
        "'x,y,weight|1,2,-0.0';    2; 3; weight must be > 0",
        "'x,y,weight|1,2,1|1,2,-3';3; 3; weight must be > 0, got '-3'",
        "'x,y,weight|1,2,1e-400';  2; 3; weight must be > 0",
        // blank lines inside the data: reported at the blank line
        "'x,y|1,2||3,4';           3; 0; blank line between data rows",
        "'x,y||1,2';               2; 0; blank line between data rows",
    })
    void malformedInputIsRefusedAtTheFirstProblem(String text, int line, int column, String reasonPart) {
        DataFormatException e = failure(text.replace('|', '\n'));
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e.column()).as("column").isEqualTo(column);
        assertThat(e.reason()).contains(reasonPart);
        assertThat(e.getMessage()).isEqualTo(
                "points.csv:" + line + ":" + (column > 0 ? column + ":" : "") + " " + e.reason());
        // The same with CRLF line endings gives the same position.
        DataFormatException crlf = failure(text.replace("|", "\r\n"));
        assertThat(crlf.line()).isEqualTo(line);
        assertThat(crlf.column()).isEqualTo(column);
    }

    @Test
    void longGarbageIsShortenedInTheMessage() {
        DataFormatException e = failure("x,y\n1," + "z".repeat(500));
        assertThat(e.reason()).hasSizeLessThan(100).contains("...");
    }

    @Test
    void plainDecimalGrammar() {
        for (String ok : new String[] {"0", "-0", "+1", "1.", ".5", "-.5e-3", "1E+10", "00012", "4.9E-324"}) {
            assertThat(DataCsv.isPlainDecimal(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,2", " 1", "1 ", "0x10",
            "1_000", "١", "NaN", "1D", "++1"}) {
            assertThat(DataCsv.isPlainDecimal(bad)).as(bad).isFalse();
        }
    }

    /**
     * Streams a header and {@code rows} lines of "1.5,-2\n" without building the text in memory.
     */
    private static Reader rowsReader(long rows) {
        return new Reader() {
            private final char[] header = "x,y\n".toCharArray();
            private final char[] row = "1.5,-2\n".toCharArray();
            private final long total = header.length + rows * row.length;
            private long pos;

            @Override
            public int read(char[] buf, int off, int len) {
                if (pos >= total) {
                    return -1;
                }
                int k = 0;
                while (k < len && pos < total) {
                    buf[off + k++] = pos < header.length ? header[(int) pos]
                            : row[(int) ((pos - header.length) % row.length)];
                    pos++;
                }
                return k;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void exactlyTheRowLimitIsAccepted() throws Exception {
        Dataset2D d = DataCsv.read(rowsReader(DataCsv.MAX_ROWS), "big.csv");
        assertThat(d.size()).isEqualTo(1_000_000);
        assertThat(d.x(999_999)).isEqualTo(1.5);
        assertThat(d.y(999_999)).isEqualTo(-2);
    }

    @Test
    void oneRowOverTheLimitIsRefusedAtItsLine() throws IOException {
        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> DataCsv.read(rowsReader(DataCsv.MAX_ROWS + 5L), "big.csv"));
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(1_000_002);
        assertThat(e.column()).isZero();
        assertThat(e.reason()).contains("1000000");
        assertThat(e.getMessage()).startsWith("big.csv:1000002: too many rows");
    }

    @Test
    void writeUsesLfAndOneLinePerPoint() throws Exception {
        Dataset2D d = Dataset2D.of(new double[] {1, 0.1}, new double[] {-0.0, 2}, new double[] {1, 2.5});
        assertThat(DataCsv.format(d)).isEqualTo("x,y,weight\n1.0,-0.0,1.0\n0.1,2.0,2.5\n");
        assertThat(new String(DataCsv.format(d).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .doesNotContain("\r");
    }
}
