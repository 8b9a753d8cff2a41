package org.adjoint.nn.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.TestData;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.metrics.Predictions;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.Trainer;
import org.junit.jupiter.api.Test;

class EnsembleTest {

    @Test
    void averageIsTheElementwiseMean() {
        Tensor a = Tensor.of(new float[] {0.2f, 0.8f, 0.6f, 0.4f}, 2, 2);
        Tensor b = Tensor.of(new float[] {0.4f, 0.6f, 0.0f, 1.0f}, 2, 2);
        Tensor c = Tensor.of(new double[] {0.3, 0.7, 0.3, 0.7}, 2, 2);
        Tensor m = Ensemble.average(List.of(a, b, c));
        assertEquals(Shape.of(2, 2), m.shape());
        double[] expected = {0.3, 0.7, 0.3, 0.7};
        assertArrayEquals(expected, m.toDoubleArray(), 1e-7);
    }

    @Test
    void membersOfFunctionsAndTrainers() {
        Ensemble e = Ensemble.of(List.of(x -> Tensor.of(new float[] {1, 0}, 1, 2), x -> Tensor.of(new float[] {0, 1}, 1, 2)));
        assertEquals(2, e.size());
        assertArrayEquals(new double[] {0.5, 0.5}, e.predict(Tensor.of(new float[] {7}, 1, 1)).toDoubleArray(), 0);

        Dataset train = TestData.blobs(60, 3, 3, 1);
        List<Trainer> members = new ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            Sequential m = Sequential.builder(Shape.of(3)).seed(seed).add(new Dense(3)).build();
            Trainer t = Trainer.builder(m).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.05)).build();
            t.fit(train, FitOptions.epochs(2).batchSize(20).seed(seed));
            members.add(t);
        }
        Ensemble ens = Ensemble.ofTrainers(members);
        Tensor x = TestData.blobs(5, 3, 3, 9).features();
        Tensor avg = ens.predict(x);
        double[] manual = new double[15];
        for (Trainer t : members) {
            double[] p = Predictions.probabilities(t, x).toDoubleArray();
            for (int i = 0; i < 15; i++) {
                manual[i] += p[i] / 3;
            }
        }
        assertArrayEquals(manual, avg.toDoubleArray(), 1e-12);
        for (int i = 0; i < 5; i++) { // still probability rows
            assertEquals(1.0, avg.get(i, 0) + avg.get(i, 1) + avg.get(i, 2), 1e-6);
        }
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ensemble.average(List.of()));
        assertEquals("ensemble average: no predictions (empty list)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ensemble.average(List.of(
                Tensor.of(new float[] {1, 2}, 1, 2), Tensor.of(new float[] {1, 2, 3}, 1, 3))));
        assertEquals("ensemble average: predictions[1] has shape [1, 3], predictions[0] has [1, 2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ensemble.of(List.of()));
        assertEquals("ensemble: no members", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ensemble.ofTrainers(List.of()));
        assertEquals("ensemble: no trainers", e.getMessage());
    }
}
