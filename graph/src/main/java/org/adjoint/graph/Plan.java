package org.adjoint.graph;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A compiled schedule for fixed outputs and fixed feed shapes. Compilation runs in phases, each a
 * method below, so that later phases (rewrites, fusion) can slot in between:
 * <ol>
 *   <li>{@link Template}: the needed nodes in topological order, {@link Op#modeAlias mode
 *       aliases} resolved for the template's {@link RunMode} (the branch a mode does not take is
 *       never computed) and the values of the state updates ({@link Graph#addUpdate}) whose
 *       trigger it computes;</li>
 *   <li>{@link #typeNodes}: concrete types for the fed shapes;</li>
 *   <li>{@link #prepareKernels}: {@link Op#prepare} once per compute node, giving its
 *       {@link OpKernel} and its {@link Scratch} declarations;</li>
 *   <li>{@link #assignBuffers}: buffers assigned by liveness (a buffer is reused once its last
 *       reader has run), scratch slots sized for their largest user.</li>
 * </ol>
 * Runs borrow a {@link Workspace} (buffers, scratch, argument arrays) from a pool, so concurrent
 * runs never share memory and a steady-state run allocates nothing but the copies of the
 * outputs it returns (none with a consumer). A kernel's exception is rethrown naming the op and
 * the node.
 *
 * <p>Where a graph optimizer slots in: rewrites (dead nodes, common subexpressions, identities)
 * act on the typed schedule between phases 2 and 3 ({@code order}, {@code types},
 * {@code inputPos}); a fused group of elementwise nodes becomes one position whose
 * {@link OpKernel} reads the group's outside inputs and writes its last node's buffer, prepared
 * with a {@link PrepareContext} built for that position; in-place execution is a buffer
 * assignment in phase 4 (an input's buffer reused for the output when the input dies there and
 * the kernel allows it); the peak-memory figure is the largest sum of live buffer sizes over
 * the positions of phase 4, plus the scratch slots.
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
        private volatile Plan last;             // the plan of the previous run: checked first

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
                List<Graph.Update> registered = graph.updates();
                List<Graph.Update> pending = new ArrayList<>(registered);
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
                applied.sort((a, b) -> registered.indexOf(a) - registered.indexOf(b));
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

        /** The plan for these feeds' shapes; compiles it on first use. */
        Plan plan(Feeds feeds) {
            Plan p = last;
            if (p != null && p.accepts(feeds)) {
                return p;       // steady state: no key, no allocation
            }
            int[][] dims = new int[placeholders.length][];
            for (int i = 0; i < placeholders.length; i++) {
                Node ph = placeholders[i];
                Tensor v = feeds.get(ph);
                if (v == null) {
                    throw new IllegalArgumentException("missing feed for placeholder '" + ph.name() + "' (" + ph.type()
                            + "), needed to compute " + names(outputs));
                }
                if (v.dtype() != ph.dtype() || !ph.shape().isCompatibleWith(v.shape())) {
                    throw new IllegalArgumentException("feed for placeholder '" + ph.name() + "' has type " + v.type()
                            + ", expected " + ph.type());
                }
                dims[i] = v.shape().dims();
            }
            p = plans.computeIfAbsent(new ShapeKey(dims), k -> new Plan(this, feeds));
            last = p;
            return p;
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
    private final Node[] placeholders;
    private final int[] placeholderPos;    // per needed placeholder: its position in order
    private final TensorType[] types;      // per position in order
    private final int[] leafKind;          // per leaf position, else -1
    private final int[][] inputPos;        // per compute position: positions of its inputs
    private final OpKernel[] kernels;      // per compute position
    private final List<List<Scratch>> scratchOf = new ArrayList<>(); // per position: declared scratch
    private final int[] bufferOf;          // per compute position: buffer index
    private final TensorType[] bufferTypes;
    private final int[][] scratchSizes;    // per dtype ordinal: size of each scratch slot
    private final int[] outputPos;
    private final Graph.Update[] updates;
    private final int[] updatePos;         // per update: position of its value
    private final AtomicReference<Workspace> spare = new AtomicReference<>();
    private final ArrayDeque<Workspace> pool = new ArrayDeque<>();   // guarded by itself

    private Plan(Template template, Feeds feeds) {
        this.outputs = template.outputs;
        this.mode = template.mode;
        this.order = template.order;
        this.placeholders = template.placeholders;
        this.updates = template.updates;
        int n = order.length;
        int[] posOf = new int[n == 0 ? 0 : order[n - 1].id() + 1];   // node id -> position, -1 if not needed
        Arrays.fill(posOf, -1);
        for (int i = 0; i < n; i++) {
            posOf[order[i].id()] = i;
        }
        placeholderPos = new int[placeholders.length];
        for (int k = 0; k < placeholders.length; k++) {
            placeholderPos[k] = posOf[placeholders[k].id()];
        }
        types = new TensorType[n];
        leafKind = new int[n];
        inputPos = new int[n][];
        kernels = new OpKernel[n];
        typeNodes(feeds, posOf);
        prepareKernels();
        outputPos = new int[outputs.size()];
        BitSet isOutput = new BitSet();
        for (int k = 0; k < outputPos.length; k++) {
            outputPos[k] = posOf[template.resolvedOutputs[k].id()];
            isOutput.set(outputPos[k]);
        }
        updatePos = new int[updates.length];
        for (int k = 0; k < updates.length; k++) {
            updatePos[k] = posOf[resolve(updates[k].value(), mode).id()];
            isOutput.set(updatePos[k]);
        }
        bufferOf = new int[n];
        bufferTypes = assignBuffers(isOutput);
        scratchSizes = sizeScratch();
    }

    /** Phase 2: every node's concrete type for the fed shapes, and the positions of its inputs. */
    private void typeNodes(Feeds feeds, int[] posOf) {
        for (int i = 0; i < order.length; i++) {
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
                    ins[j] = posOf[resolve(node.input(j), mode).id()];
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
    }

    /** Phase 3: each compute node's kernel, prepared once for its concrete types. */
    private void prepareKernels() {
        for (int i = 0; i < order.length; i++) {
            if (inputPos[i] == null) {
                scratchOf.add(List.of());
                continue;
            }
            Node node = order[i];
            TensorType[] inTypes = new TensorType[inputPos[i].length];
            for (int j = 0; j < inTypes.length; j++) {
                inTypes[j] = types[inputPos[i][j]];
            }
            PrepareContext ctx = new PrepareContext(node.op().name(), node.name(), inTypes, types[i], mode);
            OpKernel k;
            try {
                k = node.op().prepare(ctx);
            } catch (RuntimeException e) {
                throw named(node.op().name(), node.name(), e, "prepare failed");
            }
            if (k == null) {
                throw new IllegalStateException(node.op().name() + " '" + node.name() + "': prepare returned null");
            }
            kernels[i] = k;
            scratchOf.add(ctx.declaredScratch());
        }
    }

    /**
     * Phase 4: a buffer per compute node, reusing a freed buffer of equal dtype and size once the
     * last reader of its previous value has run; outputs and update values are never released.
     */
    private TensorType[] assignBuffers(BitSet isOutput) {
        int n = order.length;
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < n; i++) {
            if (inputPos[i] != null) {
                for (int j : inputPos[i]) {
                    lastUse[j] = i;
                }
            }
        }
        Arrays.fill(bufferOf, -1);
        List<TensorType> buffers = new ArrayList<>();
        Long2ObjectOpenHashMap<IntArrayList> free = new Long2ObjectOpenHashMap<>();
        IntArrayList[] releaseAt = new IntArrayList[n];
        for (int i = 0; i < n; i++) {
            if (inputPos[i] == null) {
                continue;
            }
            IntArrayList q = free.get(bufferKey(types[i]));
            int b;
            if (q != null && !q.isEmpty()) {
                b = q.removeInt(q.size() - 1);
            } else {
                b = buffers.size();
                buffers.add(new TensorType(types[i].dtype(), Shape.of(types[i].shape().size())));
            }
            bufferOf[i] = b;
            if (!isOutput.get(i) && lastUse[i] >= 0) {
                if (releaseAt[lastUse[i]] == null) {
                    releaseAt[lastUse[i]] = new IntArrayList(2);
                }
                releaseAt[lastUse[i]].add(i);
            }
            // inputs whose last reader is this node become free after it runs
            if (releaseAt[i] != null) {
                for (int k = 0; k < releaseAt[i].size(); k++) {
                    int j = releaseAt[i].getInt(k);
                    free.computeIfAbsent(bufferKey(types[j]), x -> new IntArrayList()).add(bufferOf[j]);
                }
            }
        }
        return buffers.toArray(new TensorType[0]);
    }

    /** Buffers of one dtype and element count are interchangeable. */
    private static long bufferKey(TensorType t) {
        return ((long) t.shape().size() << 3) | t.dtype().ordinal();
    }

    /** Per dtype, the size of each scratch slot: the largest declaration any node makes for it. */
    private int[][] sizeScratch() {
        int[][] sizes = new int[DType.values().length][0];
        for (List<Scratch> declared : scratchOf) {
            for (Scratch s : declared) {
                int d = s.dtype().ordinal();
                if (sizes[d].length <= s.slot()) {
                    sizes[d] = Arrays.copyOf(sizes[d], s.slot() + 1);
                }
                sizes[d][s.slot()] = Math.max(sizes[d][s.slot()], s.size());
            }
        }
        return sizes;
    }

    /** Whether {@code feeds} has, for every needed placeholder, a tensor of the type this plan was compiled for. */
    boolean accepts(Feeds feeds) {
        for (int k = 0; k < placeholders.length; k++) {
            Tensor v = feeds.get(placeholders[k]);
            TensorType t = types[placeholderPos[k]];
            if (v == null || v.dtype() != t.dtype() || !v.shape().equals(t.shape())) {
                return false;
            }
        }
        return true;
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
    void run(Feeds feeds, long randomStep, Consumer<Outputs> consumer) {
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

    /** A workspace nobody else uses: the spare one, a pooled one, or a new one. */
    private Workspace borrow() {
        Workspace ws = spare.getAndSet(null);
        if (ws != null) {
            return ws;
        }
        synchronized (pool) {
            ws = pool.poll();
        }
        return ws != null ? ws : new Workspace();
    }

    private void release(Workspace ws) {
        ws.clearLeaves();
        if (!spare.compareAndSet(null, ws)) {
            synchronized (pool) {
                pool.push(ws);
            }
        }
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
                    try {
                        kernels[i].run(args, values[i], ws.context);
                    } catch (RuntimeException e) {
                        throw named(order[i].op().name(), order[i].name(), e, "failed at run time");
                    }
            }
        }
    }

    /**
     * {@code e} with the op and node prepended to its message ({@code <op> '<node>': <detail>}),
     * keeping {@link IllegalArgumentException} (bad values) apart from other failures
     * ({@link IllegalStateException}); {@code e} itself if its message already starts so.
     */
    static RuntimeException named(String op, String node, RuntimeException e, String what) {
        String prefix = op + " '" + node + "': ";
        String msg = e.getMessage();
        if (msg != null && msg.startsWith(prefix)) {
            return e;
        }
        if (e instanceof ShapeException) {
            return new ShapeException(prefix + msg, e);
        }
        if (e instanceof IllegalArgumentException) {
            return new IllegalArgumentException(prefix + msg, e);
        }
        return new IllegalStateException(prefix + what + ": " + e, e);
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

    /** The run context of one workspace: the step is set per run; scratch arrays by dtype and slot. */
    private static final class Context implements RunContext {
        private final RunMode mode;
        private final Object[][] scratch;
        long randomStep;

        Context(RunMode mode, Object[][] scratch) {
            this.mode = mode;
            this.scratch = scratch;
        }

        @Override
        public RunMode mode() {
            return mode;
        }

        @Override
        public long randomStep() {
            return randomStep;
        }

        @Override
        public Object scratch(Scratch s) {
            Object[] byDType = scratch[s.dtype().ordinal()];
            if (s.slot() >= byDType.length) {
                throw new IllegalStateException(s + " was not declared when the plan was prepared");
            }
            return byDType[s.slot()];
        }
    }

    /** One run's buffers, scratch and argument arrays. */
    private final class Workspace {
        final Tensor[] values = new Tensor[order.length];
        final Tensor[][] args = new Tensor[order.length][];
        final Context context;
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
            Object[][] scratch = new Object[scratchSizes.length][];
            for (int d = 0; d < scratch.length; d++) {
                scratch[d] = new Object[scratchSizes[d].length];
                for (int s = 0; s < scratch[d].length; s++) {
                    scratch[d][s] = Scratch.allocate(DType.values()[d], scratchSizes[d][s]);
                }
            }
            context = new Context(mode, scratch);
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
