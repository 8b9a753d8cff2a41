package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * F32 micro-kernel with a 4 x 3-vector tile (4 x 24 at 256 bits, 4 x 48 at 512): 12
 * accumulators, 3 B vectors and one A broadcast live in the loop. See {@link GemmKernelF32}.
 */
final class GemmKernel4x3F32 extends GemmKernelF32 {

    GemmKernel4x3F32() {
        super(4, 3);
    }

    @Override
    void multiply(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, int bs, float[] out, int oi, int ldo) {
        int r1 = rs;
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S); FloatVector c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S); FloatVector c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S); FloatVector c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S); FloatVector c32 = FloatVector.zero(S);
        // vector loop: one rank-1 update of the tile per step of k
        int ao = ai;
        int bo = bi;
        for (int p = kc; p > 0; p--) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + r1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + r2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + r3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            ao += ps;
            bo += bs;
        }
        int o0 = oi;
        int o1 = o0 + ldo;
        int o2 = o1 + ldo;
        int o3 = o2 + ldo;
        c00.intoArray(out, o0);
        c01.intoArray(out, o0 + L);
        c02.intoArray(out, o0 + 2 * L);
        c10.intoArray(out, o1);
        c11.intoArray(out, o1 + L);
        c12.intoArray(out, o1 + 2 * L);
        c20.intoArray(out, o2);
        c21.intoArray(out, o2 + L);
        c22.intoArray(out, o2 + 2 * L);
        c30.intoArray(out, o3);
        c31.intoArray(out, o3 + L);
        c32.intoArray(out, o3 + 2 * L);
    }
}
