package org.adjoint.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Layer;
import org.adjoint.nn.Model;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Embedding;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

/** Sampling with temperature, and one-to-many generation from a trained many-to-many model. */
class GenerationTest {

    @Test
    void samplingFollowsTheSoftmaxAndTemperature() {
        double[] logits = {1.0, 2.0, 0.5, -1.0};
        double[] p = new double[4];
        double z = 0;
        for (int j = 0; j < 4; j++) {
            p[j] = Math.exp(logits[j]);
            z += p[j];
        }
        int n = 40_000;
        int[] counts = new int[4];
        int[] cold = new int[4];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            counts[Sampling.sample(logits, 1.0, rng)]++;
            cold[Sampling.sample(logits, 0.5, rng)]++;
        }
        for (int j = 0; j < 4; j++) {
            assertEquals(p[j] / z, counts[j] / (double) n, 0.01, "frequency of " + j + " at temperature 1");
        }
        double pColdBest = Math.exp(2.0 / 0.5) / (Math.exp(1 / 0.5) + Math.exp(2 / 0.5) + Math.exp(0.5 / 0.5)
                + Math.exp(-1 / 0.5));
        assertEquals(pColdBest, cold[1] / (double) n, 0.01, "temperature 0.5 sharpens");
        assertEquals(1, Sampling.sample(logits, 0.0, rng), "temperature 0 is the arg max");
        int[] a = new int[50];
        int[] b = new int[50];
        SplittableRandom r1 = new SplittableRandom(42);
        SplittableRandom r2 = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            a[i] = Sampling.sample(logits, 1.3, r1);
            b[i] = Sampling.sample(logits, 1.3, r2);
        }
        assertArrayEquals(a, b, "same seed, same draws");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampling.sample(logits, -0.1, new SplittableRandom(1)));
        assertEquals("sampling: temperature must be a finite number >= 0, got -0.1", e.getMessage());
    }

    /** The period-3 pattern 0 0 1 0 0 1 ...: after a 0 the next token depends on the one before. */
    static int pattern(int k) {
        return k % 3 == 2 ? 1 : 0;
    }

    @Test
    void aTrainedModelGeneratesItsPatternFromItsState() {
        int time = 9;
        int n = 48;
        int[] xs = new int[n * time];
        int[] ys = new int[n * time];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < time; t++) {
                xs[i * time + t] = pattern(i + t);
                ys[i * time + t] = pattern(i + t + 1);
            }
        }
        Graph g = new Graph();
        Layer.seedGraph(g, 1);
        Node tokens = g.placeholder("tokens", DType.I32, Shape.of(-1, time));
        Embedding embedding = new Embedding(2, 4);
        GruCell cell = GruCell.torch(12);
        Dense dense = new Dense(2);
        Node logits = dense.call(new Recurrent(cell).call(embedding.call(tokens)));
        Model model = Model.of(tokens, logits);
        Trainer trainer = Trainer.builder(model).loss(SequenceLosses.softmaxCrossEntropy(null))
                .optimizer(new Adam(0.05)).build();
        History h = trainer.fit(Dataset.of(Tensor.of(xs, n, time), Tensor.of(ys, n, time)),
                FitOptions.epochs(40).batchSize(16).seed(2));
        double[] loss = h.series("loss");
        // the floor is ln 2 · (2/3) / 9 ≈ 0.051: a sequence starting with 0 cannot tell 0 0 1 from 0 1 0
        assertTrue(loss[0] > 0.5 && loss[loss.length - 1] < 0.06, "loss " + Arrays.toString(loss));

        // one-step graph sharing the trained weights
        Node token = g.placeholder("token", DType.I32, Shape.of(-1));
        List<Node> stateIn = cell.statePlaceholders("gen");
        List<Node> stateOut = cell.call(embedding.call(token), stateIn);
        Generator gen = new Generator(model.session(), token, stateIn, dense.call(stateOut.get(0)), stateOut);
        int[] greedy = gen.generate(new int[] {1}, 9, -1, 0.0, 0);
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 1, 0, 0, 1}, greedy, Arrays.toString(greedy));
        int[] fromTwoZeros = gen.generate(new int[] {1, 0, 0}, 3, -1, 0.0, 0);
        assertArrayEquals(new int[] {1, 0, 0}, fromTwoZeros, "the state knows two 0s came before");
        assertArrayEquals(new int[] {0, 0}, gen.generate(new int[] {1}, 9, 1, 0.0, 0), "stops before the stop token");
        int[] hot1 = gen.generate(new int[] {1}, 30, -1, 5.0, 7);
        int[] hot2 = gen.generate(new int[] {1}, 30, -1, 5.0, 7);
        int[] hot3 = gen.generate(new int[] {1}, 30, -1, 5.0, 8);
        assertArrayEquals(hot1, hot2, "same seed, same sample");
        assertFalse(Arrays.equals(hot1, hot3), "another seed, another sample");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gen.generate(new int[0], 3, -1, 1.0, 0));
        assertEquals("generator: the prefix needs at least one token (e.g. a start marker)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gen.generate(new int[] {1}, 3, -1, 1.0, 0,
                List.of(Tensor.zeros(DType.F32, Shape.of(1, 5)))));
        assertEquals("generator: initial state 0 must be f32[1, 12] for 'gen_h', got f32[1, 5]", e.getMessage());
        assertEquals(Shape.of(-1, 12), Ops.on(g).graph().node("gen_h").shape());
    }
}
