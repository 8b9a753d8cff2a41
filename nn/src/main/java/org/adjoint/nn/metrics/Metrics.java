package org.adjoint.nn.metrics;

import org.adjoint.graph.DType;
import org.adjoint.graph.Tensor;

/** Built-in metrics. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The fraction of examples predicted correctly:
     * <ul>
     *   <li>predictions [batch, C] with C &gt; 1: the argmax of each row against I32 labels [batch]
     *       or against the argmax of one-hot/probability labels [batch, C];</li>
     *   <li>predictions [batch] or [batch, 1] (probabilities): {@code p >= 0.5} against labels 0/1
     *       (I32 or float).</li>
     * </ul>
     */
    public static Metric accuracy() {
        return Metric.of("accuracy", Accuracy::new);
    }

    private static final class Accuracy implements Metric.Accumulator {
        private long correct;
        private long total;

        @Override
        public void update(Tensor p, Tensor y) {
            int n = p.shape().rank() == 0 ? 1 : p.shape().dim(0);
            if (n == 0) {
                return;
            }
            int c = p.size() / n;
            if (y.shape().rank() == 0 || y.shape().dim(0) != n) {
                throw new IllegalArgumentException("accuracy: predictions " + p.type() + " and labels " + y.type()
                        + " have different batch sizes");
            }
            int yc = y.size() / n;
            for (int i = 0; i < n; i++) {
                boolean hit;
                if (c == 1) {
                    boolean predicted = p.getDouble(i) >= 0.5;
                    hit = predicted == (y.getDouble(i * yc) >= 0.5);
                } else {
                    int predicted = argmax(p, i * c, c);
                    int label;
                    if (y.dtype() == DType.I32 && yc == 1) {
                        label = y.ints()[i];
                    } else if (yc == c) {
                        label = argmax(y, i * c, c);
                    } else {
                        throw new IllegalArgumentException("accuracy: labels " + y.type() + " match neither class indices"
                                + " [batch] nor one-hot rows of predictions " + p.type());
                    }
                    hit = predicted == label;
                }
                if (hit) {
                    correct++;
                }
            }
            total += n;
        }

        private static int argmax(Tensor t, int offset, int c) {
            int best = 0;
            double bestValue = t.getDouble(offset);
            for (int j = 1; j < c; j++) {
                double v = t.getDouble(offset + j);
                if (v > bestValue) {
                    best = j;
                    bestValue = v;
                }
            }
            return best;
        }

        @Override
        public double result() {
            return total == 0 ? Double.NaN : (double) correct / total;
        }
    }
}
