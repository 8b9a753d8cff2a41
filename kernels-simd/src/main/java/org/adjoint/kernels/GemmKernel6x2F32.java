package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * F32 micro-kernel with a 6 x 2-vector tile (6 x 16 at 256 bits, 6 x 32 at 512): 12
 * accumulators, 2 B vectors and one A broadcast live in the loop. See {@link GemmKernelF32}.
 */
final class GemmKernel6x2F32 extends GemmKernelF32 {

    GemmKernel6x2F32() {
        super(6, 2);
    }

    @Override
    void multiply(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, int bs, float[] out, int oi, int ldo) {
        int r1 = rs;
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        int r4 = 4 * rs;
        int r5 = 5 * rs;
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
        // vector loop: one rank-1 update of the tile per step of k
        int ao = ai;
        int bo = bi;
        for (int p = kc; p > 0; p--) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + r1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + r2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + r3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + r4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + r5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            ao += ps;
            bo += bs;
        }
        int o0 = oi;
        int o1 = o0 + ldo;
        int o2 = o1 + ldo;
        int o3 = o2 + ldo;
        int o4 = o3 + ldo;
        int o5 = o4 + ldo;
        c00.intoArray(out, o0);
        c01.intoArray(out, o0 + L);
        c10.intoArray(out, o1);
        c11.intoArray(out, o1 + L);
        c20.intoArray(out, o2);
        c21.intoArray(out, o2 + L);
        c30.intoArray(out, o3);
        c31.intoArray(out, o3 + L);
        c40.intoArray(out, o4);
        c41.intoArray(out, o4 + L);
        c50.intoArray(out, o5);
        c51.intoArray(out, o5 + L);
    }
}
