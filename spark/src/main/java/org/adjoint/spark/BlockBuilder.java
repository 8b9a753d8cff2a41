package org.adjoint.spark;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.adjoint.graph.DType;

/** Collects one partition's examples into a {@link Block}, checking that they agree with each other. */
final class BlockBuilder {

    private final int partition;
    private final DType dtype;
    private final FloatArrayList f32 = new FloatArrayList();
    private final DoubleArrayList f64 = new DoubleArrayList();
    private final IntArrayList classes = new IntArrayList();
    private final DoubleArrayList targets = new DoubleArrayList();
    private Block.Labels labels;
    private int width = -1;
    private int labelWidth = -1;
    private int rows;

    BlockBuilder(int partition, DType dtype) {
        if (dtype != DType.F32 && dtype != DType.F64) {
            throw new IllegalArgumentException("spark data: features must be f32 or f64, got " + dtype);
        }
        this.partition = partition;
        this.dtype = dtype;
    }

    private String where() {
        return "example " + rows + " of partition " + partition;
    }

    /** An error about the current example: "spark data: example 3 of partition 1 " + what. */
    IllegalArgumentException error(String what) {
        return new IllegalArgumentException("spark data: " + where() + " " + what);
    }

    private void width(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("spark data: " + where() + " has no features");
        }
        if (width < 0) {
            width = n;
        } else if (n != width) {
            throw new IllegalArgumentException("spark data: " + where() + " has " + n + " features, example 0 of"
                    + " that partition has " + width);
        }
    }

    void features(float[] x) {
        if (x == null) {
            throw new IllegalArgumentException("spark data: " + where() + " has null features");
        }
        width(x.length);
        for (float v : x) {
            if (dtype == DType.F32) {
                f32.add(v);
            } else {
                f64.add(v);
            }
        }
    }

    void features(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException("spark data: " + where() + " has null features");
        }
        width(x.length);
        for (double v : x) {
            if (dtype == DType.F32) {
                f32.add((float) v);
            } else {
                f64.add(v);
            }
        }
    }

    private void kind(Block.Labels k, int w) {
        if (labels == null) {
            labels = k;
            labelWidth = w;
        } else if (labels != k || labelWidth != w) {
            throw new IllegalArgumentException("spark data: " + where() + " has " + describe(k, w) + ", example 0 of"
                    + " that partition has " + describe(labels, labelWidth));
        }
    }

    static String describe(Block.Labels k, int w) {
        return switch (k) {
            case NONE -> "no label";
            case CLASSES -> "a class index";
            case TARGETS -> w == 1 ? "one target value" : "a target of " + w + " values";
        };
    }

    void noLabel() {
        kind(Block.Labels.NONE, 0);
    }

    void label(long c) {
        if (c < Integer.MIN_VALUE || c > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("spark data: " + where() + " has class index " + c
                    + ", beyond the int range");
        }
        kind(Block.Labels.CLASSES, 1);
        classes.add((int) c);
    }

    void target(double[] t) {
        if (t == null) {
            throw new IllegalArgumentException("spark data: " + where() + " has a null label");
        }
        kind(Block.Labels.TARGETS, t.length);
        targets.addElements(targets.size(), t);
    }

    /** Ends the current example. */
    void next() {
        rows++;
    }

    Block build() {
        Values x = dtype == DType.F32 ? Values.of(f32.toFloatArray()) : Values.of(f64.toDoubleArray());
        Block.Labels kind = labels == null ? Block.Labels.NONE : labels;
        return new Block(rows, Math.max(width, 0), x, kind, Math.max(labelWidth, 0),
                kind == Block.Labels.CLASSES ? classes.toIntArray() : null,
                kind == Block.Labels.TARGETS ? targets.toDoubleArray() : null);
    }
}
