package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.RunMode;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;
import org.adjoint.ops.internal.Blocks;

/**
 * {@code by_mode(train, eval)}: input 0 in a training run, input 1 in an evaluation run. A plan
 * resolves the node to one input when it is compiled ({@link Op#modeAlias}), so the other
 * branch is never computed and the node costs nothing; dropout and batch normalization keep
 * their two behaviours in one graph this way. The inputs share a dtype and have compatible
 * shapes; the static output shape takes each dimension from whichever input knows it.
 *
 * <p>Gradient: {@code by_mode(g, 0)} for the training input and {@code by_mode(0, g)} for the
 * evaluation input, so a gradient computed in either mode flows only into that mode's branch.
 */
public final class ByMode extends AbstractOp {

    public static final ByMode INSTANCE = new ByMode();

    private ByMode() {
        super("by_mode", 2);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireSameDType(in);
        Shape a = in[0].shape();
        Shape b = in[1].shape();
        if (!a.isCompatibleWith(b)) {
            throw ctx.error("the training and evaluation values must have compatible shapes, got " + a + " and " + b);
        }
        int[] dims = a.dims();
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == Shape.UNKNOWN) {
                dims[d] = b.dim(d);
            }
        }
        return new TensorType(in[0].dtype(), Shape.of(dims));
    }

    @Override
    public int modeAlias(RunMode mode) {
        return mode == RunMode.TRAIN ? 0 : 1;
    }

    /** Not reached through a plan, which resolves the node; copies the training value otherwise. */
    /** Not reached through a plan, which resolves the node; copies the training value otherwise. */
    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return (in, out, run) -> Blocks.copyAll(in[run.mode() == RunMode.TRAIN ? 0 : 1], out);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node zeros = o.zerosLike(g);
        return List.of(Grad.of(o.byMode(g, zeros)), Grad.of(o.byMode(zeros, g)));
    }
}
