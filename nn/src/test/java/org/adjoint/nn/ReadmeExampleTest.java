package org.adjoint.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Csv;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.data.Normalizer;
import org.adjoint.nn.data.Split;
import org.adjoint.nn.io.Checkpoint;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Dropout;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.losses.Regularizers;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.EarlyStopping;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.ProgressBarCallback;
import org.adjoint.nn.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of nn/README.md and the project README, on a generated iris-like CSV. */
class ReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleTrainsEvaluatesSavesAndLoads() throws IOException {
        Path csv = dir.resolve("iris.csv");
        writeIrisLike(csv, 150);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);

        Dataset all = Csv.options().labelColumn("species").intLabels().read(csv);
        Split.Parts parts = Split.ratios(0.8, 0.1, 0.1).seed(7).stratified().apply(all);
        Normalizer norm = Normalizer.fit(parts.train());
        Dataset train = norm.apply(parts.train()), dev = norm.apply(parts.dev()), test = norm.apply(parts.test());

        Sequential model = Sequential.builder(Shape.of(4)).seed(42)
                .add(new Dense(16, Activation.relu()), new Dropout(0.9), new Dense(3)).build();
        Trainer trainer = Trainer.builder(model)
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(0.01))
                .regularizer(Regularizers.l2(1e-3))
                .metrics(Metrics.accuracy())
                .build();
        History history = trainer.fit(train, FitOptions.epochs(60).batchSize(16).dev(dev).seed(1)
                .callbacks(new ProgressBarCallback(out, false), EarlyStopping.on("dev_loss").patience(10)));
        Map<String, Double> result = trainer.evaluate(test);

        Path file = dir.resolve("iris.safetensors");
        Checkpoint.save(file, model, trainer.optimizer());
        Sequential restored = Sequential.builder(Shape.of(4)).seed(0)
                .add(new Dense(16, Activation.relu()), new Dropout(0.9), new Dense(3)).build();
        assertFalse(restored.predict(test.features()).bitwiseEquals(model.predict(test.features())));
        Checkpoint.load(file, restored);
        Tensor logits = restored.predict(test.features());

        assertTrue(logits.bitwiseEquals(model.predict(test.features())));
        assertTrue(result.get("accuracy") >= 0.9, result.toString());
        assertTrue(history.size() >= 10, history.toString());
        String text = progress.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("epoch 1/60  loss "), text);
        assertTrue(text.contains("dev_accuracy"), text);
    }

    /** Four features around a per-class centre, class names as integers 0..2 in the column "species". */
    static void writeIrisLike(Path file, int n) throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] centres = {{5.0, 3.4, 1.5, 0.2}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.6, 2.0}};
        StringBuilder sb = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int j = 0; j < 4; j++) {
                double v = centres[c][j] + 0.25 * (rnd.nextDouble() * 2 - 1);
                sb.append(String.format(java.util.Locale.ROOT, "%.2f,", v));
            }
            sb.append(c).append('\n');
        }
        Files.writeString(file, sb.toString());
    }
}
