package org.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fixed-order tree sum: the same bits whatever order Spark merges partitions in. */
class TreeSumTest {

    /** Partition p's gradient: values of very different magnitudes, so the order of additions shows. */
    private static Contribution leaf(int p) {
        Contribution c = new Contribution(1);
        float[] g = new float[4];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) ((p % 3 == 0 ? 1e7 : 1) * Math.sin(p * 7.1 + i) + 1e-3 * p);
        }
        c.gradients = new Values[] {Values.of(g)};
        c.lossSum[0] = 0.1 * p + 1e10 * (p % 2);
        c.examples[0] = p + 1;
        return c;
    }

    /** The tree the layout defines, summed by recursion over slots. */
    private static float[] reference(TreeSum.Layout layout) {
        int size = 1 << layout.top;
        Contribution[] bySlot = new Contribution[size];
        for (int p = 0; p < layout.partitions; p++) {
            bySlot[layout.slot(p)] = leaf(p);
        }
        return sum(bySlot, 0, size).gradients[0].f32;
    }

    private static Contribution sum(Contribution[] slots, int from, int to) {
        if (to - from == 1) {
            return slots[from];
        }
        int mid = (from + to) / 2;
        Contribution l = sum(slots, from, mid);
        Contribution r = sum(slots, mid, to);
        return l == null ? r : r == null ? l : l.plus(r);
    }

    /** Spark's way: partitions grouped by i mod groups, each group folded in some order, then the groups. */
    private static Contribution sparkLike(TreeSum.Layout layout, Random rnd) {
        List<TreeSum> groups = new ArrayList<>();
        for (int g = 0; g < layout.groups; g++) {
            List<Integer> members = new ArrayList<>();
            for (int p = g; p < layout.partitions; p += layout.groups) {
                members.add(p);
            }
            Collections.shuffle(members, rnd);
            TreeSum t = TreeSum.empty(layout);
            for (int p : members) {
                TreeSum single = TreeSum.empty(layout).add(new TreeSum.Leaf(p, leaf(p)));
                t = rnd.nextBoolean() ? t.merge(single) : single.merge(t);
            }
            groups.add(t);
        }
        Collections.shuffle(groups, rnd);
        TreeSum all = TreeSum.empty(layout);
        for (TreeSum g : groups) {
            all = all.merge(g);
        }
        return all.result();
    }

    @Test
    void layoutMirrorsSparksTreeAggregate() {
        assertEquals(4, TreeSum.Layout.of(4, 2).groups);      // 4 <= 2 + 2: no intermediate level
        assertEquals(2, TreeSum.Layout.of(10, 2).groups);     // scale 4: 10 > 4 + 3, 10 / 4 = 2 groups
        assertEquals(4, TreeSum.Layout.of(16, 2).groups);     // scale 4: 16 > 4 + 4
        assertEquals(10, TreeSum.Layout.of(10, 1).groups);    // depth 1: everything on the driver
        for (int p : new int[] {3, 10, 16, 37}) {
            TreeSum.Layout l = TreeSum.Layout.of(p, 2);
            for (int i = 0; i < p; i++) {
                int group = i % l.groups;
                int slot = l.slot(i);
                assertTrue(slot >= group * l.groupSlots && slot < (group + 1) * l.groupSlots,
                        "partition " + i + " of " + p + ": slot " + slot + " outside its group " + group);
            }
        }
    }

    @Test
    void everyMergeOrderGivesTheSameBits() {
        Random rnd = new Random(1);
        boolean orderMatters = false;
        for (int p : new int[] {1, 2, 3, 5, 7, 10, 16, 23}) {
            TreeSum.Layout layout = TreeSum.Layout.of(p, 2);
            float[] expected = reference(layout);
            for (int trial = 0; trial < 20; trial++) {
                Contribution c = sparkLike(layout, rnd);
                assertArrayEquals(expected, c.gradients[0].f32, "partitions " + p + ", trial " + trial);
                long examples = 0;
                for (int i = 0; i < p; i++) {
                    examples += i + 1;
                }
                assertEquals(examples, c.examples[0]);

                // a plain left-to-right sum in the same shuffled order: the order usually shows
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < p; i++) {
                    order.add(i);
                }
                Collections.shuffle(order, rnd);
                Contribution naive = leaf(order.get(0));
                for (int i = 1; i < p; i++) {
                    naive.plus(leaf(order.get(i)));
                }
                for (int j = 0; j < expected.length; j++) {
                    orderMatters |= naive.gradients[0].f32[j] != expected[j];
                }
            }
        }
        assertTrue(orderMatters, "the test data should be sensitive to the order of additions");
    }

    @Test
    void aPartitionCountedTwiceOrMissingIsAnError() {
        TreeSum.Layout layout = TreeSum.Layout.of(3, 2);
        TreeSum t = TreeSum.empty(layout).add(new TreeSum.Leaf(0, leaf(0)));
        IllegalStateException missing = assertThrows(IllegalStateException.class, t::result);
        assertTrue(missing.getMessage().contains("incomplete"), missing.getMessage());
        TreeSum twice = TreeSum.empty(layout).add(new TreeSum.Leaf(2, leaf(2)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> twice.add(new TreeSum.Leaf(2, leaf(2))));
        assertTrue(e.getMessage().contains("counted twice"), e.getMessage());
    }
}
