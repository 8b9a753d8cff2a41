package org.adjoint.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A distributed data set of examples, prepared for training: each partition's examples packed
 * column-wise into one block and cached in executor memory ({@code MEMORY_ONLY}; a lost block is
 * recomputed from the source, which must therefore give the same rows in the same partitions).
 * Example {@code i} is the i-th in partition order, the order a single-machine run over
 * {@link #collect()} sees.
 *
 * <pre>{@code
 * SparkData train = SparkData.fromRows(spark.read().parquet("train"), "features", "label");
 * SparkData small = SparkData.parallelize(spark, localDataset, 4);
 * }</pre>
 *
 * <p>Creating one runs one Spark job (a pass over the source that fills the cache and
 * summarizes each partition), so shapes and labels are known on the driver before any training
 * job starts.
 */
public final class SparkData {

    private final JavaRDD<Block> blocks;
    private final Broadcast<?> source;
    private final String id = UUID.randomUUID().toString();
    private final long[] offsets;           // [partitions + 1]
    private final int size;
    private final int[] featureShape;       // per example
    private final DType dtype;
    private final Block.Labels labels;
    private final int[] labelShape;         // per example
    private final int minClass;
    private final int maxClass;
    private final boolean wholeTargets;

    private SparkData(JavaRDD<Block> blocks, Broadcast<?> source, int[] featureShape, int[] labelShape) {
        this.blocks = blocks.persist(StorageLevel.MEMORY_ONLY());
        this.source = source;
        List<Block.Info> infos;
        try {
            infos = this.blocks.mapPartitionsWithIndex(SparkData::infoOf, true).collect();
        } catch (Exception e) {
            this.blocks.unpersist(false);
            throw Jobs.unwrap("spark data", e);
        }
        infos = new ArrayList<>(infos);
        infos.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        offsets = new long[infos.size() + 1];
        Block.Info first = null;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        boolean whole = true;
        for (int p = 0; p < infos.size(); p++) {
            Block.Info in = infos.get(p);
            offsets[p + 1] = offsets[p] + in.rows();
            if (in.rows() == 0) {
                continue;
            }
            if (first == null) {
                first = in;
            } else {
                check(first, in);
            }
            min = Math.min(min, in.minClass());
            max = Math.max(max, in.maxClass());
            whole &= in.wholeTargets();
        }
        if (first == null) {
            this.blocks.unpersist(false);
            throw new IllegalArgumentException("spark data: no examples in any of the " + infos.size() + " partitions");
        }
        if (offsets[infos.size()] > Integer.MAX_VALUE - 8) {
            this.blocks.unpersist(false);
            throw new IllegalArgumentException("spark data: " + offsets[infos.size()] + " examples; at most "
                    + (Integer.MAX_VALUE - 8) + " are supported (an epoch's order is an int permutation)");
        }
        this.size = (int) offsets[infos.size()];
        this.dtype = first.dtype();
        this.labels = first.labels();
        this.featureShape = featureShape != null ? featureShape : new int[] {first.width()};
        this.labelShape = labelShape != null ? labelShape
                : first.labelWidth() <= 1 || labels != Block.Labels.TARGETS ? new int[0] : new int[] {first.labelWidth()};
        this.minClass = min;
        this.maxClass = max;
        this.wholeTargets = whole;
        if (Shape.of(this.featureShape).size() != first.width()) {
            throw new IllegalStateException("spark data: feature shape " + Arrays.toString(this.featureShape)
                    + " for rows of " + first.width());
        }
    }

    private static Iterator<Block.Info> infoOf(int partition, Iterator<Block> it) {
        List<Block.Info> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next().info(partition));
        }
        if (out.size() != 1) {
            throw new IllegalStateException("spark data: partition " + partition + " holds " + out.size() + " blocks");
        }
        return out.iterator();
    }

    private static void check(Block.Info first, Block.Info in) {
        String where = "partition " + in.partition() + " and partition " + first.partition();
        if (in.width() != first.width()) {
            throw new IllegalArgumentException("spark data: examples have " + in.width() + " features in partition "
                    + in.partition() + " and " + first.width() + " in partition " + first.partition());
        }
        if (in.labels() != first.labels() || in.labelWidth() != first.labelWidth()) {
            throw new IllegalArgumentException("spark data: " + where + " disagree on labels: "
                    + BlockBuilder.describe(in.labels(), in.labelWidth()) + " vs "
                    + BlockBuilder.describe(first.labels(), first.labelWidth()));
        }
    }

    // ---- sources ---------------------------------------------------------------------------------------

    /**
     * An in-memory nn data set ({@code features} [N, ...] F32 or F64, optional {@code labels}: I32
     * class indices [N] or floats [N, ...]) split into {@code partitions} contiguous ranges. The
     * arrays travel once per executor as a broadcast; {@link #unpersist()} frees them.
     */
    public static SparkData parallelize(SparkSession spark, Dataset data, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("spark data: partitions must be >= 1, got " + partitions);
        }
        Tensor x = data.features();
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("spark data: features must be f32 or f64, got " + x.type());
        }
        int n = data.size();
        Tensor y = data.has(Dataset.LABELS) ? data.labels() : null;
        Source src = new Source(n, Values.copyOf(x), y);
        int[] featureShape = Arrays.copyOfRange(x.shape().dims(), 1, x.shape().rank());
        int[] labelShape = y == null ? null : Arrays.copyOfRange(y.shape().dims(), 1, y.shape().rank());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Source> b = sc.broadcast(src);
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        JavaRDD<Block> blocks = sc.parallelize(ids, partitions)
                .mapPartitionsWithIndex((p, it) -> Collections.singletonList(b.value().block(p, partitions)).iterator(),
                        true);
        return new SparkData(blocks, b, featureShape, labelShape);
    }

    /** The arrays behind {@link #parallelize}. */
    private static final class Source implements Serializable {
        private static final long serialVersionUID = 1L;
        final int n;
        final Values x;
        final int[] classes;
        final double[] targets;
        final int labelWidth;

        Source(int n, Values x, Tensor labels) {
            this.n = n;
            this.x = x;
            if (labels == null) {
                classes = null;
                targets = null;
                labelWidth = 0;
            } else if (labels.dtype() == DType.I32) {
                if (labels.size() != n) {
                    throw new IllegalArgumentException("spark data: class labels must be [N], got " + labels.type());
                }
                classes = labels.ints().clone();
                targets = null;
                labelWidth = 1;
            } else if (labels.dtype().isFloating()) {
                classes = null;
                targets = labels.toDoubleArray();
                labelWidth = labels.size() / n;
            } else {
                throw new IllegalArgumentException("spark data: labels must be i32 class indices or f32/f64 targets, got "
                        + labels.type());
            }
        }

        Block block(int p, int partitions) {
            int from = (int) ((long) p * n / partitions);
            int to = (int) ((long) (p + 1) * n / partitions);
            int rows = to - from;
            int width = x.length() / n;
            Values xs;
            if (x.f32 != null) {
                xs = Values.of(Arrays.copyOfRange(x.f32, from * width, to * width));
            } else {
                xs = Values.of(Arrays.copyOfRange(x.f64, from * width, to * width));
            }
            if (classes != null) {
                return new Block(rows, width, xs, Block.Labels.CLASSES, 1, Arrays.copyOfRange(classes, from, to), null);
            }
            if (targets != null) {
                return new Block(rows, width, xs, Block.Labels.TARGETS, labelWidth, null,
                        Arrays.copyOfRange(targets, from * labelWidth, to * labelWidth));
            }
            return new Block(rows, width, xs, Block.Labels.NONE, 0, null, null);
        }
    }

    /**
     * Rows of a Spark SQL data set: {@code features} an array of numbers or an ML vector,
     * {@code label} (or null for unlabeled data) an integer class index, a float/double, an array
     * of numbers or an ML vector. Features are stored as F32.
     */
    public static SparkData fromRows(org.apache.spark.sql.Dataset<Row> rows, String features, String label) {
        return fromRows(rows, features, label, DType.F32);
    }

    /** As {@link #fromRows(org.apache.spark.sql.Dataset, String, String)}, storing features as {@code dtype}. */
    public static SparkData fromRows(org.apache.spark.sql.Dataset<Row> rows, String features, String label, DType dtype) {
        RowLayout layout = RowLayout.of(rows.schema(), features, label);
        checkDtype(dtype);
        JavaRDD<Block> blocks = rows.javaRDD().mapPartitionsWithIndex((p, it) -> {
            BlockBuilder b = new BlockBuilder(p, dtype);
            while (it.hasNext()) {
                layout.read(it.next(), b);
            }
            return Collections.singletonList(b.build()).iterator();
        }, true);
        return new SparkData(blocks, null, null, null);
    }

    /** Examples from an RDD; features stored as F32. */
    public static SparkData fromExamples(JavaRDD<Example> examples) {
        return fromExamples(examples, DType.F32);
    }

    /** Examples from an RDD, features stored as {@code dtype}. */
    public static SparkData fromExamples(JavaRDD<Example> examples, DType dtype) {
        checkDtype(dtype);
        JavaRDD<Block> blocks = examples.mapPartitionsWithIndex((p, it) -> {
            BlockBuilder b = new BlockBuilder(p, dtype);
            while (it.hasNext()) {
                Example e = it.next();
                if (e == null) {
                    throw b.error("is null");
                }
                if (e.isDouble()) {
                    b.features(e.doubles());
                } else {
                    b.features(e.floats());
                }
                if (!e.isLabeled()) {
                    b.noLabel();
                } else if (e.hasClass()) {
                    b.label(e.label());
                } else {
                    b.target(e.target());
                }
                b.next();
            }
            return Collections.singletonList(b.build()).iterator();
        }, true);
        return new SparkData(blocks, null, null, null);
    }

    private static void checkDtype(DType dtype) {
        if (dtype != DType.F32 && dtype != DType.F64) {
            throw new IllegalArgumentException("spark data: features must be stored as f32 or f64, got " + dtype);
        }
    }

    // ---- what the driver knows -------------------------------------------------------------------------

    /** The number of examples. */
    public int size() {
        return size;
    }

    public int partitions() {
        return offsets.length - 1;
    }

    /** Features per example (the product of {@link #featureShape()}). */
    public int featureCount() {
        return Shape.of(featureShape).size();
    }

    /** The shape of one example's features: [F] for rows and examples, the nn data set's otherwise. */
    public Shape featureShape() {
        return Shape.of(featureShape);
    }

    public DType dtype() {
        return dtype;
    }

    public boolean hasLabels() {
        return labels != Block.Labels.NONE;
    }

    /** Whether the labels are integer class indices. */
    public boolean hasClassLabels() {
        return labels == Block.Labels.CLASSES;
    }

    /** Values per example's label: 1 for class indices or single targets. */
    public int labelWidth() {
        return labels == Block.Labels.NONE ? 0 : Math.max(1, Shape.of(labelShape).size());
    }

    /** Examples per partition. */
    public long[] partitionSizes() {
        long[] out = new long[offsets.length - 1];
        for (int p = 0; p < out.length; p++) {
            out[p] = offsets[p + 1] - offsets[p];
        }
        return out;
    }

    String id() {
        return id;
    }

    JavaRDD<Block> blocks() {
        return blocks;
    }

    long[] offsets() {
        return offsets.clone();
    }

    Block.Labels labelKind() {
        return labels;
    }

    int minClass() {
        return minClass;
    }

    int maxClass() {
        return maxClass;
    }

    boolean wholeTargets() {
        return wholeTargets;
    }

    /** A description for error messages, e.g. {@code 1257 examples of 64 features (f32) with class labels}. */
    String describe() {
        return size + " examples of " + featureCount() + " features (" + dtype.name().toLowerCase(java.util.Locale.ROOT)
                + ")" + switch (labels) {
                    case NONE -> " without labels";
                    case CLASSES -> " with class labels " + minClass + ".." + maxClass;
                    case TARGETS -> " with targets of " + labelWidth() + (labelWidth() == 1 ? " value" : " values");
                };
    }

    /**
     * All examples on the driver, in index order, as an nn data set: {@code features}
     * [N, featureShape...] and {@code labels} (I32 [N] for class indices, floats of the features'
     * dtype [N, labelShape...] for targets). For tests and small data: it is what a single-machine
     * {@code Trainer.fit} would train on.
     */
    public Dataset collect() {
        List<Block> all = blocks.collect();
        int width = featureCount();
        Tensor x = Tensor.zeros(dtype, Block.withBatch(Shape.of(concat(-1, featureShape)), size));
        Tensor y = null;
        if (labels == Block.Labels.CLASSES) {
            y = Tensor.zeros(DType.I32, Shape.of(size));
        } else if (labels == Block.Labels.TARGETS) {
            y = Tensor.zeros(dtype, Block.withBatch(Shape.of(concat(-1, labelShape)), size));
        }
        int row = 0;
        for (Block b : all) {
            for (int r = 0; r < b.rows; r++, row++) {
                for (int j = 0; j < width; j++) {
                    x.setDouble(row * width + j, b.features.get(r * width + j));
                }
                if (labels == Block.Labels.CLASSES) {
                    y.ints()[row] = b.classes[r];
                } else if (labels == Block.Labels.TARGETS) {
                    for (int j = 0; j < b.labelWidth; j++) {
                        y.setDouble(row * b.labelWidth + j, b.targets[r * b.labelWidth + j]);
                    }
                }
            }
        }
        return y == null ? Dataset.ofFeatures(x) : Dataset.of(x, y);
    }

    private static int[] concat(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** Frees the cached blocks (and the broadcast of {@link #parallelize}). */
    public void unpersist() {
        blocks.unpersist(false);
        if (source != null) {
            source.destroy();
        }
    }

    @Override
    public String toString() {
        return "spark data: " + describe() + " in " + partitions() + " partitions";
    }
}
