package org.adjoint.nn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.TestData;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Dropout;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.Trainer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomSearchTest {

    private static final SearchSpace SPACE = SearchSpace.builder().logUniform("lr", 1e-4, 1)
            .oneMinusLogUniform("beta", 0.9, 0.999).build();

    /** Peaks at lr = 1e-2; depends on the trial seed a little; throws for lr > 0.3 (a "diverging" trial). */
    private static final Objective BOWL = (p, seed) -> {
        double lr = p.get("lr");
        if (lr > 0.3) {
            throw new IllegalStateException("diverged at lr=" + lr);
        }
        double d = Math.log10(lr) + 2;
        return Map.of("score", 1 - d * d + (seed % 1000) * 1e-9, "distance", Math.abs(d));
    };

    @Test
    void seededTrialsDoNotDependOnCountOrThreads() {
        SearchResults a = RandomSearch.over(SPACE).trials(12).seed(9).threads(1).maximize("score").run(BOWL);
        SearchResults b = RandomSearch.over(SPACE).trials(12).seed(9).threads(4).maximize("score").run(BOWL);
        SearchResults fewer = RandomSearch.over(SPACE).trials(5).seed(9).threads(3).maximize("score").run(BOWL);
        SearchResults other = RandomSearch.over(SPACE).trials(12).seed(10).threads(1).maximize("score").run(BOWL);
        for (int i = 0; i < 12; i++) {
            Trial x = a.trials().get(i);
            Trial y = b.trials().get(i);
            assertEquals(i, x.index());
            assertEquals(x.params(), y.params());
            assertEquals(x.seed(), y.seed());
            assertEquals(x.metrics(), y.metrics());
            assertEquals(x.error(), y.error());
            if (i < 5) {
                assertEquals(x.params(), fewer.trials().get(i).params());
            }
        }
        assertEquals(a.ranked().stream().map(Trial::index).toList(), b.ranked().stream().map(Trial::index).toList());
        assertNotEquals(a.trials().get(0).params(), other.trials().get(0).params());
    }

    @Test
    void rankedBestFirstFailedLast() {
        SearchResults r = RandomSearch.over(SPACE).trials(30).seed(3).threads(2).maximize("score").run(BOWL);
        List<Trial> ranked = r.ranked();
        boolean seenFailed = false;
        int failed = 0;
        for (int i = 0; i < ranked.size(); i++) {
            Trial t = ranked.get(i);
            if (t.failed()) {
                seenFailed = true;
                failed++;
                assertTrue(t.error().startsWith("IllegalStateException: diverged at lr="), t.error());
                assertTrue(t.metrics().isEmpty());
            } else {
                assertTrue(!seenFailed, "a successful trial after a failed one");
                if (i > 0) {
                    assertTrue(ranked.get(i - 1).metric("score") >= t.metric("score"));
                }
            }
        }
        assertTrue(failed > 0, "some lr > 0.3 among 30 log-uniform draws in [1e-4, 1]");
        assertEquals(ranked.get(0), r.best());
        double bestDistance = Math.abs(Math.log10(r.best().params().get("lr")) + 2);
        for (Trial t : r.trials()) {
            if (!t.failed()) {
                assertTrue(bestDistance <= Math.abs(Math.log10(t.params().get("lr")) + 2) + 1e-6);
            }
        }
        SearchResults min = RandomSearch.over(SPACE).trials(30).seed(3).threads(2).minimize("score").run(BOWL);
        assertTrue(min.best().metric("score") <= r.ranked().get(r.ranked().size() - failed - 1).metric("score"));
    }

    @Test
    void csvHasOneRowPerTrialInRankOrder(@TempDir Path dir) throws Exception {
        SearchResults r = RandomSearch.over(SPACE).trials(8).seed(1).threads(2).maximize("score").run(BOWL);
        Path file = dir.resolve("sub/search.csv");
        r.writeCsv(file);
        try (Reader in = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(in, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(List.of("rank", "trial", "seed", "lr", "beta", "score", "distance", "seconds", "error"),
                    p.getHeaderNames());
            List<CSVRecord> rows = p.getRecords();
            assertEquals(8, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                CSVRecord row = rows.get(i);
                Trial t = r.ranked().get(i);
                assertEquals(String.valueOf(i + 1), row.get("rank"));
                assertEquals(String.valueOf(t.index()), row.get("trial"));
                assertEquals(String.valueOf(t.seed()), row.get("seed"));
                assertEquals(t.params().get("lr"), Double.parseDouble(row.get("lr")), 0);
                if (t.failed()) {
                    assertEquals("", row.get("score"));
                    assertEquals(t.error(), row.get("error"));
                } else {
                    assertEquals(t.metric("score"), Double.parseDouble(row.get("score")), 0);
                    assertEquals("", row.get("error"));
                }
            }
        }
        String table = r.table(3);
        assertEquals(4, table.split("\n").length);
        assertTrue(table.startsWith("rank  trial"), table);
    }

    @Test
    void zoomAroundTopTrials() {
        SearchResults r = RandomSearch.over(SPACE).trials(20).seed(4).threads(2).maximize("score").run(BOWL);
        SearchSpace z = r.zoom(3, 0.05);
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Trial t : r.top(3)) {
            lo = Math.min(lo, t.params().get("lr"));
            hi = Math.max(hi, t.params().get("lr"));
        }
        Param lr = z.param("lr");
        assertTrue(lr.low() <= lo && lr.high() >= hi);
        assertTrue(Math.log10(lr.high() / lr.low()) < 4, "narrower than the coarse 4 decades: " + lr);
        assertTrue(lr.low() < 1e-2 && lr.high() > 1e-2, "the optimum 1e-2 stays inside: " + lr);
    }

    /** Real training runs in parallel give the same bits as one after the other. */
    @Test
    void trainingTrialsInParallelEqualSequential() {
        Dataset train = TestData.blobs(96, 4, 3, 1);
        Dataset dev = TestData.blobs(48, 4, 3, 2);
        SearchSpace space = SearchSpace.builder().logUniform("lr", 1e-3, 1e-1).intUniform("hidden", 4, 12)
                .uniform("keep", 0.6, 1.0).build();
        Objective train2 = (p, seed) -> {
            Sequential m = Sequential.builder(Shape.of(4)).seed(seed)
                    .add(new Dense(p.getInt("hidden"), Activation.relu()), new Dropout(p.get("keep")), new Dense(3))
                    .build();
            Trainer t = Trainer.builder(m).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(p.get("lr")))
                    .metrics(Metrics.accuracy()).build();
            t.fit(train, FitOptions.epochs(3).batchSize(16).seed(seed));
            Map<String, Double> e = t.evaluate(dev);
            return Map.of("dev_loss", e.get("loss"), "dev_accuracy", e.get("accuracy"));
        };
        SearchResults seq = RandomSearch.over(space).trials(6).seed(5).threads(1).minimize("dev_loss").run(train2);
        SearchResults par = RandomSearch.over(space).trials(6).seed(5).threads(3).minimize("dev_loss").run(train2);
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assertNull(seq.trials().get(i).error());
            a.add(Double.doubleToLongBits(seq.trials().get(i).metric("dev_loss")));
            b.add(Double.doubleToLongBits(par.trials().get(i).metric("dev_loss")));
        }
        assertEquals(a, b);
    }

    @Test
    void badConfigurationIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomSearch.over(SPACE).trials(0));
        assertEquals("random search: trials must be >= 1, got trials=0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomSearch.over(SPACE).threads(0));
        assertEquals("random search: threads must be >= 1, got threads=0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomSearch.over(SPACE).run(BOWL));
        assertEquals("random search: no ranking metric (call maximize(...) or minimize(...))", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomSearch.over(null));
        assertEquals("random search: space is null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomSearch.over(SPACE).maximize(" "));
        assertEquals("random search: the ranking metric must be named, got ' '", e.getMessage());
        SearchResults missing = RandomSearch.over(SPACE).trials(2).threads(1).maximize("acc")
                .run((p, s) -> Map.of("score", 1.0));
        assertEquals("the objective returned no 'acc'; it returned [score]", missing.trials().get(0).error());
        IllegalStateException all = assertThrows(IllegalStateException.class, missing::best);
        assertTrue(all.getMessage().startsWith("random search: all 2 trials failed; first: the objective returned no"),
                all.getMessage());
    }
}
