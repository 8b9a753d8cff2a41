package org.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Distributed data sets: sources, order, shapes, labels and the errors on bad rows. */
class SparkDataTest {

    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        spark = SharedSpark.session("local[2]");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @Test
    void parallelizeKeepsTheOrderAndSplitsContiguously() {
        Dataset data = Models.clusters(10, 1, DType.F32);
        SparkData d = SparkData.parallelize(spark, data, 3);
        assertEquals(10, d.size());
        assertEquals(3, d.partitions());
        assertArrayEquals(new long[] {3, 3, 4}, d.partitionSizes());   // like Spark's own slicing: i*n/p
        assertEquals(Shape.of(Models.FEATURES), d.featureShape());
        assertTrue(d.hasClassLabels());
        Dataset back = d.collect();
        assertTrue(back.features().bitwiseEquals(data.features()));
        assertTrue(back.labels().bitwiseEquals(data.labels()));
        assertTrue(d.toString().contains("10 examples of 8 features (f32) with class labels"), d.toString());
        d.unpersist();
    }

    @Test
    void parallelizeKeepsImageShapesAndTargetShapes() {
        Tensor x = Tensor.zeros(DType.F64, Shape.of(6, 1, 2, 2));
        for (int i = 0; i < x.size(); i++) {
            x.setDouble(i, i * 0.5);
        }
        Tensor t = Tensor.zeros(DType.F64, Shape.of(6, 1));
        SparkData d = SparkData.parallelize(spark, Dataset.of(x, t), 4);
        assertEquals(Shape.of(1, 2, 2), d.featureShape());
        assertEquals(4, d.featureCount());
        assertEquals(DType.F64, d.dtype());
        assertFalse(d.hasClassLabels());
        Dataset back = d.collect();
        assertTrue(back.features().bitwiseEquals(x));
        assertEquals(t.type(), back.labels().type());
        d.unpersist();
    }

    @Test
    void rowsWithArraysOfNumbersAndIntegerLabels() {
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType)).add("label", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rows.add(RowFactory.create((long) i, new float[] {i, 2 * i, -i}, i % 3));
        }
        SparkData d = SparkData.fromRows(spark.createDataFrame(rows, schema).coalesce(1), "features",
                "label");
        assertEquals(7, d.size());
        assertEquals(3, d.featureCount());
        Dataset back = d.collect();
        assertEquals(Shape.of(7, 3), back.features().shape());
        assertEquals(6f, back.features().floats()[3 * 3 + 1]);
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0}, back.labels().ints());
        d.unpersist();
    }

    @Test
    void rowsWithMlVectorsAndDoubleLabels() {
        StructType schema = new StructType().add("v", SQLDataTypes.VectorType()).add("y", DataTypes.DoubleType);
        List<Row> rows = List.of(
                RowFactory.create(Vectors.dense(1, 2, 3), 0.5),
                RowFactory.create(Vectors.sparse(3, new int[] {1}, new double[] {7}), -1.0));
        SparkData d = SparkData.fromRows(spark.createDataFrame(rows, schema).coalesce(1), "v", "y", DType.F64);
        Dataset back = d.collect();
        assertArrayEquals(new double[] {1, 2, 3, 0, 7, 0}, back.features().doubles());
        assertArrayEquals(new double[] {0.5, -1.0}, back.labels().doubles());
        assertEquals(1, d.labelWidth());
        d.unpersist();
    }

    @Test
    void examplesFromAnRdd() {
        List<Example> ex = List.of(Example.of(new double[] {1, 2}, 0.25, 0.75), Example.of(new double[] {3, 4}, 1, 0));
        SparkData d = SparkData.fromExamples(sc.parallelize(ex, 2), DType.F64);
        assertEquals(2, d.labelWidth());
        Dataset back = d.collect();
        assertArrayEquals(new double[] {1, 2, 3, 4}, back.features().doubles());
        assertEquals(Shape.of(2, 2), back.labels().shape());
        assertArrayEquals(new double[] {0.25, 0.75, 1, 0}, back.labels().doubles());
        d.unpersist();
    }

    @Test
    void columnsThatCannotBeReadAreNamed() {
        StructType schema = new StructType().add("features", DataTypes.StringType).add("label", DataTypes.IntegerType);
        var df = spark.createDataFrame(List.of(RowFactory.create("1,2", 0)), schema);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromRows(df, "features", "label"));
        assertEquals("spark data: features column 'features' is string; expected an array of numbers or an ML vector",
                e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromRows(df, "pixels", "label"));
        assertEquals("spark data: no column 'pixels'; columns: [features, label]", missing.getMessage());
    }

    @Test
    void rowsOfDifferentLengthsAreNamed() {
        List<Example> within = List.of(Example.of(new float[] {1, 2}, 0), Example.of(new float[] {1, 2, 3}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromExamples(sc.parallelize(within, 1)));
        assertTrue(e.getMessage().contains("spark data: example 1 of partition 0 has 3 features, example 0 of that"
                + " partition has 2"), e.getMessage());

        List<Example> across = List.of(Example.of(new float[] {1, 2}, 0), Example.of(new float[] {1, 2, 3}, 1));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromExamples(sc.parallelize(across, 2)));
        assertEquals("spark data: examples have 3 features in partition 1 and 2 in partition 0", e2.getMessage());

        List<Example> labels = List.of(Example.of(new float[] {1, 2}, 0), Example.of(new float[] {1, 2}, 0.5));
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromExamples(sc.parallelize(labels, 1)));
        assertTrue(e3.getMessage().contains("example 1 of partition 0 has one target value, example 0 of that"
                + " partition has a class index"), e3.getMessage());
    }

    @Test
    void nullsAreNamed() {
        StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("label", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(new double[] {1, 2}, 1));
        rows.add(RowFactory.create(new double[] {1, 2}, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromRows(spark.createDataFrame(rows, schema).coalesce(1), "features", "label"));
        assertTrue(e.getMessage().contains("spark data: example 1 of partition 0 has a null label"), e.getMessage());
    }

    @Test
    void emptyDataIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromExamples(sc.parallelize(List.<Example>of(), 2)));
        assertEquals("spark data: no examples in any of the 2 partitions", e.getMessage());
    }
}
