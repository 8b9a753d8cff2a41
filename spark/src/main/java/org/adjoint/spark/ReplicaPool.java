package org.adjoint.spark;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replicas of each executor JVM, by trainer: a task borrows one (built by the factory the
 * first time, so a JVM builds as many as it runs tasks at once) and gives it back when it
 * succeeded. A replica of a failed task is dropped, so a retry starts from a clean one. Only
 * the last few trainers keep replicas.
 */
final class ReplicaPool {

    private static final int TRAINERS_KEPT = 4;
    private static final Map<String, ArrayDeque<Replica>> POOLS = new LinkedHashMap<>(8, 0.75f, true);
    private static long built;

    private ReplicaPool() {
    }

    static Replica borrow(String trainerId, TrainerFactory factory, ModelSpec spec) {
        synchronized (POOLS) {
            ArrayDeque<Replica> pool = POOLS.get(trainerId);
            if (pool != null && !pool.isEmpty()) {
                return pool.pop();
            }
        }
        Replica r = new Replica(factory, spec);     // outside the lock: building takes a while
        synchronized (POOLS) {
            built++;
        }
        return r;
    }

    static void giveBack(String trainerId, Replica r) {
        synchronized (POOLS) {
            POOLS.computeIfAbsent(trainerId, k -> new ArrayDeque<>()).push(r);
            Iterator<String> it = POOLS.keySet().iterator();
            while (POOLS.size() > TRAINERS_KEPT && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
    }

    /** Replicas built in this JVM so far (for tests). */
    static long built() {
        synchronized (POOLS) {
            return built;
        }
    }
}
