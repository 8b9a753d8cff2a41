package org.adjoint.nn;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;

/**
 * What nn knows about one graph: the layer names taken, the layers in first-call order, the kind
 * and layer of each variable a layer created, and the default seed of layer initializers. Kept
 * beside the graph in a weak map, so graph stays free of nn concepts.
 *
 * <p>NOTE: nothing here may reference the graph or its nodes strongly (a weak map's value that
 * reaches its key keeps the key alive forever): variables are known by node id, layers through
 * weak references.
 */
final class NnGraph {

    private static final Map<Graph, NnGraph> ALL = new WeakHashMap<>();

    /** How a layer created a variable. */
    record Info(Parameter.Kind kind, String layer) {
    }

    private final Set<String> layerNames = new HashSet<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final List<WeakReference<Layer>> layers = new ArrayList<>();
    private final Map<Integer, Info> variables = new HashMap<>();
    private long seed;

    static NnGraph of(Graph g) {
        synchronized (ALL) {
            return ALL.computeIfAbsent(g, k -> new NnGraph());
        }
    }

    synchronized String uniqueLayerName(String base, boolean explicit) {
        if (explicit) {
            if (!layerNames.add(base)) {
                throw new IllegalArgumentException("layer name '" + base + "' is already used in this graph");
            }
            return base;
        }
        String name = base;
        int k = counters.getOrDefault(base, 0);
        while (layerNames.contains(name)) {
            k++;
            name = base + "_" + k;
        }
        counters.put(base, k);
        layerNames.add(name);
        return name;
    }

    synchronized void addLayer(Layer layer) {
        layers.add(new WeakReference<>(layer));
    }

    /** The layers still reachable, in first-call order. */
    synchronized List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        for (WeakReference<Layer> r : layers) {
            Layer l = r.get();
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    synchronized void addVariable(Node variable, Parameter.Kind kind, String layer) {
        variables.put(variable.id(), new Info(kind, layer));
    }

    /** How a layer created {@code variable}, or null for a variable made by hand. */
    synchronized Info info(Node variable) {
        return variables.get(variable.id());
    }

    synchronized long seed() {
        return seed;
    }

    synchronized void seed(long s) {
        seed = s;
    }
}
