package org.adjoint.nn.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Model;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.Parameters;
import org.adjoint.nn.optim.Optimizer;

/**
 * Saves and loads a model's variables — parameters and running statistics, by name — and
 * optionally an optimizer's state ({@code optimizer/<param>/<slot>}, {@code optimizer/iterations})
 * in a {@link SafeTensors} file, so the weights can be read by other frameworks' tooling.
 *
 * <p>Loading checks the whole file against the model first — every variable present with its dtype
 * and shape, no extra tensors, a readable, complete file — and only then copies the values in; on
 * any error the model (and optimizer) are exactly as they were, and the exception names the file,
 * the tensor and both types.
 */
public final class Checkpoint {

    private static final String OPTIMIZER = "optimizer/";

    private Checkpoint() {
    }

    /** Saves the model's variables. */
    public static void save(Path file, Model model) {
        save(file, model, null);
    }

    /** Saves the model's variables and the optimizer's state (optimizer may be null). */
    public static void save(Path file, Model model, Optimizer optimizer) {
        Map<String, String> meta = new LinkedHashMap<>();
        SafeTensors.write(file, tensors(model, optimizer, meta), meta);
    }

    /**
     * The checkpoint as safetensors bytes (variables and, if not null, optimizer state), e.g. to
     * broadcast weights to workers without a file.
     */
    public static byte[] toBytes(Model model, Optimizer optimizer) {
        Map<String, String> meta = new LinkedHashMap<>();
        return SafeTensors.toBytes(tensors(model, optimizer, meta), meta);
    }

    /** Loads bytes from {@link #toBytes} with the checks of {@link #load(Path, Model, Optimizer)}. */
    public static void loadBytes(byte[] bytes, Model model, Optimizer optimizer) {
        load("bytes", SafeTensors.fromBytes(bytes, "checkpoint bytes"), model, optimizer);
    }

    private static Map<String, Tensor> tensors(Model model, Optimizer optimizer, Map<String, String> meta) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : model.variables()) {
            tensors.put(p.name(), p.value());
        }
        meta.put("format", "adjoint-nn");
        if (optimizer != null) {
            meta.put("optimizer", optimizer.name());
            for (Map.Entry<String, Tensor> e : optimizer.state(model.parameters()).entrySet()) {
                tensors.put(OPTIMIZER + e.getKey(), e.getValue());
            }
        }
        return tensors;
    }

    /** Loads the model's variables; optimizer state in the file is ignored. */
    public static void load(Path file, Model model) {
        load(file, model, null);
    }

    /**
     * Loads the model's variables and, if {@code optimizer} is not null, its state.
     *
     * @throws IllegalArgumentException for a corrupt or truncated file, a missing or extra tensor,
     *     or a dtype/shape mismatch (naming the file, the tensor and both types); nothing changed
     */
    public static void load(Path file, Model model, Optimizer optimizer) {
        load(file.toString(), SafeTensors.read(file), model, optimizer);
    }

    private static void load(String file, SafeTensors.Contents c, Model model, Optimizer optimizer) {
        Parameters vars = model.variables();
        List<String> problems = new ArrayList<>();
        Map<String, Tensor> optState = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            String name = e.getKey();
            if (name.startsWith(OPTIMIZER)) {
                optState.put(name.substring(OPTIMIZER.length()), e.getValue());
            } else if (!vars.contains(name)) {
                problems.add("tensor '" + name + "' " + e.getValue().type() + " is in the file but not in the model");
            }
        }
        for (Parameter p : vars) {
            Tensor t = c.tensors().get(p.name());
            if (t == null) {
                problems.add("tensor '" + p.name() + "' " + p.value().type() + " is in the model but not in the file");
            } else if (!t.type().equals(p.value().type())) {
                problems.add("tensor '" + p.name() + "' is " + t.type() + " in the file but " + p.value().type()
                        + " in the model");
            }
        }
        if (optimizer != null) {
            String saved = c.metadata().get("optimizer");
            if (saved == null || optState.isEmpty()) {
                problems.add("the file has no optimizer state");
            } else if (!saved.equals(optimizer.name())) {
                problems.add("the file has " + saved + " state, the optimizer is " + optimizer.name());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + file + ": " + String.join("; ", problems)
                    + "; nothing was loaded");
        }
        if (optimizer != null) {
            try {
                optimizer.loadState(model.parameters(), optState);     // checks everything before changing anything
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("checkpoint " + file + ": " + e.getMessage() + "; nothing was loaded",
                        e);
            }
        }
        for (Parameter p : vars) {
            p.value().copyFrom(c.tensors().get(p.name()));
        }
    }
}
