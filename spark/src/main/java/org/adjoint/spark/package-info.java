/**
 * Data-parallel training of nn models on Apache Spark 4.x: {@link org.adjoint.spark.SparkData}
 * (a distributed data set, cached column-wise per partition), {@link org.adjoint.spark.SparkTrainer}
 * (synchronous steps equal to {@code Trainer.fit}'s within rounding, or parameter averaging),
 * {@link org.adjoint.spark.SparkFitOptions}, and {@link org.adjoint.spark.TrainerFactory}, which
 * builds the model on the driver and on the executors. Spark is a {@code provided} dependency.
 */
package org.adjoint.spark;
