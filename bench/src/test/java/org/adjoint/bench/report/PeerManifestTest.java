package org.adjoint.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

class PeerManifestTest {

    /** Every benchmark method in the bench jar's JMH list. */
    private static Set<String> benchmarks() {
        Set<String> out = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of(".*"), List.of())) {
            out.add(e.getUsername());
        }
        return out;
    }

    @Test
    void theProjectManifestNamesExistingScriptsAndRealBenchmarksWithoutOverlap() throws Exception {
        // surefire runs in the bench module: peers.txt and peer/ are beside pom.xml
        PeerManifest m = PeerManifest.read(Path.of("peers.txt"));
        Set<String> all = benchmarks();
        assertTrue(all.contains("org.adjoint.bench.GemmBench.sgemm"), "JMH list: " + all);
        for (PeerManifest.Entry e : m.entries()) {
            assertTrue(Files.isRegularFile(Path.of("peer", e.script())), "line " + e.line() + ": bench/peer/"
                    + e.script() + " does not exist");
            List<String> covered = new ArrayList<>();
            for (String b : all) {
                if (e.covers(b)) {
                    covered.add(b);
                }
            }
            assertFalse(covered.isEmpty(), "bench/peers.txt line " + e.line() + " ('" + e.benchmarks()
                    + "') matches no JMH benchmark of " + all);
        }
        for (String b : all) {
            m.entryFor(b);   // throws if two lines claim b
        }
        assertEquals("gemm", m.entryFor("org.adjoint.bench.GemmBench.sgemm").orElseThrow().chart());
        assertEquals(Map.of("impl", "panama"), m.entryFor("org.adjoint.bench.ElementwiseBench.add").orElseThrow().ours());
        assertEquals("PyTorch", m.entryFor("org.adjoint.bench.ToyStepBench.trainStep").orElseThrow().peer());
    }

    @Test
    void parsesColumnsCommentsAndDashes() {
        PeerManifest m = PeerManifest.parse("# header\n\nFooBench\\.   numpy  foo_peer.py  numpy,threadpoolctl  -  "
                + "impl=panama,n=4   # trailing comment\nBarBench\tPyTorch\tbar.py\t-\tstep\t-\n", "test.txt");
        assertEquals(2, m.entries().size());
        PeerManifest.Entry foo = m.entries().get(0);
        assertEquals(3, foo.line());
        assertEquals("numpy", foo.peer());
        assertEquals(List.of("numpy", "threadpoolctl"), foo.modules());
        assertEquals(Map.of("impl", "panama", "n", "4"), foo.ours());
        assertEquals("foo_peer-L3", foo.id());
        PeerManifest.Entry bar = m.entries().get(1);
        assertEquals(List.of(), bar.modules());
        assertEquals(Map.of(), bar.ours());
        assertEquals("step", bar.chart());
        assertTrue(m.entryFor("org.x.FooBench.run").isPresent());
        assertTrue(m.entryFor("org.x.BazBench.run").isEmpty());
    }

    @Test
    void badLinesNameTheFileLineAndProblem() {
        assertEquals("t.txt line 2: expected 6 columns (benchmarks peer script modules chart ours), got 3: 'A numpy a.py'",
                assertThrows(IllegalArgumentException.class, () -> PeerManifest.parse("# c\nA numpy a.py\n", "t.txt"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PeerManifest.parse("A( numpy a.py - - -", "t.txt"))
                .getMessage().startsWith("t.txt line 1: bad benchmark regex 'A(': "));
        assertEquals("t.txt line 1: script must be a .py file name in bench/peer/, got '../x.sh'",
                assertThrows(IllegalArgumentException.class, () -> PeerManifest.parse("A numpy ../x.sh - - -", "t.txt"))
                        .getMessage());
        assertEquals("t.txt line 1: unknown chart 'pie' (expected one of gemm, step, -)",
                assertThrows(IllegalArgumentException.class, () -> PeerManifest.parse("A numpy a.py - pie -", "t.txt"))
                        .getMessage());
        assertEquals("t.txt line 1: 'ours' must be key=value[,key=value] or -, got 'impl'",
                assertThrows(IllegalArgumentException.class, () -> PeerManifest.parse("A numpy a.py - - impl", "t.txt"))
                        .getMessage());
        assertEquals("t.txt line 1: bad python module name 'num-py'",
                assertThrows(IllegalArgumentException.class, () -> PeerManifest.parse("A numpy a.py num-py - -", "t.txt"))
                        .getMessage());
    }

    @Test
    void overlappingLinesAreAnErrorNamingBoth() {
        PeerManifest m = PeerManifest.parse("Gemm numpy a.py - - -\nGemmBench\\.sgemm torch b.py - - -\n", "t.txt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.entryFor("org.adjoint.bench.GemmBench.sgemm"));
        assertEquals("benchmark org.adjoint.bench.GemmBench.sgemm is matched by two peer lines: 1 ('Gemm') and 2 "
                + "('GemmBench\\.sgemm'); make the regexes disjoint", e.getMessage());
    }

    @Test
    void installCommandNamesTheDebianPackages() {
        assertEquals("apt-get install -y python3-numpy python3-threadpoolctl libopenblas0-pthread",
                PeerManifest.installCommand(List.of("numpy", "threadpoolctl")));
        assertEquals("apt-get install -y python3-torch libopenblas0-pthread",
                PeerManifest.installCommand(List.of("torch")));
        assertEquals("apt-get install -y python3-scikit-learn", PeerManifest.installCommand(List.of("scikit_learn")));
    }
}
