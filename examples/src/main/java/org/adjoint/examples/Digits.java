package org.adjoint.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.data.Normalizer;
import org.adjoint.nn.data.Split;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The bundled digits data (1,797 8x8 grey-level images, values 0..16, labels 0..9; see
 * {@code data/README.md} beside the file for its source), read from the classpath.
 */
public final class Digits {

    public static final int SIDE = 8;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;
    static final String RESOURCE = "data/digits.csv";

    private Digits() {
    }

    /** Features F32 [1797, 64] (raw pixel values 0..16) and I32 labels [1797]. */
    public static Dataset load() {
        InputStream in = Digits.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("digits: resource " + RESOURCE + " is not on the classpath");
        }
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, format)) {
            for (CSVRecord rec : p) {
                float[] x = new float[PIXELS];
                for (int j = 0; j < PIXELS; j++) {
                    x[j] = Float.parseFloat(rec.get("x" + j));
                }
                rows.add(x);
                labels.add((int) Double.parseDouble(rec.get("y")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("digits: cannot read " + RESOURCE, e);
        }
        int n = rows.size();
        float[] xs = new float[n * PIXELS];
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i), 0, xs, i * PIXELS, PIXELS);
            ys[i] = labels.get(i);
        }
        return Dataset.of(Tensor.of(xs, n, PIXELS), Tensor.of(ys, n));
    }

    /**
     * The demos' split: 70/15/15, stratified by digit, seeded; features standardized with the
     * training part's mean and std and then clipped to [-3, 3].
     *
     * <p>NOTE: a few border pixels are blank in almost every training image (std ~0.03), so one ink
     * dot there in a dev or test image would become a z-score of 30 or more and a confident
     * mistake; clipping bounds what such a pixel can do.
     */
    public static Split.Parts split(Dataset all, long seed) {
        Split.Parts raw = Split.ratios(0.70, 0.15, 0.15).seed(seed).stratified().apply(all);
        Normalizer norm = Normalizer.fit(raw.train());
        return new Split.Parts(clip(norm.apply(raw.train())), clip(norm.apply(raw.dev())), clip(norm.apply(raw.test())));
    }

    private static Dataset clip(Dataset d) {
        Tensor x = d.features().copy();
        for (int i = 0; i < x.size(); i++) {
            x.setDouble(i, Math.max(-3, Math.min(3, x.getDouble(i))));
        }
        return d.with(Dataset.FEATURES, x);
    }

    /** The same examples with features as NCHW images [N, 1, 8, 8] (for convolutions). */
    public static Dataset asImages(Dataset flat) {
        Tensor x = flat.features();
        return flat.with(Dataset.FEATURES, x.reshape(org.adjoint.graph.Shape.of(x.shape().dim(0), 1, SIDE, SIDE)));
    }
}
