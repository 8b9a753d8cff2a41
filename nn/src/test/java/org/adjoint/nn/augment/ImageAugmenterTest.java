package org.adjoint.nn.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.train.FitOptions;
import org.junit.jupiter.api.Test;

class ImageAugmenterTest {

    /** One 1×2×3 image: 1 2 3 / 4 5 6. */
    private static final Tensor IMAGE = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);

    @Test
    void flipsAreExact() {
        assertArrayEquals(new double[] {3, 2, 1, 6, 5, 4},
                ImageAugmenter.flipHorizontal(IMAGE, 1, 2, 3).toDoubleArray(), 0);
        assertArrayEquals(new double[] {4, 5, 6, 1, 2, 3},
                ImageAugmenter.flipVertical(IMAGE, 1, 2, 3).toDoubleArray(), 0);
        // flat rows and two channels: each channel plane flipped on its own
        Tensor flat = Tensor.of(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 8);
        assertArrayEquals(new double[] {2, 1, 4, 3, 20, 10, 40, 30},
                ImageAugmenter.flipHorizontal(flat, 2, 2, 2).toDoubleArray(), 0);
    }

    @Test
    void shiftsAreExactWithFill() {
        // right by 1: 9 1 2 / 9 4 5
        assertArrayEquals(new double[] {9, 1, 2, 9, 4, 5},
                ImageAugmenter.shift(IMAGE, 1, 2, 3, 0, 1, 9).toDoubleArray(), 0);
        // up by 1 and left by 1: 5 6 0 / 0 0 0
        assertArrayEquals(new double[] {5, 6, 0, 0, 0, 0},
                ImageAugmenter.shift(IMAGE, 1, 2, 3, -1, -1, 0).toDoubleArray(), 0);
        assertArrayEquals(IMAGE.toDoubleArray(), ImageAugmenter.shift(IMAGE, 1, 2, 3, 0, 0, 0).toDoubleArray(), 0);
    }

    @Test
    void randomAugmentationIsSeededPerStep() {
        Tensor images = Tensor.zeros(org.adjoint.graph.DType.F32, org.adjoint.graph.Shape.of(16, 1, 5, 5));
        for (int i = 0; i < images.size(); i++) {
            images.setDouble(i, i % 25 + 1); // every pixel distinct within an image, no zeros
        }
        ImageAugmenter aug = ImageAugmenter.builder().imageShape(1, 5, 5).horizontalFlip(0.5).maxShift(1).seed(3).build();
        Tensor a = aug.apply(images, 7);
        Tensor b = aug.apply(images, 7);
        Tensor c = aug.apply(images, 8);
        assertTrue(a.bitwiseEquals(b));
        assertFalse(a.bitwiseEquals(c));
        assertFalse(a.bitwiseEquals(ImageAugmenter.builder().imageShape(1, 5, 5).horizontalFlip(0.5).maxShift(1)
                .seed(4).build().apply(images, 7)));
        // every augmented image is one of the 2 flips × 9 shifts of its original
        int changed = 0;
        for (int i = 0; i < 16; i++) {
            Tensor one = slice(images, i);
            double[] got = slice(a, i).toDoubleArray();
            boolean found = false;
            for (int flip = 0; flip < 2 && !found; flip++) {
                Tensor base = flip == 1 ? ImageAugmenter.flipHorizontal(one, 1, 5, 5) : one;
                for (int dy = -1; dy <= 1 && !found; dy++) {
                    for (int dx = -1; dx <= 1 && !found; dx++) {
                        found = Arrays.equals(got, ImageAugmenter.shift(base, 1, 5, 5, dy, dx, 0).toDoubleArray());
                    }
                }
            }
            assertTrue(found, "image " + i + " is not a flip and shift of its original");
            changed += Arrays.equals(got, one.toDoubleArray()) ? 0 : 1;
        }
        assertTrue(changed >= 8, "most of 16 images change (1 in 18 stays as it was), changed " + changed);
    }

    @Test
    void datasetKeepsLabelsAndEpochsDiffer() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
        Dataset d = Dataset.of(x, Tensor.of(new int[] {0, 1}, 2));
        ImageAugmenter aug = ImageAugmenter.builder().imageShape(1, 2, 2).horizontalFlip(1).build();
        Dataset out = aug.apply(d, 0);
        assertArrayEquals(new int[] {0, 1}, out.labels().ints());
        assertArrayEquals(new double[] {2, 1, 4, 3, 6, 5, 8, 7}, out.features().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, x.toDoubleArray(), 0); // input untouched
        ImageAugmenter shifts = ImageAugmenter.builder().imageShape(1, 2, 2).maxShift(1).seed(1).build();
        Tensor big = Tensor.full(org.adjoint.graph.DType.F32, org.adjoint.graph.Shape.of(32, 4), 1);
        assertFalse(shifts.applyEpoch(Dataset.ofFeatures(big), 0).features()
                .bitwiseEquals(shifts.applyEpoch(Dataset.ofFeatures(big), 1).features()));
    }

    @Test
    void perBatchAugmentsEveryTrainingBatchOfFitAfresh() {
        Tensor x = Tensor.zeros(org.adjoint.graph.DType.F32, org.adjoint.graph.Shape.of(12, 9));
        for (int i = 0; i < x.size(); i++) {
            x.setDouble(i, i % 9 + 1);
        }
        Dataset train = Dataset.of(x, Tensor.of(new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, 12));
        ImageAugmenter aug = ImageAugmenter.builder().imageShape(1, 3, 3).horizontalFlip(0.5).maxShift(1).seed(5)
                .build();
        java.util.List<Tensor> seen = new java.util.ArrayList<>();
        java.util.List<long[]> where = new java.util.ArrayList<>();
        FitOptions.BatchTransform recording = (batch, epoch, index) -> {
            Dataset out = aug.perBatch().apply(batch, epoch, index);
            seen.add(out.features());
            where.add(new long[] {epoch, index});
            assertTrue(out.features().bitwiseEquals(aug.apply(batch, ImageAugmenter.batchStep(epoch, index))
                    .features()), "batch " + index + " of epoch " + epoch + " uses its own step");
            assertArrayEquals(batch.labels().ints(), out.labels().ints());
            return out;
        };
        org.adjoint.nn.Sequential model = org.adjoint.nn.Sequential.builder(org.adjoint.graph.Shape.of(9)).seed(1)
                .add(new org.adjoint.nn.layers.Dense(2)).build();
        org.adjoint.nn.train.Trainer trainer = org.adjoint.nn.train.Trainer.builder(model)
                .loss(org.adjoint.nn.losses.Losses.softmaxCrossEntropy()).optimizer(new org.adjoint.nn.optim.Sgd(0.1))
                .build();
        trainer.fit(train, FitOptions.epochs(2).batchSize(4).seed(3).augment(recording));
        assertEquals(6, seen.size(), "3 batches x 2 epochs, each transformed");
        assertArrayEquals(new long[] {1, 2}, where.get(5));
        for (int i = 1; i < seen.size(); i++) {
            assertFalse(seen.get(i).bitwiseEquals(seen.get(0)), "batch " + i + " drew the same as batch 0");
        }
        assertEquals((1L << 32) | 2, ImageAugmenter.batchStep(1, 2));
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageAugmenter.builder().imageShape(1, 8, 8).horizontalFlip(1.5));
        assertEquals("image augmenter: horizontalFlip must be a probability in [0, 1], got horizontalFlip=1.5",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageAugmenter.builder().maxShift(-1));
        assertEquals("image augmenter: maxShift must be >= 0, got maxShift=-1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageAugmenter.builder().build());
        assertEquals("image augmenter: no image shape (call imageShape(channels, height, width))", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageAugmenter.builder().imageShape(1, 0, 8));
        assertEquals("image augmenter: image shape must be positive, got channels=1, height=0, width=8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ImageAugmenter.builder().imageShape(1, 4, 4).maxShift(4).build());
        assertEquals("image augmenter: maxShift=4 would shift an image of 4x4 out of view", e.getMessage());
        ImageAugmenter aug = ImageAugmenter.builder().imageShape(1, 8, 8).build();
        e = assertThrows(IllegalArgumentException.class, () -> aug.apply(Tensor.of(new float[10], 1, 10), 0));
        assertEquals("image augmenter: images must be [N, 1, 8, 8] or [N, 64], got f32[1, 10]", e.getMessage());
    }

    private static Tensor slice(Tensor images, int i) {
        int per = images.size() / images.shape().dim(0);
        double[] v = Arrays.copyOfRange(images.toDoubleArray(), i * per, (i + 1) * per);
        float[] f = new float[per];
        for (int k = 0; k < per; k++) {
            f[k] = (float) v[k];
        }
        int[] dims = images.shape().dims();
        dims[0] = 1;
        return Tensor.of(f, dims);
    }
}
