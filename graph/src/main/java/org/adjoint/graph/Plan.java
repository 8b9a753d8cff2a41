package org.adjoint.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A compiled schedule for fixed outputs and fixed feed shapes: the needed nodes in topological
 * order with concrete types, and buffers assigned by liveness (a buffer is reused once its last
 * reader has run). Runs borrow a {@link Workspace} from a pool, so concurrent runs never share
 * buffers and a steady-state run allocates only the returned output copies.
 *
 * <p>A template resolves {@link Op#modeAlias mode aliases} for its {@link RunMode}, so the
 * branch a mode does not take is never computed, and includes the values of the state updates
 * ({@link Graph#addUpdate}) whose trigger it computes; they are applied after the run.
 */
final class Plan {

    /** The needed nodes of one output list in one mode; compiles a plan per feed-shape signature. */
    static final class Template {
        private final List<Node> outputs;
        private final RunMode mode;
        private final Node[] resolvedOutputs;   // outputs with mode aliases resolved
        private final Node[] order;             // needed nodes, ascending id (topological)
        private final Node[] placeholders;      // needed placeholders, ascending id
        private final Graph.Update[] updates;   // updates this template applies, registration order
        private final ConcurrentHashMap<ShapeKey, Plan> plans = new ConcurrentHashMap<>();

        Template(Graph graph, List<Node> outputs, RunOptions options) {
            this.outputs = outputs;
            this.mode = options.mode();
            resolvedOutputs = new Node[outputs.size()];
            for (int k = 0; k < resolvedOutputs.length; k++) {
                resolvedOutputs[k] = resolve(outputs.get(k), mode);
            }
            BitSet seen = new BitSet();
            List<Node> needed = new ArrayList<>();
            collect(Arrays.asList(resolvedOutputs), seen, needed);
            List<Graph.Update> applied = new ArrayList<>();
            if (options.updates()) {
                List<Graph.Update> pending = new ArrayList<>(graph.updates());
                boolean grew = true;
                while (grew) {      // an update's value may compute another update's trigger
                    grew = false;
                    for (var it = pending.iterator(); it.hasNext();) {
                        Graph.Update u = it.next();
                        if (seen.get(resolve(u.trigger(), mode).id())) {
                            it.remove();
                            applied.add(u);
                            collect(List.of(resolve(u.value(), mode)), seen, needed);
                            grew = true;
                        }
                    }
                }
                applied.sort((a, b) -> graph.updates().indexOf(a) - graph.updates().indexOf(b));
            }
            updates = applied.toArray(new Graph.Update[0]);
            needed.sort((a, b) -> Integer.compare(a.id(), b.id()));
            order = needed.toArray(new Node[0]);
            placeholders = needed.stream().filter(Node::isPlaceholder).toArray(Node[]::new);
        }

        /** Adds the nodes {@code roots} need (mode aliases resolved) to {@code needed}. */
        private void collect(List<Node> roots, BitSet seen, List<Node> needed) {
            ArrayDeque<Node> stack = new ArrayDeque<>(roots);
            while (!stack.isEmpty()) {
                Node n = stack.pop();
                if (seen.get(n.id())) {
                    continue;
                }
                seen.set(n.id());
                needed.add(n);
                for (int i = 0; i < n.inputCount(); i++) {
                    stack.push(resolve(n.input(i), mode));
                }
            }
        }

        Node[] placeholders() {
            return placeholders;
        }

        int planCount() {
            return plans.size();
        }

        Plan plan(Feeds feeds) {
            int[][] dims = new int[placeholders.length][];
            for (int i = 0; i < placeholders.length; i++) {
                Node p = placeholders[i];
                Tensor v = feeds.get(p);
                if (v == null) {
                    throw new IllegalArgumentException("missing feed for placeholder '" + p.name() + "' (" + p.type()
                            + "), needed to compute " + names(outputs));
                }
                if (v.dtype() != p.dtype() || !p.shape().isCompatibleWith(v.shape())) {
                    throw new IllegalArgumentException("feed for placeholder '" + p.name() + "' has type " + v.type()
                            + ", expected " + p.type());
                }
                dims[i] = v.shape().dims();
            }
            return plans.computeIfAbsent(new ShapeKey(dims), k -> new Plan(this, feeds));
        }
    }

    /** The node {@code n} stands for in {@code mode}: follows {@link Op#modeAlias} to a computing node. */
    static Node resolve(Node n, RunMode mode) {
        int k;
        while ((k = n.op().modeAlias(mode)) >= 0) {
            n = n.input(k);
        }
        return n;
    }

    /** Feed shapes, compared by value. */
    private static final class ShapeKey {
        private final int[][] dims;
        private final int hash;

        ShapeKey(int[][] dims) {
            this.dims = dims;
            this.hash = Arrays.deepHashCode(dims);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShapeKey && Arrays.deepEquals(dims, ((ShapeKey) o).dims);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final int FEED = 0;
    private static final int VARIABLE = 1;
    private static final int CONSTANT = 2;

    private final List<Node> outputs;
    private final RunMode mode;
    private final Node[] order;
    private final TensorType[] types;      // per position in order
    private final int[] leafKind;          // per leaf position, else -1
    private final int[][] inputPos;        // per compute position: positions of its inputs
    private final int[] bufferOf;          // per compute position: buffer index
    private final TensorType[] bufferTypes;
    private final int[] outputPos;
    private final Graph.Update[] updates;
    private final int[] updatePos;         // per update: position of its value
    private final ConcurrentLinkedQueue<Workspace> pool = new ConcurrentLinkedQueue<>();

    private Plan(Template template, Feeds feeds) {
        this.outputs = template.outputs;
        this.mode = template.mode;
        this.order = template.order;
        this.updates = template.updates;
        int n = order.length;
        Map<Node, Integer> pos = new HashMap<>();
        for (int i = 0; i < n; i++) {
            pos.put(order[i], i);
        }
        types = new TensorType[n];
        leafKind = new int[n];
        inputPos = new int[n][];
        // type every node with concrete shapes
        for (int i = 0; i < n; i++) {
            Node node = order[i];
            leafKind[i] = -1;
            if (node.isPlaceholder()) {
                leafKind[i] = FEED;
                types[i] = feeds.get(node).type();
            } else if (node.isVariable()) {
                leafKind[i] = VARIABLE;
                types[i] = node.value().type();
            } else if (node.op() instanceof Constant) {
                leafKind[i] = CONSTANT;
                types[i] = node.value().type();
            } else {
                int[] ins = new int[node.inputCount()];
                TensorType[] inTypes = new TensorType[ins.length];
                for (int j = 0; j < ins.length; j++) {
                    ins[j] = pos.get(resolve(node.input(j), mode));
                    inTypes[j] = types[ins[j]];
                }
                inputPos[i] = ins;
                TensorType t = node.op().infer(inTypes, new OpContext(node.op().name(), node.name()));
                if (!t.shape().isKnown()) {
                    throw new ShapeException(node.op().name() + " '" + node.name() + "': output shape " + t.shape()
                            + " is not fully known with the fed shapes");
                }
                types[i] = t;
            }
        }
        // liveness: last reader of each position
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < n; i++) {
            if (inputPos[i] != null) {
                for (int j : inputPos[i]) {
                    lastUse[j] = i;
                }
            }
        }
        outputPos = new int[outputs.size()];
        BitSet isOutput = new BitSet();
        for (int k = 0; k < outputPos.length; k++) {
            outputPos[k] = pos.get(template.resolvedOutputs[k]);
            isOutput.set(outputPos[k]);
        }
        updatePos = new int[updates.length];
        for (int k = 0; k < updates.length; k++) {
            updatePos[k] = pos.get(resolve(updates[k].value(), mode));
            isOutput.set(updatePos[k]);
        }
        // assign buffers, reusing freed ones of equal dtype and size
        bufferOf = new int[n];
        Arrays.fill(bufferOf, -1);
        List<TensorType> buffers = new ArrayList<>();
        Map<String, ArrayDeque<Integer>> free = new HashMap<>();
        List<List<Integer>> releaseAt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            releaseAt.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            if (inputPos[i] != null) {
                String key = types[i].dtype() + ":" + types[i].shape().size();
                ArrayDeque<Integer> q = free.get(key);
                int b;
                if (q != null && !q.isEmpty()) {
                    b = q.pop();
                } else {
                    b = buffers.size();
                    buffers.add(new TensorType(types[i].dtype(), Shape.of(types[i].shape().size())));
                }
                bufferOf[i] = b;
                if (!isOutput.get(i) && lastUse[i] >= 0) {
                    releaseAt.get(lastUse[i]).add(i);
                }
                // inputs whose last reader is this node become free after it runs
                for (int j : releaseAt.get(i)) {
                    free.computeIfAbsent(types[j].dtype() + ":" + types[j].shape().size(), x -> new ArrayDeque<>())
                            .push(bufferOf[j]);
                }
            }
        }
        bufferTypes = buffers.toArray(new TensorType[0]);
    }

    /** Runs the plan and returns copies of the outputs. */
    Outputs run(Feeds feeds, long randomStep) {
        Workspace ws = borrow();
        try {
            execute(ws, feeds, randomStep);
            Tensor[] out = new Tensor[outputPos.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = ws.values[outputPos[k]].copy();
            }
            applyUpdates(ws);
            return new Outputs(outputs, out);
        } finally {
            release(ws);
        }
    }

    /** Runs the plan and hands the outputs, without copying, to {@code consumer}. */
    void run(Feeds feeds, long randomStep, java.util.function.Consumer<Outputs> consumer) {
        Workspace ws = borrow();
        try {
            execute(ws, feeds, randomStep);
            for (int k = 0; k < outputPos.length; k++) {
                ws.outputValues[k] = ws.values[outputPos[k]];
            }
            consumer.accept(ws.outputs);
            applyUpdates(ws);
        } finally {
            Arrays.fill(ws.outputValues, null);
            release(ws);
        }
    }

    private Workspace borrow() {
        Workspace ws = pool.poll();
        return ws != null ? ws : new Workspace();
    }

    private void release(Workspace ws) {
        ws.clearLeaves();
        pool.offer(ws);
    }

    private void execute(Workspace ws, Feeds feeds, long randomStep) {
        ws.context.randomStep = randomStep;
        Tensor[] values = ws.values;
        for (int i = 0; i < order.length; i++) {
            switch (leafKind[i]) {
                case FEED:
                    values[i] = feeds.get(order[i]);
                    break;
                case VARIABLE:
                case CONSTANT:
                    Tensor v = order[i].value();
                    if (v.dtype() != types[i].dtype() || !v.shape().equals(types[i].shape())) {
                        throw new IllegalStateException("variable '" + order[i].name() + "' changed type from "
                                + types[i] + " to " + v.type());
                    }
                    values[i] = v;
                    break;
                default:
                    Tensor[] args = ws.args[i];
                    int[] ins = inputPos[i];
                    for (int j = 0; j < ins.length; j++) {
                        args[j] = values[ins[j]];
                    }
                    order[i].op().forward(args, values[i], ws.context);
            }
        }
    }

    /** Copies each update's value into its variable, in registration order. */
    private void applyUpdates(Workspace ws) {
        for (int k = 0; k < updates.length; k++) {
            Tensor target = updates[k].variable().value();
            Tensor value = ws.values[updatePos[k]];
            if (value != target) {
                target.copyFrom(value);
            }
        }
    }

    /** The run context of one workspace; the step is set per run. */
    private static final class Context implements RunContext {
        private final RunMode mode;
        long randomStep;

        Context(RunMode mode) {
            this.mode = mode;
        }

        @Override
        public RunMode mode() {
            return mode;
        }

        @Override
        public long randomStep() {
            return randomStep;
        }
    }

    /** One run's buffers and argument arrays. */
    private final class Workspace {
        final Tensor[] values = new Tensor[order.length];
        final Tensor[][] args = new Tensor[order.length][];
        final Context context = new Context(mode);
        final Tensor[] outputValues = new Tensor[outputPos.length];
        final Outputs outputs = new Outputs(Plan.this.outputs, outputValues);

        Workspace() {
            Tensor[] buffers = new Tensor[bufferTypes.length];
            for (int b = 0; b < buffers.length; b++) {
                buffers[b] = Tensor.zeros(bufferTypes[b]);
            }
            for (int i = 0; i < order.length; i++) {
                if (inputPos[i] != null) {
                    values[i] = buffers[bufferOf[i]].reshape(types[i].shape());
                    args[i] = new Tensor[inputPos[i].length];
                }
            }
        }

        /** Drops references to caller-owned tensors so a pooled workspace does not retain them. */
        void clearLeaves() {
            for (int i = 0; i < order.length; i++) {
                if (leafKind[i] >= 0) {
                    values[i] = null;
                }
                if (args[i] != null) {
                    Arrays.fill(args[i], null);
                }
            }
        }
    }

    static String names(List<Node> nodes) {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes) {
            sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(n.name()).append('\'');
        }
        return sb.toString();
    }
}
