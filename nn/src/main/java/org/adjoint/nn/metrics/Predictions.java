package org.adjoint.nn.metrics;

import org.adjoint.graph.Feeds;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Model;
import org.adjoint.nn.train.Trainer;

/** A trained model's probabilities and predicted classes, from evaluation runs (dropout off, running statistics). */
public final class Predictions {

    private Predictions() {
    }

    /**
     * The probabilities the trainer's loss derives from its single-input model's output
     * ({@link Trainer#predictions()}): softmax rows [N, C] or sigmoid [N, 1].
     */
    public static Tensor probabilities(Trainer trainer, Tensor x) {
        Model m = trainer.model();
        Model.checkInput(m.input(), x);
        return m.session().eval(RunOptions.EVAL, Feeds.of(m.input(), x), trainer.predictions());
    }

    /** The predicted class of each row of {@code x}: argmax, or {@code p >= 0.5} for one probability. */
    public static int[] classes(Trainer trainer, Tensor x) {
        return ConfusionMatrix.predictedClasses(probabilities(trainer, x));
    }
}
