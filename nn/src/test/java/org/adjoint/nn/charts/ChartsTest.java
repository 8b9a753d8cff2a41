package org.adjoint.nn.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.search.RandomSearch;
import org.adjoint.nn.search.SearchResults;
import org.adjoint.nn.search.SearchSpace;
import org.adjoint.nn.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    private static BufferedImage decode(Path file, int width, int height) throws Exception {
        assertTrue(Files.size(file) > 1000, "file " + file + " is " + Files.size(file) + " bytes");
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, "not a decodable image: " + file);
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        return img;
    }

    /** Distinct colours in the image: a blank image has one. */
    private static int colours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }

    @Test
    void learningCurvesFromHistory() throws Exception {
        History h = new History();
        for (int e = 1; e <= 5; e++) {
            h.record(e, Map.of("loss", 1.0 / e, "dev_loss", 1.2 / e, "accuracy", 0.5 + 0.1 * e, "dev_accuracy", 0.5 + 0.08 * e));
        }
        Path file = Charts.learningCurves(h, "accuracy", "test", dir.resolve("a/b/curves.png"), 640, 300);
        assertTrue(colours(decode(file, 640, 300)) > 10);
    }

    @Test
    void lineChartGridAndLogAxis() throws Exception {
        Path one = LineChart.titled("cost").xLabel("epoch").yLabel("cost").logY(true)
                .series("zeros", new double[] {0.693, 0.693, 0.693}).series("he", new double[] {0.7, 0.1, 0.01})
                .save(dir.resolve("line.png"), 400, 250);
        decode(one, 400, 250);
        Path grid = Charts.saveGrid(java.util.List.of(
                LineChart.titled("a").series("s", new double[] {1, 2}).build(),
                LineChart.titled("b").series("s", new double[] {2, 1}).build(),
                LineChart.titled("c").series("s", new double[] {1, 1}).build()), 2, dir.resolve("grid.png"), 500, 400);
        decode(grid, 500, 400);
    }

    @Test
    void decisionBoundaryColoursTheRegions() throws Exception {
        Tensor pts = Tensor.of(new float[] {-1, -1, -1, 1, 1, -1, 1, 1}, 4, 2);
        int[] labels = {0, 0, 1, 1};
        int[] calls = new int[1];
        Path file = Charts.save(Charts.decisionBoundary("x1 > 0", pts, labels, grid -> {
            calls[0]++;
            assertEquals(20 * 20, grid.shape().dim(0));
            int[] out = new int[grid.shape().dim(0)];
            for (int i = 0; i < out.length; i++) {
                out[i] = grid.getDouble(2 * i) > 0 ? 1 : 0;
            }
            return out;
        }, 20), dir.resolve("boundary.png"), 300, 300);
        assertEquals(1, calls[0], "the classifier is called once with every grid point");
        BufferedImage img = decode(file, 300, 300);
        assertTrue(colours(img) > 5);
    }

    @Test
    void searchResultsChart() throws Exception {
        SearchSpace space = SearchSpace.builder().logUniform("lr", 1e-4, 1).uniform("keep", 0.5, 1).build();
        SearchResults r = RandomSearch.over(space).trials(10).seed(1).threads(1).maximize("acc")
                .run((p, s) -> Map.of("acc", 1 - Math.abs(Math.log10(p.get("lr")) + 2) / 4));
        decode(Charts.save(Charts.searchResults(r, "lr", null), dir.resolve("search.png"), 500, 320), 500, 320);
        decode(Charts.save(Charts.searchResults(r, "keep", "keep"), dir.resolve("keep.png"), 500, 320), 500, 320);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.searchResults(r, "beta", null));
        assertEquals("search space has no parameter 'beta'; it has [lr, keep]", e.getMessage());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LineChart.titled("t").series("s", new double[] {1, 2}, new double[] {1}));
        assertEquals("line chart 't': series 's' has x.length=2 but y.length=1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LineChart.titled("t").series("s", new double[0]));
        assertEquals("line chart 't': series 's' is empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LineChart.titled("t").build());
        assertEquals("line chart 't': no series", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LineChart.titled("t").logY(true).series("s", new double[] {1, 0}).build());
        assertEquals("line chart 't': series 's' has y[1]=0.0, not positive, on a log y axis", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LineChart.titled("t").series("s", new double[] {1}).save(dir.resolve("x.png"), 0, 100));
        assertEquals("chart: size must be 16..10000 pixels each way, got width=0, height=100", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.learningCurves(new History(), null, "t",
                dir.resolve("y.png"), 100, 100));
        assertEquals("learning curves: the history is empty (no epoch recorded)", e.getMessage());
        Tensor pts = Tensor.of(new float[] {0, 0, 1, 1}, 2, 2);
        e = assertThrows(IllegalArgumentException.class, () -> Charts.decisionBoundary("t", pts, new int[] {0}, g -> null, 10));
        assertEquals("decision boundary: labels.length=1 but there are 2 points", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.decisionBoundary("t", Tensor.of(new float[] {0, 0, 0}, 1, 3), new int[] {0}, g -> null, 10));
        assertEquals("decision boundary: points must be [N, 2], got f32[1, 3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.decisionBoundary("t", pts, new int[] {0, 1}, g -> new int[3], 10));
        assertEquals("decision boundary: the classifier returned 3 classes for 100 grid points", e.getMessage());
    }
}
