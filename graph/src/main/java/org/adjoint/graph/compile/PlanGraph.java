package org.adjoint.graph.compile;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import org.adjoint.graph.Constant;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.RunMode;
import org.adjoint.graph.ShapeException;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/**
 * The graph one plan computes, as plan nodes with concrete types: built from the user's needed
 * nodes (mode aliases resolved), rewritten by rules and passes, then handed to the executor in
 * evaluation order. Implements the {@link RewriteContext} rules see. Not API: the executor's
 * compiler state, public only because the executor lives in another package.
 */
public final class PlanGraph implements RewriteContext {

    private final RunMode mode;
    private CompileOptions options = CompileOptions.none();
    private final List<PlanNode> all = new ArrayList<>();
    private final List<List<PlanNode>> readers = new ArrayList<>();   // by plan id: one entry per reading edge
    private final List<Integer> outputCount = new ArrayList<>();       // by plan id
    private final BitSet dead = new BitSet();
    private final PlanNode[] outputs;       // requested outputs, then update values
    private final int requested;
    private final Node[] requestedNodes;    // the user's (resolved) output nodes
    private final List<PlanNode> initial;   // the user's nodes as first built, in evaluation order
    private final PlanNode[][] initialInputs;
    private final Map<String, Integer> applied = new LinkedHashMap<>();
    private List<PlanNode> created;         // nodes made by the rule being applied
    private List<PlanNode> order;           // cached evaluation order, null when stale

    private PlanGraph(RunMode mode, int outputs, int requested, Node[] requestedNodes, int size) {
        this.mode = mode;
        this.outputs = new PlanNode[outputs];
        this.requested = requested;
        this.requestedNodes = requestedNodes;
        this.initial = new ArrayList<>(size);
        this.initialInputs = new PlanNode[size][];
    }

    /**
     * The plan graph of {@code order} (needed user nodes in topological order) with each node
     * typed for the fed shapes: the same type rules and error messages as when the nodes were
     * built, now with every dimension known.
     *
     * @param resolve maps a user node to the node it stands for in the plan's mode
     * @param feedType the fed type of a placeholder
     * @throws ShapeException naming the user's node if the fed shapes do not fit an op
     */
    public static PlanGraph build(Node[] order, Node[] requestedOutputs, Node[] updateValues, RunMode mode,
            Function<Node, Node> resolve, Function<Node, TensorType> feedType) {
        int maxId = order.length == 0 ? 0 : order[order.length - 1].id() + 1;
        PlanNode[] byUserId = new PlanNode[maxId];
        PlanGraph g = new PlanGraph(mode, requestedOutputs.length + updateValues.length, requestedOutputs.length,
                requestedOutputs.clone(), order.length);
        for (Node node : order) {
            PlanNode p;
            if (node.isPlaceholder()) {
                p = g.add(PlanNode.Kind.FEED, node.op(), new PlanNode[0], feedType.apply(node), node, null, null,
                        List.of(node));
            } else if (node.isVariable()) {
                p = g.add(PlanNode.Kind.VARIABLE, node.op(), new PlanNode[0], node.value().type(), node, null, null,
                        List.of(node));
            } else if (node.op() instanceof Constant) {
                p = g.add(PlanNode.Kind.CONSTANT, node.op(), new PlanNode[0], node.value().type(), node, null, null,
                        List.of(node));
            } else {
                PlanNode[] ins = new PlanNode[node.inputCount()];
                TensorType[] types = new TensorType[ins.length];
                for (int j = 0; j < ins.length; j++) {
                    ins[j] = byUserId[resolve.apply(node.input(j)).id()];
                    types[j] = ins[j].type();
                }
                TensorType t = node.op().infer(types, new OpContext(node.op().name(), node.name()));
                if (!t.shape().isKnown()) {
                    throw new ShapeException(node.op().name() + " '" + node.name() + "': output shape " + t.shape()
                            + " is not fully known with the fed shapes");
                }
                p = g.add(PlanNode.Kind.COMPUTE, node.op(), ins, t, node, null, null, List.of(node));
            }
            byUserId[node.id()] = p;
            g.initialInputs[g.initial.size()] = p.inputs().toArray(new PlanNode[0]);
            g.initial.add(p);
        }
        for (int k = 0; k < requestedOutputs.length; k++) {
            g.setOutput(k, byUserId[requestedOutputs[k].id()]);
        }
        for (int k = 0; k < updateValues.length; k++) {
            g.setOutput(requestedOutputs.length + k, byUserId[updateValues[k].id()]);
        }
        return g;
    }

    private PlanNode add(PlanNode.Kind kind, Op op, PlanNode[] inputs, TensorType type, Node origin, Tensor value,
            String rule, List<Node> covers) {
        PlanNode p = new PlanNode(all.size(), kind, op, inputs, type, origin, value, rule, covers);
        all.add(p);
        readers.add(new ArrayList<>(2));
        outputCount.add(0);
        for (PlanNode in : inputs) {
            readers.get(in.id()).add(p);
        }
        if (created != null) {
            created.add(p);
        }
        order = null;
        return p;
    }

    private void setOutput(int k, PlanNode p) {
        if (outputs[k] != null) {
            outputCount.set(outputs[k].id(), outputCount.get(outputs[k].id()) - 1);
        }
        outputs[k] = p;
        outputCount.set(p.id(), outputCount.get(p.id()) + 1);
    }

    // ---- RewriteContext ---------------------------------------------------------------------------

    @Override
    public RunMode mode() {
        return mode;
    }

    @Override
    public boolean enabled(String option) {
        return options.enabled(option);
    }

    @Override
    public PlanNode apply(Op op, PlanNode origin, PlanNode... inputs) {
        return compute(op, origin.origin(), List.copyOf(origin.covers()), inputs);
    }

    @Override
    public PlanNode fuse(Op op, List<PlanNode> group, PlanNode... inputs) {
        PlanNode last = group.get(0);
        for (PlanNode p : group) {
            if (p.origin().id() > last.origin().id()) {
                last = p;
            }
        }
        return compute(op, last.origin(), PlanNode.union(group), inputs);
    }

    private PlanNode compute(Op op, Node origin, List<Node> covers, PlanNode[] inputs) {
        TensorType[] types = new TensorType[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            types[i] = inputs[i].type();
        }
        TensorType t = op.infer(types, new OpContext(op.name(), origin.name()));
        if (!t.shape().isKnown()) {
            throw new ShapeException(op.name() + " '" + origin.name() + "': output shape " + t.shape()
                    + " is not fully known");
        }
        return add(PlanNode.Kind.COMPUTE, op, inputs.clone(), t, origin, null, currentRule, covers);
    }

    private String currentRule;

    @Override
    public PlanNode constant(Tensor value, PlanNode origin) {
        return add(PlanNode.Kind.CONSTANT, null, new PlanNode[0], value.type(), origin.origin(), value, currentRule,
                List.copyOf(origin.covers()));
    }

    @Override
    public int uses(PlanNode n) {
        return readers.get(n.id()).size() + outputCount.get(n.id());
    }

    @Override
    public List<PlanNode> consumers(PlanNode n) {
        List<PlanNode> out = new ArrayList<>();
        for (PlanNode r : readers.get(n.id())) {
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        out.sort(this::compareOrder);
        return out;
    }

    @Override
    public boolean isOutput(PlanNode n) {
        return outputCount.get(n.id()) > 0;
    }

    @Override
    public List<PlanNode> nodes() {
        if (order == null) {
            order = Collections.unmodifiableList(evaluationOrder());
        }
        return order;
    }

    @Override
    public void replace(PlanNode old, PlanNode by) {
        if (old == by) {
            return;
        }
        if (!old.type().equals(by.type())) {
            throw new IllegalStateException("rule " + currentRule + " replaced " + old + " by " + by
                    + " of another type");
        }
        List<PlanNode> rs = new ArrayList<>(readers.get(old.id()));
        for (PlanNode r : rs) {
            for (int k = 0; k < r.inputCount(); k++) {
                if (r.input(k) == old) {
                    r.setInput(k, by);
                    readers.get(by.id()).add(r);
                }
            }
        }
        readers.get(old.id()).clear();
        for (int k = 0; k < outputs.length; k++) {
            if (outputs[k] == old) {
                setOutput(k, by);
            }
        }
        old.replacement = by;
        order = null;
        if (currentRule != null) {
            count(currentRule);
        }
        release(old);
    }

    /** Drops {@code n} if nobody reads it, and then its inputs that nobody else reads. */
    private void release(PlanNode n) {
        if (dead.get(n.id()) || uses(n) > 0) {
            return;
        }
        dead.set(n.id());
        order = null;
        for (int k = 0; k < n.inputCount(); k++) {
            readers.get(n.input(k).id()).remove(n);
        }
        for (int k = 0; k < n.inputCount(); k++) {
            release(n.input(k));
        }
    }

    // ---- the driver -------------------------------------------------------------------------------

    /**
     * Applies {@code rules} to every current node until none changes anything (at most
     * {@code maxRounds} sweeps, each followed by common-subexpression elimination when
     * {@code cse} is set), then each pass once.
     */
    void rewrite(CompileOptions options, List<Rule> rules, boolean cse, List<Pass> passes, int maxRounds) {
        this.options = options;
        for (int round = 0; round < maxRounds; round++) {
            boolean changed = false;
            for (PlanNode n : new ArrayList<>(nodes())) {
                if (dead.get(n.id()) || n.replacement != null || n.isLeaf()) {
                    continue;
                }
                for (Rule r : rules) {
                    if (applyRule(r, n)) {
                        changed = true;
                        break;
                    }
                }
            }
            if (cse) {
                changed |= eliminateCommonSubexpressions();
            }
            if (!changed) {
                break;
            }
        }
        for (Pass p : passes) {
            begin(p.name());
            try {
                p.run(this);
            } finally {
                end();
            }
        }
    }

    /** Applies one rule to one node; whether it replaced the node. */
    private boolean applyRule(Rule r, PlanNode n) {
        begin(r.name());
        try {
            PlanNode by = r.rewrite(n, this);
            if (by == null || by == n) {
                return false;
            }
            replace(n, by);
            return true;
        } finally {
            end();
        }
    }

    private void begin(String rule) {
        currentRule = rule;
        created = new ArrayList<>();
    }

    /** Drops nodes the rule created but nothing reads. */
    private void end() {
        List<PlanNode> made = created;
        created = null;
        currentRule = null;
        for (int i = made.size() - 1; i >= 0; i--) {
            release(made.get(i));
        }
    }

    /** Counts one node replaced by a rule or pass. */
    private void count(String name) {
        applied.merge(name, 1, Integer::sum);
    }

    /** Rule and pass names with how many nodes each replaced, in order of first use. */
    public Map<String, Integer> applied() {
        return Collections.unmodifiableMap(applied);
    }

    /**
     * Common subexpressions: a node computing the same op (same class, equal attributes) on the
     * same inputs as an earlier one reads that one instead; small constants with equal bits are
     * merged too.
     */
    private boolean eliminateCommonSubexpressions() {
        Map<Object, PlanNode> seen = new java.util.HashMap<>();
        boolean changed = false;
        begin("cse");
        try {
            for (PlanNode n : new ArrayList<>(nodes())) {
                if (dead.get(n.id()) || n.replacement != null) {
                    continue;
                }
                Object key;
                if (n.kind() == PlanNode.Kind.COMPUTE) {
                    key = new OpKey(n);
                } else if (n.kind() == PlanNode.Kind.CONSTANT && n.shape().size() <= 64) {
                    key = new ConstantKey(n.value());
                } else {
                    continue;
                }
                PlanNode first = seen.putIfAbsent(key, n);
                if (first != null && first.type().equals(n.type())) {
                    replace(n, first);
                    changed = true;
                }
            }
        } finally {
            end();
        }
        return changed;
    }

    private static final class OpKey {
        final PlanNode node;
        final int hash;

        OpKey(PlanNode node) {
            this.node = node;
            int h = OpEquality.hash(node.op());
            for (int i = 0; i < node.inputCount(); i++) {
                h = 31 * h + node.input(i).id();
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof OpKey)) {
                return false;
            }
            PlanNode a = node;
            PlanNode b = ((OpKey) o).node;
            if (a.inputCount() != b.inputCount() || !OpEquality.same(a.op(), b.op())) {
                return false;
            }
            for (int i = 0; i < a.inputCount(); i++) {
                if (a.input(i) != b.input(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class ConstantKey {
        final Tensor value;
        final int hash;

        ConstantKey(Tensor value) {
            this.value = value;
            this.hash = value.type().hashCode() * 31 + java.util.Arrays.hashCode(value.toDoubleArray());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConstantKey && OpEquality.sameTensor(value, ((ConstantKey) o).value);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Makes each requested output that is a compute node in the user's graph a buffer of its
     * own: where rewriting turned it into a leaf (a feed, a variable) or into the same node as an
     * earlier output, a copy is inserted. A caller may modify outputs in place (an optimizer
     * clipping gradients) exactly as it could without rewriting.
     */
    void separateOutputs(Op copy) {
        BitSet taken = new BitSet();
        begin("output-copy");
        try {
            for (int k = 0; k < requested; k++) {
                PlanNode p = outputs[k];
                Node user = requestedNodes[k];
                boolean userLeaf = user.isLeaf();
                boolean sharedWithEarlier = false;
                for (int j = 0; j < k; j++) {
                    if (outputs[j] == p && requestedNodes[j] != user) {
                        sharedWithEarlier = true;
                    }
                }
                if ((p.isLeaf() && !userLeaf) || sharedWithEarlier) {
                    PlanNode c = add(PlanNode.Kind.COMPUTE, copy, new PlanNode[] {p}, p.type(), user, null,
                            "output-copy", List.of(user));
                    setOutput(k, c);
                    count("output-copy");
                }
                taken.set(outputs[k].id());
            }
        } finally {
            end();
        }
    }

    // ---- order --------------------------------------------------------------------------------------

    /**
     * The nodes the outputs need, in an evaluation order: topological, and among the nodes ready
     * at a time the one whose user node comes first (the order the user's graph would run in).
     */
    private List<PlanNode> evaluationOrder() {
        BitSet live = new BitSet();
        java.util.ArrayDeque<PlanNode> stack = new java.util.ArrayDeque<>();
        for (PlanNode o : outputs) {
            stack.push(o);
        }
        while (!stack.isEmpty()) {
            PlanNode n = stack.pop();
            if (live.get(n.id())) {
                continue;
            }
            live.set(n.id());
            for (int k = 0; k < n.inputCount(); k++) {
                stack.push(n.input(k));
            }
        }
        int[] pending = new int[all.size()];
        List<List<PlanNode>> users = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            users.add(null);
        }
        PriorityQueue<PlanNode> ready = new PriorityQueue<>(this::compareOrder);
        for (int id = live.nextSetBit(0); id >= 0; id = live.nextSetBit(id + 1)) {
            PlanNode n = all.get(id);
            BitSet distinct = new BitSet();
            for (int k = 0; k < n.inputCount(); k++) {
                PlanNode in = n.input(k);
                if (!distinct.get(in.id())) {
                    distinct.set(in.id());
                    pending[id]++;
                    if (users.get(in.id()) == null) {
                        users.set(in.id(), new ArrayList<>(2));
                    }
                    users.get(in.id()).add(n);
                }
            }
            if (pending[id] == 0) {
                ready.add(n);
            }
        }
        List<PlanNode> out = new ArrayList<>(live.cardinality());
        while (!ready.isEmpty()) {
            PlanNode n = ready.poll();
            out.add(n);
            List<PlanNode> us = users.get(n.id());
            if (us != null) {
                for (PlanNode u : us) {
                    if (--pending[u.id()] == 0) {
                        ready.add(u);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Among nodes ready together, the one that stands for the earliest user node goes first; a
     * fused node stands at its earliest member, so it runs as soon as its inputs are ready (an
     * accumulation into a weight gradient runs where its product was, and the product's
     * operands die there instead of living to the end of the backward pass).
     */
    private int compareOrder(PlanNode a, PlanNode b) {
        int c = Integer.compare(a.covers().get(0).id(), b.covers().get(0).id());
        return c != 0 ? c : Integer.compare(a.id(), b.id());
    }

    // ---- results ------------------------------------------------------------------------------------

    /** The plan node of requested output {@code k}, then of update value {@code k - requested}. */
    public PlanNode output(int k) {
        return outputs[k];
    }

    public int outputCount() {
        return outputs.length;
    }

    /** Number of requested outputs (the rest of {@link #output} are update values). */
    public int requestedCount() {
        return requested;
    }

    /** The user's nodes as first built (before rewriting), in evaluation order. */
    public List<PlanNode> initialNodes() {
        return initial;
    }

    /** The inputs node {@code initialNodes().get(i)} had when first built. */
    PlanNode[] initialInputs(int i) {
        return initialInputs[i];
    }
}
