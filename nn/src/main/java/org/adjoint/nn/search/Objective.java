package org.adjoint.nn.search;

import java.util.Map;

/**
 * What a trial does: train with {@code params} (seeding everything random from {@code seed}) and
 * return the metrics, e.g. {@code {dev_accuracy=0.96, train_accuracy=0.99}}. Runs on a search
 * thread, possibly at the same time as other trials: build a separate model, trainer and data
 * copies per call, share nothing mutable.
 */
@FunctionalInterface
public interface Objective {

    Map<String, Double> evaluate(Params params, long seed) throws Exception;
}
