package org.adjoint.nn;

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
 * What nn knows about one graph: the layer names taken, the layers in first-call order, the
 * parameter of each variable a layer created, and the default seed of layer initializers.
 * Kept beside the graph (weakly), so graph stays free of nn concepts.
 */
final class NnGraph {

    private static final Map<Graph, NnGraph> ALL = new WeakHashMap<>();

    private final Set<String> layerNames = new HashSet<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final Map<Node, Parameter> parameters = new HashMap<>();
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
        layers.add(layer);
    }

    synchronized List<Layer> layers() {
        return List.copyOf(layers);
    }

    synchronized void addParameter(Parameter p) {
        parameters.put(p.node(), p);
    }

    synchronized Parameter parameter(Node variable) {
        return parameters.get(variable);
    }

    synchronized long seed() {
        return seed;
    }

    synchronized void seed(long s) {
        seed = s;
    }
}
