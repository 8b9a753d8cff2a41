package org.adjoint.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.adjoint.graph.compile.CompileOptions;
import org.adjoint.graph.compile.Compiler;
import org.adjoint.graph.compile.MemoryPlan;
import org.adjoint.graph.compile.PlanGraph;
import org.adjoint.graph.compile.PlanInfo;
import org.adjoint.graph.compile.PlanNode;
import org.adjoint.graph.compile.PlanStats;

/**
 * A compiled schedule for fixed outputs and fixed feed shapes. Compilation runs in phases:
 * <ol>
 *   <li>{@link Template}: the needed nodes in topological order, {@link Op#modeAlias mode
 *       aliases} resolved for the template's {@link RunMode} (the branch a mode does not take is
 *       never computed) and the values of the state updates ({@link Graph#addUpdate}) whose
 *       trigger it computes;</li>
 *   <li>{@link PlanGraph#build}: plan nodes with concrete types for the fed shapes (the user's
 *       type rules, so shape errors name the user's nodes);</li>
 *   <li>{@link Compiler#optimize}: rewrite rules, common subexpressions, constant folding and
 *       fusion passes as the session's {@link CompileOptions} allow; the user's graph is not
 *       changed;</li>
 *   <li>{@link #prepareKernels}: {@link Op#prepare} once per compute node, giving its
 *       {@link OpKernel}, its {@link Scratch} declarations and whether it may run in place or
 *       as a view;</li>
 *   <li>{@link MemoryPlan}: buffers assigned by liveness (a buffer is reused once its last
 *       reader has run), views and in-place steps, the live bytes of every step; scratch slots
 *       sized for their largest user.</li>
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
        private final CompileOptions compile;
        private final Node[] resolvedOutputs;   // outputs with mode aliases resolved
        private final Node[] order;             // needed nodes, ascending id (topological)
        private final Node[] placeholders;      // needed placeholders, ascending id
        private final Graph.Update[] updates;   // updates this template applies, registration order
        private final ConcurrentHashMap<ShapeKey, Plan> plans = new ConcurrentHashMap<>();
        private volatile Plan last;             // the plan of the previous run: checked first

        Template(Graph graph, List<Node> outputs, RunOptions options, CompileOptions compile) {
            this.outputs = outputs;
            this.mode = options.mode();
            this.compile = compile;
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
    private static final int KERNEL = 3;
    private static final int VIEW = 4;

    private final List<Node> outputs;
    private final RunMode mode;
    private final Node[] placeholders;
    private final TensorType[] placeholderTypes; // per needed placeholder: the fed type this plan is for
    private final PlanNode[] steps;        // evaluation order
    private final int[] kind;              // per step
    private final TensorType[] types;      // per step
    private final Tensor[] constants;      // per constant step: its value
    private final int[][] inputPos;        // per compute step: positions of its inputs
    private final OpKernel[] kernels;      // per kernel step
    private final List<List<Scratch>> scratchOf = new ArrayList<>(); // per step: declared scratch
    private final MemoryPlan memory;
    private final TensorType[] bufferTypes;
    private final int[][] scratchSizes;    // per dtype ordinal: size of each scratch slot
    private final int[] outputPos;
    private final Graph.Update[] updates;
    private final int[] updatePos;         // per update: position of its value
    private final PlanGraph graph;         // kept for plan descriptions
    private final CompileOptions options;
    private final AtomicReference<Workspace> spare = new AtomicReference<>();
    private final ArrayDeque<Workspace> pool = new ArrayDeque<>();   // guarded by itself

    private Plan(Template template, Feeds feeds) {
        this.outputs = template.outputs;
        this.mode = template.mode;
        this.placeholders = template.placeholders;
        this.updates = template.updates;
        this.options = template.compile;
        placeholderTypes = new TensorType[placeholders.length];
        for (int k = 0; k < placeholders.length; k++) {
            placeholderTypes[k] = feeds.get(placeholders[k]).type();
        }
        Node[] updateValues = new Node[updates.length];
        for (int k = 0; k < updates.length; k++) {
            updateValues[k] = resolve(updates[k].value(), mode);
        }
        // phases 1-2: plan nodes typed for the fed shapes (errors name the user's nodes), rewritten
        graph = PlanGraph.build(template.order, template.resolvedOutputs, updateValues, mode, n -> resolve(n, mode),
                n -> feeds.get(n).type());
        Compiler.optimize(graph, options);
        steps = graph.nodes().toArray(new PlanNode[0]);
        int n = steps.length;
        int[] posOf = new int[n == 0 ? 0 : maxId(steps) + 1];
        for (int i = 0; i < n; i++) {
            posOf[steps[i].id()] = i;
        }
        kind = new int[n];
        types = new TensorType[n];
        constants = new Tensor[n];
        inputPos = new int[n][];
        kernels = new OpKernel[n];
        for (int i = 0; i < n; i++) {
            PlanNode p = steps[i];
            types[i] = p.type();
            switch (p.kind()) {
                case FEED: kind[i] = FEED; break;
                case VARIABLE: kind[i] = VARIABLE; break;
                case CONSTANT: kind[i] = CONSTANT; constants[i] = p.value(); break;
                default:
                    kind[i] = KERNEL;
                    inputPos[i] = new int[p.inputCount()];
                    for (int j = 0; j < inputPos[i].length; j++) {
                        inputPos[i][j] = posOf[p.input(j).id()];
                    }
            }
        }
        outputPos = new int[outputs.size()];
        boolean[] isOutput = new boolean[n];
        for (int k = 0; k < outputPos.length; k++) {
            outputPos[k] = posOf[graph.output(k).id()];
            isOutput[outputPos[k]] = true;
        }
        updatePos = new int[updates.length];
        for (int k = 0; k < updates.length; k++) {
            updatePos[k] = posOf[graph.output(outputPos.length + k).id()];
            isOutput[updatePos[k]] = true;
        }
        // phase 3: kernels
        List<MemoryPlan.Step> facts = prepareKernels(isOutput);
        // phase 4: buffers (views, in place, reuse by liveness) and scratch slots
        memory = new MemoryPlan(facts, options.enabled(CompileOptions.VIEWS), options.enabled(CompileOptions.IN_PLACE));
        bufferTypes = memory.buffers();
        for (int i = 0; i < n; i++) {
            if (memory.isView(i)) {
                kind[i] = VIEW;
            }
        }
        scratchSizes = sizeScratch();
    }

    private static int maxId(PlanNode[] nodes) {
        int m = 0;
        for (PlanNode p : nodes) {
            m = Math.max(m, p.id());
        }
        return m;
    }

    /** Phase 3: each compute node's kernel, prepared once for its concrete types; the facts the memory plan needs. */
    private List<MemoryPlan.Step> prepareKernels(boolean[] isOutput) {
        List<MemoryPlan.Step> facts = new ArrayList<>(steps.length);
        for (int i = 0; i < steps.length; i++) {
            PlanNode p = steps[i];
            if (kind[i] != KERNEL) {
                scratchOf.add(List.of());
                facts.add(new MemoryPlan.Step(types[i], null, null, null, -1, isOutput[i], 0));
                continue;
            }
            TensorType[] inTypes = new TensorType[inputPos[i].length];
            boolean[] reads = new boolean[inTypes.length];
            for (int j = 0; j < inTypes.length; j++) {
                inTypes[j] = types[inputPos[i][j]];
                reads[j] = p.op().readsValue(j);
            }
            PrepareContext ctx = new PrepareContext(p.opName(), p.name(), inTypes, types[i], mode);
            OpKernel k;
            try {
                k = p.op().prepare(ctx);
            } catch (RuntimeException e) {
                throw named(p.opName(), p.name(), e, "prepare failed");
            }
            if (k == null) {
                throw new IllegalStateException(p.opName() + " '" + p.name() + "': prepare returned null");
            }
            kernels[i] = k;
            scratchOf.add(ctx.declaredScratch());
            BitSet inPlace = new BitSet();
            for (int j = 0; j < inTypes.length; j++) {
                if (ctx.inPlaceAllowed(j)) {
                    inPlace.set(j);
                }
            }
            long scratchBytes = 0;
            for (Scratch s : ctx.declaredScratch()) {
                scratchBytes += (long) s.size() * s.dtype().bytes();
            }
            facts.add(new MemoryPlan.Step(types[i], inputPos[i], reads, inPlace, ctx.viewInput(), isOutput[i],
                    scratchBytes));
        }
        return facts;
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
            TensorType t = placeholderTypes[k];
            if (v == null || v.dtype() != t.dtype() || !v.shape().equals(t.shape())) {
                return false;
            }
        }
        return true;
    }

    /** The plan described: steps, figures, pictures before and after optimization. */
    PlanInfo info() {
        int userCompute = 0;
        for (PlanNode p : graph.initialNodes()) {
            if (!p.isLeaf()) {
                userCompute++;
            }
        }
        List<PlanInfo.Step> list = new ArrayList<>(steps.length);
        int kernelCalls = 0;
        int fused = 0;
        int views = 0;
        int inPlace = 0;
        long variableBytes = 0;
        long constantBytes = 0;
        long feedBytes = 0;
        for (int i = 0; i < steps.length; i++) {
            PlanNode p = steps[i];
            String k;
            long bytes = (long) types[i].shape().size() * types[i].dtype().bytes();
            switch (kind[i]) {
                case FEED: k = "feed"; feedBytes += bytes; break;
                case VARIABLE: k = "variable"; variableBytes += bytes; break;
                case CONSTANT: k = "constant"; constantBytes += bytes; break;
                case VIEW: k = "view"; views++; break;
                default: k = "kernel"; kernelCalls++;
            }
            if (p.covers().size() > 1 && !p.isLeaf()) {
                fused++;
            }
            int ip = memory.inPlaceInput(i);
            if (ip >= 0) {
                inPlace++;
            }
            List<String> covers = new ArrayList<>();
            for (Node c : p.covers()) {
                covers.add(c.name());
            }
            list.add(new PlanInfo.Step(i, k, p.opName(), p.op() != null ? p.op().attributes() : "", p.name(),
                    types[i], inputPos[i] != null ? inputPos[i].clone() : new int[0], memory.bufferOf(i),
                    ip >= 0 ? inputPos[i][ip] : -1, covers, p.rule(), memory.liveBytes(i)));
        }
        long scratchBytes = 0;
        for (int d = 0; d < scratchSizes.length; d++) {
            for (int size : scratchSizes[d]) {
                scratchBytes += (long) size * DType.values()[d].bytes();
            }
        }
        int peak = memory.peakStep();
        PlanStats stats = new PlanStats(graph.initialNodes().size(), userCompute, steps.length, kernelCalls, fused,
                views, inPlace, bufferTypes.length, memory.bufferBytes(), scratchBytes, memory.peakLiveBytes(),
                peak >= 0 ? steps[peak].name() : "", variableBytes, constantBytes, feedBytes, graph.applied());
        List<String> outs = new ArrayList<>();
        for (int k = 0; k < outputPos.length; k++) {
            outs.add("'" + outputs.get(k).name() + "' = #" + outputPos[k]);
        }
        for (int k = 0; k < updatePos.length; k++) {
            outs.add("update '" + updates[k].variable().name() + "' = #" + updatePos[k]);
        }
        String header = "plan (" + mode + ", " + options + ") for " + names(outputs);
        return PlanInfo.create(header, list, outs, stats, graph);
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
        for (int i = 0; i < steps.length; i++) {
            switch (kind[i]) {
                case FEED:
                    values[i] = feeds.get(steps[i].origin());
                    break;
                case VARIABLE:
                    Tensor v = steps[i].origin().value();
                    if (v.dtype() != types[i].dtype() || !v.shape().equals(types[i].shape())) {
                        throw new IllegalStateException("variable '" + steps[i].name() + "' changed type from "
                                + types[i] + " to " + v.type());
                    }
                    values[i] = v;
                    break;
                case CONSTANT:
                    values[i] = constants[i];
                    break;
                case VIEW:
                    break;      // the workspace holds the view
                default:
                    Tensor[] args = ws.args[i];
                    int[] ins = inputPos[i];
                    for (int j = 0; j < ins.length; j++) {
                        args[j] = values[ins[j]];
                    }
                    try {
                        kernels[i].run(args, values[i], ws.context);
                    } catch (RuntimeException e) {
                        throw named(steps[i].opName(), steps[i].name(), e, "failed at run time");
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
        final Tensor[] values = new Tensor[steps.length];
        final Tensor[][] args = new Tensor[steps.length][];
        final Context context;
        final Tensor[] outputValues = new Tensor[outputPos.length];
        final Outputs outputs = new Outputs(Plan.this.outputs, outputValues);

        Workspace() {
            Tensor[] buffers = new Tensor[bufferTypes.length];
            for (int b = 0; b < buffers.length; b++) {
                buffers[b] = Tensor.zeros(bufferTypes[b]);
            }
            for (int i = 0; i < steps.length; i++) {
                if (inputPos[i] != null) {
                    values[i] = buffers[memory.bufferOf(i)].reshape(types[i].shape());
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
            for (int i = 0; i < steps.length; i++) {
                if (kind[i] == FEED || kind[i] == VARIABLE) {
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
