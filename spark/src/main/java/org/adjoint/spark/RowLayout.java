package org.adjoint.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructType;

/**
 * Where a {@code Dataset<Row>}'s features and label are, and how to read them: features as an
 * array of numbers or a Spark ML vector; the label as an integer (a class index), a float or
 * double (a target, or a class index if the loss wants one and it is whole), an array of numbers
 * or an ML vector (a target of several values), or absent.
 */
final class RowLayout implements Serializable {

    private static final long serialVersionUID = 1L;

    enum Cell { NUMBERS, VECTOR, INTEGER, REAL, NONE }

    private final int featureIndex;
    private final Cell featureCell;
    private final int labelIndex;
    private final Cell labelCell;

    private RowLayout(int featureIndex, Cell featureCell, int labelIndex, Cell labelCell) {
        this.featureIndex = featureIndex;
        this.featureCell = featureCell;
        this.labelIndex = labelIndex;
        this.labelCell = labelCell;
    }

    /** Checks the schema on the driver, naming the column and its type when it cannot be read. */
    static RowLayout of(StructType schema, String features, String label) {
        int fi = index(schema, features);
        Cell fc = cell(schema.fields()[fi].dataType());
        if (fc != Cell.NUMBERS && fc != Cell.VECTOR) {
            throw new IllegalArgumentException("spark data: features column '" + features + "' is "
                    + schema.fields()[fi].dataType().simpleString() + "; expected an array of numbers or an ML vector");
        }
        if (label == null) {
            return new RowLayout(fi, fc, -1, Cell.NONE);
        }
        int li = index(schema, label);
        Cell lc = cell(schema.fields()[li].dataType());
        if (lc == Cell.NONE) {
            throw new IllegalArgumentException("spark data: label column '" + label + "' is "
                    + schema.fields()[li].dataType().simpleString()
                    + "; expected an integer, a float or double, an array of numbers or an ML vector");
        }
        return new RowLayout(fi, fc, li, lc);
    }

    private static int index(StructType schema, String name) {
        for (int i = 0; i < schema.fields().length; i++) {
            if (schema.fields()[i].name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("spark data: no column '" + name + "'; columns: "
                + Arrays.toString(schema.fieldNames()));
    }

    private static Cell cell(DataType t) {
        if (t instanceof IntegerType || t instanceof LongType || t instanceof ShortType || t instanceof ByteType) {
            return Cell.INTEGER;
        }
        if (t instanceof FloatType || t instanceof DoubleType) {
            return Cell.REAL;
        }
        if (t instanceof ArrayType a && a.elementType() instanceof NumericType) {
            return Cell.NUMBERS;
        }
        if (MlVectors.isVector(t)) {
            return Cell.VECTOR;
        }
        return Cell.NONE;
    }

    /** Reads one row into the builder. */
    void read(Row row, BlockBuilder b) {
        b.features(numbers(row, featureIndex, featureCell, b, "features"));
        switch (labelCell) {
            case NONE -> b.noLabel();
            case INTEGER -> {
                checkNotNull(row, labelIndex, b, "label");
                b.label(((Number) row.get(labelIndex)).longValue());
            }
            case REAL -> {
                checkNotNull(row, labelIndex, b, "label");
                b.target(new double[] {((Number) row.get(labelIndex)).doubleValue()});
            }
            default -> b.target(numbers(row, labelIndex, labelCell, b, "label"));
        }
        b.next();
    }

    private static void checkNotNull(Row row, int i, BlockBuilder b, String what) {
        if (row.isNullAt(i)) {
            throw b.error("has a null " + what);
        }
    }

    private static double[] numbers(Row row, int i, Cell cell, BlockBuilder b, String what) {
        if (row.isNullAt(i)) {
            return null;
        }
        if (cell == Cell.VECTOR) {
            return MlVectors.toArray(row.get(i));
        }
        List<Object> list = row.getList(i);
        double[] out = new double[list.size()];
        for (int j = 0; j < out.length; j++) {
            Object o = list.get(j);
            if (o == null) {
                throw b.error("has a null in its " + what + " (element " + j + ")");
            }
            out[j] = ((Number) o).doubleValue();
        }
        return out;
    }
}
