package org.adjoint.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The work of one partition in one synchronous step, or in one round of parameter averaging:
 * borrow a replica, load the broadcast values, find this partition's share of the global
 * batch(es) and compute. The result depends only on the broadcast, the data and the step, so a
 * retried task returns the same bits.
 */
final class StepTask implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String trainerId;
    private final TrainerFactory factory;
    private final ModelSpec spec;
    private final Broadcast<Weights> weights;
    private final EpochPlan plan;
    private final long[] offsets;
    private final int firstStep;        // within the epoch
    private final int steps;            // 1 in synchronous mode
    private final boolean averaging;
    private final List<String> slotKeys; // averaging: the optimizer's slot tensors, by name

    StepTask(String trainerId, TrainerFactory factory, ModelSpec spec, Broadcast<Weights> weights, EpochPlan plan,
            long[] offsets, int firstStep, int steps, boolean averaging, List<String> slotKeys) {
        this.trainerId = trainerId;
        this.factory = factory;
        this.spec = spec;
        this.weights = weights;
        this.plan = plan;
        this.offsets = offsets;
        this.firstStep = firstStep;
        this.steps = steps;
        this.averaging = averaging;
        this.slotKeys = slotKeys;
    }

    Iterator<TreeSum.Leaf> run(int partition, Iterator<Block> blocks) {
        Block block = blocks.next();
        long start = System.nanoTime();
        Weights w = weights.value();
        Replica r = ReplicaPool.borrow(trainerId, factory, spec);
        boolean ok = false;
        try {
            r.load(w);
            if (averaging) {
                r.loadOptimizer(w, plan.epoch);
            }
            Block.ShareIndex share = block.shares(plan, offsets[partition]);
            long loaded = System.nanoTime();
            Contribution c = new Contribution(steps);
            if (averaging) {
                long examples = 0;
                for (int s = 0; s < steps; s++) {
                    int k = firstStep + s;
                    int from = share.starts[k];
                    int to = share.starts[k + 1];
                    if (to > from) {
                        long global = w.step + s;
                        long randomStep = global + partition * Replica.RANDOM_STEP_STRIDE;
                        if (!r.localStep(block, share, from, to, (long) k * plan.batchSize, randomStep, partition, s,
                                global, c)) {
                            break;
                        }
                        examples += to - from;
                    }
                }
                if (c.failures.isEmpty()) {
                    r.finishRound(c, examples, slotKeys);
                }
            } else {
                int from = share.starts[firstStep];
                int to = share.starts[firstStep + 1];
                if (to > from) {
                    long randomStep = w.step + partition * Replica.RANDOM_STEP_STRIDE;
                    r.sumGradients(block, share, from, to, (long) firstStep * plan.batchSize, randomStep, partition, c);
                }
            }
            long done = System.nanoTime();
            c.fetchNanosMax = loaded - start;
            c.computeNanosMax = done - loaded;
            c.computeNanosSum = done - loaded;
            TaskHook hook = TaskHook.get();
            if (hook != null) {
                TaskContext tc = TaskContext.get();
                hook.afterCompute(partition, w.step, tc == null ? 0 : tc.attemptNumber());
            }
            ok = true;
            return List.of(new TreeSum.Leaf(partition, c)).iterator();
        } finally {
            if (ok) {
                ReplicaPool.giveBack(trainerId, r);
            }
        }
    }
}
