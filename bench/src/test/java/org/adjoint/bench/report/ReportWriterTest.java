package org.adjoint.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report, its charts and results.json, from a canned two-round run with three peer groups. */
class ReportWriterTest {

    @TempDir
    Path dir;

    private static double[] fill(double v, int n) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, v);
        return x;
    }

    private static RunResults.PointData gemm(String shape, String threads, double ours1, double ours2, double peer1,
            double peer2) {
        return new RunResults.PointData(Fixtures.point("GemmBench.sgemm", "shape", shape, "threads", threads),
                "gemm_peer-L17", "numpy", "gemm", true, List.of(fill(ours1, 3), fill(ours2, 3)),
                List.of(fill(peer1, 2), fill(peer2, 2)));
    }

    /** Two rounds; GEMM (numpy measured), steps (PyTorch measured), elementwise (numpy skipped), one without peer. */
    static RunResults canned() {
        List<RunResults.PointData> points = new ArrayList<>();
        points.add(gemm("sq64", "1", 10, 12, 20, 18));          // speedups 2.0, 1.5
        points.add(gemm("sq128", "1", 80, 80, 80, 80));         // 1.0, 1.0
        points.add(gemm("sq64", "2", 8, 8, 4, 4));              // 0.5, 0.5
        points.add(gemm("mlp_nn", "1", 1000, 1000, 1250, 1250)); // 1.25, 1.25 (not on the chart: not square)
        points.add(new RunResults.PointData(Fixtures.point("ToyStepBench.trainStep"), "train_step_peer-L20", "PyTorch",
                "step", true, List.of(new double[] {5, 6, 4}, new double[] {5, 5, 5}),
                List.of(new double[] {250, 260}, new double[] {240, 250})));
        points.add(new RunResults.PointData(Fixtures.point("MlpStepBench.trainStep", "threads", "1"),
                "train_step_peer-L20", "PyTorch", "step", true, List.of(fill(3600, 3), fill(3800, 3)),
                List.of(fill(4000, 2), new double[0])));        // the peer failed in round 2: one ratio
        points.add(new RunResults.PointData(Fixtures.point("ElementwiseBench.add", "impl", "panama", "n", "1048576"),
                "elementwise_peer-L18", "numpy", "-", true, List.of(fill(380, 3), fill(390, 3)),
                List.of(new double[0], new double[0])));
        points.add(new RunResults.PointData(Fixtures.point("ElementwiseBench.add", "impl", "scalar", "n", "1048576"),
                "elementwise_peer-L18", "numpy", "-", false, List.of(fill(3000, 3), fill(3100, 3)),
                List.of(new double[0], new double[0])));
        points.add(new RunResults.PointData(Fixtures.point("LstmBench.step", "hidden", "128"), null, null, "-", false,
                List.of(fill(700, 3), fill(710, 3)), List.of(new double[0], new double[0])));
        List<RunResults.PeerStatus> peers = List.of(
                new RunResults.PeerStatus("gemm_peer-L17", "numpy", "gemm_peer.py", "measured", "",
                        List.of("numpy 1.24.2, OpenBLAS 0.3.21, core Cooperlake")),
                new RunResults.PeerStatus("elementwise_peer-L18", "numpy", "elementwise_peer.py", "skipped",
                        "/usr/bin/python3 cannot import numpy; install: " + PeerManifest.installCommand(List.of("numpy")),
                        List.of()),
                new RunResults.PeerStatus("train_step_peer-L20", "PyTorch", "train_step_peer.py", "measured",
                        "failed in round 2: exit code 1: RuntimeError: boom", List.of("torch 1.13.0")));
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("preset", "quick");
        settings.put("jmh", Preset.QUICK.describe());
        settings.put("filter", ".*");
        settings.put("args", "--quick");
        settings.put("commit", "abc123");
        Map<String, String> machine = new java.util.LinkedHashMap<>(Fixtures.machine());
        machine.put("peer.blas", "openblas 0.3.21 (pthreads, 2 threads, core Cooperlake)");
        return new RunResults(machine, settings, points, peers, List.of("peer x printed no case for y"));
    }

    @Test
    void speedupsArePerRoundRatiosOfMeans() {
        RunResults run = canned();
        assertArrayEquals(new double[] {2.0, 1.5}, run.points.get(0).speedups(), 1e-12);
        assertArrayEquals(new double[] {4000.0 / 3600}, run.points.get(5).speedups(), 1e-12,
                "a round without the peer gives no ratio");
        assertArrayEquals(new double[0], run.points.get(7).speedups(), "not compared: the scalar twin");
        assertNull(run.points.get(7).peerEstimate());
        assertEquals(11.0, run.points.get(0).ours().mean(), 1e-12, "iterations of both rounds pooled");
        assertEquals(19.0, run.points.get(0).peerEstimate().mean(), 1e-12);
        assertEquals(1.75, RunResults.median(run.points.get(0).speedups()), 1e-12);
        assertEquals("1.75 [1.50–2.00]", ReportWriter.speedup(run.points.get(0)));
        assertEquals("1.11 (1 round)", ReportWriter.speedup(run.points.get(5)));
        assertEquals("—", ReportWriter.speedup(run.points.get(8)));
    }

    @Test
    void resultsJsonRoundTrips() throws Exception {
        RunResults run = canned();
        Path file = dir.resolve("results.json");
        run.write(file);
        RunResults back = RunResults.read(file);
        assertEquals(run.machine, back.machine);
        assertEquals(run.settings, back.settings);
        assertEquals(run.notes, back.notes);
        assertEquals(run.points.size(), back.points.size());
        for (int i = 0; i < run.points.size(); i++) {
            RunResults.PointData a = run.points.get(i);
            RunResults.PointData b = back.points.get(i);
            assertEquals(a.point(), b.point());
            assertEquals(a.group(), b.group());
            assertEquals(a.compared(), b.compared());
            assertArrayEquals(a.speedups(), b.speedups(), 1e-9, a.point().label());
            assertEquals(a.ours().mean(), b.ours().mean(), 1e-9);
        }
        assertEquals(run.peers, back.peers);
        Files.writeString(file, Files.readString(file).replace("\"format\": 1", "\"format\": 9"));
        assertEquals(file + ": results.json has format 9, this harness reads 1",
                assertThrows(IllegalArgumentException.class, () -> RunResults.read(file)).getMessage());
    }

    @Test
    void reportNamesTheMachineAndEveryFigure() throws Exception {
        String md = new ReportWriter(canned(), dir).write(null);
        assertEquals(md, Files.readString(dir.resolve("report.md")));
        assertTrue(md.contains("| CPU | AMD EPYC (AuthenticAMD family 25 model 17 stepping 1) |"), md);
        assertTrue(md.contains("| SIMD flags | sse4_2 avx fma avx2 avx512f avx512dq avx512bw avx512vl |"), md);
        assertTrue(md.contains("| JDK | Debian 17.0.15+6-Debian-1deb12u1 |"), md);
        assertTrue(md.contains("| vector width (Vector API) | FloatVector.SPECIES_PREFERRED = Species[float, 16, "
                + "S_512_BIT] |"), md);
        assertTrue(md.contains("| peer: BLAS (OpenBLAS core) | openblas 0.3.21 (pthreads, 2 threads, core Cooperlake) |"),
                md);
        // GEMM row: pooled means 11 us and 19 us, GFLOP/s = 2 * 64^3 / t
        String g64 = String.format(Locale.ROOT, "%.1f", 2.0 * 64 * 64 * 64 / 11e-6 / 1e9);
        String p64 = String.format(Locale.ROOT, "%.1f", 2.0 * 64 * 64 * 64 / 19e-6 / 1e9);
        assertTrue(md.contains("| GemmBench.sgemm | shape=sq64 threads=1 | 64x64x64 | 11.0 ± "), md);
        assertTrue(md.contains(" | " + g64 + " | 19.0 ± "), md);
        assertTrue(md.contains(" | " + p64 + " | 1.75 [1.50–2.00] |"), md);
        assertTrue(md.contains("| GemmBench.sgemm | shape=mlp_nn threads=1 | 128x256x784 |"), md);
        // summary: geometric mean of the GEMM medians 1.75, 1.0, 0.5, 1.25
        double geo = Math.exp((Math.log(1.75) + Math.log(1.0) + Math.log(0.5) + Math.log(1.25)) / 4);
        assertTrue(md.contains("| GemmBench.sgemm | numpy | 4 | 4 | **" + String.format(Locale.ROOT, "%.2f", geo)
                + "** | 0.50 | 1.75 |"), md);
        assertTrue(md.contains("| ElementwiseBench.add | numpy (skipped) | 2 | 0 | — | — | — |"), md);
        assertTrue(md.contains("**Peer skipped:** /usr/bin/python3 cannot import numpy; install: apt-get install -y "
                + "python3-numpy libopenblas0-pthread"), md);
        assertTrue(md.contains("| ElementwiseBench.add | impl=scalar n=1048576 | 3,050 ± "), md);
        assertTrue(md.contains("(not compared)"), md);
        assertTrue(md.contains("## Benchmarks without a peer"), md);
        assertTrue(md.contains("| LstmBench.step | hidden=128 | 705 ± "), md);
        assertTrue(md.contains("failed in round 2: exit code 1: RuntimeError: boom"), md);
        assertTrue(md.contains("- peer x printed no case for y"), md);
        for (String png : List.of("overview.png", "gemm-1t.png", "gemm-2t.png", "steps-train_step_peer-L20.png")) {
            assertTrue(md.contains("](" + png + ")"), png + " is named in the report");
            assertTrue(md.contains("- `" + png + "`"), png + " is listed under Files");
        }
        assertFalse(Files.exists(dir.resolve("steps-elementwise_peer-L18.png")));
    }

    @Test
    void chartsArePngsWithTheSeriesDrawn() throws Exception {
        new ReportWriter(canned(), dir).write(null);
        BufferedImage gemm = ImageIO.read(dir.resolve("gemm-1t.png").toFile());
        assertEquals(900, gemm.getWidth());
        assertEquals(540, gemm.getHeight());
        assertTrue(hasColor(gemm, Charts.OURS), "our series is drawn");
        assertTrue(hasColor(gemm, Charts.PEER), "the peer's series is drawn");
        BufferedImage overview = ImageIO.read(dir.resolve("overview.png").toFile());
        assertEquals(1100, overview.getWidth());
        assertTrue(hasColor(overview, Charts.FASTER), "sq64 1T is faster than numpy: a green bar");
        assertTrue(hasColor(overview, Charts.SLOWER), "sq64 2T is slower than numpy: a red bar");
        BufferedImage steps = ImageIO.read(dir.resolve("steps-train_step_peer-L20.png").toFile());
        assertTrue(hasColor(steps, Charts.OURS) && hasColor(steps, Charts.PEER));
    }

    @Test
    void aChartThatCannotBeDrawnBecomesANoteNotALostReport() throws Exception {
        ReportWriter w = new ReportWriter(canned(), dir);
        assertFalse(w.chart("broken.png", () -> {
            throw new InternalError("Fontconfig head is null, check your fonts or fonts configuration");
        }));
        String md = w.render(null);
        assertTrue(md.contains("- broken.png could not be drawn: java.lang.InternalError: Fontconfig head is null, check "
                + "your fonts or fonts configuration (headless AWT needs fontconfig and a font, e.g. apt-get install -y "
                + "fontconfig fonts-dejavu-core)"), md);
        assertTrue(md.contains("](overview.png)"), "the other charts are still drawn");
    }

    @Test
    void noSquareGemmPointMeansNoChart() throws Exception {
        List<RunResults.PointData> only = List.of(gemm("mlp_nn", "1", 1, 1, 1, 1));
        assertFalse(Charts.gemm(only, "1", "numpy", 80, "", dir.resolve("g.png")));
        assertFalse(Files.exists(dir.resolve("g.png")));
    }

    private static boolean hasColor(BufferedImage img, java.awt.Color c) {
        int rgb = c.getRGB() & 0xffffff;
        int count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb && ++count >= 20) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void headlineAndHistoryHelpers() {
        Map<String, String> h = RunAll.headline(canned());
        assertEquals(String.format(Locale.ROOT, "%.2f (geometric mean of 4 points)",
                Math.exp((Math.log(1.75) + Math.log(0.5) + Math.log(1.25)) / 4)), h.get("GemmBench.sgemm vs numpy"));
        assertEquals(List.of("GemmBench.sgemm vs numpy", "MlpStepBench.trainStep vs PyTorch, ToyStepBench.trainStep vs "
                + "PyTorch"), List.copyOf(h.keySet()), "groups without a ratio (skipped peer) have no headline");
        assertEquals("avx512f", RunAll.widestSimd("sse4_2 avx fma avx2 avx512f avx512bw"));
        assertEquals("avx2", RunAll.widestSimd("sse4_2 avx fma avx2"));
        assertEquals("?", RunAll.widestSimd(""));
    }

    @Test
    void onlyACompleteRunMayBePublished() {
        RunResults full = canned();
        assertNull(RunAll.partial(full), "a skipped peer (module missing) is part of a complete picture");
        full.settings.put("filter", "Gemm");
        assertEquals("has --filter Gemm", RunAll.partial(full));
        RunResults params = canned();
        params.settings.put("params", "shape=sq64");
        assertEquals("has --param shape=sq64", RunAll.partial(params));
        RunResults noPeers = new RunResults(Fixtures.machine(), new java.util.LinkedHashMap<>(), List.of(),
                List.of(new RunResults.PeerStatus("g", "numpy", "g.py", "skipped", "not run (--no-peers)", List.of())),
                List.of());
        assertEquals("has --no-peers", RunAll.partial(noPeers));
    }

    @Test
    void unknownBaselineListsTheSavedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunAll.baselineDir("no-such-baseline-xyz"));
        assertTrue(e.getMessage().startsWith("--compare no-such-baseline-xyz: no results.json in "
                + Path.of("bench", "baselines", "no-such-baseline-xyz")), e.getMessage());
    }
}
