package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * JIT-cliff guard: once warmed up, no Vector API kernel may allocate.
 *
 * <p>A Vector API operation that C2 compiles to vector instructions allocates nothing. One that
 * C2 failed to intrinsify runs the API's Java fallback, which boxes every vector (at least 16
 * bytes of header plus the lanes) — the "JIT cliff" (on JDK 17 a 256-bit GEMM next to 512-bit
 * elementwise kernels fell back and ran 16x slower). So the thread's allocation counter per
 * warmed-up call is a precise detector: 0 bytes when compiled, kilobytes when not (every call
 * below runs at least 32 vector operations).
 *
 * <p>The kernels first all run interleaved, the way a training step mixes them, so that the type
 * profiles shared inside the Vector API see every species the library uses before C2 compiles
 * anything; then the kernels are called round-robin in batches, and each one leaves the rotation
 * once a batch allocates nothing; the warm-up is bounded by {@link #MAX_WARMUP_NANOS}. Before C2
 * has compiled a kernel it runs interpreted or in C1 code, which allocates like the fallback.
 */
class NoVectorFallbackTest {

    /** Calls per measured batch. */
    private static final int BATCH = 20;
    /**
     * Warm-up bound: C2 compiles every kernel well within it (measured: 3-6 s on 2 busy cores for
     * all ~200 kernels); a kernel that C2 did compile but without intrinsics never gets clean.
     */
    private static final long MAX_WARMUP_NANOS = 60_000_000_000L;
    /** Interleaved rounds before measuring: enough for the shared profiles to see every kernel. */
    private static final int MIX_ROUNDS = 60;
    /** Average bytes per call still counted as "no allocation" (a fallback allocates kilobytes). */
    private static final long MAX_BYTES_PER_CALL = 16;

    private static final int N = 1024 + 3;            // not a multiple of any width: tails run too

    private final Kernels k = new PanamaKernels();
    private final GemmKernels gemm1 = new PanamaGemm(1);

    @Test
    void warmedUpKernelsDoNotAllocate() {
        Map<String, Runnable> calls = calls();
        for (int round = 0; round < MIX_ROUNDS; round++) {
            for (Runnable r : calls.values()) {
                r.run();
            }
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        // round-robin over the kernels not yet seen clean, so that every kernel keeps earning
        // its compilation while C2 works through the queue
        Map<String, Long> pending = new LinkedHashMap<>();
        calls.keySet().forEach(name -> pending.put(name, Long.MAX_VALUE));
        long start = System.nanoTime();
        long deadline = start + MAX_WARMUP_NANOS;
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Long> e = it.next();
                Runnable r = calls.get(e.getKey());
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < BATCH; i++) {
                    r.run();
                }
                long perCall = (mx.getCurrentThreadAllocatedBytes() - before) / BATCH;
                if (perCall <= MAX_BYTES_PER_CALL) {
                    it.remove();
                } else {
                    e.setValue(perCall);
                }
            }
        }
        System.out.printf("%d kernels clean after %.1f s of warm-up%n", calls.size() - pending.size(),
                (System.nanoTime() - start) / 1e9);
        if (!pending.isEmpty()) {
            List<String> failures = new ArrayList<>();
            pending.forEach((name, bytes) -> failures.add(name + ": " + bytes + " bytes per call"));
            fail("Vector API kernels still allocate after " + MAX_WARMUP_NANOS / 1_000_000_000 + " s of warm-up, "
                    + "i.e. run the API's Java fallback instead of vector instructions (width "
                    + VectorWidth.describe() + ", JDK " + Runtime.version() + "):\n  "
                    + String.join("\n  ", failures));
        }
    }

    /** Every kernel family, F32 and F64, on sizes that run several vectors and a tail. */
    private Map<String, Runnable> calls() {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = KernelTesting.uniform(rnd, N, 0.1, 2);
        float[] y = KernelTesting.uniform(rnd, N, 0.1, 2);
        float[] dy = KernelTesting.uniform(rnd, N, -1, 1);
        float[] out = new float[N];
        double[] xd = KernelTesting.uniformD(rnd, N, 0.1, 2);
        double[] yd = KernelTesting.uniformD(rnd, N, 0.1, 2);
        double[] dyd = KernelTesting.uniformD(rnd, N, -1, 1);
        double[] outd = new double[N];
        Map<String, Runnable> calls = new LinkedHashMap<>();
        ElementwiseKernels ew = k.elementwise();
        for (UnaryOp op : UnaryOp.values()) {
            calls.put("unary " + op + " f32", () -> ew.unary(op, 0.5, x, 0, out, 0, N));
            calls.put("unary " + op + " f64", () -> ew.unary(op, 0.5, xd, 0, outd, 0, N));
            calls.put("unaryBackward " + op + " f32", () -> ew.unaryBackward(op, 0.5, x, 0, y, 0, dy, 0, out, 0, N));
            calls.put("unaryBackward " + op + " f64",
                    () -> ew.unaryBackward(op, 0.5, xd, 0, yd, 0, dyd, 0, outd, 0, N));
        }
        int cols = 129;
        int rows = N / cols;
        for (BinaryOp op : BinaryOp.values()) {
            calls.put("binary " + op + " f32", () -> ew.binary(op, x, 0, 0, 1, y, 0, 0, 1, out, 0, 1, N));
            calls.put("binary " + op + " f64", () -> ew.binary(op, xd, 0, 0, 1, yd, 0, 0, 1, outd, 0, 1, N));
            calls.put("binary " + op + " row broadcast f32",
                    () -> ew.binary(op, x, 0, cols + 1, 1, y, 0, 0, 1, out, 0, rows, cols));
            calls.put("binary " + op + " row broadcast f64",
                    () -> ew.binary(op, xd, 0, cols + 1, 1, yd, 0, 0, 1, outd, 0, rows, cols));
            calls.put("binary " + op + " column broadcast f32",
                    () -> ew.binary(op, x, 0, 1, 0, y, 0, cols, 1, out, 0, rows, cols));
            calls.put("binary " + op + " column broadcast f64",
                    () -> ew.binary(op, xd, 0, 1, 0, yd, 0, cols, 1, outd, 0, rows, cols));
        }
        ReductionKernels red = k.reductions();
        for (ReduceOp op : ReduceOp.values()) {
            calls.put("reduce rows " + op + " f32", () -> red.reduce(op, x, 0, rows, cols, 1, out, 0));
            calls.put("reduce rows " + op + " f64", () -> red.reduce(op, xd, 0, rows, cols, 1, outd, 0));
            calls.put("reduce columns " + op + " f32", () -> red.reduce(op, x, 0, 1, rows, cols, out, 0));
            calls.put("reduce columns " + op + " f64", () -> red.reduce(op, xd, 0, 1, rows, cols, outd, 0));
        }
        calls.put("softmax f32", () -> red.softmax(x, 0, rows, cols, out, 0));
        calls.put("softmax f64", () -> red.softmax(xd, 0, rows, cols, outd, 0));
        calls.put("logSoftmax f32", () -> red.logSoftmax(x, 0, rows, cols, out, 0));
        calls.put("logSoftmax f64", () -> red.logSoftmax(xd, 0, rows, cols, outd, 0));
        calls.put("logSumExp f32", () -> red.logSumExp(x, 0, rows, cols, out, 0));
        calls.put("logSumExp f64", () -> red.logSumExp(xd, 0, rows, cols, outd, 0));
        optimizerCalls(calls, k.optimizers(), rnd);
        gemmCalls(calls, rnd);
        return calls;
    }

    private static void optimizerCalls(Map<String, Runnable> calls, OptimizerKernels opt, SplittableRandom rnd) {
        float[] w = KernelTesting.uniform(rnd, N, -1, 1);
        float[] g = KernelTesting.uniform(rnd, N, -1e-3, 1e-3);
        float[] s1 = new float[N];
        float[] s2 = new float[N];
        double[] wd = KernelTesting.uniformD(rnd, N, -1, 1);
        double[] gd = KernelTesting.uniformD(rnd, N, -1e-3, 1e-3);
        double[] s1d = new double[N];
        double[] s2d = new double[N];
        calls.put("sgd f32", () -> opt.sgd(w, g, 1e-3f, N));
        calls.put("sgd f64", () -> opt.sgd(wd, gd, 1e-3, N));
        calls.put("momentum f32", () -> opt.momentum(w, g, s1, 1e-3f, 0.9f, N));
        calls.put("momentum f64", () -> opt.momentum(wd, gd, s1d, 1e-3, 0.9, N));
        calls.put("heavyBall f32", () -> opt.heavyBall(w, g, s1, 1e-3f, 0.9f, N));
        calls.put("heavyBall f64", () -> opt.heavyBall(wd, gd, s1d, 1e-3, 0.9, N));
        calls.put("nesterov f32", () -> opt.nesterov(w, g, s1, 1e-3f, 0.9f, N));
        calls.put("nesterov f64", () -> opt.nesterov(wd, gd, s1d, 1e-3, 0.9, N));
        calls.put("rmsprop f32", () -> opt.rmsprop(w, g, s2, 1e-3f, 0.99f, 1e-8f, N));
        calls.put("rmsprop f64", () -> opt.rmsprop(wd, gd, s2d, 1e-3, 0.99, 1e-8, N));
        calls.put("adam f32", () -> opt.adam(w, g, s1, s2, 1e-3f, 0.9f, 0.999f, 1e-8f, 3, N));
        calls.put("adam f64", () -> opt.adam(wd, gd, s1d, s2d, 1e-3, 0.9, 0.999, 1e-8, 3, N));
        calls.put("scale f32", () -> opt.scale(w, 1f, N));
        calls.put("scale f64", () -> opt.scale(wd, 1.0, N));
        calls.put("clip f32", () -> opt.clip(w, -1f, 1f, N));
        calls.put("clip f64", () -> opt.clip(wd, -1.0, 1.0, N));
        calls.put("sumOfSquares f32", () -> opt.sumOfSquares(w, N));
        calls.put("sumOfSquares f64", () -> opt.sumOfSquares(wd, N));
    }

    /**
     * GEMM on one thread (the pool's hand-off allocates a small job object by design): the packed
     * path for every transpose, the unpacked small path, a batched call; F32 and F64.
     */
    private void gemmCalls(Map<String, Runnable> calls, SplittableRandom rnd) {
        int m = 48;
        int n = 40;
        int kk = 56;
        float[] a = KernelTesting.uniform(rnd, m * kk * 4, -1, 1);
        float[] b = KernelTesting.uniform(rnd, kk * n * 4, -1, 1);
        float[] c = new float[m * n * 4];
        double[] ad = KernelTesting.uniformD(rnd, m * kk * 4, -1, 1);
        double[] bd = KernelTesting.uniformD(rnd, kk * n * 4, -1, 1);
        double[] cd = new double[m * n * 4];
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            String tr = (ta ? "T" : "N") + (tb ? "T" : "N");
            calls.put("sgemm packed " + tr, () -> gemm1.sgemm(ta, tb, m, n, kk, 1f, a, 0, ta ? m : kk, b, 0, tb ? kk : n,
                    0.5f, c, 0, n));
            calls.put("dgemm packed " + tr, () -> gemm1.dgemm(ta, tb, m, n, kk, 1, ad, 0, ta ? m : kk, bd, 0,
                    tb ? kk : n, 0.5, cd, 0, n));
            calls.put("sgemm small or dot " + tr, () -> gemm1.sgemm(ta, tb, 2, n, kk, 1f, a, 0, ta ? 2 : kk, b, 0, tb ? kk : n,
                    0.5f, c, 0, n));
            calls.put("dgemm small or dot " + tr, () -> gemm1.dgemm(ta, tb, 2, n, kk, 1, ad, 0, ta ? 2 : kk, bd, 0,
                    tb ? kk : n, 0.5, cd, 0, n));
        }
        // A * B^T with a long k: the dot-product path; few columns: the narrow tile
        assert !PanamaGemm.small(12, 8, 400, true, 16) && PanamaGemm.dotProducts(false, true, 12, 8, 400);
        assert !PanamaGemm.small(m, 16, kk, false, 16);
        calls.put("sgemm dot products", () -> gemm1.sgemm(false, true, 12, 8, 400, 1f, a, 0, 400, b, 0, 400, 0.5f, c, 0, 8));
        calls.put("dgemm dot products", () -> gemm1.dgemm(false, true, 12, 8, 400, 1, ad, 0, 400, bd, 0, 400, 0.5, cd, 0, 8));
        calls.put("sgemm narrow", () -> gemm1.sgemm(false, false, m, 16, kk, 1f, a, 0, kk, b, 0, 16, 0.5f, c, 0, 16));
        calls.put("dgemm narrow", () -> gemm1.dgemm(false, false, m, 16, kk, 1, ad, 0, kk, bd, 0, 16, 0.5, cd, 0, 16));
        // alpha 1, beta 0: full tiles stored straight into C by the wide and narrow tiles
        calls.put("sgemm wide beta 0", () -> gemm1.sgemm(false, false, m, 64, kk, 1f, a, 0, kk, b, 0, 64, 0f, c, 0, 64));
        calls.put("dgemm wide beta 0", () -> gemm1.dgemm(false, false, m, 64, kk, 1, ad, 0, kk, bd, 0, 64, 0, cd, 0, 64));
        calls.put("sgemm narrow beta 0", () -> gemm1.sgemm(false, false, m, 16, kk, 1f, a, 0, kk, b, 0, 16, 0f, c, 0, 16));
        calls.put("dgemm narrow beta 0", () -> gemm1.dgemm(false, false, m, 16, kk, 1, ad, 0, kk, bd, 0, 16, 0, cd, 0, 16));
        calls.put("sgemmBatched", () -> gemm1.sgemmBatched(false, false, 4, m, n, kk, 1f, a, 0, kk, m * kk,
                b, 0, n, kk * n, 0f, c, 0, n, m * n));
        calls.put("dgemmBatched", () -> gemm1.dgemmBatched(false, false, 4, m, n, kk, 1, ad, 0, kk, m * kk,
                bd, 0, n, kk * n, 0, cd, 0, n, m * n));
    }
}
