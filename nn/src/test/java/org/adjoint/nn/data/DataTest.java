package org.adjoint.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {

    @TempDir
    Path dir;

    /** n examples: feature row i = (i, 10 i), label i % classes. */
    private static Dataset numbered(int n, int classes) {
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i % classes;
        }
        return Dataset.of(Tensor.of(x, n, 2), Tensor.of(y, n));
    }

    private static int[] ids(Dataset d) {
        int[] out = new int[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) d.features().get(i, 0);
        }
        return out;
    }

    @Test
    void csvWithHeaderAndNamedLabelColumn() throws IOException {
        Path f = dir.resolve("small.csv");
        Files.writeString(f, "a,label,b\n1.5,2,3\n-4,0,5e-1\n\n7,1,8\n");
        Dataset d = Csv.options().labelColumn("label").intLabels().read(f);
        assertEquals(3, d.size());
        assertArrayEquals(new float[] {1.5f, 3, -4, 0.5f, 7, 8}, d.features().floats());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels().ints());
        Dataset noHeader = Csv.options().header(false).read(writeString("nh.csv", "1,2,3\n4,5,6\n"));
        assertEquals(Shape.of(2, 1), noHeader.labels().shape());
        assertEquals(6, noHeader.labels().getDouble(1), 0);
    }

    private Path writeString(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void csvErrorsNameFileLineAndColumn() throws IOException {
        Path bad = writeString("bad.csv", "x1,x2,y\n1,2,0\n3,abc,1\n");
        assertEquals("bad.csv: line 3, column 'x2' (1): cannot read 'abc' as a number",
                assertThrows(IllegalArgumentException.class, () -> Csv.options().intLabels().read(bad)).getMessage());
        Path ragged = writeString("ragged.csv", "x1,x2,y\n1,2,0\n3,1\n");
        assertEquals("ragged.csv: line 3 has 2 values, expected 3",
                assertThrows(IllegalArgumentException.class, () -> Csv.options().read(ragged)).getMessage());
        Path frac = writeString("frac.csv", "x1,y\n1,0.5\n");
        assertEquals("frac.csv: line 2, column 'y' (1): label '0.5' is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> Csv.options().intLabels().read(frac)).getMessage());
        Path empty = writeString("empty.csv", "x1,y\n");
        assertEquals("empty.csv: no data rows",
                assertThrows(IllegalArgumentException.class, () -> Csv.options().read(empty)).getMessage());
        assertEquals("bad.csv: no column named 'label'; columns: x1, x2, y",
                assertThrows(IllegalArgumentException.class, () -> Csv.options().labelColumn("label").read(bad))
                        .getMessage());
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        Dataset d = numbered(100, 2);
        Split.Parts p = Split.ratios(0.7, 0.2, 0.1).seed(3).apply(d);
        assertEquals(70, p.train().size());
        assertEquals(20, p.dev().size());
        assertEquals(10, p.test().size());
        List<Integer> all = new ArrayList<>();
        for (Dataset part : List.of(p.train(), p.dev(), p.test())) {
            for (int id : ids(part)) {
                all.add(id);
            }
        }
        all.sort(null);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, all.get(i));
        }
        assertArrayEquals(ids(p.dev()), ids(Split.ratios(0.7, 0.2, 0.1).seed(3).apply(d).dev()));
        assertFalse(Arrays.equals(ids(p.dev()), ids(Split.ratios(0.7, 0.2, 0.1).seed(4).apply(d).dev())));
        // rows stay together: features and labels of one example
        for (int i = 0; i < p.test().size(); i++) {
            int id = (int) p.test().features().get(i, 0);
            assertEquals(10 * id, p.test().features().get(i, 1), 0);
            assertEquals(id % 2, p.test().labels().ints()[i]);
        }
        assertNull(Split.ratios(0.5, 0.5).apply(d).test());
    }

    @Test
    void stratifiedSplitKeepsClassProportions() {
        // 90 of class 0, 10 of class 1
        int n = 100;
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i < 90 ? 0 : 1;
        }
        Dataset d = Dataset.of(Tensor.of(x, n, 1), Tensor.of(y, n));
        Split.Parts p = Split.ratios(0.8, 0.2).seed(1).stratified().apply(d);
        assertEquals(2, Arrays.stream(p.dev().labels().ints()).sum());
        assertEquals(8, Arrays.stream(p.train().labels().ints()).sum());
    }

    @Test
    void badSplitsAreRejected() {
        Dataset d = numbered(5, 2);
        assertEquals("split: the dev part is empty (ratio 0.05 of 5 examples)", assertThrows(
                IllegalArgumentException.class, () -> Split.ratios(0.9, 0.05, 0.05).apply(d)).getMessage());
        assertEquals("split: ratios must sum to 1, got [0.5, 0.4] (sum 0.9)",
                assertThrows(IllegalArgumentException.class, () -> Split.ratios(0.5, 0.4)).getMessage());
        assertEquals("split: the dev ratio must be in (0, 1), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> Split.ratios(0.6, 0.0, 0.4)).getMessage());
    }

    @Test
    void normalizerFitsOnTrainAndAppliesUnchanged() {
        Dataset train = Dataset.of(Tensor.of(new double[] {1, 5, 3, 5}, 2, 2), Tensor.of(new int[] {0, 1}, 2));
        Normalizer norm = Normalizer.fit(train);
        assertArrayEquals(new double[] {2, 5}, norm.mean(), 0);
        assertArrayEquals(new double[] {1, 1}, norm.std(), 0);     // the constant feature is only centred
        Dataset dev = Dataset.of(Tensor.of(new double[] {4, 7}, 1, 2), Tensor.of(new int[] {1}, 1));
        assertArrayEquals(new double[] {2, 2}, norm.apply(dev).features().doubles(), 0);
        assertArrayEquals(new double[] {-1, 0, 1, 0}, norm.apply(train).features().doubles(), 0);
        assertTrue(dev.labels().bitwiseEquals(norm.apply(dev).labels()));
    }

    @Test
    void batchesCoverEveryExampleOnceAndShuffleBySeedAndEpoch() {
        Dataset d = numbered(10, 2);
        Batches b = d.batches(4).shuffle(7);
        assertEquals(3, b.count());
        List<Integer> sizes = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (Dataset batch : b.epoch(0)) {
            sizes.add(batch.size());
            for (int id : ids(batch)) {
                seen.add(id);
            }
        }
        assertEquals(List.of(4, 4, 2), sizes);
        List<Integer> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sorted);
        assertArrayEquals(b.order(0), d.batches(4).shuffle(7).order(0));
        assertFalse(Arrays.equals(b.order(0), b.order(1)));
        assertEquals(2, d.batches(4).dropLast(true).count());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, d.batches(3).order(5));
        assertEquals("batches: batch size must be >= 1, got batchSize=0",
                assertThrows(IllegalArgumentException.class, () -> d.batches(0)).getMessage());
    }

    @Test
    void sequenceDataWithMasksTravelsTogether() {
        // [N, T, F] features, [N, T] masks, I32 labels
        int n = 3;
        Tensor x = Tensor.zeros(DType.F32, Shape.of(n, 4, 2));
        for (int i = 0; i < x.size(); i++) {
            x.setDouble(i, i);
        }
        Tensor mask = Tensor.zeros(DType.F32, Shape.of(n, 4));
        mask.setDouble(4, 1);
        Dataset d = Dataset.of(x, Tensor.of(new int[] {0, 1, 2}, n)).with("mask", mask);
        Dataset row1 = d.select(new int[] {1});
        assertEquals(Shape.of(1, 4, 2), row1.features().shape());
        assertEquals(8, row1.features().getDouble(0), 0);
        assertEquals(1, row1.column("mask").getDouble(0), 0);
        assertEquals("dataset: column 'labels' has 2 examples [2], column 'features' has 3", assertThrows(
                IllegalArgumentException.class, () -> Dataset.of(x, Tensor.of(new int[] {0, 1}, 2))).getMessage());
    }

    @Test
    void perLastAxisStatisticsForSequences() {
        // [2 examples, 2 steps, 2 features]: feature 0 takes 1, 3, 5, 7; feature 1 takes 10 each
        Tensor x = Tensor.of(new double[] {1, 10, 3, 10, 5, 10, 7, 10}, 2, 2, 2);
        Dataset d = Dataset.of(x, Tensor.of(new int[] {0, 1}, 2));
        Normalizer norm = Normalizer.fitPerLastAxis(d);
        assertArrayEquals(new double[] {4, 10}, norm.mean(), 0);
        assertArrayEquals(new double[] {Math.sqrt(5), 1}, norm.std(), 1e-15);
        assertEquals((7 - 4) / Math.sqrt(5), norm.apply(d).features().get(1, 1, 0), 1e-15);
        assertEquals(4, Normalizer.fit(d).mean().length, "per position: one per (step, feature)");
        Dataset longer = Dataset.of(Tensor.of(new double[] {4, 10, 4, 10, 4, 10}, 1, 3, 2), Tensor.of(new int[] {0}, 1));
        assertEquals(0, norm.apply(longer).features().get(0, 2, 0), 0, "other sequence lengths are fine");
        assertEquals("normalizer: fitted on features [N, 2, 2], got [1, 3, 2]", assertThrows(
                IllegalArgumentException.class, () -> Normalizer.fit(d).apply(longer)).getMessage());
    }
}
