package org.adjoint.graph.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.TensorType;
import org.junit.jupiter.api.Test;

/** Buffer assignment: reuse by liveness, in place, views, outputs and leaves untouched, exact live bytes. */
class MemoryPlanTest {

    private static final TensorType T = TensorType.of(DType.F32, 4, 8);     // 128 bytes
    private static final TensorType SMALL = TensorType.of(DType.F32, 8);    // 32 bytes

    /** Builds schedules step by step. */
    private static final class Schedule {
        final List<MemoryPlan.Step> steps = new ArrayList<>();

        int leaf(TensorType t) {
            steps.add(new MemoryPlan.Step(t, null, null, null, -1, false, 0));
            return steps.size() - 1;
        }

        int op(TensorType t, int... inputs) {
            return add(t, false, new BitSet(), -1, inputs);
        }

        int output(TensorType t, int... inputs) {
            return add(t, true, new BitSet(), -1, inputs);
        }

        int inPlace(TensorType t, int... inputs) {
            BitSet all = new BitSet();
            all.set(0, inputs.length);
            return add(t, false, all, -1, inputs);
        }

        int view(TensorType t, int input) {
            return add(t, false, new BitSet(), 0, input);
        }

        int add(TensorType t, boolean output, BitSet inPlace, int viewOf, int... inputs) {
            steps.add(new MemoryPlan.Step(t, inputs, null, inPlace, viewOf, output, 0));
            return steps.size() - 1;
        }

        MemoryPlan plan(boolean views, boolean inPlace) {
            return new MemoryPlan(steps, views, inPlace);
        }
    }

    @Test
    void aBufferIsReusedOnceItsLastReaderHasRun() {
        Schedule s = new Schedule();
        int x = s.leaf(T);
        int a = s.op(T, x);
        int b = s.op(T, a);       // a dies here
        int c = s.op(T, b);       // may take a's buffer
        int out = s.output(T, c);
        MemoryPlan p = s.plan(false, false);
        assertEquals(-1, p.bufferOf(x));
        assertNotEquals(p.bufferOf(a), p.bufferOf(b));
        assertEquals(p.bufferOf(a), p.bufferOf(c));
        assertEquals(p.bufferOf(b), p.bufferOf(out));
        assertEquals(2, p.buffers().length);
        // worst step: two buffers of 128 bytes live
        assertEquals(256, p.peakLiveBytes());
    }

    @Test
    void inPlaceOnlyWhereTheInputDiesAndIsNotALeafOrAnOutput() {
        Schedule s = new Schedule();
        int x = s.leaf(T);
        int a = s.op(T, x);
        int b = s.inPlace(T, a);       // a dies here: in place
        int c = s.inPlace(T, b);       // b is read again below: not in place
        int d = s.op(T, b, c);
        int fromLeaf = s.inPlace(T, x);  // x is a feed: never overwritten
        int out = s.output(T, d, fromLeaf);
        int afterOut = s.inPlace(T, out); // out is an output: never overwritten
        s.output(T, afterOut);
        MemoryPlan p = s.plan(true, true);
        assertEquals(0, p.inPlaceInput(b));
        assertEquals(p.bufferOf(a), p.bufferOf(b));
        assertEquals(-1, p.inPlaceInput(c));
        assertNotEquals(p.bufferOf(b), p.bufferOf(c));
        assertEquals(-1, p.inPlaceInput(fromLeaf));
        assertEquals(-1, p.inPlaceInput(afterOut));
        assertNotEquals(p.bufferOf(out), p.bufferOf(afterOut));
        MemoryPlan off = s.plan(true, false);
        assertEquals(-1, off.inPlaceInput(b));
    }

    @Test
    void aReleasedBufferIsNeverTakenOverInPlace() {
        // 'y' is only a type reference for 'late' (its value is not read), so its buffer is free
        // right after it is computed and 'other' takes it; 'late' must not write into it in place
        Schedule s = new Schedule();
        int x = s.leaf(T);
        int y = s.op(T, x);
        int other = s.op(T, x);
        BitSet any = new BitSet();
        any.set(0, 2);
        s.steps.add(new MemoryPlan.Step(T, new int[] {y, other}, new boolean[] {false, true}, any, -1, false, 0));
        int late = s.steps.size() - 1;
        s.output(T, late, other);
        MemoryPlan p = s.plan(true, true);
        assertEquals(p.bufferOf(y), p.bufferOf(other), "y's buffer is reused");
        assertNotEquals(0, p.inPlaceInput(late), "in place into a released buffer would clobber 'other'");
    }

    @Test
    void inPlaceNeedsEveryOtherReaderOfTheBufferToBeElementAligned() {
        Schedule s = new Schedule();
        int x = s.leaf(T);
        int a = s.op(T, x);
        BitSet first = new BitSet();
        first.set(0);
        // reads a twice, but may overwrite only input 0 (input 1 could be read at other positions)
        int b = s.add(T, false, first, -1, a, a);
        s.output(T, b);
        assertEquals(-1, s.plan(true, true).inPlaceInput(b));
    }

    @Test
    void viewsShareTheirInputsBufferAndKeepItAlive() {
        Schedule s = new Schedule();
        int x = s.leaf(T);
        int a = s.op(T, x);
        int v = s.view(TensorType.of(DType.F32, 32), a);
        int b = s.op(T, x);                 // a is dead, but its view v is read below
        int c = s.op(T, v, b);
        s.output(T, c);
        MemoryPlan p = s.plan(true, true);
        assertTrue(p.isView(v));
        assertEquals(p.bufferOf(a), p.bufferOf(v));
        assertNotEquals(p.bufferOf(a), p.bufferOf(b));
        assertFalse(s.plan(false, true).isView(v));
    }

    @Test
    void viewsOfLeavesAndOutputsOfOutputsRunTheirKernels() {
        Schedule s = new Schedule();
        int x = s.leaf(T);
        int viewOfFeed = s.view(TensorType.of(DType.F32, 32), x);
        int a = s.output(T, viewOfFeed);
        int viewOfOutput = s.add(TensorType.of(DType.F32, 32), true, new BitSet(), 0, a);
        MemoryPlan p = s.plan(true, true);
        assertFalse(p.isView(viewOfFeed));
        assertFalse(p.isView(viewOfOutput), "two outputs never share a buffer");
        assertNotEquals(p.bufferOf(a), p.bufferOf(viewOfOutput));
    }

    @Test
    void liveBytesCountEveryBufferHoldingAValueStillToBeReadPlusScratch() {
        Schedule s = new Schedule();
        int x = s.leaf(T);
        int a = s.op(T, x);                                   // live: a (128)
        int small = s.op(SMALL, x);                           // live: a, small (160)
        s.steps.add(new MemoryPlan.Step(T, new int[] {a, small}, null, null, -1, false, 1000));
        int b = s.steps.size() - 1;                            // live: a, small, b + 1000 scratch
        int c = s.op(SMALL, b);                               // live: b, c (small freed after b)
        s.output(SMALL, c);
        MemoryPlan p = s.plan(true, true);
        assertEquals(128, p.liveBytes(a));
        assertEquals(160, p.liveBytes(small));
        assertEquals(128 + 32 + 128 + 1000, p.liveBytes(b));
        assertEquals(b, p.peakStep());
        assertEquals(1288, p.peakLiveBytes());
        // c takes the small buffer freed after b
        assertEquals(p.bufferOf(small), p.bufferOf(c));
        assertEquals(128 + 32, p.liveBytes(c));
    }
}
