package org.adjoint.nn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/**
 * The safetensors file format: an unsigned 64-bit little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {"key": "value"}}}, offsets relative to the data section, padded with spaces to a
 * multiple of 8), then the tensors' raw little-endian bytes, contiguous. Other frameworks' tooling
 * reads these files. Supported dtypes: F32, F64, I32.
 *
 * <p>Writes are atomic: a temporary file in the target's folder, forced to disk, then renamed over
 * the target. Reads check everything (sizes, offsets in range and without gaps or overlaps, dtypes,
 * shapes); a bad file gives an {@link IllegalArgumentException} naming the file and the tensor.
 */
public final class SafeTensors {

    /** Headers beyond this are refused as corrupt (real ones are kilobytes). */
    static final long MAX_HEADER = 100L << 20;

    /** The tensors and the metadata of a file. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private SafeTensors() {
    }

    /** Writes {@code tensors} (in map order) and {@code metadata} to {@code file}, atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        byte[] header = header(file.toString(), tensors, metadata);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.wrap(header));
                for (Tensor t : tensors.values()) {
                    writeFully(ch, encode(t));
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write failed already; that error is the one to report
                }
            }
        }
    }

    /** The safetensors bytes of {@code tensors} and {@code metadata} (to ship weights without a file). */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        byte[] header = header("safetensors bytes", tensors, metadata);
        long total = header.length;
        for (Tensor t : tensors.values()) {
            total += (long) t.size() * t.dtype().bytes();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("safetensors bytes: " + total + " bytes do not fit in one array");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        out.put(header);
        for (Tensor t : tensors.values()) {
            out.put(encode(t));
        }
        return out.array();
    }

    /** The 8-byte length and the JSON header, padded with spaces to a multiple of 8 bytes. */
    private static byte[] header(String where, Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder h = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            h.append(Json.quote("__metadata__")).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                h.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                first = false;
            }
            h.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException(where + ": '__metadata__' is reserved and cannot name a tensor");
            }
            Tensor t = e.getValue();
            long bytes = (long) t.size() * t.dtype().bytes();
            h.append(h.length() > 1 ? "," : "").append(Json.quote(e.getKey())).append(":{\"dtype\":\"")
                    .append(name(t.dtype())).append("\",\"shape\":[");
            int[] dims = t.shape().dims();
            for (int i = 0; i < dims.length; i++) {
                h.append(i > 0 ? "," : "").append(dims[i]);
            }
            h.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        h.append('}');
        byte[] json = h.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - json.length % 8) % 8;
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + pad).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length + pad).put(json);
        for (int i = 0; i < pad; i++) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static ByteBuffer encode(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.size() * t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case F32: b.asFloatBuffer().put(t.floats()); break;
            case F64: b.asDoubleBuffer().put(t.doubles()); break;
            default: b.asIntBuffer().put(t.ints());
        }
        return b;
    }

    /**
     * Reads a file completely and checks it.
     *
     * @throws IllegalArgumentException for a truncated or corrupt file, naming the file and the tensor
     * @throws UncheckedIOException if it cannot be read
     */
    public static Contents read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), all);
    }

    /**
     * Reads safetensors bytes (from {@link #toBytes}) and checks them like {@link #read}.
     *
     * @param source names the bytes in error messages
     */
    public static Contents fromBytes(byte[] bytes, String source) {
        return parse(source, bytes);
    }

    private static Contents parse(String file, byte[] all) {
        if (all.length < 8) {
            throw corrupt(file, "truncated: " + all.length + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        if (n < 2 || n > MAX_HEADER || n > all.length - 8) {
            throw corrupt(file, "header length " + Long.toUnsignedString(n) + " does not fit the file of "
                    + all.length + " bytes (truncated or not a safetensors file)");
        }
        String json = new String(all, 8, (int) n, StandardCharsets.UTF_8);
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, "corrupt header: " + e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw corrupt(file, "corrupt header: not a JSON object");
        }
        int dataStart = 8 + (int) n;
        long dataLength = all.length - dataStart;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        long[][] ranges = new long[((Map<?, ?>) parsed).size()][];
        String[] rangeNames = new String[ranges.length];
        int r = 0;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) parsed).entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map)) {
                    throw corrupt(file, "__metadata__ must be an object of strings");
                }
                for (Map.Entry<?, ?> m : ((Map<?, ?>) e.getValue()).entrySet()) {
                    if (!(m.getValue() instanceof String)) {
                        throw corrupt(file, "__metadata__ value of '" + m.getKey() + "' is not a string");
                    }
                    metadata.put((String) m.getKey(), (String) m.getValue());
                }
                continue;
            }
            if (!(e.getValue() instanceof Map)) {
                throw corrupt(file, "tensor '" + name + "': entry is not an object");
            }
            Map<?, ?> info = (Map<?, ?>) e.getValue();
            DType dtype = dtype(file, name, info.get("dtype"));
            int[] dims = ints(file, name, "shape", info.get("shape"));
            long[] off = longs(file, name, info.get("data_offsets"));
            long size = 1;
            for (int d : dims) {
                size *= d;
                if (size > Integer.MAX_VALUE) {
                    throw corrupt(file, "tensor '" + name + "': shape " + java.util.Arrays.toString(dims) + " is too large");
                }
            }
            long bytes = size * dtype.bytes();
            if (off[0] < 0 || off[1] < off[0] || off[1] - off[0] != bytes) {
                throw corrupt(file, "tensor '" + name + "': data_offsets [" + off[0] + ", " + off[1] + "] do not hold "
                        + bytes + " bytes of " + dtype + Shape.of(dims));
            }
            if (off[1] > dataLength) {
                throw corrupt(file, "truncated: tensor '" + name + "' needs bytes [" + off[0] + ", " + off[1]
                        + ") but the data section has " + dataLength + " bytes");
            }
            ranges[r] = off;
            rangeNames[r++] = name;
            tensors.put(name, decode(buf, dataStart + (int) off[0], dtype, Shape.of(dims)));
        }
        checkCoverage(file, java.util.Arrays.copyOf(ranges, r), java.util.Arrays.copyOf(rangeNames, r), dataLength);
        return new Contents(tensors, metadata);
    }

    /** The data section must be exactly covered by the tensors: no gaps, no overlaps, no trailing bytes. */
    private static void checkCoverage(String file, long[][] ranges, String[] names, long dataLength) {
        Integer[] order = new Integer[ranges.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(ranges[a][0], ranges[b][0]));
        long expected = 0;
        for (int i : order) {
            if (ranges[i][0] != expected) {
                throw corrupt(file, "tensor '" + names[i] + "' starts at byte " + ranges[i][0] + " of the data section, "
                        + (ranges[i][0] < expected ? "overlapping the previous tensor" : "leaving a gap") + " (expected "
                        + expected + ")");
            }
            expected = ranges[i][1];
        }
        if (expected != dataLength) {
            throw corrupt(file, "the data section has " + dataLength + " bytes but the tensors cover " + expected);
        }
    }

    private static Tensor decode(ByteBuffer buf, int at, DType dtype, Shape shape) {
        Tensor t = Tensor.zeros(dtype, shape);
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(at);
        b = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32: b.asFloatBuffer().get(t.floats()); break;
            case F64: b.asDoubleBuffer().get(t.doubles()); break;
            default: b.asIntBuffer().get(t.ints());
        }
        return t;
    }

    static String name(DType d) {
        switch (d) {
            case F32: return "F32";
            case F64: return "F64";
            default: return "I32";
        }
    }

    private static DType dtype(String file, String tensor, Object v) {
        if ("F32".equals(v)) {
            return DType.F32;
        }
        if ("F64".equals(v)) {
            return DType.F64;
        }
        if ("I32".equals(v)) {
            return DType.I32;
        }
        throw corrupt(file, "tensor '" + tensor + "': unsupported dtype " + v + " (supported: F32, F64, I32)");
    }

    private static int[] ints(String file, String tensor, String field, Object v) {
        if (!(v instanceof List)) {
            throw corrupt(file, "tensor '" + tensor + "': " + field + " is not an array");
        }
        List<?> list = (List<?>) v;
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object x = list.get(i);
            if (!(x instanceof Long) || (Long) x < 0 || (Long) x > Integer.MAX_VALUE) {
                throw corrupt(file, "tensor '" + tensor + "': " + field + " has a bad dimension " + x);
            }
            out[i] = (int) (long) (Long) x;
        }
        return out;
    }

    private static long[] longs(String file, String tensor, Object v) {
        if (!(v instanceof List) || ((List<?>) v).size() != 2 || !(((List<?>) v).get(0) instanceof Long)
                || !(((List<?>) v).get(1) instanceof Long)) {
            throw corrupt(file, "tensor '" + tensor + "': data_offsets must be two integers, got " + v);
        }
        return new long[] {(Long) ((List<?>) v).get(0), (Long) ((List<?>) v).get(1)};
    }

    private static IllegalArgumentException corrupt(String file, String what) {
        return new IllegalArgumentException("safetensors file " + file + ": " + what);
    }
}
