package org.adjoint.nn.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/**
 * An in-memory data set: named tensors ("columns") that share their first dimension, the number
 * of examples N. The usual pair is {@link #FEATURES} [N, ...] (any rank: [N, F], [N, T, F],
 * [N, C, H, W]) and {@link #LABELS} [N] (I32 class indices) or [N, ...] (floats); further columns
 * (per-example masks, sequence lengths, extra inputs) travel along and are fed to model inputs of
 * the same name. Immutable view: the tensors are not copied, so do not modify them.
 */
public final class Dataset {

    /** The column fed to a single-input model. */
    public static final String FEATURES = "features";
    /** The column the loss compares with. */
    public static final String LABELS = "labels";

    private final Map<String, Tensor> columns;
    private final int size;

    private Dataset(Map<String, Tensor> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("dataset: no columns");
        }
        int n = -1;
        String first = null;
        for (Map.Entry<String, Tensor> e : columns.entrySet()) {
            Tensor t = e.getValue();
            if (t == null) {
                throw new IllegalArgumentException("dataset: column '" + e.getKey() + "' is null");
            }
            if (t.shape().rank() == 0) {
                throw new IllegalArgumentException("dataset: column '" + e.getKey() + "' is a scalar " + t.type()
                        + "; its first dimension must count the examples");
            }
            if (n < 0) {
                n = t.shape().dim(0);
                first = e.getKey();
            } else if (t.shape().dim(0) != n) {
                throw new IllegalArgumentException("dataset: column '" + e.getKey() + "' has " + t.shape().dim(0)
                        + " examples " + t.shape() + ", column '" + first + "' has " + n);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("dataset: empty data set (column '" + first + "' has shape "
                    + columns.get(first).shape() + ")");
        }
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        this.size = n;
    }

    /** Features and labels. */
    public static Dataset of(Tensor features, Tensor labels) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(FEATURES, features);
        m.put(LABELS, labels);
        return new Dataset(m);
    }

    /** Named columns (insertion order kept). */
    public static Dataset of(Map<String, Tensor> columns) {
        return new Dataset(columns);
    }

    /** Features only (for prediction). */
    public static Dataset ofFeatures(Tensor features) {
        return new Dataset(Map.of(FEATURES, features));
    }

    /** The number of examples. */
    public int size() {
        return size;
    }

    public Set<String> names() {
        return columns.keySet();
    }

    public boolean has(String name) {
        return columns.containsKey(name);
    }

    public Tensor column(String name) {
        Tensor t = columns.get(name);
        if (t == null) {
            throw new IllegalArgumentException("dataset has no column '" + name + "'; columns: " + columns.keySet());
        }
        return t;
    }

    public Tensor features() {
        return column(FEATURES);
    }

    public Tensor labels() {
        return column(LABELS);
    }

    /** This data set with a column added or replaced. */
    public Dataset with(String name, Tensor column) {
        Map<String, Tensor> m = new LinkedHashMap<>(columns);
        m.put(name, column);
        return new Dataset(m);
    }

    /** The examples at {@code rows}, in that order (copied). */
    public Dataset select(int[] rows) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : columns.entrySet()) {
            m.put(e.getKey(), gatherRows(e.getValue(), rows, 0, rows.length));
        }
        return new Dataset(m);
    }

    /** Examples [from, to) (copied). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException("dataset.slice: need 0 <= from < to <= " + size + ", got [" + from + ", "
                    + to + ")");
        }
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return select(rows);
    }

    /** Mini-batches of this data set (see {@link Batches}). */
    public Batches batches(int batchSize) {
        return new Batches(this, batchSize);
    }

    /** Rows {@code rows[from..to)} of {@code t} as a new tensor [to - from, ...]. */
    static Tensor gatherRows(Tensor t, int[] rows, int from, int to) {
        int[] dims = t.shape().dims();
        int n = dims[0];
        int row = n == 0 ? 0 : t.size() / n;
        dims[0] = to - from;
        Tensor out = Tensor.zeros(t.dtype(), Shape.of(dims));
        Object src = array(t);
        Object dst = array(out);
        for (int i = from; i < to; i++) {
            int r = rows[i];
            if (r < 0 || r >= n) {
                throw new IndexOutOfBoundsException("row " + r + " out of range [0, " + n + ")");
            }
            System.arraycopy(src, r * row, dst, (i - from) * row, row);
        }
        return out;
    }

    static Object array(Tensor t) {
        return t.dtype() == DType.F32 ? t.floats() : t.dtype() == DType.F64 ? t.doubles() : t.ints();
    }

    /** Concatenates data sets with the same columns along the example axis (copied). */
    public static Dataset concat(List<Dataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("dataset.concat: no parts");
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (String name : parts.get(0).names()) {
            List<Tensor> ts = new ArrayList<>();
            int total = 0;
            for (Dataset d : parts) {
                Tensor t = d.column(name);
                ts.add(t);
                total += t.shape().dim(0);
            }
            int[] dims = ts.get(0).shape().dims();
            dims[0] = total;
            Tensor out = Tensor.zeros(ts.get(0).dtype(), Shape.of(dims));
            int offset = 0;
            for (Tensor t : ts) {
                System.arraycopy(array(t), 0, array(out), offset, t.size());
                offset += t.size();
            }
            m.put(name, out);
        }
        return new Dataset(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("dataset of ").append(size).append(" examples:");
        for (Map.Entry<String, Tensor> e : columns.entrySet()) {
            sb.append(' ').append(e.getKey()).append(' ').append(e.getValue().type());
        }
        return sb.toString();
    }
}
