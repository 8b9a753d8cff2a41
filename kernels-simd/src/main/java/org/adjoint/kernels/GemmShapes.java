package org.adjoint.kernels;

import java.util.List;

/**
 * Which micro-kernel tiles the packed GEMM uses, per register file. Tiles are named
 * {@code rows x vectors}: "4x4" is 4 x 32 floats at 256 bits and 4 x 64 at 512.
 *
 * <p>An AVX2 core has 16 vector registers: 12 accumulators are the most that fit beside the B
 * vectors and a broadcast. As 4x3 (3 B vectors, 4 broadcasts per 12 FMAs) rather than 6x2 (2 B
 * vectors, 6 broadcasts): measured with AVX2 code only ({@code -XX:UseAVX=2}, 16 registers, on
 * a Zen 4, JDK 17), 4x3 runs 1.24-1.29x faster (sq1024 85 vs 68 GFLOP/s, 128x256x784 82 vs 66,
 * 32x512x128 64 vs 50) — a broadcast costs a shuffle-port slot beside the FMAs. 6x2 stays the
 * narrow tile (16 columns). AVX-512 cores have 32, whichever width is used: there a
 * wide 4x4 tile (16 accumulators, 4 B vectors; fewest loads per FMA) is the fastest on every
 * shape measured (bench/README.md), and a narrow 8x2 tile takes products with few columns,
 * which would leave most of a 4x4 tile's columns empty. {@code -Dadjoint.gemm.tile=RxV} forces
 * one tile for every shape (for benchmark sweeps).
 */
final class GemmShapes {

    /** Every tile with a micro-kernel class (generated: the list in kernels-simd/pom.xml, GenerateTiles). */
    static final List<String> TILES = List.of("6x2", "8x2", "12x2", "4x3", "8x3", "6x4", "14x2", "4x4", "5x4");

    private GemmShapes() {
    }

    /**
     * Whether the CPU has 32 vector registers: AVX-512 (its widest vectors are 512 bits) has,
     * AVX2 has 16. (A 128-bit-only CPU is taken to have 16, as SSE does.)
     */
    static boolean manyRegisters() {
        return VectorWidth.MAX_BITS >= 512;
    }

    /** The wide tile, for most products: {@code -Dadjoint.gemm.tile} or the default. */
    static String wideTile() {
        String forced = forcedTile();
        return forced != null ? forced : manyRegisters() ? "4x4" : "4x3";
    }

    /** The narrow tile, for products with few columns: {@code -Dadjoint.gemm.tile} or the default. */
    static String narrowTile() {
        String forced = forcedTile();
        return forced != null ? forced : manyRegisters() ? "8x2" : "6x2";
    }

    private static String forcedTile() {
        String forced = System.getProperty("adjoint.gemm.tile");
        if (forced == null || forced.isBlank()) {
            return null;
        }
        if (!TILES.contains(forced.trim())) {
            throw new IllegalArgumentException("-Dadjoint.gemm.tile=" + forced + ": expected one of " + TILES);
        }
        return forced.trim();
    }

    /** A new F32 micro-kernel of the given tile. */
    static GemmKernelF32 kernelF32(String tile) {
        switch (tile) {
            case "6x2": return new GemmKernel6x2F32();
            case "8x2": return new GemmKernel8x2F32();
            case "12x2": return new GemmKernel12x2F32();
            case "4x3": return new GemmKernel4x3F32();
            case "8x3": return new GemmKernel8x3F32();
            case "6x4": return new GemmKernel6x4F32();
            case "14x2": return new GemmKernel14x2F32();
            case "4x4": return new GemmKernel4x4F32();
            case "5x4": return new GemmKernel5x4F32();
            default: throw new IllegalArgumentException("no micro-kernel for tile " + tile);
        }
    }

    /** A new F64 micro-kernel of the given tile. */
    static GemmKernelF64 kernelF64(String tile) {
        switch (tile) {
            case "6x2": return new GemmKernel6x2F64();
            case "8x2": return new GemmKernel8x2F64();
            case "12x2": return new GemmKernel12x2F64();
            case "4x3": return new GemmKernel4x3F64();
            case "8x3": return new GemmKernel8x3F64();
            case "6x4": return new GemmKernel6x4F64();
            case "14x2": return new GemmKernel14x2F64();
            case "4x4": return new GemmKernel4x4F64();
            case "5x4": return new GemmKernel5x4F64();
            default: throw new IllegalArgumentException("no micro-kernel for tile " + tile);
        }
    }
}
