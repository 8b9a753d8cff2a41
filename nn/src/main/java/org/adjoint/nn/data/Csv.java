package org.adjoint.nn.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Tensor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads a CSV file of numbers into a {@link Dataset} (Apache Commons CSV): every column but the
 * label column becomes a feature [N, F]; the label column becomes I32 class indices [N] or float
 * targets [N, 1]. A value that is not a number fails with the file, the line and the column:
 * {@code iris.csv: line 7, column 'petal_width' (4): cannot read 'abc' as a number}.
 *
 * <pre>{@code
 * Dataset d = Csv.options().labelColumn("species").intLabels().read(Path.of("iris.csv"));
 * }</pre>
 */
public final class Csv {

    private boolean header = true;
    private String labelName;
    private int labelIndex = -1;
    private boolean intLabels;
    private DType featureType = DType.F32;
    private char delimiter = ',';

    private Csv() {
    }

    /** Default options: a header line, the last column is the label (float), F32 features, ','. */
    public static Csv options() {
        return new Csv();
    }

    /** Whether the first line names the columns (default true). */
    public Csv header(boolean header) {
        this.header = header;
        return this;
    }

    /** The label column by header name. */
    public Csv labelColumn(String name) {
        this.labelName = name;
        this.labelIndex = -1;
        return this;
    }

    /** The label column by 0-based index (negative counts from the end; default -1, the last). */
    public Csv labelColumn(int index) {
        this.labelIndex = index;
        this.labelName = null;
        return this;
    }

    /** Labels are whole-number class indices (I32 [N]); otherwise float targets [N, 1] of the feature dtype. */
    public Csv intLabels() {
        this.intLabels = true;
        return this;
    }

    public Csv featureType(DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("csv: feature type must be f32 or f64, got " + dtype);
        }
        this.featureType = dtype;
        return this;
    }

    public Csv delimiter(char d) {
        this.delimiter = d;
        return this;
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException naming the file, line and column of a bad value, a row with
     *     the wrong number of values, an unknown label column, or a file without data rows
     * @throws UncheckedIOException if the file cannot be read
     */
    public Dataset read(Path file) {
        String f = file.getFileName().toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).get();
        List<double[]> features = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        String[] names = null;
        int columns = -1;
        int label = -1;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(r, format)) {
            for (CSVRecord rec : parser) {
                long line = parser.getCurrentLineNumber();
                if (names == null) {
                    columns = rec.size();
                    if (header) {
                        names = rec.values();
                    } else {
                        names = new String[columns];
                        for (int c = 0; c < columns; c++) {
                            names[c] = "column " + c;
                        }
                    }
                    label = labelColumnIndex(f, names);
                    if (columns < 2) {
                        throw new IllegalArgumentException(f + ": line " + line + " has " + columns
                                + " column; need at least one feature and a label");
                    }
                    if (header) {
                        continue;
                    }
                }
                if (rec.size() != columns) {
                    throw new IllegalArgumentException(f + ": line " + line + " has " + rec.size() + " values, expected "
                            + columns);
                }
                double[] row = new double[columns - 1];
                int k = 0;
                for (int c = 0; c < columns; c++) {
                    double v = parse(f, line, names, c, rec.get(c));
                    if (c == label) {
                        if (intLabels && (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)) {
                            throw new IllegalArgumentException(f + ": line " + line + ", column '" + names[c] + "' ("
                                    + c + "): label '" + rec.get(c) + "' is not a whole number");
                        }
                        labels.add(v);
                    } else {
                        row[k++] = v;
                    }
                }
                features.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": cannot read: " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(f + ": malformed CSV: " + e.getMessage(), e);
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException(f + ": no data rows");
        }
        int n = features.size();
        int nf = columns - 1;
        Tensor x = Tensor.zeros(featureType, org.adjoint.graph.Shape.of(n, nf));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < nf; j++) {
                x.setDouble(i * nf + j, features.get(i)[j]);
            }
        }
        Tensor y;
        if (intLabels) {
            int[] ys = new int[n];
            for (int i = 0; i < n; i++) {
                ys[i] = (int) (double) labels.get(i);
            }
            y = Tensor.of(ys, n);
        } else {
            y = Tensor.zeros(featureType, org.adjoint.graph.Shape.of(n, 1));
            for (int i = 0; i < n; i++) {
                y.setDouble(i, labels.get(i));
            }
        }
        return Dataset.of(x, y);
    }

    private int labelColumnIndex(String f, String[] names) {
        if (labelName != null) {
            for (int c = 0; c < names.length; c++) {
                if (names[c].equals(labelName)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(f + ": no column named '" + labelName + "'; columns: "
                    + String.join(", ", names));
        }
        int idx = labelIndex < 0 ? names.length + labelIndex : labelIndex;
        if (idx < 0 || idx >= names.length) {
            throw new IllegalArgumentException(f + ": label column " + labelIndex + " is out of range for "
                    + names.length + " columns");
        }
        return idx;
    }

    private static double parse(String f, long line, String[] names, int c, String text) {
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(f + ": line " + line + ", column '" + names[c] + "' (" + c
                    + "): cannot read '" + text + "' as a number");
        }
    }
}
