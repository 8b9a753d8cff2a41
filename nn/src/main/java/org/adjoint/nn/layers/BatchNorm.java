package org.adjoint.nn.layers;

import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Layer;
import org.adjoint.nn.init.Initializer;
import org.adjoint.ops.Ops;

/**
 * Batch normalization over the features of x [batch, C] or the channels of NCHW x [N, C, H, W]:
 * {@code y = (x - μ) / sqrt(σ² + eps) · gamma + beta}.
 * <ul>
 *   <li>Training runs use the batch's mean μ and biased variance σ² over every axis but the channel
 *       axis, and update the running statistics as a side effect of the run
 *       ({@code running = momentum·running + (1 - momentum)·batch}, via {@code Graph.addUpdate});</li>
 *   <li>evaluation runs use the running statistics, so an example's output does not depend on
 *       the rest of its batch.</li>
 * </ul>
 * Variables: {@code gamma} (ones) and {@code beta} (zeros) are trained, unregularized;
 * {@code running_mean} (zeros) and {@code running_var} (ones) are state. Defaults: momentum 0.9, eps 1e-5.
 */
public final class BatchNorm extends Layer {

    private final double momentum;
    private final double eps;
    private Node gamma;
    private Node beta;
    private Node runningMean;
    private Node runningVar;

    public BatchNorm() {
        this(0.9, 1e-5);
    }

    /**
     * @param momentum weight of the old running value, in [0, 1)
     * @param eps added to the variance, &gt; 0
     */
    public BatchNorm(double momentum, double eps) {
        super("batch_norm");
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("batch_norm: momentum must be in [0, 1), got momentum=" + momentum);
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("batch_norm: eps must be a positive number, got eps=" + eps);
        }
        this.momentum = momentum;
        this.eps = eps;
    }

    public double momentum() {
        return momentum;
    }

    public Node runningMean() {
        return runningMean;
    }

    public Node runningVar() {
        return runningVar;
    }

    @Override
    protected void build(Node x) {
        int rank = x.shape().rank();
        if (rank != 2 && rank != 4) {
            throw error("input '" + x.name() + "' must be [batch, C] or [N, C, H, W], got " + x.type());
        }
        int c = knownDim(x, 1, "the channel dimension");
        DType dtype = floatingOf(x);
        Shape s = Shape.of(c);
        gamma = addBias("gamma", dtype, s, Initializer.ones());
        beta = addBias("beta", dtype, s, Initializer.zeros());
        runningMean = addState("running_mean", dtype, s, Initializer.zeros());
        runningVar = addState("running_var", dtype, s, Initializer.ones());
    }

    @Override
    protected Node forward(Node x) {
        Ops o = ops();
        int rank = x.shape().rank();
        int[] axes = rank == 2 ? new int[] {0} : new int[] {0, 2, 3};
        // training branch: batch statistics (two-pass variance), kept as nodes for the updates
        Node mean = o.mean(x, true, axes);
        Node centered = o.sub(x, mean);
        Node var = o.mean(o.square(centered), true, axes);
        Node normalized = o.mul(centered, o.rsqrt(o.add(var, eps)));
        Node train = o.add(o.mul(normalized, channels(o, gamma, rank)), channels(o, beta, rank));
        // evaluation branch: running statistics
        Node eval = o.batchNormInference(x, runningMean, runningVar, gamma, beta, eps);
        Node y = ops("out").byMode(train, eval);
        Node batchMean = o.stopGradient(o.reshape(mean, -1));
        Node batchVar = o.stopGradient(o.reshape(var, -1));
        o.graph().addUpdate(train, runningMean,
                o.add(o.mul(runningMean, momentum), o.mul(batchMean, 1 - momentum)));
        o.graph().addUpdate(train, runningVar,
                o.add(o.mul(runningVar, momentum), o.mul(batchVar, 1 - momentum)));
        return y;
    }

    private static Node channels(Ops o, Node v, int rank) {
        return rank == 4 ? o.reshape(v, -1, 1, 1) : v;
    }
}
