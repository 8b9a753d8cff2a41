package org.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.adjoint.graph.DType;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * What travels as task results, shuffle records and broadcasts goes through the session's
 * {@code spark.serializer}: Java serialization by default, Kryo if the application chose it.
 * Both must carry a step's values unchanged.
 */
class KryoTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(Serializer serializer, T value) {
        SerializerInstance s = serializer.newInstance();
        ByteBuffer bytes = s.serialize(value, ClassTag$.MODULE$.apply(Object.class));
        return (T) s.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
    }

    @Test
    void stepValuesSurviveJavaAndKryoSerialization() {
        for (Serializer serializer : new Serializer[] {new JavaSerializer(new SparkConf()),
                new KryoSerializer(new SparkConf())}) {
            TreeSum.Layout layout = TreeSum.Layout.of(3, 2);
            Contribution c = new Contribution(1);
            c.gradients = new Values[] {Values.of(new float[] {1.5f, -2f}), Values.of(new double[] {3})};
            c.lossSum[0] = 4.25;
            c.examples[0] = 7;
            c.failures.put(2, "partition 2: the loss is NaN");
            c.chunks.add(new Contribution.Chunk(0, new int[] {3, 1}, Values.of(new float[] {0.5f, 0.5f}), new int[] {1, 0},
                    null));
            TreeSum t = TreeSum.empty(layout).add(new TreeSum.Leaf(1, c));
            TreeSum back = roundTrip(serializer, t);
            TreeSum whole = back.add(new TreeSum.Leaf(0, new Contribution(1))).add(new TreeSum.Leaf(2, new Contribution(1)));
            Contribution r = whole.result();
            assertArrayEquals(new float[] {1.5f, -2f}, r.gradients[0].f32, serializer.getClass().getSimpleName());
            assertArrayEquals(new double[] {3}, r.gradients[1].f64);
            assertEquals(4.25, r.lossSum[0]);
            assertEquals(7, r.examples[0]);
            assertEquals("partition 2: the loss is NaN", r.failures.get(2));
            assertArrayEquals(new int[] {3, 1}, r.chunks.get(0).positions);

            Block b = new Block(2, 1, Values.of(new float[] {1, 2}), Block.Labels.CLASSES, 1, new int[] {4, 5}, null);
            Block.Info info = roundTrip(serializer, b.info(3));
            assertEquals(3, info.partition());
            assertEquals(DType.F32, info.dtype());
            assertEquals(5, info.maxClass());
            EvalTask.Part part = roundTrip(serializer, new EvalTask.Part(1, 2, 0.5, Values.of(new float[] {1}), new int[] {2},
                    null));
            assertEquals(0.5, part.lossSum());
            assertArrayEquals(new int[] {2}, part.classes());
        }
    }
}
