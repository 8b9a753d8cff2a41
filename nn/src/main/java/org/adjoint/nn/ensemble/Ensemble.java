package org.adjoint.nn.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.metrics.Predictions;
import org.adjoint.nn.train.Trainer;

/**
 * Averages the predictions of k models (typically the same architecture trained with different
 * seeds): {@code p(x) = (1/k) Σ p_i(x)}. Averaging probabilities reduces the variance part of the
 * error; it costs k times the computation at prediction time.
 *
 * <pre>{@code
 * Ensemble e = Ensemble.ofTrainers(List.of(t1, t2, t3));   // each member's probabilities, eval mode
 * Tensor p = e.predict(dev.features());                    // [N, C], averaged
 * }</pre>
 */
public final class Ensemble {

    private final List<UnaryOperator<Tensor>> members;

    private Ensemble(List<UnaryOperator<Tensor>> members) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("ensemble: no members");
        }
        this.members = List.copyOf(members);
    }

    /** Members given as functions from features to predictions. */
    public static Ensemble of(List<UnaryOperator<Tensor>> members) {
        return new Ensemble(members);
    }

    /**
     * Members from trainers: each predicts its loss's probabilities ({@link Trainer#predictions()})
     * in an evaluation run of its single-input model.
     */
    public static Ensemble ofTrainers(List<Trainer> trainers) {
        if (trainers == null || trainers.isEmpty()) {
            throw new IllegalArgumentException("ensemble: no trainers");
        }
        List<UnaryOperator<Tensor>> ms = new ArrayList<>();
        for (Trainer t : trainers) {
            ms.add(x -> Predictions.probabilities(t, x));
        }
        return new Ensemble(ms);
    }

    /** The number of members. */
    public int size() {
        return members.size();
    }

    /** Each member's predictions for {@code x}. */
    public List<Tensor> memberPredictions(Tensor x) {
        List<Tensor> out = new ArrayList<>();
        for (UnaryOperator<Tensor> m : members) {
            out.add(m.apply(x));
        }
        return out;
    }

    /** The averaged predictions for {@code x}. */
    public Tensor predict(Tensor x) {
        return average(memberPredictions(x));
    }

    /**
     * The element-wise mean of tensors of one shape, as F64 (summed in double precision).
     *
     * @throws IllegalArgumentException for an empty list or tensors of different shapes (naming
     *     the index and both shapes)
     */
    public static Tensor average(List<Tensor> predictions) {
        if (predictions == null || predictions.isEmpty()) {
            throw new IllegalArgumentException("ensemble average: no predictions (empty list)");
        }
        Tensor first = predictions.get(0);
        if (first.size() == 0) {
            throw new IllegalArgumentException("ensemble average: predictions[0] is empty " + first.type());
        }
        double[] sum = new double[first.size()];
        for (int k = 0; k < predictions.size(); k++) {
            Tensor t = predictions.get(k);
            if (!t.shape().equals(first.shape())) {
                throw new IllegalArgumentException("ensemble average: predictions[" + k + "] has shape " + t.shape()
                        + ", predictions[0] has " + first.shape());
            }
            if (!t.dtype().isFloating()) {
                throw new IllegalArgumentException("ensemble average: predictions[" + k + "] is " + t.type()
                        + "; average probabilities (f32 or f64)");
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += t.getDouble(i);
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= predictions.size();
        }
        return Tensor.of(sum, first.shape().dims());
    }
}
