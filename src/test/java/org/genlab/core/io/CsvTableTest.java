package org.genlab.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.genlab.core.data.DataCsv;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** CSV tables round trip bitwise; data-set tables load back as data sets. */
class CsvTableTest {

    private static String text(CsvTable t) throws IOException {
        StringWriter w = new StringWriter();
        t.write(w);
        return w.toString();
    }

    @Test
    void everyDoubleRoundTripsBitwise() throws Exception {
        Rng rng = new Rng(3);
        List<double[]> rows = new java.util.ArrayList<>();
        rows.add(new double[] {0.1, -0.0, 1e-300, Double.MAX_VALUE});
        rows.add(new double[] {3, -7, 1e15, 123456789.125});
        for (int i = 0; i < 200; i++) {
            rows.add(new double[] {rng.nextGaussian(), rng.nextDouble() * 1e-9, i, Math.exp(rng.nextGaussian() * 50)});
        }
        CsvTable t = new CsvTable("t", "a table", List.of("a", "b", "c", "d"), rows);
        CsvTable back = CsvTable.read(new StringReader(text(t)), "t.csv", "t");
        assertThat(back.columns()).isEqualTo(t.columns());
        assertThat(back.rows()).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(Double.doubleToRawLongBits(back.rows().get(i)[j]))
                        .as("row %d column %d", i, j).isEqualTo(Double.doubleToRawLongBits(rows.get(i)[j]));
            }
        }
    }

    @Test
    void wholeNumbersAreWrittenWithoutAFraction() throws Exception {
        CsvTable t = new CsvTable("t", "t", List.of("particle", "x"), List.of(new double[] {3, 0.5}, new double[] {4, -2}));
        assertThat(text(t)).isEqualTo("particle,x\n3,0.5\n4,-2\n");
    }

    @Test
    void pointTablesAreTheDataPanesFormat() throws Exception {
        Dataset2D unit = Dataset2D.of(new double[] {1, 0.25}, new double[] {0, -3.5});
        CsvTable t = CsvTable.points("data", "d", unit.xs(), unit.ys(), unit.weights());
        assertThat(t.columns()).containsExactly("x", "y");
        assertThat(DataCsv.read(new StringReader(text(t)), "d.csv")).isEqualTo(unit);
        Dataset2D weighted = Dataset2D.of(new double[] {1, 0.25}, new double[] {0, -3.5}, new double[] {2, 0.5});
        CsvTable w = CsvTable.points("data", "d", weighted.xs(), weighted.ys(), weighted.weights());
        assertThat(w.columns()).containsExactly("x", "y", "weight");
        assertThat(DataCsv.read(new StringReader(text(w)), "d.csv")).isEqualTo(weighted);
    }

    @Test
    void badTablesAndBadFilesSayWhatAndWhere() {
        assertThatThrownBy(() -> new CsvTable("t", "t", List.of("a", "b"), List.of(new double[] {1})))
                .hasMessageContaining("row 0 has 1 values for 2 columns");
        assertThatThrownBy(() -> new CsvTable("t", "t", List.of("a,b"), List.of())).hasMessageContaining("'a,b'");
        assertThatThrownBy(() -> CsvTable.read(new StringReader("a,b\n1,2\n3,x\n"), "f.csv", "f"))
                .isInstanceOf(IOException.class).hasMessage("f.csv:3:2: 'x' is not a number (field b)");
        assertThatThrownBy(() -> CsvTable.read(new StringReader("a,b\n1\n"), "f.csv", "f"))
                .hasMessage("f.csv:2: 1 fields, the header has 2");
        assertThatThrownBy(() -> CsvTable.read(new StringReader(""), "f.csv", "f")).hasMessageContaining("f.csv:1: empty file");
    }
}
