package org.adjoint.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class SafeTensorsTest {

    @Test
    void bytesRoundTripEveryDtype() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a", Tensor.of(new float[] {1.5f, -2, Float.MIN_VALUE}, 3));
        m.put("b/c", Tensor.of(new double[] {Math.PI, -0.0, 1e300, 4}, 2, 2));
        m.put("i", Tensor.of(new int[] {Integer.MIN_VALUE, 7}, 1, 2));
        m.put("scalar", Tensor.of(new double[] {3}));
        byte[] bytes = SafeTensors.toBytes(m, Map.of("k", "v"));
        SafeTensors.Contents c = SafeTensors.fromBytes(bytes, "weights");
        assertEquals(m.keySet(), c.tensors().keySet());
        for (String k : m.keySet()) {
            assertTrue(m.get(k).bitwiseEquals(c.tensors().get(k)), k);
        }
        assertEquals(Map.of("k", "v"), c.metadata());
    }

    @Test
    void overlappingOrGappedOffsetsAreCorrupt() {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        byte[] h = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + h.length + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.fromBytes(b.array(), "x"));
        assertEquals("safetensors file x: tensor 'a' starts at byte 4 of the data section, leaving a gap (expected 0)",
                e.getMessage());
        String bf16 = "{\"a\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        byte[] h2 = bf16.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b2 = java.nio.ByteBuffer.allocate(8 + h2.length + 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b2.putLong(h2.length).put(h2);
        assertEquals("safetensors file y: tensor 'a': unsupported dtype BF16 (supported: F32, F64, I32)",
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.fromBytes(b2.array(), "y")).getMessage());
    }
}
