package org.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.adjoint.graph.DType;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Synchronous data parallelism on local[2] against single-machine fit. */
class SynchronousLocal2Test {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SharedSpark.session("local[2]");
    }

    @Test
    void sameParametersAsSingleMachineFitInF32() {
        Dataset data = Models.clusters(150, 11, DType.F32);     // 150 = 4 batches of 32 + 22
        SparkData distributed = SparkData.parallelize(spark, data, 3);

        Trainer local = Models.mlp();
        History expected = local.fit(distributed.collect(), FitOptions.epochs(3).batchSize(32).seed(5));

        SparkTrainer st = SparkTrainer.of(spark, Models::mlp);
        History actual = st.fit(distributed, SparkFitOptions.epochs(3).batchSize(32).seed(5));

        double worst = Compare.assertClose(local.model().parameters().snapshot(),
                st.trainer().model().parameters().snapshot(), 1e-6);
        System.out.println("local[2], 3 partitions, F32: worst relative difference " + worst);
        assertEquals(local.optimizer().iterations(), st.trainer().optimizer().iterations());
        for (int e = 0; e < 3; e++) {
            assertEquals(expected.epochLogs(e).get("loss"), actual.epochLogs(e).get("loss"), 1e-6);
            assertEquals(expected.epochLogs(e).get("accuracy"), actual.epochLogs(e).get("accuracy"), 1e-12);
        }
        distributed.unpersist();
    }
}
