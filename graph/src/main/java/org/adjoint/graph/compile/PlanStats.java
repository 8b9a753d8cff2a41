package org.adjoint.graph.compile;

import java.util.Map;

/**
 * Figures of one compiled plan: how many nodes it runs compared with the user's graph, and how
 * much memory a run holds. All byte counts are exact for the plan's fed shapes.
 *
 * <ul>
 *   <li>{@link #peakBytes()}: what a run of this plan holds at its worst point: every buffer of
 *       its workspace (allocated once, held for the run), its scratch, the variables it reads
 *       and its constants (graph constants and values folded at compile time). Feeds are the
 *       caller's and not counted; {@link #peakBytes(long)} adds state kept outside the graph
 *       (an optimizer's moments).</li>
 *   <li>{@link #peakLiveBytes()}: the bytes of buffers that hold a value still to be read (or an
 *       output) at the worst step, plus that step's scratch: what a perfect allocator would need
 *       besides variables and constants. Buffers are reused only between values of equal dtype
 *       and size, so {@link #bufferBytes()} can exceed it.</li>
 * </ul>
 *
 * @param userNodes the user's nodes the outputs need (leaves included)
 * @param userComputeNodes of those, the nodes computed by a kernel
 * @param planNodes the plan's nodes (leaves included)
 * @param kernelCalls steps that call a kernel on every run (views and leaves do not)
 * @param fusedNodes plan nodes that compute more than one user node
 * @param views steps whose value is a view of another buffer
 * @param inPlace steps that overwrite an input's buffer
 * @param buffers buffers in one workspace
 * @param bufferBytes their bytes
 * @param scratchBytes bytes of the scratch arrays of one workspace
 * @param peakLiveBytes see above
 * @param peakStep name of the node at whose step {@code peakLiveBytes} is reached
 * @param variableBytes bytes of the variables the plan reads
 * @param constantBytes bytes of the constants it reads (graph constants and folded values)
 * @param feedBytes bytes of the fed tensors (the caller's)
 * @param rewrites how many nodes each rule and pass replaced
 */
public record PlanStats(int userNodes, int userComputeNodes, int planNodes, int kernelCalls, int fusedNodes,
        int views, int inPlace, int buffers, long bufferBytes, long scratchBytes, long peakLiveBytes,
        String peakStep, long variableBytes, long constantBytes, long feedBytes, Map<String, Integer> rewrites) {

    /** Bytes a run holds at its worst point, without state kept outside the graph (see the class comment). */
    public long peakBytes() {
        return bufferBytes + scratchBytes + variableBytes + constantBytes;
    }

    /** {@link #peakBytes()} plus {@code outsideStateBytes} (e.g. an optimizer's moment estimates). */
    public long peakBytes(long outsideStateBytes) {
        return peakBytes() + outsideStateBytes;
    }

    @Override
    public String toString() {
        return "nodes " + userNodes + " -> " + planNodes + " (kernel calls " + userComputeNodes + " -> "
                + kernelCalls + ", fused " + fusedNodes + ", views " + views + ", in place " + inPlace + "); buffers "
                + buffers + " = " + bufferBytes + " B, scratch " + scratchBytes + " B, peak live " + peakLiveBytes
                + " B at '" + peakStep + "', variables " + variableBytes + " B, constants " + constantBytes
                + " B; peak " + peakBytes() + " B; rewrites " + rewrites;
    }
}
