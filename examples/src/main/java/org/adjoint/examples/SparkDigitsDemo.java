package org.adjoint.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.data.Normalizer;
import org.adjoint.nn.data.Split;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.losses.Regularizers;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;
import org.adjoint.spark.SparkData;
import org.adjoint.spark.SparkFitOptions;
import org.adjoint.spark.SparkTrainer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;

/**
 * The digits MLP trained twice with the same seeds and global batches: on Spark (synchronous data
 * parallelism, {@code local[*]} by default) and with the single-machine {@code Trainer.fit}. Prints
 * both runs' per-epoch loss and dev accuracy side by side, the test accuracies, the largest
 * parameter difference and the times.
 *
 * <p>Options: {@code --master URL} (default: spark-submit's, else {@code local[*]}), {@code --partitions N} (default: the
 * session's default parallelism), {@code --epochs N} (default 15), {@code --seed N} (default 1),
 * {@code --data FILE} (digits.csv; default: the copy bundled with the examples).
 */
public final class SparkDigitsDemo {

    static final int PIXELS = 64;
    static final int CLASSES = 10;
    /** Where the examples bundle the data set (beside its README with the attribution). */
    static final String RESOURCE = "/org/adjoint/examples/data/digits.csv";

    private SparkDigitsDemo() {
    }

    /**
     * The model, like the main digits demo's MLP but without batch norm and dropout, whose random
     * and per-partition parts would make the two runs differ: 64 → 256 relu → 64 relu → 10, He
     * initialization, softmax cross-entropy, Adam 0.003, L2 1e-3. A static method: the Spark
     * trainer calls it on the driver and on each executor.
     */
    static Trainer trainer() {
        Sequential model = Sequential.builder(Shape.of(PIXELS)).seed(1)
                .add(new Dense(256, Activation.relu()).kernelInit(Initializer.he()),
                        new Dense(64, Activation.relu()).kernelInit(Initializer.he()),
                        new Dense(CLASSES).kernelInit(Initializer.he()))
                .build();
        return Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.003))
                .regularizer(Regularizers.l2(1e-3)).metrics(Metrics.accuracy()).build();
    }

    public static void main(String[] args) {
        // spark-submit passes its --master as the system property spark.master; run alone: local[*]
        String master = System.getProperty("spark.master", "local[*]");
        int partitions = 0;
        int epochs = 15;
        long seed = 1;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--master" -> master = value;
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--epochs" -> epochs = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--data" -> file = Path.of(value);
                default -> {
                    System.err.println("unknown option '" + args[i] + "'; options: --master URL --partitions N"
                            + " --epochs N --seed N --data FILE");
                    System.exit(2);
                }
            }
            i++;
        }
        Dataset all = load(file);
        Split.Parts raw = Split.ratios(0.70, 0.15, 0.15).seed(seed).stratified().apply(all);
        Normalizer norm = Normalizer.fit(raw.train());
        Dataset train = clip(norm.apply(raw.train()));
        Dataset dev = clip(norm.apply(raw.dev()));
        Dataset test = clip(norm.apply(raw.test()));

        SparkSession spark = SparkSession.builder().master(master).appName("adjoint-digits").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            run(spark, partitions, epochs, seed, train, dev, test);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, int partitions, int epochs, long seed, Dataset train, Dataset dev,
            Dataset test) {
        int parts = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
        System.out.printf("Adjoint on Spark %s: digits (seed %d, kernels %s, master %s, %d partitions)%n",
                spark.version(), seed, KernelProvider.get().name(), spark.sparkContext().master(), parts);
        System.out.printf("data: %d train / %d dev / %d test images of 8x8 pixels (stratified 70/15/15,"
                + " standardized on train, clipped to [-3, 3])%n", train.size(), dev.size(), test.size());
        System.out.println("model: 64 -> dense 256 relu -> dense 64 relu -> dense 10 (He), Adam 0.003, L2 1e-3,"
                + " global mini-batches of 64, " + epochs + " epochs");

        SparkData trainData = SparkData.parallelize(spark, train, parts);
        SparkData devData = SparkData.parallelize(spark, dev, parts);
        SparkData testData = SparkData.parallelize(spark, test, parts);

        long t0 = System.nanoTime();
        SparkTrainer distributed = SparkTrainer.of(spark, SparkDigitsDemo::trainer);
        History onSpark = distributed.fit(trainData, SparkFitOptions.epochs(epochs).batchSize(64).seed(seed)
                .dev(devData));
        double sparkSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> sparkTest = distributed.evaluate(testData);

        long t1 = System.nanoTime();
        Trainer single = trainer();
        History local = single.fit(train, FitOptions.epochs(epochs).batchSize(64).seed(seed).dev(dev));
        double localSeconds = (System.nanoTime() - t1) / 1e9;
        Map<String, Double> localTest = single.evaluate(test);

        System.out.printf("%n%-6s %14s %14s %16s %16s%n", "epoch", "loss (Spark)", "loss (local)", "dev acc (Spark)",
                "dev acc (local)");
        for (int e = 0; e < onSpark.size(); e++) {
            Map<String, Double> s = onSpark.epochLogs(e);
            Map<String, Double> l = local.epochLogs(e);
            System.out.printf(Locale.ROOT, "%-6d %14.6f %14.6f %16.4f %16.4f%n", e + 1, s.get("loss"), l.get("loss"),
                    s.get("dev_accuracy"), l.get("dev_accuracy"));
        }
        System.out.printf(Locale.ROOT, "%ntest accuracy: Spark %.4f, single machine %.4f%n", sparkTest.get("accuracy"),
                localTest.get("accuracy"));
        double worst = 0;
        Map<String, Tensor> a = distributed.trainer().model().parameters().snapshot();
        Map<String, Tensor> b = single.model().parameters().snapshot();
        for (String name : a.keySet()) {
            worst = Math.max(worst, relative(b.get(name), a.get(name)));
        }
        System.out.printf(Locale.ROOT, "largest relative parameter difference after %d steps: %.2e"
                + " (the order of floating-point additions differs; the batches and the updates are the same)%n",
                distributed.trainer().optimizer().iterations(), worst);
        System.out.printf(Locale.ROOT, "time: Spark %.1f s (%d partitions, a job per step), single machine %.1f s%n",
                sparkSeconds, parts, localSeconds);
        trainData.unpersist();
        devData.unpersist();
        testData.unpersist();
    }

    private static double relative(Tensor expected, Tensor actual) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < expected.size(); i++) {
            diff = Math.max(diff, Math.abs(expected.getDouble(i) - actual.getDouble(i)));
            scale = Math.max(scale, Math.abs(expected.getDouble(i)));
        }
        return scale == 0 ? diff : diff / scale;
    }

    /** Features F32 [1797, 64] (pixel values 0..16) and I32 labels, from the bundled copy or {@code file}. */
    static Dataset load(Path file) {
        try (InputStream in = file != null ? Files.newInputStream(file)
                : SparkDigitsDemo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("digits: " + RESOURCE + " is not on the class path of this build;"
                        + " pass the file with --data PATH/digits.csv (header idx,x0..x63,y)");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("digits: cannot read " + (file != null ? file : RESOURCE), e);
        }
    }

    private static Dataset parse(Reader r) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser p = CSVParser.parse(r, format)) {
            for (CSVRecord rec : p) {
                float[] x = new float[PIXELS];
                for (int j = 0; j < PIXELS; j++) {
                    x[j] = Float.parseFloat(rec.get("x" + j));
                }
                rows.add(x);
                labels.add((int) Double.parseDouble(rec.get("y")));
            }
        }
        int n = rows.size();
        float[] xs = new float[n * PIXELS];
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i), 0, xs, i * PIXELS, PIXELS);
            ys[i] = labels.get(i);
        }
        return Dataset.of(Tensor.of(xs, n, PIXELS), Tensor.of(ys, n));
    }

    /** Clips standardized pixels to [-3, 3] (a blank-in-training border pixel would otherwise become a huge z-score). */
    private static Dataset clip(Dataset d) {
        Tensor x = d.features().copy();
        for (int i = 0; i < x.size(); i++) {
            x.setDouble(i, Math.max(-3, Math.min(3, x.getDouble(i))));
        }
        return d.with(Dataset.FEATURES, x);
    }
}
