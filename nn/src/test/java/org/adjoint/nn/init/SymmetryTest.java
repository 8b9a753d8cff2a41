package org.adjoint.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.optim.Sgd;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.Trainer;
import org.junit.jupiter.api.Test;

/** The symmetry the course warns about: zero weights keep hidden units identical; random ones break it. */
class SymmetryTest {

    private static Tensor train(Initializer init) {
        Dense hidden = new Dense(3, Activation.sigmoid()).kernelInit(init);
        Sequential m = Sequential.builder(Shape.of(2)).dtype(DType.F64).seed(1)
                .add(hidden, new Dense(1).kernelInit(init)).build();
        Trainer t = Trainer.builder(m).loss(Losses.binaryCrossEntropyWithLogits()).optimizer(new Sgd(0.5)).build();
        Tensor x = Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 1, 1, 0.5, 0.2, 0.9, 0.4}, 6, 2);
        Tensor y = Tensor.of(new double[] {0, 0, 1, 1, 1, 1}, 6, 1);     // unbalanced, so the output moves at once
        t.fit(Dataset.of(x, y), FitOptions.epochs(20).batchSize(6));
        return hidden.w().value();        // [2, 3]: column j holds hidden unit j's incoming weights
    }

    private static double maxColumnSpread(Tensor w) {
        double spread = 0;
        for (int r = 0; r < 2; r++) {
            for (int j = 1; j < 3; j++) {
                spread = Math.max(spread, Math.abs(w.get(r, j) - w.get(r, 0)));
            }
        }
        return spread;
    }

    @Test
    void zeroInitKeepsHiddenUnitsIdentical() {
        Tensor w = train(Initializer.zeros());
        assertEquals(0, maxColumnSpread(w), 0);
        assertTrue(Math.abs(w.get(0, 0)) > 1e-4, "the weights did move (not a trivial all-zero case): " + w);
    }

    @Test
    void randomInitBreaksTheSymmetry() {
        assertTrue(maxColumnSpread(train(Initializer.smallRandom())) > 1e-3);
    }
}
