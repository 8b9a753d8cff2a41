package org.adjoint.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Map<String, Object> m = Json.object(Json.parse(
                " {\"a\": [1, -2.5e3, true, false, null], \"s\": \"x\\\"y\\\\z\\n\\u00b5\", \"o\": {}} "), "root");
        assertEquals(List.of(1.0, -2500.0, true, false), Json.array(m.get("a"), "a").subList(0, 4));
        assertNull(Json.array(m.get("a"), "a").get(4));
        assertEquals("x\"y\\z\n\u00b5", m.get("s"));
        assertEquals(Map.of(), m.get("o"));
        assertEquals(List.of("a", "s", "o"), List.copyOf(m.keySet()), "key order is kept");
    }

    @Test
    void writesWhatItReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "tab\there \"quoted\"");
        m.put("ints", List.of(1, 20, 300));
        m.put("rounds", Arrays.asList(new double[] {1.5, 2.25e-7}, new double[0]));
        m.put("nan", Double.NaN);
        m.put("nested", Map.of("k", true));
        Map<String, Object> back = Json.object(Json.parse(Json.write(m)), "back");
        assertEquals("tab\there \"quoted\"", back.get("name"));
        assertEquals(List.of(1.0, 20.0, 300.0), back.get("ints"));
        assertEquals(List.of(List.of(1.5, 2.25e-7), List.of()), back.get("rounds"));
        assertEquals("NaN", back.get("nan"), "non-finite numbers are written as JMH does, as strings");
        assertEquals(Double.NaN, Json.number(back.get("nan"), "nan"));
        assertEquals(Map.of("k", true), back.get("nested"));
    }

    @Test
    void keepsNineSignificantDigits() {
        double x = 83.2071155592241;
        double back = Json.number(Json.parse(Json.write(x)), "x");
        assertEquals(x, back, x * 1e-8);
    }

    @Test
    void malformedInputNamesTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertEquals("malformed JSON at offset 5: expected more input but the input ended", e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertEquals("malformed JSON at offset 5: expected ':' near '1}'", f.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertEquals("malformed JSON at offset 4: expected end of input near 'x'", g.getMessage());
    }
}
