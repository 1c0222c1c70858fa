package org.genlab.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric table a pane offers as CSV: its data set, its samples, its trajectories. One
 * header line of column names, then one line per row; numbers are written so they parse back
 * to the identical double (whole numbers without ".0", so indices read as indices). A data
 * set's table has the columns {@code x,y} or {@code x,y,weight}, the data pane's own format,
 * so it loads back as data.
 *
 * @param name    short file-name part: {@code data}, {@code samples}, {@code trajectories}
 * @param title   what the table holds, for the menu ("particles at t = 0.50")
 * @param columns the column names
 * @param rows    the rows, each as long as {@code columns}
 */
public record CsvTable(String name, String title, List<String> columns, List<double[]> rows) {

    public CsvTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        for (String c : columns) {
            if (c.isEmpty() || c.contains(",") || c.contains("\n") || c.contains("\"")) {
                throw new IllegalArgumentException("column name '" + c + "' must be non-empty, without commas, quotes or line breaks");
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length != columns.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows.get(i).length + " values for " + columns.size() + " columns");
            }
        }
    }

    /** A table of points (x, y), with a {@code weight} column unless every weight is 1. */
    public static CsvTable points(String name, String title, double[] xs, double[] ys, double[] weights) {
        boolean weighted = false;
        if (weights != null) {
            for (double w : weights) {
                weighted |= w != 1;
            }
        }
        List<double[]> rows = new ArrayList<>(xs.length);
        for (int i = 0; i < xs.length; i++) {
            rows.add(weighted ? new double[] {xs[i], ys[i], weights[i]} : new double[] {xs[i], ys[i]});
        }
        return new CsvTable(name, title, weighted ? List.of("x", "y", "weight") : List.of("x", "y"), rows);
    }

    /** Writes the table as UTF-8 CSV with LF line endings; flushes but does not close {@code out}. */
    public void write(OutputStream out) throws IOException {
        Writer w = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        write(w);
        w.flush();
    }

    /** Writes the table; flushes but does not close {@code w}. */
    public void write(Writer w) throws IOException {
        w.write(String.join(",", columns));
        w.write('\n');
        StringBuilder sb = new StringBuilder(64);
        for (double[] row : rows) {
            sb.setLength(0);
            for (int j = 0; j < row.length; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(number(row[j]));
            }
            sb.append('\n');
            w.write(sb.toString());
        }
        w.flush();
    }

    /** The shortest text that parses back to {@code v}: whole numbers without a fraction. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * Reads a table written by {@link #write} (or any header-plus-numbers CSV).
     *
     * @throws IOException naming {@code source}, the line and the field of the first bad value
     */
    public static CsvTable read(Reader in, String source, String name) throws IOException {
        BufferedReader r = new BufferedReader(in);
        String header = r.readLine();
        if (header == null) {
            throw new IOException(source + ":1: empty file, expected a header line");
        }
        List<String> columns = List.of(header.split(",", -1));
        List<double[]> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != columns.size()) {
                throw new IOException(source + ":" + lineNo + ": " + f.length + " fields, the header has " + columns.size());
            }
            double[] row = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                try {
                    row[j] = Double.parseDouble(f[j].trim());
                } catch (NumberFormatException e) {
                    throw new IOException(source + ":" + lineNo + ":" + (j + 1) + ": '" + f[j] + "' is not a number (field "
                            + columns.get(j) + ")");
                }
            }
            rows.add(row);
        }
        return new CsvTable(name, name, columns, rows);
    }
}
