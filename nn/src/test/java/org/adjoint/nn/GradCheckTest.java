package org.adjoint.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.adjoint.autodiff.GradCheck;
import org.adjoint.graph.DType;
import org.adjoint.graph.RunMode;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.BatchNorm;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Dropout;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.losses.Regularizers;
import org.adjoint.nn.optim.Sgd;
import org.adjoint.nn.train.Trainer;
import org.junit.jupiter.api.Test;

/** Gradient checks through the nn API, on a model with dropout and batch norm. */
class GradCheckTest {

    @Test
    void modelWithDropoutAndBatchNormPassesInTrainingAndEvaluationMode() {
        Sequential m = Sequential.builder(Shape.of(3)).dtype(DType.F64).seed(4)
                .add(new Dense(5, Activation.tanh()), new BatchNorm(), new Dropout(0.7), new Dense(2, Activation.elu()),
                        new Dense(3))
                .build();
        Trainer t = Trainer.builder(m).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1))
                .regularizer(Regularizers.l2(0.1)).build();
        SplittableRandom rnd = new SplittableRandom(2);
        double[] xs = new double[6 * 3];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rnd.nextDouble() * 2 - 1;
        }
        Tensor x = Tensor.of(xs, 6, 3);
        Tensor y = Tensor.of(new int[] {0, 1, 2, 2, 1, 0}, 6);
        GradCheck.Report train = GradCheck.of(t.cost()).wrt(m.parameters().nodes()).feed(m.input(), x)
                .feed(t.labels(), y).runMode(RunMode.TRAIN).randomStep(3).run();
        train.assertPassed();
        assertTrue(train.checked() >= m.parameters().elementCount(), train.toString());
        // in evaluation, batch norm uses its running statistics and dropout is off
        GradCheck.of(t.cost()).wrt(m.parameters().nodes()).feed(m.input(), x).feed(t.labels(), y)
                .runMode(RunMode.EVAL).run().assertPassed();
    }
}
