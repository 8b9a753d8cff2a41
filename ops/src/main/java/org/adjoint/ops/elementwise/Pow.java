package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.ops.Ops;
import org.adjoint.ops.internal.Broadcast;

/**
 * y = a^b (as {@link Math#pow}, with broadcasting); da = g * b * a^(b - 1), db = g * y * ln a
 * (reuses the output). A scalar exponent is a rank-0 constant, whose gradient the engine never
 * evaluates.
 *
 * <p>NOTE: db is NaN where a &lt; 0 and -inf * 0 where a = 0; differentiate with respect to the
 * exponent only for positive bases. da is written with a^(b - 1), not y / a, so that it stays
 * finite at a = 0 for b &gt;= 1.
 *
 * <p>NOTE: the forward pass is a plain {@link Math#pow} loop, not the SIMD kernel: the Vector API's
 * lane-wise POW gives different last bits interpreted and C2-compiled (JDK 17), so one plan's
 * repeated runs differed (same seed, same bits). Back to the kernel once kernels-simd has a
 * reproducible pow.
 */
public final class Pow extends ElementwiseBinary {

    public static final Pow INSTANCE = new Pow();

    private Pow() {
        super(BinaryOp.POW, "pow");
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return Broadcast.binaryLoop(ctx, Math::pow, ctx.inputShape(0), ctx.inputShape(1));
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node a = node.input(0);
        Node b = node.input(1);
        Node da = o.mul(g, o.mul(b, o.pow(a, o.sub(b, 1.0))));
        Node db = o.mul(o.mul(g, node), o.log(a));
        return List.of(Grad.of(da), Grad.of(db));
    }
}
