package org.adjoint.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.BatchNorm;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Dropout;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void layersNameTheirVariablesUniquelyAndInOrder() {
        Sequential m = new Sequential(Shape.of(4), new Dense(3, Activation.relu()), new BatchNorm(),
                new Dense(2));
        assertEquals(List.of("dense/w", "dense/b", "batch_norm/gamma", "batch_norm/beta", "dense_1/w", "dense_1/b"),
                m.parameters().names());
        assertEquals(List.of("batch_norm/running_mean", "batch_norm/running_var"), m.state().names());
        assertEquals(Shape.of(4, 3), m.parameters().get("dense/w").shape());
        assertTrue(m.parameters().get("dense/w").regularized());
        assertFalse(m.parameters().get("dense/b").regularized());
        assertFalse(m.state().get("batch_norm/running_mean").trainable());
        assertEquals(4 * 3 + 3 + 3 + 3 + 3 * 2 + 2, m.parameters().elementCount());
        assertEquals(Shape.of(-1, 2), m.output().shape());
    }

    @Test
    void functionalModelSharesWeightsAndFindsThemFromTheOutputs() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node a = o.placeholder("a", DType.F32, Shape.of(-1, 5));
        Node b = o.placeholder("b", DType.F32, Shape.of(-1, 5));
        Dense shared = new Dense(3, Activation.tanh());
        Node ha = shared.call(a);
        Node hb = shared.call(b);                       // same weights
        Node skip = o.add(ha, hb);
        Node out = new Dense(1).call(o.concat(1, skip, ha));
        Model m = Model.of(List.of(a, b), List.of(out));
        assertEquals(List.of("dense/w", "dense/b", "dense_1/w", "dense_1/b"), m.parameters().names());
        assertSame(shared.w(), m.parameters().get("dense/w").node());
        assertEquals(Shape.of(6, 1), m.parameters().get("dense_1/w").shape());
        assertEquals(2, m.inputs().size());
    }

    @Test
    void sameSeedSameWeightsDifferentSeedDifferentWeights() {
        Sequential m1 = Sequential.builder(Shape.of(3)).seed(5).add(new Dense(4)).build();
        Sequential m2 = Sequential.builder(Shape.of(3)).seed(5).add(new Dense(4)).build();
        Sequential m3 = Sequential.builder(Shape.of(3)).seed(6).add(new Dense(4)).build();
        Tensor w1 = m1.parameters().get("dense/w").value();
        assertTrue(w1.bitwiseEquals(m2.parameters().get("dense/w").value()));
        assertFalse(w1.bitwiseEquals(m3.parameters().get("dense/w").value()));
    }

    @Test
    void explicitNamesAreCheckedForUniqueness() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F32, Shape.of(-1, 2));
        new Dense(2).name("enc").call(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(2).name("enc").call(x));
        assertEquals("layer name 'enc' is already used in this graph", e.getMessage());
    }

    @Test
    void aLayerNeedsAKnownFeatureDimensionAndOneGraph() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F32, Shape.of(-1, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dense(2).call(x));
        assertEquals("dense 'dense': the feature dimension of input 'x' must be known when the layer is built, got shape"
                + " [?, ?]", e.getMessage());
        Dense d = new Dense(2);
        d.call(Ops.on(g).placeholder("y", DType.F32, Shape.of(-1, 3)));
        Graph other = new Graph();
        Node z = other.placeholder("z", DType.F32, Shape.of(-1, 3));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> d.call(z));
        assertEquals("layer 'dense_1' was built in another graph; a layer belongs to one graph", e2.getMessage());
    }

    @Test
    void badHyperparametersNameTheParameterAndValue() {
        assertEquals("dropout: keep probability must be in (0, 1], got keep=0.0",
                assertThrows(IllegalArgumentException.class, () -> new Dropout(0)).getMessage());
        assertEquals("dropout: keep probability must be in (0, 1], got keep=1.5",
                assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5)).getMessage());
        assertEquals("batch_norm: momentum must be in [0, 1), got momentum=1.0",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm(1.0, 1e-5)).getMessage());
        assertEquals("dense: units must be >= 1, got units=0",
                assertThrows(IllegalArgumentException.class, () -> new Dense(0)).getMessage());
    }

    @Test
    void predictChecksTheFeatureCount() {
        Sequential m = new Sequential(Shape.of(4), new Dense(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.predict(Tensor.zeros(DType.F32, Shape.of(3, 5))));
        assertEquals("input 'x' expects f32[?, 4], got f32[3, 5] (5 features, the model expects 4)", e.getMessage());
        assertEquals(Shape.of(3, 2), m.predict(Tensor.zeros(DType.F32, Shape.of(3, 4))).shape());
    }

    @Test
    void aDroppedModelsGraphCanBeCollected() throws InterruptedException {
        java.lang.ref.WeakReference<Graph> ref = build();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(ref.get() == null, "nn's per-graph registry must not keep graphs alive");
    }

    private static java.lang.ref.WeakReference<Graph> build() {
        Sequential m = new Sequential(Shape.of(4), new Dense(3), new BatchNorm(), new Dense(2));
        m.predict(Tensor.zeros(DType.F32, Shape.of(2, 4)));
        return new java.lang.ref.WeakReference<>(m.graph());
    }
}
