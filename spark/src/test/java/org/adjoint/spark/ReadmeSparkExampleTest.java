package org.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.io.Checkpoint;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.losses.Regularizers;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.CheckpointCallback;
import org.adjoint.nn.train.EarlyStopping;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Spark example, on parquet files it writes first (64 features, 10 classes). */
class ReadmeSparkExampleTest {

    static Trainer digits() {                                        // built on the driver and on each executor
        Sequential model = Sequential.builder(Shape.of(64)).seed(1)
                .add(new Dense(256, Activation.relu()), new Dense(64, Activation.relu()), new Dense(10)).build();
        return Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.003))
                .regularizer(Regularizers.l2(1e-3)).metrics(Metrics.accuracy()).build();
    }

    private static void write(SparkSession spark, Path dir, int n, long seed) {
        SplittableRandom centers = new SplittableRandom(42);
        float[][] c = new float[10][64];
        for (float[] row : c) {
            for (int j = 0; j < 64; j++) {
                row[j] = (float) centers.nextDouble(-1, 1);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = rnd.nextInt(10);
            float[] x = new float[64];
            for (int j = 0; j < 64; j++) {
                x[j] = c[label][j] + (float) (rnd.nextGaussian() * 0.5);
            }
            rows.add(RowFactory.create(x, label));
        }
        StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.IntegerType);
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(dir.toString());
    }

    @Test
    void theReadmeExampleRuns(@TempDir Path dir) throws Exception {
        SparkSession session = SharedSpark.session("local[2]");
        write(session, dir.resolve("train"), 600, 1);
        write(session, dir.resolve("dev"), 120, 2);
        write(session, dir.resolve("test"), 120, 3);
        String train0 = dir.resolve("train").toString();
        String dev0 = dir.resolve("dev").toString();
        String test0 = dir.resolve("test").toString();
        Path ckpt = dir.resolve("ckpt");
        Path file = dir.resolve("digits.safetensors");

        // --- the README's code (paths replaced) ---
        SparkSession spark = SparkSession.builder().getOrCreate();       // master and settings: the caller's
        SparkData train = SparkData.fromRows(spark.read().parquet(train0), "features", "label");
        SparkData dev = SparkData.fromRows(spark.read().parquet(dev0), "features", "label");
        SparkTrainer st = SparkTrainer.of(spark, ReadmeSparkExampleTest::digits);
        History h = st.fit(train, SparkFitOptions.epochs(5).batchSize(512).seed(7).dev(dev).progress(true)
                .callbacks(EarlyStopping.on("dev_loss").patience(3), new CheckpointCallback(ckpt, 1)));
        Map<String, Double> test = st.evaluate(SparkData.fromRows(spark.read().parquet(test0), "features", "label"));
        Checkpoint.save(file, st.trainer().model(), st.trainer().optimizer());
        // ---

        assertEquals(600, train.size());
        assertTrue(h.size() >= 1 && h.size() <= 5);
        assertTrue(test.get("accuracy") > 0.9, test.toString());
        assertTrue(Files.exists(file));
        assertTrue(Files.exists(ckpt.resolve("epoch-0001.safetensors")));
    }
}
