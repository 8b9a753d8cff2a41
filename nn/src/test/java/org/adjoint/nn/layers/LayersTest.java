package org.adjoint.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Model;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.init.Initializer;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void denseComputesXwPlusBThenTheActivation() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(-1, 2));
        Dense d = new Dense(2, Activation.relu()).kernelInit((dt, s, f, seed) -> Tensor.of(new double[] {1, -1, 2, 1}, 2, 2))
                .biasInit(Initializer.constant(0.5));
        Node y = d.call(x);
        Tensor out = new Session(g).eval(RunOptions.EVAL, Feeds.of(x, Tensor.of(new double[] {1, 2}, 1, 2)), y);
        // [1, 2] . [[1, -1], [2, 1]] = [5, 1]; + 0.5 -> [5.5, 1.5]
        assertEquals(5.5, out.get(0, 0), 0);
        assertEquals(1.5, out.get(0, 1), 0);
    }

    @Test
    void denseAppliesTheSameWeightsAtEveryTimeStep() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(-1, 3, 2));
        Node y = new Dense(4).call(x);
        assertEquals(Shape.of(-1, 3, 4), y.shape());
    }

    @Test
    void activationsCompute() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(1, 3));
        Tensor v = Tensor.of(new double[] {-1, 0, 2}, 1, 3);
        Session s = new Session(g);
        double[][] expected = {
            {-1, 0, 2},
            {1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-2))},
            {Math.tanh(-1), 0, Math.tanh(2)},
            {0, 0, 2},
            {-0.1, 0, 2},
            {Math.exp(-1) - 1, 0, 2},
            {Math.log1p(Math.exp(-1)), Math.log(2), Math.log1p(Math.exp(2))},
        };
        List<Activation> acts = List.of(Activation.linear(), Activation.sigmoid(), Activation.tanh(), Activation.relu(),
                Activation.leakyRelu(0.1), Activation.elu(), Activation.softplus());
        for (int i = 0; i < acts.size(); i++) {
            Tensor out = s.eval(Feeds.of(x, v), acts.get(i).call(x));
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], out.getDouble(j), 1e-12, acts.get(i).kind() + " at " + j);
            }
        }
        Tensor sm = s.eval(Feeds.of(x, v), Activation.softmax().call(x));
        double z = Math.exp(-1) + 1 + Math.exp(2);
        assertEquals(Math.exp(2) / z, sm.getDouble(2), 1e-12);
    }

    @Test
    void smallConvNetShapesAndParameters() {
        Sequential m = new Sequential(Shape.of(1, 8, 8),
                new Conv2D(4, 3, 1, 1, Activation.relu()), new MaxPool2D(2), new BatchNorm(),
                new Conv2D(2, 3), new AvgPool2D(2, 1), new Flatten(), new Dense(3));
        // 8x8 -conv pad 1-> 8x8 -pool-> 4x4 -conv 3-> 2x2 -avg 2 stride 1-> 1x1, 2 channels -> 2 features
        assertEquals(Shape.of(-1, 3), m.output().shape());
        assertEquals(List.of("conv2d/w", "conv2d/b", "batch_norm/gamma", "batch_norm/beta", "conv2d_1/w",
                "conv2d_1/b", "dense/w", "dense/b"), m.parameters().names());
        assertEquals(Shape.of(4, 1, 3, 3), m.parameters().get("conv2d/w").shape());
        assertEquals(Shape.of(2, 3), m.parameters().get("dense/w").shape());
        Tensor out = m.predict(Tensor.zeros(DType.F32, Shape.of(5, 1, 8, 8)));
        assertEquals(Shape.of(5, 3), out.shape());
    }

    @Test
    void embeddingLooksUpRows() {
        Graph g = new Graph();
        Node ids = g.placeholder("ids", DType.I32, Shape.of(-1, 2));
        Embedding e = new Embedding(5, 3, DType.F64)
                .init((dt, s, f, seed) -> Tensor.of(new double[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}, 5, 3));
        Node y = e.call(ids);
        assertEquals(Shape.of(-1, 2, 3), y.shape());
        Model m = Model.of(ids, y);
        assertEquals(List.of("embedding/w"), m.parameters().names());
        Tensor out = m.predict(Tensor.of(new int[] {4, 1, 0, 3}, 2, 2));
        assertEquals(4, out.get(0, 0, 2), 0);
        assertEquals(1, out.get(0, 1, 0), 0);
        assertEquals(3, out.get(1, 1, 1), 0);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new Embedding(5, 3).call(g.placeholder("f", DType.F32, Shape.of(-1))));
        assertEquals("embedding 'embedding_1': indices 'f' must be i32, got f32[?]", bad.getMessage());
    }

    @Test
    void layerNormNormalizesEachRow() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(-1, 4));
        Node y = new LayerNorm(1e-12).call(x);
        Tensor out = new Session(g).eval(Feeds.of(x, Tensor.of(new double[] {1, 2, 3, 4, 10, 10, 10, 14}, 2, 4)), y);
        double mean = 2.5;
        double std = Math.sqrt(1.25);
        assertEquals((1 - mean) / std, out.get(0, 0), 1e-9);
        assertEquals((14 - 11) / Math.sqrt(3), out.get(1, 3), 1e-9);
    }
}
