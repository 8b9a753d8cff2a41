package org.adjoint.ops;

import static org.adjoint.ops.OpTesting.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.ops.shape.Slice;
import org.junit.jupiter.api.Test;

/** Worked examples of the indexing ops (the property suite checks them against references). */
class IndexingOpsTest {

    @Test
    void gatherAlongAnAxisIsTorchGather() {
        OpTesting t = new OpTesting();
        // torch.gather(tensor([[1, 2], [3, 4]]), 1, tensor([[0, 0], [1, 0]])) = [[1, 1], [4, 3]]
        Node x = t.c(new double[] {1, 2, 3, 4}, 2, 2);
        Node y = t.o.gather(x, 1, t.ci(new int[] {0, 0, 1, 0}, 2, 2));
        assertValues(new double[] {1, 1, 4, 3}, t.eval(y), 0);
        // each row's label score: indices smaller than x off the axis
        Node scores = t.c(new double[] {0.1, 0.7, 0.2, 0.5, 0.4, 0.1}, 2, 3);
        Node picked = t.o.gather(scores, 1, t.ci(new int[] {1, 0}, 2, 1));
        OpTesting.assertShape(Shape.of(2, 1), t.eval(picked));
        assertValues(new double[] {0.7, 0.5}, t.eval(picked), 0);
    }

    @Test
    void stridedSlicesFollowPythonRules() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10);
        assertValues(new double[] {8, 5, 2}, t.eval(t.o.sliceRange(x, new int[] {8}, new int[] {1}, new int[] {-3})), 0);
        assertValues(new double[] {1, 4, 7}, t.eval(t.o.sliceRange(x, new int[] {1}, new int[] {Slice.END},
                new int[] {3})), 0);
        assertValues(new double[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
                t.eval(t.o.sliceRange(x, new int[] {-1}, new int[] {Slice.END}, new int[] {-1})), 0);
    }

    @Test
    void unstackAndStackAreInverses() {
        OpTesting t = new OpTesting();
        Node seq = t.c(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 3, 2);   // [batch 2, time 3, feature 2]
        List<Node> steps = t.o.unstack(seq, 1);
        assertEquals(3, steps.size());
        assertValues(new double[] {3, 4, 9, 10}, t.eval(steps.get(1)), 0);
        Node back = t.o.stack(steps, 1);
        assertValues(t.eval(seq).toDoubleArray(), t.eval(back), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.o.unstack(t.o.placeholder("p", org.adjoint.graph.DType.F64, Shape.of(2, -1)), 1));
        assertEquals("unstack 'p': axis 1 of [2, ?] must be known to unstack it", e.getMessage());
    }

    @Test
    void poolingWithPaddingAndCeilModeSizesAsPyTorch() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[25], 1, 1, 5, 5);
        int[] k = {2, 2};
        int[] s = {2, 2};
        assertEquals(Shape.of(1, 1, 2, 2), t.o.maxPool2d(x, k, s).shape());
        assertEquals(Shape.of(1, 1, 3, 3), t.o.maxPool2d(x, k, s, new int[] {0, 0}, true).shape());
        assertEquals(Shape.of(1, 1, 3, 3), t.o.avgPool2d(x, k, s, new int[] {1, 1}, false).shape());
        // 3x3 windows, stride 2, padding 1, ceil: the last window would start in the right padding, so none
        assertEquals(Shape.of(1, 1, 3, 3), t.o.maxPool2d(x, new int[] {3, 3}, s, new int[] {1, 1}, true).shape());
        // averages count only the input elements of a padded window
        Node ones = t.c(new double[] {1, 1, 1, 1}, 1, 1, 2, 2);
        assertValues(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, t.eval(t.o.avgPool2d(ones, k, new int[] {1, 1}, new int[] {1, 1},
                false)), 0);
    }

    @Test
    void convolutionAddsItsBiasPerChannel() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Node w = t.c(new double[] {1, -1}, 2, 1, 1, 1);
        Node b = t.c(new double[] {10, 20}, 2);
        assertValues(new double[] {11, 12, 13, 14, 19, 18, 17, 16}, t.eval(t.o.conv2d(x, w, b, 1, 0)), 0);
    }
}
