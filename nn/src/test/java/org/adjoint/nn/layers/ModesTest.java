package org.adjoint.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Model;
import org.junit.jupiter.api.Test;

/** Train and eval are modes of a run: dropout and batch norm on one graph. */
class ModesTest {

    @Test
    void dropoutIsInvertedInTrainingAndTheIdentityInEvaluation() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(-1, 1000));
        Node y = new Dropout(0.8).seed(3).call(x);
        Session s = new Session(g);
        Tensor ones = Tensor.full(DType.F64, Shape.of(2, 1000), 1.0);
        Tensor train = s.eval(RunOptions.TRAIN.randomStep(5), Feeds.of(x, ones), y);
        int kept = 0;
        for (double v : train.doubles()) {
            assertTrue(v == 0 || v == 1.25, "kept values are scaled by 1/keep, got " + v);
            kept += v == 0 ? 0 : 1;
        }
        assertEquals(0.8, kept / 2000.0, 0.03);
        assertTrue(train.bitwiseEquals(s.eval(RunOptions.TRAIN.randomStep(5), Feeds.of(x, ones), y)),
                "same step, same mask");
        assertFalse(train.bitwiseEquals(s.eval(RunOptions.TRAIN.randomStep(6), Feeds.of(x, ones), y)));
        assertTrue(ones.bitwiseEquals(s.eval(RunOptions.EVAL, Feeds.of(x, ones), y)));
    }

    @Test
    void batchNormUpdatesRunningStatisticsInTrainingRunsOnly() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(-1, 2));
        BatchNorm bn = new BatchNorm(0.8, 1e-5);
        Node y = bn.call(x);
        Session s = new Session(g);
        Tensor batch = Tensor.of(new double[] {1, 10, 2, 20, 3, 30, 6, 40}, 4, 2);
        // batch mean (3, 25), biased variance (3.5, 125)
        Tensor out = s.eval(RunOptions.TRAIN, Feeds.of(x, batch), y);
        assertArrayEquals(new double[] {0.2 * 3, 0.2 * 25}, bn.runningMean().value().doubles(), 1e-12);
        assertArrayEquals(new double[] {0.8 + 0.2 * 3.5, 0.8 + 0.2 * 125}, bn.runningVar().value().doubles(), 1e-12);
        assertEquals((1 - 3) / Math.sqrt(3.5 + 1e-5), out.get(0, 0), 1e-12);
        assertEquals((40 - 25) / Math.sqrt(125 + 1e-5), out.get(3, 1), 1e-12);
        // a second training run moves them again: 0.8 * old + 0.2 * batch
        s.eval(RunOptions.TRAIN, Feeds.of(x, batch), y);
        assertArrayEquals(new double[] {0.8 * 0.6 + 0.6, 0.8 * 5 + 5}, bn.runningMean().value().doubles(), 1e-12);
        // evaluation runs use the running statistics and leave them alone
        Tensor mean = bn.runningMean().value().copy();
        Tensor var = bn.runningVar().value().copy();
        Tensor ev = s.eval(RunOptions.EVAL, Feeds.of(x, batch), y);
        assertTrue(mean.bitwiseEquals(bn.runningMean().value()));
        assertTrue(var.bitwiseEquals(bn.runningVar().value()));
        assertEquals((1 - mean.getDouble(0)) / Math.sqrt(var.getDouble(0) + 1e-5), ev.get(0, 0), 1e-12);
    }

    @Test
    void evaluationOutputsDoNotDependOnTheBatchButTrainingOutputsDo() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(-1, 3));
        Node y = new Dense(2).call(new BatchNorm().call(new Dense(4, Activation.tanh()).call(x)));
        Model m = Model.of(x, y);
        Session s = m.session();
        double[] data = new double[8 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.sin(i * 1.3) * 2;
        }
        Tensor all = Tensor.of(data, 8, 3);
        for (int i = 0; i < 5; i++) {
            s.eval(RunOptions.TRAIN, Feeds.of(x, all), y);     // move the running statistics off (0, 1)
        }
        Tensor first = Tensor.of(java.util.Arrays.copyOf(data, 3), 1, 3);
        Tensor evalAll = m.predict(all);
        Tensor evalOne = m.predict(first);
        assertEquals(evalAll.get(0, 0), evalOne.get(0, 0), 1e-12);
        assertEquals(evalAll.get(0, 1), evalOne.get(0, 1), 1e-12);
        Tensor two = Tensor.of(java.util.Arrays.copyOf(data, 6), 2, 3);
        Tensor trainAll = s.eval(RunOptions.TRAIN.updates(false), Feeds.of(x, all), y);
        Tensor trainTwo = s.eval(RunOptions.TRAIN.updates(false), Feeds.of(x, two), y);
        assertTrue(Math.abs(trainAll.get(0, 0) - trainTwo.get(0, 0)) > 1e-3, "batch statistics differ");
    }

    @Test
    void batchNormOverNchwChannels() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(-1, 2, 2, 2));
        BatchNorm bn = new BatchNorm(0.0, 1e-5);     // momentum 0: running = the last batch's statistics
        Node y = bn.call(x);
        double[] v = new double[2 * 2 * 2 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        // channel 0: elements 0-3 and 8-11 (mean 5.5); channel 1: 4-7 and 12-15 (mean 9.5)
        new Session(g).eval(RunOptions.TRAIN, Feeds.of(x, Tensor.of(v, 2, 2, 2, 2)), y);
        assertArrayEquals(new double[] {5.5, 9.5}, bn.runningMean().value().doubles(), 1e-12);
        assertArrayEquals(new double[] {17.25, 17.25}, bn.runningVar().value().doubles(), 1e-12);
    }
}
