package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * F32 micro-kernel with a 4 x 4-vector tile (4 x 32 at 256 bits, 4 x 64 at 512): 16
 * accumulators, 4 B vectors and one A broadcast live in the loop. See {@link GemmKernelF32}.
 */
final class GemmKernel4x4F32 extends GemmKernelF32 {

    GemmKernel4x4F32() {
        super(4, 4);
    }

    @Override
    void multiply(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, int bs, float[] out, int oi, int ldo) {
        int r1 = rs;
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S); FloatVector c02 = FloatVector.zero(S); FloatVector c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S); FloatVector c12 = FloatVector.zero(S); FloatVector c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S); FloatVector c22 = FloatVector.zero(S); FloatVector c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S); FloatVector c32 = FloatVector.zero(S); FloatVector c33 = FloatVector.zero(S);
        // vector loop: one rank-1 update of the tile per step of k
        int ao = ai;
        int bo = bi;
        for (int p = kc; p > 0; p--) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bo + 3 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + r1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + r2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + r3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
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
        c03.intoArray(out, o0 + 3 * L);
        c10.intoArray(out, o1);
        c11.intoArray(out, o1 + L);
        c12.intoArray(out, o1 + 2 * L);
        c13.intoArray(out, o1 + 3 * L);
        c20.intoArray(out, o2);
        c21.intoArray(out, o2 + L);
        c22.intoArray(out, o2 + 2 * L);
        c23.intoArray(out, o2 + 3 * L);
        c30.intoArray(out, o3);
        c31.intoArray(out, o3 + L);
        c32.intoArray(out, o3 + 2 * L);
        c33.intoArray(out, o3 + 3 * L);
    }
}
