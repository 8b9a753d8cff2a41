package org.adjoint.kernels;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jdk.incubator.vector.VectorSpecies;

/**
 * A fixed workload over every transcendental path of the Vector API kernels, F32 and F64: the
 * {@link VectorMathF32}/{@link VectorMathF64} functions called directly, and the kernels that use
 * them (every unary op forward, the backward passes, POW, softmax, log-softmax, logsumexp). Each
 * task writes into preallocated arrays, so that a warmed-up run allocates nothing.
 *
 * <p>{@link TierIndependenceTest} runs it in its own JVM after C2 has compiled it, and in a child
 * JVM started with {@code -Xint} through {@link #main}, which writes the bit patterns to a file.
 */
final class TierProbe {

    /** Elements per task: several vectors at any width, plus a tail. */
    static final int N = 1024 + 5;

    /** One task of the workload: {@code run} fills {@code out} (float[] or double[]) from {@code in}. */
    record Task(String name, Runnable run, Object in, Object out) {
    }

    final List<Task> tasks = new ArrayList<>();

    TierProbe() {
        float[] x = inputsF32();
        double[] xd = inputsF64();
        VectorSpecies<Float> fs = VectorWidth.F32;
        VectorSpecies<Double> ds = VectorWidth.F64;
        int fBound = fs.loopBound(N);
        int dBound = ds.loopBound(N);
        // the functions themselves, whole vectors only
        addF("VectorMathF32.exp", x, (in, out) -> VectorMathF32.exp(in, 0, out, 0, fBound));
        addF("VectorMathF32.expm1", x, (in, out) -> VectorMathF32.expm1(in, 0, out, 0, fBound));
        addF("VectorMathF32.log", x, (in, out) -> VectorMathF32.log(in, 0, out, 0, fBound));
        addF("VectorMathF32.log1p", x, (in, out) -> VectorMathF32.log1p(in, 0, out, 0, fBound));
        addF("VectorMathF32.tanh", x, (in, out) -> VectorMathF32.tanh(in, 0, out, 0, fBound));
        addD("VectorMathF64.exp", xd, (in, out) -> VectorMathF64.exp(in, 0, out, 0, dBound));
        addD("VectorMathF64.expm1", xd, (in, out) -> VectorMathF64.expm1(in, 0, out, 0, dBound));
        addD("VectorMathF64.log", xd, (in, out) -> VectorMathF64.log(in, 0, out, 0, dBound));
        addD("VectorMathF64.log1p", xd, (in, out) -> VectorMathF64.log1p(in, 0, out, 0, dBound));
        addD("VectorMathF64.tanh", xd, (in, out) -> VectorMathF64.tanh(in, 0, out, 0, dBound));
        // the kernels (sigmoid and softplus are reached through them)
        ElementwiseKernels ew = new PanamaKernels().elementwise();
        ReductionKernels red = new PanamaKernels().reductions();
        float[] dy = uniform(new SplittableRandom(3), N, -1, 1);
        double[] dyd = EdgeValueTest.widen(dy);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.EXPM1, UnaryOp.LOG, UnaryOp.LOG1P, UnaryOp.SIGMOID,
            UnaryOp.TANH, UnaryOp.ELU, UnaryOp.SOFTPLUS}) {
            addF("unary " + op + " f32", x, (in, out) -> ew.unary(op, 0.5, in, 0, out, 0, N));
            addD("unary " + op + " f64", xd, (in, out) -> ew.unary(op, 0.5, in, 0, out, 0, N));
        }
        addF("unaryBackward SOFTPLUS f32", x, (in, out) -> ew.unaryBackward(UnaryOp.SOFTPLUS, 0, in, 0, null, 0, dy, 0,
                out, 0, N));
        addD("unaryBackward SOFTPLUS f64", xd, (in, out) -> ew.unaryBackward(UnaryOp.SOFTPLUS, 0, in, 0, null, 0, dyd,
                0, out, 0, N));
        float[] base = uniform(new SplittableRandom(4), N, 0, 3);
        double[] based = EdgeValueTest.widen(base);
        addF("binary POW f32", x, (in, out) -> ew.binary(BinaryOp.POW, base, 0, N, 1, in, 0, N, 1, out, 0, 1, N));
        addD("binary POW f64", xd, (in, out) -> ew.binary(BinaryOp.POW, based, 0, N, 1, in, 0, N, 1, out, 0, 1, N));
        // every base (the specials, all signs and exponents) to integer, half-integer and wide exponents
        float[] expo = new float[N];
        SplittableRandom er = new SplittableRandom(6);
        for (int i = 0; i < N; i++) {
            expo[i] = i % 3 == 0 ? er.nextInt(-9, 10) : i % 3 == 1 ? er.nextInt(-9, 10) + 0.5f : (float) er.nextDouble(-40, 40);
        }
        double[] expoD = EdgeValueTest.widen(expo);
        addF("binary POW f32 (x as base)", x, (in, out) -> ew.binary(BinaryOp.POW, in, 0, N, 1, expo, 0, N, 1, out, 0, 1, N));
        addD("binary POW f64 (x as base)", xd, (in, out) -> ew.binary(BinaryOp.POW, in, 0, N, 1, expoD, 0, N, 1, out, 0, 1,
                N));
        addF("binary POW f32 (x to a broadcast half-integer)", x, (in, out) -> ew.binary(BinaryOp.POW, in, 0, N, 1, expo, 1, 0, 0, out, 0, 1, N));
        addD("VectorMathF64.pow", xd, (in, out) -> VectorMathF64.pow(in, 0, 1, expoD, 0, 1, out, 0, dBound));
        int cols = 103;
        int rows = N / cols;
        float[] logits = uniform(new SplittableRandom(5), N, -30, 30);
        double[] logitsD = EdgeValueTest.widen(logits);
        addF("softmax f32", logits, (in, out) -> red.softmax(in, 0, rows, cols, out, 0));
        addD("softmax f64", logitsD, (in, out) -> red.softmax(in, 0, rows, cols, out, 0));
        addF("logSoftmax f32", logits, (in, out) -> red.logSoftmax(in, 0, rows, cols, out, 0));
        addD("logSoftmax f64", logitsD, (in, out) -> red.logSoftmax(in, 0, rows, cols, out, 0));
        addF("logSumExp f32", logits, (in, out) -> red.logSumExp(in, 0, rows, cols, out, 0));
        addD("logSumExp f64", logitsD, (in, out) -> red.logSumExp(in, 0, rows, cols, out, 0));
    }

    private interface FloatTask {
        void run(float[] in, float[] out);
    }

    private interface DoubleTask {
        void run(double[] in, double[] out);
    }

    private void addF(String name, float[] in, FloatTask body) {
        float[] out = new float[N];
        tasks.add(new Task(name, () -> body.run(in, out), in, out));
    }

    private void addD(String name, double[] in, DoubleTask body) {
        double[] out = new double[N];
        tasks.add(new Task(name, () -> body.run(in, out), in, out));
    }

    /** Specials, strided bit patterns over the whole float range, and values in each function's range. */
    static float[] inputsF32() {
        float[] x = new float[N];
        float[] specials = VectorMathTest.specialsF32();
        System.arraycopy(specials, 0, x, 0, specials.length);
        int at = specials.length;
        for (int i = 0; i < 256; i++) {
            x[at++] = Float.intBitsToFloat((int) (i * 16_777_259L));       // every sign and exponent
        }
        SplittableRandom rnd = new SplittableRandom(20261129);
        double[][] ranges = {{-110, 95}, {-20, 20}, {-1, 1}, {0, 4}, {-1e-3, 1e-3}};
        for (int r = 0; at < N; r = (r + 1) % ranges.length) {
            x[at++] = (float) (ranges[r][0] + (ranges[r][1] - ranges[r][0]) * rnd.nextDouble());
        }
        return x;
    }

    /** The F64 twin of {@link #inputsF32}: double specials and ranges (not widened floats). */
    static double[] inputsF64() {
        double[] x = new double[N];
        double[] specials = VectorMathTest.specialsF64();
        System.arraycopy(specials, 0, x, 0, specials.length);
        int at = specials.length;
        for (int i = 0; i < 256; i++) {
            x[at++] = Double.longBitsToDouble(i * 72_057_594_037_927_941L);
        }
        SplittableRandom rnd = new SplittableRandom(20261130);
        double[][] ranges = {{-750, 712}, {-40, 40}, {-1, 1}, {0, 4}, {-1e-3, 1e-3}};
        for (int r = 0; at < N; r = (r + 1) % ranges.length) {
            x[at++] = ranges[r][0] + (ranges[r][1] - ranges[r][0]) * rnd.nextDouble();
        }
        return x;
    }

    private static float[] uniform(SplittableRandom rnd, int n, double lo, double hi) {
        return KernelTesting.uniform(rnd, n, lo, hi);
    }

    /** Every task's output as bit patterns (NaN canonical: Java does not specify NaN payloads). */
    Map<String, long[]> bits() {
        Map<String, long[]> result = new LinkedHashMap<>();
        for (Task t : tasks) {
            long[] b = new long[N];
            if (t.out() instanceof float[] f) {
                for (int i = 0; i < N; i++) {
                    b[i] = Float.floatToIntBits(f[i]);
                }
            } else {
                double[] d = (double[]) t.out();
                for (int i = 0; i < N; i++) {
                    b[i] = Double.doubleToLongBits(d[i]);
                }
            }
            result.put(t.name(), b);
        }
        return result;
    }

    static void write(Map<String, long[]> bits, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(bits.size());
            for (Map.Entry<String, long[]> e : bits.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (long v : e.getValue()) {
                    out.writeLong(v);
                }
            }
        }
    }

    static Map<String, long[]> read(Path file) throws IOException {
        Map<String, long[]> bits = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            int tasks = in.readInt();
            for (int t = 0; t < tasks; t++) {
                String name = in.readUTF();
                long[] v = new long[in.readInt()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readLong();
                }
                bits.put(name, v);
            }
        }
        return bits;
    }

    /**
     * The child side: {@code java -Xint ... TierProbe <output file>} runs every task once and writes
     * the bits. Exits with status 3 when not actually interpreted.
     */
    public static void main(String[] args) throws IOException {
        String info = System.getProperty("java.vm.info", "");
        if (!info.contains("interpreted")) {
            System.err.println("TierProbe: expected an -Xint JVM, java.vm.info is '" + info + "'");
            System.exit(3);
        }
        TierProbe probe = new TierProbe();
        for (Task t : probe.tasks) {
            t.run().run();
        }
        write(probe.bits(), Path.of(args[0]));
    }
}
