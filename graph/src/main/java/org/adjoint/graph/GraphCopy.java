package org.adjoint.graph;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A copy of the part of a graph that some roots need, in a new graph, with every F32 leaf
 * (placeholder, variable value, constant) turned into F64. Compute nodes are rebuilt with
 * {@link Op#widenedToF64()}: the op itself, except for ops with an F32 output-type attribute. Variable values are copied: the copy never touches the
 * original's state. Gradient checking runs on such a copy.
 */
public final class GraphCopy {

    private final Graph graph = new Graph();
    private final Graph source;
    private final Int2ObjectOpenHashMap<Node> map = new Int2ObjectOpenHashMap<>();   // original id -> copy

    private GraphCopy(Graph source) {
        this.source = source;
    }

    /** Copies the nodes {@code roots} depend on, widening F32 to F64. */
    public static GraphCopy toF64(List<Node> roots) {
        GraphCopy c = new GraphCopy(roots.isEmpty() ? null : roots.get(0).graph());
        BitSet seen = new BitSet();
        ArrayDeque<Node> stack = new ArrayDeque<>(roots);
        List<Node> needed = new ArrayList<>();
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (!seen.get(n.id())) {
                seen.set(n.id());
                needed.add(n);
                for (int i = 0; i < n.inputCount(); i++) {
                    stack.push(n.input(i));
                }
            }
        }
        needed.sort((a, b) -> Integer.compare(a.id(), b.id()));
        for (Node n : needed) {
            c.map.put(n.id(), c.copy(n));
        }
        return c;
    }

    private Node copy(Node n) {
        Op op = n.op();
        if (op instanceof Placeholder) {
            return graph.placeholder(n.name(), widen(n.dtype()), n.shape());
        }
        if (op instanceof Variable) {
            return graph.variable(n.name(), n.value().cast(widen(n.dtype())));
        }
        if (op instanceof Constant) {
            return graph.constant(n.name(), n.value().cast(widen(n.dtype())));
        }
        Node[] inputs = new Node[n.inputCount()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = map.get(n.input(i).id());
        }
        return graph.apply(op.widenedToF64(), n.name(), inputs);
    }

    private static DType widen(DType t) {
        return t == DType.F32 ? DType.F64 : t;
    }

    /** The new graph. */
    public Graph graph() {
        return graph;
    }

    /** The copy of {@code original}; throws if it was not needed by the roots. */
    public Node get(Node original) {
        Node n = original.graph() == source ? map.get(original.id()) : null;
        if (n == null) {
            throw new IllegalArgumentException("node '" + original.name() + "' is not part of the copied subgraph");
        }
        return n;
    }

    /** Whether {@code original} was copied. */
    public boolean contains(Node original) {
        return original.graph() == source && map.containsKey(original.id());
    }
}
