package org.adjoint.graph.compile;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;

/**
 * Buffers for a schedule of steps: every computed value gets a buffer; a buffer is reused by a
 * later value of the same dtype and size once every reader of its previous value has run. Two
 * techniques let values share a buffer without a copy:
 * <ul>
 *   <li><b>views</b>: a step whose output is its input's elements in the same order (a reshape)
 *       gets no kernel call and no buffer of its own: its value is the input's buffer with the
 *       output's shape;</li>
 *   <li><b>in place</b>: a step whose kernel allows it ({@code PrepareContext.allowInPlace})
 *       writes into an input's buffer when nothing reads that buffer afterwards.</li>
 * </ul>
 * A buffer shared by values this way is an alias class; a class is released when the last
 * reader of any of its values has run. Never shared or overwritten: feeds, variables and
 * constants (their memory is not the plan's), and outputs (requested values and state-update
 * values keep their buffers to the end of the run, one buffer per output). The plan also records
 * the bytes live at every step: the largest is the figure {@link PlanStats} reports.
 *
 * <p>Not API: computed by the executor when it compiles a plan.
 */
public final class MemoryPlan {

    /** One step's facts the planner needs. */
    public static final class Step {
        final TensorType type;
        final boolean leaf;
        final int[] inputs;          // positions of the inputs
        final boolean[] reads;       // per input: whether its value is read
        final BitSet inPlace;        // inputs the kernel may overwrite
        final int viewOf;            // input whose buffer may be viewed, or -1
        final boolean output;        // requested output or state-update value
        final long scratchBytes;

        /**
         * @param inputs positions of the inputs in the schedule (null for a leaf)
         * @param reads per input, whether the kernel reads its value (null: all)
         */
        public Step(TensorType type, int[] inputs, boolean[] reads, BitSet inPlace, int viewOf, boolean output,
                long scratchBytes) {
            this.type = type;
            this.leaf = inputs == null;
            this.inputs = inputs == null ? new int[0] : inputs;
            this.reads = reads;
            this.inPlace = inPlace == null ? new BitSet() : inPlace;
            this.viewOf = viewOf;
            this.output = output;
            this.scratchBytes = scratchBytes;
        }
    }

    private static final class AliasClass {
        final int buffer;       // -1: a leaf's memory
        int lastUse;
        boolean pinned;
        boolean hasOutput;
        boolean released;

        AliasClass(int buffer, int lastUse, boolean pinned, boolean hasOutput) {
            this.buffer = buffer;
            this.lastUse = lastUse;
            this.pinned = pinned;
            this.hasOutput = hasOutput;
        }
    }

    private final int[] bufferOf;        // per step: buffer index, -1 for leaves
    private final boolean[] view;        // per step: value is a view, no kernel call
    private final int[] inPlaceInput;    // per step: the input whose buffer it overwrites, or -1
    private final TensorType[] buffers;  // flat types
    private final long[] liveBytes;      // per step: bytes of buffers live while it runs, plus its scratch
    private long peakLiveBytes;
    private int peakStep = -1;

    /**
     * Plans buffers for {@code steps} (in evaluation order).
     *
     * @param views whether view steps may share their input's buffer
     * @param inPlace whether steps may overwrite a dying input
     */
    public MemoryPlan(List<Step> steps, boolean views, boolean inPlace) {
        int n = steps.size();
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            for (int k = 0; k < s.inputs.length; k++) {
                if (s.reads == null || s.reads[k]) {
                    lastUse[s.inputs[k]] = i;
                }
            }
        }
        bufferOf = new int[n];
        view = new boolean[n];
        inPlaceInput = new int[n];
        liveBytes = new long[n];
        Arrays.fill(bufferOf, -1);
        Arrays.fill(inPlaceInput, -1);
        AliasClass[] classOf = new AliasClass[n];
        List<TensorType> bufs = new ArrayList<>();
        Long2ObjectOpenHashMap<IntArrayList> free = new Long2ObjectOpenHashMap<>();
        List<List<AliasClass>> releaseAt = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            releaseAt.add(null);
        }
        long live = 0;
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            if (s.leaf) {
                classOf[i] = new AliasClass(-1, n, true, false);
                continue;
            }
            AliasClass c = null;
            if (views && s.viewOf >= 0) {
                AliasClass src = classOf[s.inputs[s.viewOf]];
                if (src.buffer >= 0 && !src.released && !(s.output && src.hasOutput)) {
                    c = src;
                    view[i] = true;
                }
            }
            if (c == null && inPlace) {
                for (int k = s.inPlace.nextSetBit(0); k >= 0; k = s.inPlace.nextSetBit(k + 1)) {
                    AliasClass src = classOf[s.inputs[k]];
                    if (src.buffer >= 0 && !src.pinned && !src.released && src.lastUse <= i
                            && alignedReaders(s, k, classOf, src)) {
                        c = src;
                        inPlaceInput[i] = k;
                        break;
                    }
                }
            }
            if (c == null) {
                long key = key(s.type);
                IntArrayList q = free.get(key);
                int b;
                if (q != null && !q.isEmpty()) {
                    b = q.removeInt(q.size() - 1);
                } else {
                    b = bufs.size();
                    bufs.add(new TensorType(s.type.dtype(), Shape.of(s.type.shape().size())));
                }
                live += bytes(s.type);
                c = new AliasClass(b, -1, false, false);
            }
            classOf[i] = c;
            bufferOf[i] = c.buffer;
            c.lastUse = Math.max(c.lastUse, s.output ? n : Math.max(lastUse[i], i));
            c.pinned |= s.output;
            c.hasOutput |= s.output;
            liveBytes[i] = live + s.scratchBytes;
            if (liveBytes[i] > peakLiveBytes || peakStep < 0) {
                peakLiveBytes = liveBytes[i];
                peakStep = i;
            }
            if (!c.pinned) {
                if (releaseAt.get(c.lastUse) == null) {
                    releaseAt.set(c.lastUse, new ArrayList<>(2));
                }
                releaseAt.get(c.lastUse).add(c);
            }
            // classes whose last reader was this step free their buffers
            List<AliasClass> due = releaseAt.get(i);
            if (due != null) {
                for (AliasClass d : due) {
                    if (!d.released && !d.pinned && d.lastUse == i) {
                        d.released = true;
                        TensorType t = bufs.get(d.buffer);
                        live -= bytes(t);
                        free.computeIfAbsent(key(t), x -> new IntArrayList()).add(d.buffer);
                    }
                }
            }
        }
        buffers = bufs.toArray(new TensorType[0]);
    }

    /** Whether every other input of {@code s} in class {@code c} is also one it may overwrite (read element-aligned). */
    private static boolean alignedReaders(Step s, int k, AliasClass[] classOf, AliasClass c) {
        for (int j = 0; j < s.inputs.length; j++) {
            if (j != k && classOf[s.inputs[j]] == c && !s.inPlace.get(j) && (s.reads == null || s.reads[j])) {
                return false;
            }
        }
        return true;
    }

    private static long key(TensorType t) {
        return ((long) t.shape().size() << 4) | t.dtype().ordinal();
    }

    static long bytes(TensorType t) {
        return (long) t.shape().size() * t.dtype().bytes();
    }

    /** The buffer of step {@code i}'s value, or -1 for a leaf. */
    public int bufferOf(int i) {
        return bufferOf[i];
    }

    /** Whether step {@code i}'s value is a view of its input's buffer (its kernel is not called). */
    public boolean isView(int i) {
        return view[i];
    }

    /** The input whose buffer step {@code i} overwrites, or -1. */
    public int inPlaceInput(int i) {
        return inPlaceInput[i];
    }

    /** The buffers (flat types), each allocated once per workspace. */
    public TensorType[] buffers() {
        return buffers.clone();
    }

    /** Bytes of the buffers live while step {@code i} runs, plus its scratch (0 for leaves). */
    public long liveBytes(int i) {
        return liveBytes[i];
    }

    /** The largest {@link #liveBytes}. */
    public long peakLiveBytes() {
        return peakLiveBytes;
    }

    /** The step at which {@link #peakLiveBytes} is reached (-1 if no step computes). */
    public int peakStep() {
        return peakStep;
    }

    /** Total bytes of all buffers. */
    public long bufferBytes() {
        long b = 0;
        for (TensorType t : buffers) {
            b += bytes(t);
        }
        return b;
    }
}
