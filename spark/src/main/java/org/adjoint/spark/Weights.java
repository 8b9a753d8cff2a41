package org.adjoint.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.Parameters;
import org.adjoint.nn.optim.Optimizer;

/**
 * What the driver broadcasts before a step: the values of every model variable (trainable
 * parameters, then running statistics, in the model's order) and, for parameter averaging, the
 * optimizer's state by name. Copies, so the driver may update its variables while executors read.
 */
final class Weights implements Serializable {

    private static final long serialVersionUID = 1L;

    final long step;                    // the optimizer's iterations when taken
    final Values[] parameters;
    final Values[] state;
    final String[] optimizerKeys;       // null unless parameter averaging
    final Values[] optimizerValues;

    private Weights(long step, Values[] parameters, Values[] state, String[] optimizerKeys, Values[] optimizerValues) {
        this.step = step;
        this.parameters = parameters;
        this.state = state;
        this.optimizerKeys = optimizerKeys;
        this.optimizerValues = optimizerValues;
    }

    static Weights of(Parameters parameters, Parameters state, Optimizer optimizer, boolean withOptimizer) {
        String[] keys = null;
        Values[] values = null;
        if (withOptimizer) {
            Map<String, Tensor> s = optimizer.state(parameters);
            keys = s.keySet().toArray(new String[0]);
            values = new Values[keys.length];
            for (int i = 0; i < keys.length; i++) {
                values[i] = Values.copyOf(s.get(keys[i]));
            }
        }
        return new Weights(optimizer.iterations(), copies(parameters), copies(state), keys, values);
    }

    private static Values[] copies(Parameters ps) {
        Values[] out = new Values[ps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Values.copyOf(ps.get(i).value());
        }
        return out;
    }

    /** The number of bytes of parameters and state (what one broadcast carries, besides optimizer state). */
    long bytes() {
        long b = 0;
        for (Values v : parameters) {
            b += (long) v.length() * v.dtype().bytes();
        }
        for (Values v : state) {
            b += (long) v.length() * v.dtype().bytes();
        }
        return b;
    }

    static List<Tensor> values(Parameters ps) {
        List<Tensor> out = new ArrayList<>(ps.size());
        for (Parameter p : ps) {
            out.add(p.value());
        }
        return out;
    }
}
