package org.adjoint.graph;

/**
 * A temporary array an op's kernel needs during one run (im2col columns, a transposed copy, an
 * intermediate reduction), declared once in {@link Op#prepare} with
 * {@link PrepareContext#scratch}. The executor owns the memory: each concurrent run has its own
 * arrays, and nodes of one plan share them (a node's scratch is dead once its kernel returns), so
 * a plan allocates its scratch once, sized for its largest user.
 *
 * <p>A kernel fetches the array of the current run with {@link #floats}, {@link #doubles},
 * {@link #ints} or {@link #longs}. The array may be longer than declared; its contents are
 * arbitrary when the kernel starts.
 */
public final class Scratch {

    private final DType dtype;
    private final int size;
    private final int slot;

    Scratch(DType dtype, int size, int slot) {
        this.dtype = dtype;
        this.size = size;
        this.slot = slot;
    }

    public DType dtype() {
        return dtype;
    }

    /** The declared number of elements. */
    public int size() {
        return size;
    }

    /** Which of the plan's scratch buffers of this dtype it is (executor bookkeeping). */
    int slot() {
        return slot;
    }

    public float[] floats(RunContext run) {
        return (float[]) array(run, DType.F32);
    }

    public double[] doubles(RunContext run) {
        return (double[]) array(run, DType.F64);
    }

    public int[] ints(RunContext run) {
        return (int[]) array(run, DType.I32);
    }

    public long[] longs(RunContext run) {
        return (long[]) array(run, DType.I64);
    }

    private Object array(RunContext run, DType expected) {
        if (dtype != expected) {
            throw new IllegalStateException("scratch is " + dtype + "[" + size + "], not " + expected);
        }
        return run.scratch(this);
    }

    /** A new array of {@code length} elements of {@code dtype}. */
    static Object allocate(DType dtype, int length) {
        switch (dtype) {
            case F32: return new float[length];
            case F64: return new double[length];
            case I64: return new long[length];
            default: return new int[length];
        }
    }

    @Override
    public String toString() {
        return "scratch " + dtype + "[" + size + "] (slot " + slot + ")";
    }
}
