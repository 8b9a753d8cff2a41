package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * F32 micro-kernel with a 14 x 2-vector tile (14 x 16 at 256 bits, 14 x 32 at 512): 28
 * accumulators, 2 B vectors and one A broadcast live in the loop. See {@link GemmKernelF32}.
 */
final class GemmKernel14x2F32 extends GemmKernelF32 {

    GemmKernel14x2F32() {
        super(14, 2);
    }

    @Override
    void multiply(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, int bs, float[] out, int oi, int ldo) {
        int r1 = rs;
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        int r4 = 4 * rs;
        int r5 = 5 * rs;
        int r6 = 6 * rs;
        int r7 = 7 * rs;
        int r8 = 8 * rs;
        int r9 = 9 * rs;
        int r10 = 10 * rs;
        int r11 = 11 * rs;
        int r12 = 12 * rs;
        int r13 = 13 * rs;
        FloatVector c000 = FloatVector.zero(S); FloatVector c001 = FloatVector.zero(S);
        FloatVector c010 = FloatVector.zero(S); FloatVector c011 = FloatVector.zero(S);
        FloatVector c020 = FloatVector.zero(S); FloatVector c021 = FloatVector.zero(S);
        FloatVector c030 = FloatVector.zero(S); FloatVector c031 = FloatVector.zero(S);
        FloatVector c040 = FloatVector.zero(S); FloatVector c041 = FloatVector.zero(S);
        FloatVector c050 = FloatVector.zero(S); FloatVector c051 = FloatVector.zero(S);
        FloatVector c060 = FloatVector.zero(S); FloatVector c061 = FloatVector.zero(S);
        FloatVector c070 = FloatVector.zero(S); FloatVector c071 = FloatVector.zero(S);
        FloatVector c080 = FloatVector.zero(S); FloatVector c081 = FloatVector.zero(S);
        FloatVector c090 = FloatVector.zero(S); FloatVector c091 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S); FloatVector c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S); FloatVector c111 = FloatVector.zero(S);
        FloatVector c120 = FloatVector.zero(S); FloatVector c121 = FloatVector.zero(S);
        FloatVector c130 = FloatVector.zero(S); FloatVector c131 = FloatVector.zero(S);
        // vector loop: one rank-1 update of the tile per step of k
        int ao = ai;
        int bo = bi;
        for (int p = kc; p > 0; p--) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c000 = a0.fma(b0, c000);
            c001 = a0.fma(b1, c001);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + r1]);
            c010 = a1.fma(b0, c010);
            c011 = a1.fma(b1, c011);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + r2]);
            c020 = a2.fma(b0, c020);
            c021 = a2.fma(b1, c021);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + r3]);
            c030 = a3.fma(b0, c030);
            c031 = a3.fma(b1, c031);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + r4]);
            c040 = a4.fma(b0, c040);
            c041 = a4.fma(b1, c041);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + r5]);
            c050 = a5.fma(b0, c050);
            c051 = a5.fma(b1, c051);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + r6]);
            c060 = a6.fma(b0, c060);
            c061 = a6.fma(b1, c061);
            FloatVector a7 = FloatVector.broadcast(S, a[ao + r7]);
            c070 = a7.fma(b0, c070);
            c071 = a7.fma(b1, c071);
            FloatVector a8 = FloatVector.broadcast(S, a[ao + r8]);
            c080 = a8.fma(b0, c080);
            c081 = a8.fma(b1, c081);
            FloatVector a9 = FloatVector.broadcast(S, a[ao + r9]);
            c090 = a9.fma(b0, c090);
            c091 = a9.fma(b1, c091);
            FloatVector a10 = FloatVector.broadcast(S, a[ao + r10]);
            c100 = a10.fma(b0, c100);
            c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(S, a[ao + r11]);
            c110 = a11.fma(b0, c110);
            c111 = a11.fma(b1, c111);
            FloatVector a12 = FloatVector.broadcast(S, a[ao + r12]);
            c120 = a12.fma(b0, c120);
            c121 = a12.fma(b1, c121);
            FloatVector a13 = FloatVector.broadcast(S, a[ao + r13]);
            c130 = a13.fma(b0, c130);
            c131 = a13.fma(b1, c131);
            ao += ps;
            bo += bs;
        }
        int o0 = oi;
        int o1 = o0 + ldo;
        int o2 = o1 + ldo;
        int o3 = o2 + ldo;
        int o4 = o3 + ldo;
        int o5 = o4 + ldo;
        int o6 = o5 + ldo;
        int o7 = o6 + ldo;
        int o8 = o7 + ldo;
        int o9 = o8 + ldo;
        int o10 = o9 + ldo;
        int o11 = o10 + ldo;
        int o12 = o11 + ldo;
        int o13 = o12 + ldo;
        c000.intoArray(out, o0);
        c001.intoArray(out, o0 + L);
        c010.intoArray(out, o1);
        c011.intoArray(out, o1 + L);
        c020.intoArray(out, o2);
        c021.intoArray(out, o2 + L);
        c030.intoArray(out, o3);
        c031.intoArray(out, o3 + L);
        c040.intoArray(out, o4);
        c041.intoArray(out, o4 + L);
        c050.intoArray(out, o5);
        c051.intoArray(out, o5 + L);
        c060.intoArray(out, o6);
        c061.intoArray(out, o6 + L);
        c070.intoArray(out, o7);
        c071.intoArray(out, o7 + L);
        c080.intoArray(out, o8);
        c081.intoArray(out, o8 + L);
        c090.intoArray(out, o9);
        c091.intoArray(out, o9 + L);
        c100.intoArray(out, o10);
        c101.intoArray(out, o10 + L);
        c110.intoArray(out, o11);
        c111.intoArray(out, o11 + L);
        c120.intoArray(out, o12);
        c121.intoArray(out, o12 + L);
        c130.intoArray(out, o13);
        c131.intoArray(out, o13 + L);
    }
}
