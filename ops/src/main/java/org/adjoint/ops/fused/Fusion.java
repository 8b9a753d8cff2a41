package org.adjoint.ops.fused;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.adjoint.graph.Shape;
import org.adjoint.graph.compile.Pass;
import org.adjoint.graph.compile.PlanNode;
import org.adjoint.graph.compile.RewriteContext;
import org.adjoint.ops.elementwise.AddN;
import org.adjoint.ops.linalg.MatMul;
import org.adjoint.ops.shape.Slice;

/**
 * Pass {@code fusion}: groups of elementwise nodes become one {@link FusedElementwise}
 * (part {@value #ELEMENTWISE}), and a matrix product whose only reader is such a group becomes
 * a {@link MatMulEpilogue} (part {@value #GEMM}): bias add and activation, or the activation's
 * backward pass, run over the product in place; an add of another tensor of the product's shape
 * becomes a GEMM with beta = 1.
 *
 * <p>A group grows from its last node (visited in reverse evaluation order) towards its inputs:
 * an elementwise input joins when it has the group's shape and dtype, is not an output, and
 * every node that reads it is in the group (so no intermediate value is needed outside). Slices
 * read by the group are read from their input's buffer directly. Operands the group reads with
 * a broadcast that is not a row, column or scalar pattern keep their node out of the group.
 */
public final class Fusion implements Pass {

    /** Part of the pass that groups elementwise nodes. */
    public static final String ELEMENTWISE = "elementwise-fusion";
    /** Part of the pass that absorbs a matrix product into its elementwise reader. */
    public static final String GEMM = "gemm-epilogue";

    @Override
    public String name() {
        return "fusion";
    }

    @Override
    public void run(RewriteContext ctx) {
        if (ctx.enabled(GEMM)) {
            accumulationChains(ctx);
        }
        List<PlanNode> order = ctx.nodes();
        Map<PlanNode, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
        Set<PlanNode> done = new HashSet<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            PlanNode root = order.get(i);
            if (done.contains(root) || !ProgramBuilder.isElementwise(root) || !readable(root, root.shape())) {
                continue;
            }
            Set<PlanNode> members = new LinkedHashSet<>();
            members.add(root);
            if (ctx.enabled(ELEMENTWISE)) {
                grow(ctx, members, root);
            }
            PlanNode product = ctx.enabled(GEMM) ? product(ctx, members, root, position) : null;
            if (members.size() == 1 && product == null && !readsSlice(root)) {
                continue;
            }
            List<PlanNode> sorted = new ArrayList<>(members);
            sorted.sort((a, b) -> Integer.compare(position.get(a), position.get(b)));
            PlanNode fused = product == null ? elementwise(ctx, sorted, root) : epilogue(ctx, sorted, root, product);
            if (fused == null) {
                continue;
            }
            done.addAll(members);
            ctx.replace(root, fused);
        }
    }

    /**
     * Sums of products ({@code ((A0 B0 + A1 B1) + A2 B2) + ...}, the gradient of a weight used at
     * every step of an unrolled network) become GEMMs that accumulate, each into the previous
     * one's buffer, in evaluation order: every product is added as soon as it can be computed,
     * and no product waits for the end of the sum. The chain's last add is left to the grouping
     * below (it may carry an epilogue).
     */
    private static void accumulationChains(RewriteContext ctx) {
        for (PlanNode n : ctx.nodes()) {
            if (!n.isLeaf() && n.op() instanceof AddN && n.inputCount() >= 2 && n.dtype().isFloating()) {
                sumOfProducts(ctx, n);
            }
        }
        for (PlanNode n : ctx.nodes()) {
            PlanNode p = accumulatedProduct(ctx, n);
            if (p == null || ctx.isOutput(n) || ctx.uses(n) != 1) {
                continue;
            }
            PlanNode next = ctx.consumers(n).get(0);
            PlanNode q = accumulatedProduct(ctx, next);
            if (q == null || q == n) {
                continue;       // n is the chain's last link (or not in a chain)
            }
            PlanNode x = n.input(0) == p ? n.input(1) : n.input(0);
            PlanNode fused = accumulate(ctx, n, p, x);
            ctx.replace(n, fused);
        }
    }

    /**
     * {@code add_n(x0, x1, ...)} (the autodiff engine's sum of a weight's gradient over the steps
     * of a sequence) with products among its inputs: the same sum in the same order,
     * {@code ((x0 + x1) + x2) + ...}, where each product that only this sum reads is added by a
     * GEMM accumulating onto the sum so far, as soon as its operands exist; other inputs by adds.
     */
    private static void sumOfProducts(RewriteContext ctx, PlanNode n) {
        boolean any = false;
        for (int k = 1; k < n.inputCount(); k++) {
            any |= accumulable(ctx, n, n.input(k));
        }
        if (!any) {
            return;
        }
        PlanNode sum = n.input(0);
        for (int k = 1; k < n.inputCount(); k++) {
            PlanNode x = n.input(k);
            sum = accumulable(ctx, n, x) && x != sum ? accumulate(ctx, n, x, sum)
                    : ctx.apply(org.adjoint.ops.elementwise.Add.INSTANCE, n, sum, x);
        }
        ctx.replace(n, sum);
    }

    /** Whether {@code x} is a 2-D product of {@code sum}'s shape that only {@code sum} reads, once. */
    private static boolean accumulable(RewriteContext ctx, PlanNode sum, PlanNode x) {
        return !x.isLeaf() && x.op() instanceof MatMul && !ctx.isOutput(x) && x.dtype() == sum.dtype()
                && x.input(0).shape().rank() == 2 && x.input(1).shape().rank() == 2 && x.shape().equals(sum.shape())
                && ctx.uses(x) == 1;
    }

    /**
     * If {@code n} adds a 2-D product that only it reads to another tensor of its shape, the
     * product (the later one if both are); else null.
     */
    private static PlanNode accumulatedProduct(RewriteContext ctx, PlanNode n) {
        if (n.isLeaf() || !(n.op() instanceof org.adjoint.ops.elementwise.Add) || !n.dtype().isFloating()
                || !n.input(0).shape().equals(n.shape()) || !n.input(1).shape().equals(n.shape())
                || n.input(0) == n.input(1)) {
            return null;
        }
        PlanNode best = null;
        for (int k = 0; k < 2; k++) {
            PlanNode p = n.input(k);
            if (!p.isLeaf() && p.op() instanceof MatMul && !ctx.isOutput(p) && p.dtype() == n.dtype()
                    && p.input(0).shape().rank() == 2 && p.input(1).shape().rank() == 2 && ctx.uses(p) == 1
                    && (best == null || p.id() > best.id())) {
                best = p;
            }
        }
        return best;
    }

    /** {@code out = x + op(A) op(B)} as a GEMM with beta = 1 onto x. */
    private static PlanNode accumulate(RewriteContext ctx, PlanNode n, PlanNode product, PlanNode x) {
        MatMul mm = (MatMul) product.op();
        Shape a = product.input(0).shape();
        int k = mm.transA() ? a.dim(0) : a.dim(1);
        MatMulEpilogue op = new MatMulEpilogue(mm.transA(), mm.transB(), true, null, new int[0], n.dtype(),
                n.shape().dim(0), n.shape().dim(1), k, 3);
        return ctx.fuse(op, List.of(product, n), product.input(0), product.input(1), x);
    }

    /** Adds the elementwise inputs only the group reads, until none is left. */
    private static void grow(RewriteContext ctx, Set<PlanNode> members, PlanNode root) {
        boolean grew = true;
        while (grew) {
            grew = false;
            for (PlanNode m : new ArrayList<>(members)) {
                for (PlanNode p : ProgramBuilder.readOperands(m)) {
                    if (members.contains(p) || !ProgramBuilder.isElementwise(p) || ctx.isOutput(p)
                            || p.dtype() != root.dtype() || !p.shape().equals(root.shape())
                            || !readable(p, root.shape()) || !members.containsAll(ctx.consumers(p))) {
                        continue;
                    }
                    members.add(p);
                    grew = true;
                }
            }
        }
    }

    /** Whether a program of shape {@code out} can read every operand {@code n} reads. */
    private static boolean readable(PlanNode n, Shape out) {
        for (PlanNode p : ProgramBuilder.readOperands(n)) {
            if (p.dtype() != n.dtype() || Access.of(p, out) == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean readsSlice(PlanNode n) {
        for (PlanNode p : ProgramBuilder.readOperands(n)) {
            if (p.op() instanceof Slice && !p.isLeaf() && ((Slice) p.op()).isBlock()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A 2-D matrix product of the group's shape that only the group reads, and reads whole: the
     * last such in evaluation order (an earlier one may then be the accumulator); null if none.
     */
    private static PlanNode product(RewriteContext ctx, Set<PlanNode> members, PlanNode root,
            Map<PlanNode, Integer> position) {
        PlanNode best = null;
        for (PlanNode m : members) {
            for (PlanNode p : ProgramBuilder.readOperands(m)) {
                if (members.contains(p) || p.isLeaf() || !(p.op() instanceof MatMul) || ctx.isOutput(p)
                        || p.input(0).shape().rank() != 2 || p.input(1).shape().rank() != 2
                        || p.dtype() != root.dtype() || !p.shape().equals(root.shape())
                        || !members.containsAll(ctx.consumers(p))) {
                    continue;
                }
                if (best == null || position.get(p) > position.get(best)) {
                    best = p;
                }
            }
        }
        return best;
    }

    private static PlanNode elementwise(RewriteContext ctx, List<PlanNode> sorted, PlanNode root) {
        ProgramBuilder b = new ProgramBuilder(root.shape());
        for (PlanNode m : sorted) {
            b.add(m);
        }
        Program program = b.build();
        List<PlanNode> sources = b.sources();
        List<Shape> shapes = new ArrayList<>();
        for (PlanNode s : sources) {
            shapes.add(s.shape());
        }
        FusedElementwise op = new FusedElementwise(program, root.dtype(), root.shape(), shapes);
        return ctx.fuse(op, sorted, sources.toArray(new PlanNode[0]));
    }

    private static PlanNode epilogue(RewriteContext ctx, List<PlanNode> sorted, PlanNode root, PlanNode product) {
        ProgramBuilder b = new ProgramBuilder(root.shape());
        for (PlanNode m : sorted) {
            b.add(m);
        }
        int c = b.alignedInput(product);
        if (c < 0) {
            return null;
        }
        int x = b.foldAccumulation(c);
        Program program = b.isEmpty() ? null : b.build();
        List<PlanNode> sources = b.sources();
        List<PlanNode> inputs = new ArrayList<>();
        inputs.add(product.input(0));
        inputs.add(product.input(1));
        if (x >= 0) {
            inputs.add(sources.get(x));
        }
        int[] map = new int[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            if (i == c) {
                map[i] = Program.OUT;
            } else if (i == x) {
                map[i] = 2;
            } else {
                map[i] = inputs.size();
                inputs.add(sources.get(i));
            }
        }
        MatMul mm = (MatMul) product.op();
        Shape a = product.input(0).shape();
        int m = root.shape().dim(0);
        int n = root.shape().dim(1);
        int k = mm.transA() ? a.dim(0) : a.dim(1);
        MatMulEpilogue op = new MatMulEpilogue(mm.transA(), mm.transB(), x >= 0, program, map, root.dtype(), m, n, k,
                inputs.size());
        List<PlanNode> group = new ArrayList<>(sorted);
        group.add(0, product);
        return ctx.fuse(op, group, inputs.toArray(new PlanNode[0]));
    }
}
