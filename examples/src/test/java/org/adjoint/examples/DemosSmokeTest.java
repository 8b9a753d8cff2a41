package org.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.adjoint.nn.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each demo end to end in its quick mode (a few epochs): it runs, prints where its pictures went, and they decode. */
class DemosSmokeTest {

    @TempDir
    Path dir;

    @Test
    void bundledDigitsLoadFromTheClasspath() {
        Dataset d = Digits.load();
        assertEquals(1797, d.size());
        assertEquals(64, d.features().shape().dim(1));
        int[] counts = new int[10];
        for (int y : d.labels().ints()) {
            counts[y]++;
        }
        for (int c : counts) {
            assertTrue(c >= 170 && c <= 190, "class count " + c);
        }
        var parts = Digits.split(d, 1);
        assertEquals(1797, parts.train().size() + parts.dev().size() + parts.test().size());
        assertEquals(1258, parts.train().size());
    }

    @Test
    void everyDemoRunsQuicklyAndWritesItsCharts() throws Exception {
        for (String demo : List.of("digits", "planar", "init", "optimizers", "regularization", "search", "cnn", "charlm", "ner",
                "sentiment")) {
            Path out = dir.resolve(demo);
            String text = run(demo, "--seed", "2", "--out", out.toString(), "--quick");
            assertTrue(text.contains(out.toString()), demo + " does not say where its pictures went:\n" + text);
            List<Path> pngs;
            try (Stream<Path> s = Files.list(out)) {
                pngs = s.filter(p -> p.toString().endsWith(".png")).toList();
            }
            assertTrue(!pngs.isEmpty(), demo + " wrote no chart");
            for (Path png : pngs) {
                BufferedImage img = ImageIO.read(png.toFile());
                assertNotNull(img, png.toString());
                assertTrue(img.getWidth() >= 300 && img.getHeight() >= 300, png + " is " + img.getWidth() + "x"
                        + img.getHeight());
            }
        }
    }

    @Test
    void unknownOptionIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoArgs.parse("digits", new String[] {"--epochs", "3"}));
        assertEquals("digits: unknown option '--epochs'; options: --seed N, --out DIR, --quick", e.getMessage());
    }

    private static String run(String demo, String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = demo;
            System.arraycopy(args, 0, all, 1, args.length);
            Demos.main(all);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
