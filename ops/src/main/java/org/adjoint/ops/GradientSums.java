package org.adjoint.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.Node;
import org.adjoint.ops.shape.AxisScatter;

/**
 * How {@link Ops#addN} sums fan-out: placements along one axis of one tensor are merged.
 *
 * <p>NOTE: without this, the gradient of an unstacked [batch, T, feature] sequence would be T
 * full-size tensors, each zero but for one step, added up: O(T^2) work and T live buffers. The
 * merged placement writes each step once. Merging concatenates the placements' sources and
 * starts in list order, so overlapping placements still add in that order (deterministic).
 */
final class GradientSums {

    private GradientSums() {
    }

    /** {@code xs} with the {@link AxisScatter} nodes of one (like, axis) merged into one node, first-occurrence order. */
    static List<Node> mergePlacements(Ops o, List<Node> xs) {
        Map<List<Object>, List<Node>> groups = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        for (Node x : xs) {
            if (x.op() instanceof AxisScatter) {
                AxisScatter s = (AxisScatter) x.op();
                List<Object> key = List.of(x.input(0), s.axis() < 0 ? s.axis() + x.shape().rank() : s.axis());
                List<Node> group = groups.get(key);
                if (group == null) {
                    group = new ArrayList<>();
                    groups.put(key, group);
                    order.add(key);
                }
                group.add(x);
            } else {
                order.add(x);
            }
        }
        List<Node> out = new ArrayList<>(order.size());
        Ops plain = o.plain();
        for (Object item : order) {
            if (item instanceof Node) {
                out.add((Node) item);
                continue;
            }
            List<Node> group = groups.get(item);
            if (group.size() == 1) {
                out.add(group.get(0));
                continue;
            }
            int axis = (Integer) ((List<?>) item).get(1);
            List<Integer> starts = new ArrayList<>();
            List<Node> inputs = new ArrayList<>();
            inputs.add(group.get(0).input(0));
            for (Node scatter : group) {
                int[] s = ((AxisScatter) scatter.op()).starts();
                for (int k = 0; k < s.length; k++) {
                    starts.add(s[k]);
                    inputs.add(scatter.input(k + 1));
                }
            }
            int[] st = starts.stream().mapToInt(Integer::intValue).toArray();
            out.add(plain.apply(new AxisScatter(axis, st), inputs.toArray(new Node[0])));
        }
        return out;
    }
}
