package org.adjoint.ops.nn;

import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.ops.Composite;
import org.adjoint.ops.Ops;

/**
 * Batch and layer normalization as composites: {@code (x - mean) / sqrt(var + eps) * gamma + beta}
 * with the biased two-pass variance {@code mean((x - mean)^2)}. Stable, and the gradient (second
 * order too) comes for free.
 */
public final class Normalization {

    private Normalization() {
    }

    /**
     * Batch normalization in training mode: the batch statistics over axis 0 of x [batch, C], or
     * over (N, H, W) of x [N, C, H, W]; gamma and beta are [C].
     */
    public static Node batchNorm(Ops o, Node x, Node gamma, Node beta, double eps) {
        return Composite.build(o, "batch_norm", c -> {
            int[] axes = batchNormAxes(c, x, eps, gamma, beta);
            Ops in = c.inner();
            Node mean = in.mean(x, true, axes);
            Node centered = in.sub(x, mean);
            Node variance = in.mean(in.square(centered), true, axes);
            Node normalized = in.mul(centered, inverseSqrt(in, in.add(variance, eps)));
            return scaleShift(c, normalized, gamma, beta, x.shape().rank());
        });
    }

    /**
     * Batch normalization in inference mode with given per-channel {@code mean} and {@code variance}
     * (each [C]): {@code (x - mean) / sqrt(variance + eps) * gamma + beta}, x [batch, C] or [N, C, H, W].
     */
    public static Node batchNormInference(Ops o, Node x, Node mean, Node variance, Node gamma, Node beta, double eps) {
        return Composite.build(o, "batch_norm", c -> {
            batchNormAxes(c, x, eps, mean, variance, gamma, beta);
            Ops in = c.inner();
            int rank = x.shape().rank();
            Node scale = inverseSqrt(in, in.add(channels(in, variance, rank), eps));
            return scaleShift(c, in.mul(in.sub(x, channels(in, mean, rank)), scale), gamma, beta, rank);
        });
    }

    /**
     * Layer normalization over the last axis: the statistics per row, gamma and beta of the last
     * dimension's size.
     */
    public static Node layerNorm(Ops o, Node x, Node gamma, Node beta, double eps) {
        return layerNorm(o, x, gamma, beta, eps, 1);
    }

    /**
     * Layer normalization over the last {@code axes} axes (PyTorch's {@code normalized_shape}):
     * mean and variance over those axes per leading index, gamma and beta of their shape (e.g.
     * [C, H, W] for x [N, C, H, W] with 3 axes).
     */
    public static Node layerNorm(Ops o, Node x, Node gamma, Node beta, double eps, int axes) {
        return Composite.build(o, "layer_norm", c -> {
            checkEps(c, eps);
            Shape s = x.shape();
            if (axes < 1 || axes > s.rank()) {
                throw c.error("cannot normalize over the last " + axes + " axes of " + x.type());
            }
            int[] trailing = new int[axes];
            int[] normalized = new int[axes];
            for (int k = 0; k < axes; k++) {
                trailing[k] = s.rank() - axes + k;
                normalized[k] = s.dim(trailing[k]);
            }
            for (Node param : new Node[] {gamma, beta}) {
                if (!param.shape().isCompatibleWith(Shape.of(normalized))) {
                    throw c.error("gamma and beta must be " + Shape.of(normalized) + " for input " + s + ", got '"
                            + param.name() + "' " + param.shape());
                }
            }
            Ops in = c.inner();
            Node mean = in.mean(x, true, trailing);
            Node centered = in.sub(x, mean);
            Node variance = in.mean(in.square(centered), true, trailing);
            return c.last().add(in.mul(in.mul(centered, inverseSqrt(in, in.add(variance, eps))), gamma), beta);
        });
    }

    /** {@code 1 / sqrt(v)} for v &gt; 0, from exp and log (as the composites have always computed it). */
    private static Node inverseSqrt(Ops o, Node v) {
        return o.exp(o.mul(o.log(v), -0.5));
    }

    /** A per-channel [C] vector shaped to broadcast against x of the given rank (2: [C]; 4: [C, 1, 1]). */
    private static Node channels(Ops o, Node v, int rank) {
        return rank == 4 ? o.reshape(v, -1, 1, 1) : v;
    }

    private static Node scaleShift(Composite c, Node normalized, Node gamma, Node beta, int rank) {
        Ops in = c.inner();
        return c.last().add(in.mul(normalized, channels(in, gamma, rank)), channels(in, beta, rank));
    }

    /** Checks x's rank, eps and the [C] parameters of batch normalization; returns the statistics axes. */
    private static int[] batchNormAxes(Composite c, Node x, double eps, Node... params) {
        checkEps(c, eps);
        Shape s = x.shape();
        if (s.rank() != 2 && s.rank() != 4) {
            throw c.error("input must be [batch, C] or [N, C, H, W], got " + x.type());
        }
        for (Node param : params) {
            if (!param.shape().isCompatibleWith(Shape.of(s.dim(1)))) {
                throw c.error("per-channel parameters must be [" + s.dim(1) + "] for input " + s + ", got '"
                        + param.name() + "' " + param.shape());
            }
        }
        return s.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
    }

    private static void checkEps(Composite c, double eps) {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw c.error("eps must be a positive number, got eps=" + eps);
        }
    }
}
