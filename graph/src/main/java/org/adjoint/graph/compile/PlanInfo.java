package org.adjoint.graph.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.adjoint.graph.Node;
import org.adjoint.graph.TensorType;

/**
 * A compiled plan described for people: its steps as text ({@link #text()}), its graph before and
 * after optimization as Graphviz DOT ({@link #dotBefore()}, {@link #dotAfter()}; nodes labelled
 * with op, name and shape), and its {@link PlanStats}.
 */
public final class PlanInfo {

    /**
     * One step of the plan.
     *
     * @param index position in evaluation order
     * @param kind {@code feed}, {@code variable}, {@code constant}, {@code kernel} or {@code view}
     * @param op the op's name ({@code constant} for a folded value)
     * @param attributes the op's attributes as it describes them
     * @param name the user's node it stands for
     * @param type its concrete type
     * @param inputs positions of its inputs
     * @param buffer its buffer in the workspace, or -1 (leaves)
     * @param inPlaceOf position of the input whose buffer it overwrites, or -1
     * @param covers names of the user's nodes it computes (more than one: a fused node)
     * @param rule the rule or pass that made it, or null
     * @param liveBytes bytes of buffers live while it runs, plus its scratch
     */
    public record Step(int index, String kind, String op, String attributes, String name, TensorType type,
            int[] inputs, int buffer, int inPlaceOf, List<String> covers, String rule, long liveBytes) {
    }

    private final String header;
    private final List<Step> steps;
    private final List<String> outputs;
    private final PlanStats stats;
    private final String dotBefore;

    /** For the executor: the description of a plan compiled from {@code graph}. */
    public static PlanInfo create(String header, List<Step> steps, List<String> outputs, PlanStats stats,
            PlanGraph graph) {
        return new PlanInfo(header, steps, outputs, stats, dot(graph));
    }

    private PlanInfo(String header, List<Step> steps, List<String> outputs, PlanStats stats, String dotBefore) {
        this.header = header;
        this.steps = Collections.unmodifiableList(new ArrayList<>(steps));
        this.outputs = List.copyOf(outputs);
        this.stats = stats;
        this.dotBefore = dotBefore;
    }

    public List<Step> steps() {
        return steps;
    }

    public PlanStats stats() {
        return stats;
    }

    /** The plan as a table: one line per step (op, name, type, buffer, in-place, fused group), then outputs and figures. */
    public String text() {
        StringBuilder sb = new StringBuilder(header).append('\n');
        int opWidth = 4;
        int nameWidth = 4;
        for (Step s : steps) {
            opWidth = Math.max(opWidth, opLabel(s).length());
            nameWidth = Math.max(nameWidth, s.name().length() + 2);
        }
        sb.append(String.format("%4s  %-" + opWidth + "s  %-" + nameWidth + "s  %-18s  %-7s  %s%n", "#", "op", "name",
                "type", "buffer", "notes"));
        for (Step s : steps) {
            StringBuilder notes = new StringBuilder();
            if (s.inputs().length > 0) {
                notes.append("<- ");
                for (int k = 0; k < s.inputs().length; k++) {
                    notes.append(k == 0 ? "#" : ", #").append(s.inputs()[k]);
                }
            }
            if (s.inPlaceOf() >= 0) {
                notes.append("; in place of #").append(s.inPlaceOf());
            }
            if (s.kind().equals("view")) {
                notes.append("; view, no kernel");
            }
            if (s.covers().size() > 1) {
                notes.append("; fuses ").append(String.join(", ", s.covers()));
            }
            if (s.rule() != null) {
                notes.append("; by ").append(s.rule());
            }
            String buffer = s.buffer() >= 0 ? "b" + s.buffer() : s.kind();
            sb.append(String.format("%4d  %-" + opWidth + "s  %-" + nameWidth + "s  %-18s  %-7s  %s%n", s.index(),
                    opLabel(s), "'" + s.name() + "'", s.type(), buffer, notes));
        }
        sb.append("outputs: ").append(String.join(", ", outputs)).append('\n');
        sb.append(stats).append('\n');
        return sb.toString();
    }

    private static String opLabel(Step s) {
        return s.attributes().isEmpty() ? s.op() : s.op() + "{" + s.attributes() + "}";
    }

    /** The user's nodes the plan computes, as the user built them (concrete types), in DOT. */
    public String dotBefore() {
        return dotBefore;
    }

    /** The plan's nodes after optimization, in DOT: fused nodes list what they fuse; edges read buffers. */
    public String dotAfter() {
        StringBuilder sb = new StringBuilder("digraph plan {\n  rankdir=TB;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (Step s : steps) {
            StringBuilder label = new StringBuilder(opLabel(s)).append("\n'").append(s.name()).append("'\n")
                    .append(s.type());
            if (s.covers().size() > 1) {
                label.append("\nfuses: ").append(String.join(", ", s.covers()));
            }
            if (s.buffer() >= 0) {
                label.append("\nbuffer b").append(s.buffer()).append(s.inPlaceOf() >= 0 ? " (in place)" : "")
                        .append(s.kind().equals("view") ? " (view)" : "");
            }
            String style = s.kind().equals("kernel") ? (s.covers().size() > 1 ? ", style=filled, fillcolor=\"#dde8ff\"" : "")
                    : ", style=rounded";
            sb.append("  s").append(s.index()).append(" [label=").append(quote(label.toString())).append(style)
                    .append("];\n");
        }
        for (Step s : steps) {
            for (int in : s.inputs()) {
                sb.append("  s").append(in).append(" -> s").append(s.index()).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    /** DOT of the user's graph as first built for a plan: one node per needed user node. */
    static String dot(PlanGraph g) {
        List<PlanNode> nodes = g.initialNodes();
        StringBuilder sb = new StringBuilder("digraph graph_before {\n  rankdir=TB;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (PlanNode p : nodes) {
            Node u = p.origin();
            String attrs = u.op().attributes();
            String label = (attrs.isEmpty() ? u.op().name() : u.op().name() + "{" + attrs + "}") + "\n'" + u.name()
                    + "'\n" + p.type();
            sb.append("  n").append(u.id()).append(" [label=").append(quote(label))
                    .append(p.isLeaf() ? ", style=rounded" : "").append("];\n");
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (PlanNode in : g.initialInputs(i)) {
                sb.append("  n").append(in.origin().id()).append(" -> n").append(nodes.get(i).origin().id())
                        .append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    /** A DOT double-quoted string: quotes and backslashes escaped, newlines as {@code \n}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
