package org.adjoint.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.adjoint.nn.Model;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.train.Trainer;

/**
 * The structure a replica must have: the driver's variables (name and type, in order), input,
 * output and labels. A replica built by the factory on an executor is compared with it once.
 */
final class ModelSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    final List<String> parameters = new ArrayList<>();   // "name type"
    final List<String> state = new ArrayList<>();
    final String input;
    final String output;
    final String labels;

    ModelSpec(Trainer trainer) {
        Model model = trainer.model();
        for (Parameter p : model.parameters()) {
            parameters.add(p.name() + " " + p.node().type());
        }
        for (Parameter p : model.state()) {
            state.add(p.name() + " " + p.node().type());
        }
        input = model.input().name() + " " + model.input().type();
        output = model.output().type().toString();
        labels = trainer.labels().type().toString();
    }

    /** The first difference from {@code replica}, or null if they agree. */
    String differenceFrom(ModelSpec replica) {
        String d = diff("parameter", parameters, replica.parameters);
        if (d == null) {
            d = diff("state variable", state, replica.state);
        }
        if (d == null && !input.equals(replica.input)) {
            d = "input " + replica.input + " vs " + input;
        }
        if (d == null && !output.equals(replica.output)) {
            d = "output " + replica.output + " vs " + output;
        }
        if (d == null && !labels.equals(replica.labels)) {
            d = "labels " + replica.labels + " vs " + labels;
        }
        return d;
    }

    private static String diff(String what, List<String> driver, List<String> replica) {
        for (int i = 0; i < Math.max(driver.size(), replica.size()); i++) {
            String a = i < driver.size() ? driver.get(i) : "(none)";
            String b = i < replica.size() ? replica.get(i) : "(none)";
            if (!a.equals(b)) {
                return what + " " + i + ": " + b + " on the executor vs " + a + " on the driver";
            }
        }
        return null;
    }
}
