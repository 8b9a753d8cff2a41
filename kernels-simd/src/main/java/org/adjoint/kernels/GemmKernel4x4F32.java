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
    boolean multiplyInto(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, int bs,
                         float[] c, int ci, int ldc, float alpha, float beta) {
        if (beta != 0f) {
            return false;
        }
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
        for (int p = 0; p < kc; p++) {
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
        // the store of GemmKernelF32.run, without the round trip through the tile
        FloatVector al = FloatVector.broadcast(S, alpha);
        int o1 = ci + ldc;
        int o2 = o1 + ldc;
        int o3 = o2 + ldc;
        c00.mul(al).intoArray(c, ci);
        c01.mul(al).intoArray(c, ci + L);
        c02.mul(al).intoArray(c, ci + 2 * L);
        c03.mul(al).intoArray(c, ci + 3 * L);
        c10.mul(al).intoArray(c, o1);
        c11.mul(al).intoArray(c, o1 + L);
        c12.mul(al).intoArray(c, o1 + 2 * L);
        c13.mul(al).intoArray(c, o1 + 3 * L);
        c20.mul(al).intoArray(c, o2);
        c21.mul(al).intoArray(c, o2 + L);
        c22.mul(al).intoArray(c, o2 + 2 * L);
        c23.mul(al).intoArray(c, o2 + 3 * L);
        c30.mul(al).intoArray(c, o3);
        c31.mul(al).intoArray(c, o3 + L);
        c32.mul(al).intoArray(c, o3 + 2 * L);
        c33.mul(al).intoArray(c, o3 + 3 * L);
        return true;
    }

    @Override
    void multiply(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, int bs, float[] tile) {
        int nr = 4 * L;
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
        for (int p = 0; p < kc; p++) {
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
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c02.intoArray(tile, 2 * L);
        c03.intoArray(tile, 3 * L);
        c10.intoArray(tile, nr);
        c11.intoArray(tile, nr + L);
        c12.intoArray(tile, nr + 2 * L);
        c13.intoArray(tile, nr + 3 * L);
        c20.intoArray(tile, 2 * nr);
        c21.intoArray(tile, 2 * nr + L);
        c22.intoArray(tile, 2 * nr + 2 * L);
        c23.intoArray(tile, 2 * nr + 3 * L);
        c30.intoArray(tile, 3 * nr);
        c31.intoArray(tile, 3 * nr + L);
        c32.intoArray(tile, 3 * nr + 2 * L);
        c33.intoArray(tile, 3 * nr + 3 * L);
    }
}
