package org.adjoint.autodiff;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;

/** y = x^3 with a deliberately wrong gradient rule (2x): GradCheck must catch it. */
final class WrongCube implements Op {

    @Override
    public String name() {
        return "wrong_cube";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return in[0];
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        for (int i = 0; i < out.size(); i++) {
            double v = in[0].getDouble(i);
            out.setDouble(i, v * v * v);
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        return List.of(Grad.of(o.mul(g, o.mul(node.input(0), 2.0))));
    }
}
