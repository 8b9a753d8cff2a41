package org.adjoint.spark;

import java.io.Serializable;
import org.adjoint.nn.train.Trainer;

/**
 * Builds the {@link Trainer} (model, loss, optimizer, regularizer, metrics) that a
 * {@link SparkTrainer} trains. It is called once on the driver, whose trainer holds the parameters
 * and the optimizer state, and once per concurrent task slot on each executor JVM, whose copies
 * (replicas) only compute gradients from the parameters the driver broadcasts each step.
 *
 * <p>The factory is serialized into Spark tasks: use a static method reference
 * ({@code MyModels::digits}) or a lambda that captures only serializable values, and build the
 * same structure every time (the same parameter names, dtypes and shapes; each replica is checked
 * against the driver's model when it is built). Initial values do not matter on executors: the
 * driver's are broadcast before every step.
 *
 * <pre>{@code
 * static Trainer digits() {
 *     Sequential model = Sequential.builder(Shape.of(64)).seed(42)
 *             .add(new Dense(32, Activation.relu()), new Dense(10)).build();
 *     return Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
 *             .metrics(Metrics.accuracy()).build();
 * }
 * SparkTrainer trainer = SparkTrainer.of(spark, MyModels::digits);
 * }</pre>
 */
@FunctionalInterface
public interface TrainerFactory extends Serializable {

    /** A new trainer with a new model graph. */
    Trainer build();
}
