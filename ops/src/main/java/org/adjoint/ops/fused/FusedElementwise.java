package org.adjoint.ops.fused;

import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Scratch;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.ops.AbstractOp;

/**
 * A chain (or tree) of elementwise ops computed by one {@link Program}: one pass over the
 * output, tile by tile, intermediate values in L1-sized registers, no intermediate tensors.
 * Formed by the plan compiler's fusion pass after differentiation, for concrete shapes; it never
 * appears in a user's graph and has no gradient rule. Values are bitwise those of the ops it
 * replaces (see {@link Program}).
 *
 * <p>NOTE: a fused primitive for speed (one pass over memory instead of one per op).
 */
public final class FusedElementwise extends AbstractOp {

    private final Program program;
    private final DType dtype;
    private final int[] outDims;
    private final int[][] inDims;
    private final int[] map;

    FusedElementwise(Program program, DType dtype, Shape out, List<Shape> inputs) {
        super("fused_elementwise", inputs.size());
        this.program = program;
        this.dtype = dtype;
        this.outDims = out.dims();
        this.inDims = new int[inputs.size()][];
        for (int i = 0; i < inDims.length; i++) {
            inDims[i] = inputs.get(i).dims();
        }
        this.map = new int[inputs.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = i;
        }
    }

    /** Instructions in the program. */
    public int instructions() {
        return program.instructions();
    }

    @Override
    public String attributes() {
        return program.describe();
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        for (int i = 0; i < in.length; i++) {
            if (in[i].dtype() != dtype || !Arrays.equals(in[i].shape().dims(), inDims[i])) {
                throw ctx.error("input " + i + " is " + in[i] + ", the fused program reads " + dtype
                        + Arrays.toString(inDims[i]));
            }
        }
        return new TensorType(dtype, Shape.of(outDims));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        for (int i = 0; i < map.length; i++) {
            if (program.aligned(i)) {
                ctx.allowInPlace(i);    // each tile of an aligned input is read before the output's tile is written
            }
        }
        ElementwiseKernels k = KernelProvider.get().elementwise();
        Scratch regs = ctx.scratch(dtype, program.scratchSize());
        int[] m = map;
        if (dtype == DType.F32) {
            return (in, out, run) -> program.runF32(k, in, m, out, regs.floats(run));
        }
        return (in, out, run) -> program.runF64(k, in, m, out, regs.doubles(run));
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        throw new UnsupportedOperationException("fused_elementwise is formed when a plan is compiled, after"
                + " differentiation; it has no gradient rule");
    }
}
