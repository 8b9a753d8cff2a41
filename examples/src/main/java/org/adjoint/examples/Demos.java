package org.adjoint.examples;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a demo by name: {@code Demos <name> [--seed N] [--out DIR]}; a fully qualified class name
 * runs that class's {@code main}. The examples module's {@code exec:exec} calls this with
 * {@code -Ddemo=<name>} (default {@code digits}) and {@code -Ddemo.args="..."}.
 */
public final class Demos {

    private static final Map<String, Consumer<String[]>> DEMOS = new LinkedHashMap<>();

    static {
        DEMOS.put("digits", DigitsDemo::main);
        DEMOS.put("planar", PlanarDemo::main);
        DEMOS.put("init", InitializationDemo::main);
        DEMOS.put("optimizers", OptimizersDemo::main);
        DEMOS.put("regularization", RegularizationDemo::main);
        DEMOS.put("search", SearchDemo::main);
        DEMOS.put("cnn", CnnDemo::main);
        DEMOS.put("logistic", LogisticRegressionDemo::main);
        DEMOS.put("charlm", org.adjoint.examples.seq.CharLanguageModelDemo::main);
        DEMOS.put("ner", org.adjoint.examples.seq.NerTaggingDemo::main);
        DEMOS.put("sentiment", org.adjoint.examples.seq.SentimentDemo::main);
    }

    private Demos() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        String name = args.length == 0 ? "digits" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        Consumer<String[]> demo = DEMOS.get(name);
        if (demo != null) {
            demo.accept(rest);
        } else if (name.contains(".")) {
            try {
                Class.forName(name).getMethod("main", String[].class).invoke(null, (Object) rest);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        } else {
            System.err.println("unknown demo '" + name + "'; demos: " + String.join(", ", DEMOS.keySet()));
            System.exit(2);
        }
    }
}
