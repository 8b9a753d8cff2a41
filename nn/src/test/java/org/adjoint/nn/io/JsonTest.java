package org.adjoint.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesTheSafetensorsSubsetKeepingKeyOrder() {
        Object v = Json.parse(" {\"b\": {\"dtype\": \"F32\", \"shape\": [2, 3], \"data_offsets\": [0, 24]},"
                + " \"a\\\"\\u0041\": [], \"m\": {\"k\": \"v\\n\"}, \"x\": [true, false, null, -1.5e2]}   ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a\"A", "m", "x"), List.copyOf(m.keySet()));
        assertEquals(List.of(2L, 3L), ((Map<?, ?>) m.get("b")).get("shape"));
        assertEquals("v\n", ((Map<?, ?>) m.get("m")).get("k"));
        assertEquals(java.util.Arrays.asList(true, false, null, -150.0), m.get("x"));
    }

    @Test
    void rejectsWhatIsNotJsonWithTheOffset() {
        assertEquals("JSON error at offset 7: duplicate key \"a\"",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,\"a\":2}")).getMessage());
        assertEquals("JSON error at offset 7: unexpected text after the JSON value",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1}x")).getMessage());
        assertEquals("JSON error at offset 5: unexpected end of input",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":")).getMessage());
        assertEquals("JSON error at offset 17: nested deeper than 16 levels",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(40))).getMessage());
    }

    @Test
    void quotesRoundTrip() {
        String s = "a\"b\\c\nd\u0001é";
        assertEquals(s, Json.parse(Json.quote(s)));
    }
}
