package org.adjoint.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.TestData;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.BatchNorm;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Dropout;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static Sequential model(long seed, int hidden) {
        return Sequential.builder(Shape.of(4)).seed(seed)
                .add(new Dense(hidden, Activation.relu()), new BatchNorm(), new Dropout(0.8).seed(5), new Dense(3)).build();
    }

    private static Trainer trainer(Sequential m) {
        return Trainer.builder(m).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01)).build();
    }

    private static void assertUnchanged(Map<String, Tensor> before, Sequential m) {
        for (Parameter p : m.variables()) {
            assertTrue(before.get(p.name()).bitwiseEquals(p.value()), p.name() + " changed");
        }
    }

    @Test
    void roundTripGivesBitIdenticalPredictionsAndContinuesTrainingIdentically() throws IOException {
        Dataset data = TestData.blobs(48, 4, 3, 5);
        Sequential a = model(1, 6);
        Trainer ta = trainer(a);
        ta.fit(data, FitOptions.epochs(2).batchSize(16));
        Path file = dir.resolve("m.safetensors");
        Checkpoint.save(file, a, ta.optimizer());

        Sequential b = model(2, 6);
        Trainer tb = trainer(b);
        Checkpoint.load(file, b, tb.optimizer());
        assertTrue(a.predict(data.features()).bitwiseEquals(b.predict(data.features())));
        assertTrue(a.state().get("batch_norm/running_var").value()
                .bitwiseEquals(b.state().get("batch_norm/running_var").value()));
        assertEquals(ta.optimizer().iterations(), tb.optimizer().iterations());
        ta.fit(data, FitOptions.epochs(1).batchSize(16).seed(9));
        tb.fit(data, FitOptions.epochs(1).batchSize(16).seed(9));
        assertTrue(a.parameters().get("dense_1/w").value().bitwiseEquals(b.parameters().get("dense_1/w").value()),
                "same weights, Adam state and global step (dropout masks) give the same next epoch");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files are left behind");
        }
    }

    @Test
    void theFileIsSafetensors() throws IOException {
        Sequential a = model(1, 5);
        Path file = dir.resolve("m.safetensors");
        Checkpoint.save(file, a);
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, (8 + n) % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"adjoint-nn\"},\"dense/w\":{\"dtype\":\"F32\","
                + "\"shape\":[4,5],\"data_offsets\":[0,80]}"), header);
        float first = ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(a.parameters().get("dense/w").value().floats()[0], first, 0);
        assertEquals(8 + n + 4L * (20 + 5 + 5 + 5 + 15 + 3 + 5 + 5), bytes.length);
    }

    @Test
    void shapeMismatchNamesFileTensorAndBothShapesAndChangesNothing() {
        Path file = dir.resolve("m.safetensors");
        Checkpoint.save(file, model(1, 5));
        Sequential other = model(2, 6);
        Map<String, Tensor> before = other.variables().snapshot();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, other));
        assertTrue(e.getMessage().startsWith("checkpoint " + file + ": tensor 'dense/w' is f32[4, 5] in the file but"
                + " f32[4, 6] in the model"), e.getMessage());
        assertUnchanged(before, other);
    }

    @Test
    void missingAndExtraTensorsAreNamed() {
        Path small = dir.resolve("small.safetensors");
        Sequential noBn = Sequential.builder(Shape.of(4)).seed(1)
                .add(new Dense(5, Activation.relu()), new Dropout(0.8), new Dense(3)).build();
        Checkpoint.save(small, noBn);
        Sequential withBn = model(1, 5);
        Map<String, Tensor> before = withBn.variables().snapshot();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(small, withBn));
        assertTrue(e.getMessage().contains("tensor 'batch_norm/gamma' f32[5] is in the model but not in the file"),
                e.getMessage());
        assertUnchanged(before, withBn);
        Path big = dir.resolve("big.safetensors");
        Checkpoint.save(big, withBn);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(big, noBn));
        assertTrue(e2.getMessage().contains("tensor 'batch_norm/running_mean' f32[5] is in the file but not in the model"),
                e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(big, withBn, new Adam(0.1)));
        assertTrue(e3.getMessage().endsWith("the file has no optimizer state; nothing was loaded"), e3.getMessage());
    }

    @Test
    void truncatedOrCorruptFilesAreRejectedAndChangeNothing() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Sequential a = model(1, 5);
        Checkpoint.save(file, a);
        byte[] good = Files.readAllBytes(file);
        Sequential b = model(2, 5);
        Map<String, Tensor> before = b.variables().snapshot();

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 10));
        IllegalArgumentException trunc = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, b));
        assertTrue(trunc.getMessage().startsWith("safetensors file " + file + ": truncated: tensor 'batch_norm/running_var'"
                + " needs bytes [232, 252) but the data section has 242 bytes"), trunc.getMessage());

        Files.write(file, java.util.Arrays.copyOf(good, 5));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, b)).getMessage()
                .contains("truncated: 5 bytes"));

        byte[] corrupt = good.clone();
        corrupt[8] = 'x';
        Files.write(file, corrupt);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, b)).getMessage()
                .contains("corrupt header: JSON error at offset 0"));

        byte[] hugeHeader = good.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        Files.write(file, hugeHeader);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, b)).getMessage()
                .contains("header length 1099511627776 does not fit the file"));
        assertUnchanged(before, b);
    }

    @Test
    void dtypeMismatchIsNamed() {
        Path file = dir.resolve("f64.safetensors");
        Sequential f64 = Sequential.builder(Shape.of(4)).dtype(DType.F64).add(new Dense(3)).build();
        Checkpoint.save(file, f64);
        Sequential f32 = Sequential.builder(Shape.of(4)).add(new Dense(3)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, f32));
        assertTrue(e.getMessage().contains("tensor 'dense/w' is f64[4, 3] in the file but f32[4, 3] in the model"),
                e.getMessage());
    }

    @Test
    void saveReplacesAnExistingFileAtomically() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Files.writeString(file, "old");
        Sequential a = model(1, 5);
        Checkpoint.save(file, a);
        Sequential b = model(3, 5);
        Checkpoint.load(file, b);
        assertTrue(a.parameters().get("dense/w").value().bitwiseEquals(b.parameters().get("dense/w").value()));
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileBehind() throws IOException {
        Path target = dir.resolve("busy");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep.txt"), "x");      // a non-empty folder cannot be replaced
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> Checkpoint.save(target, model(1, 5)));
        assertTrue(e.getMessage().startsWith(target + ": cannot write: "), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
        assertEquals("x", Files.readString(target.resolve("keep.txt")));
    }

    @Test
    void bytesRoundTripForShippingWeights() {
        Sequential a = model(1, 5);
        Trainer ta = trainer(a);
        ta.fit(TestData.blobs(20, 4, 3, 1), FitOptions.epochs(1).batchSize(5));
        byte[] bytes = Checkpoint.toBytes(a, ta.optimizer());
        Sequential b = model(7, 5);
        Adam opt = new Adam(0.01);
        Checkpoint.loadBytes(bytes, b, opt);
        assertEquals(4, opt.iterations());
        for (Parameter p : a.variables()) {
            assertTrue(p.value().bitwiseEquals(b.variables().get(p.name()).value()), p.name());
        }
        Sequential c = model(7, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.loadBytes(bytes, c, null));
        assertTrue(e.getMessage().startsWith("checkpoint bytes: tensor 'dense/w' is f32[4, 5] in the file but f32[4, 6]"),
                e.getMessage());
    }
}
