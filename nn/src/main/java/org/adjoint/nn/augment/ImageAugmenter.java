package org.adjoint.nn.augment;

import java.util.SplittableRandom;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.train.FitOptions;

/**
 * Data augmentation for images, drawn fresh for every mini-batch: each image is flipped
 * left-right and/or top-bottom with a given probability and shifted by a random whole number of
 * pixels in each direction (at most {@code maxShift}), the uncovered border filled with a
 * constant. Images are NCHW [N, C, H, W] or flat rows [N, C·H·W] with the image shape given.
 * The randomness of a batch comes from (seed, step) only, so the same seed and step give the
 * same bits.
 *
 * <pre>{@code
 * ImageAugmenter aug = ImageAugmenter.builder().imageShape(1, 8, 8).maxShift(1).seed(7).build();
 * for (Dataset batch : train.batches(32).shuffle(1).epoch(e)) {
 *     Dataset augmented = aug.apply(batch, step++);      // features changed, labels kept
 *     ...
 * }
 * // with Trainer.fit: every training mini-batch augmented afresh
 * trainer.fit(train, FitOptions.epochs(30).batchSize(32).augment(aug.perBatch()));
 * }</pre>
 */
public final class ImageAugmenter {

    private final int channels;
    private final int height;
    private final int width;
    private final double hflip;
    private final double vflip;
    private final int maxShift;
    private final double fill;
    private final long seed;

    private ImageAugmenter(Builder b) {
        if (b.height < 1) {
            throw new IllegalArgumentException("image augmenter: no image shape (call imageShape(channels, height,"
                    + " width))");
        }
        if (b.maxShift >= Math.max(b.height, b.width)) {
            throw new IllegalArgumentException("image augmenter: maxShift=" + b.maxShift + " would shift an image of "
                    + b.height + "x" + b.width + " out of view");
        }
        this.channels = b.channels;
        this.height = b.height;
        this.width = b.width;
        this.hflip = b.hflip;
        this.vflip = b.vflip;
        this.maxShift = b.maxShift;
        this.fill = b.fill;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options; defaults: no flips, no shift, fill 0, seed 0. */
    public static final class Builder {
        private int channels;
        private int height;
        private int width;
        private double hflip;
        private double vflip;
        private int maxShift;
        private double fill;
        private long seed;

        private Builder() {
        }

        /** The shape of one image, C×H×W (required; checked against the features). */
        public Builder imageShape(int channels, int height, int width) {
            if (channels < 1 || height < 1 || width < 1) {
                throw new IllegalArgumentException("image augmenter: image shape must be positive, got channels="
                        + channels + ", height=" + height + ", width=" + width);
            }
            this.channels = channels;
            this.height = height;
            this.width = width;
            return this;
        }

        /** Probability of a left-right flip, in [0, 1] (not for digits: a mirrored 3 is no digit). */
        public Builder horizontalFlip(double p) {
            this.hflip = probability("horizontalFlip", p);
            return this;
        }

        /** Probability of a top-bottom flip, in [0, 1]. */
        public Builder verticalFlip(double p) {
            this.vflip = probability("verticalFlip", p);
            return this;
        }

        /** The largest shift in pixels, each direction drawn uniformly from [-maxShift, maxShift]. */
        public Builder maxShift(int pixels) {
            if (pixels < 0) {
                throw new IllegalArgumentException("image augmenter: maxShift must be >= 0, got maxShift=" + pixels);
            }
            this.maxShift = pixels;
            return this;
        }

        /** The value of pixels shifted in from outside (default 0; the background's value). */
        public Builder fill(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("image augmenter: fill must be finite, got fill=" + value);
            }
            this.fill = value;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ImageAugmenter build() {
            return new ImageAugmenter(this);
        }

        private static double probability(String name, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("image augmenter: " + name + " must be a probability in [0, 1], got "
                        + name + "=" + p);
            }
            return p;
        }
    }

    /** The features of {@code batch} augmented (a new data set; other columns unchanged). */
    public Dataset apply(Dataset batch, long step) {
        return batch.with(Dataset.FEATURES, apply(batch.features(), step));
    }

    /**
     * This augmenter as {@code Trainer.fit}'s batch transform: mini-batch {@code index} of epoch
     * {@code epoch} is augmented with step {@link #batchStep(int, int)}, so every batch of every
     * epoch draws afresh and a rerun with the same seeds gives the same bits.
     */
    public FitOptions.BatchTransform perBatch() {
        return (batch, epoch, index) -> apply(batch, batchStep(epoch, index));
    }

    /** The step {@link #perBatch()} uses for a batch: {@code epoch * 2^32 + index} (distinct per batch). */
    public static long batchStep(int epoch, int index) {
        return ((long) epoch << 32) | (index & 0xffffffffL);
    }

    /** A freshly augmented copy of a whole training set for epoch {@code epoch} (0-based). */
    public Dataset applyEpoch(Dataset train, int epoch) {
        return apply(train, -1L - epoch);
    }

    /** Augmented copies of images [N, C, H, W] or [N, C·H·W]; each image draws from (seed, step, its row). */
    public Tensor apply(Tensor images, long step) {
        checkImages(images);
        int n = images.shape().dim(0);
        Tensor out = Tensor.zeros(images.dtype(), images.shape());
        int plane = height * width;
        for (int i = 0; i < n; i++) {
            SplittableRandom rnd = new SplittableRandom(mix(mix(seed, step), i));
            boolean h = rnd.nextDouble() < hflip;
            boolean v = rnd.nextDouble() < vflip;
            int dy = maxShift == 0 ? 0 : rnd.nextInt(-maxShift, maxShift + 1);
            int dx = maxShift == 0 ? 0 : rnd.nextInt(-maxShift, maxShift + 1);
            for (int c = 0; c < channels; c++) {
                int base = (i * channels + c) * plane;
                transform(images, out, base, h, v, dy, dx);
            }
        }
        return out;
    }

    /** One plane: out[y][x] = in[sy][sx] with (sy, sx) the source of the flipped, shifted image. */
    private void transform(Tensor in, Tensor out, int base, boolean h, boolean v, int dy, int dx) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sy = y - dy;
                int sx = x - dx;
                double value;
                if (sy < 0 || sy >= height || sx < 0 || sx >= width) {
                    value = fill;
                } else {
                    int fy = v ? height - 1 - sy : sy;
                    int fx = h ? width - 1 - sx : sx;
                    value = in.getDouble(base + fy * width + fx);
                }
                out.setDouble(base + y * width + x, value);
            }
        }
    }

    private void checkImages(Tensor images) {
        Shape s = images.shape();
        int perImage = channels * height * width;
        boolean nchw = s.rank() == 4 && s.dim(1) == channels && s.dim(2) == height && s.dim(3) == width;
        boolean flat = s.rank() == 2 && s.dim(1) == perImage;
        if (!nchw && !flat) {
            throw new IllegalArgumentException("image augmenter: images must be [N, " + channels + ", " + height + ", "
                    + width + "] or [N, " + perImage + "], got " + images.type());
        }
        if (!images.dtype().isFloating()) {
            throw new IllegalArgumentException("image augmenter: images must be f32 or f64, got " + images.type());
        }
    }

    /**
     * Images flipped left-right, exactly (no randomness): NCHW or flat rows of
     * {@code channels×height×width}.
     */
    public static Tensor flipHorizontal(Tensor images, int channels, int height, int width) {
        return deterministic(channels, height, width).transformAll(images, true, false, 0, 0);
    }

    /** Images flipped top-bottom, exactly. */
    public static Tensor flipVertical(Tensor images, int channels, int height, int width) {
        return deterministic(channels, height, width).transformAll(images, false, true, 0, 0);
    }

    /**
     * Images shifted by {@code dy} rows down and {@code dx} columns right (negative: up, left),
     * the uncovered pixels set to {@code fill}.
     */
    public static Tensor shift(Tensor images, int channels, int height, int width, int dy, int dx, double fill) {
        ImageAugmenter a = builder().imageShape(channels, height, width).fill(fill).build();
        return a.transformAll(images, false, false, dy, dx);
    }

    private static ImageAugmenter deterministic(int channels, int height, int width) {
        return builder().imageShape(channels, height, width).build();
    }

    private Tensor transformAll(Tensor images, boolean h, boolean v, int dy, int dx) {
        checkImages(images);
        Tensor out = Tensor.zeros(images.dtype(), images.shape());
        int planes = images.size() / (height * width);
        for (int p = 0; p < planes; p++) {
            transform(images, out, p * height * width, h, v, dy, dx);
        }
        return out;
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
