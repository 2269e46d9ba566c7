package org.lienthong.hub.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    // --- parse: values

    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(
                " {\"s\":\"x\",\"n\":-12.5e3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}} ");
        Map<?, ?> m = assertInstanceOf(LinkedHashMap.class, v);
        assertEquals(List.of("s", "n", "t", "f", "z", "a", "o"), new ArrayList<>(m.keySet()));
        assertEquals("x", m.get("s"));
        assertEquals(new BigDecimal("-12.5e3"), m.get("n"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(Boolean.FALSE, m.get("f"));
        assertTrue(m.containsKey("z"));
        assertNull(m.get("z"));
        assertEquals(List.of(new BigDecimal("1"), List.of(), Map.of()), m.get("a"));
        assertEquals(Map.of("k", "v"), m.get("o"));
    }

    @Test
    void parsesScalarsAtTopLevel() {
        assertEquals("Bão số 3", Json.parse("\"Bão số 3\""));
        assertEquals(new BigDecimal("0"), Json.parse("0"));
        assertEquals(Boolean.TRUE, Json.parse("\ttrue\r\n"));
        assertNull(Json.parse("null"));
    }

    @Test
    void keepsMemberOrder() {
        Map<?, ?> m = (Map<?, ?>) Json.parse("{\"z\":1,\"a\":2,\"m\":3,\"b\":4}");
        assertEquals(List.of("z", "a", "m", "b"), new ArrayList<>(m.keySet()));
    }

    @Test
    void numbersKeepTheirExactValueAndScale() {
        BigDecimal d = (BigDecimal) Json.parse("1.50");
        assertEquals("1.50", d.toString());
        assertEquals(2, d.scale());
        assertEquals(new BigDecimal("123456789012345678901234567890.000000000000000000001"),
                Json.parse("123456789012345678901234567890.000000000000000000001"));
        assertEquals(new BigDecimal("-0.0"), Json.parse("-0.0"));
        assertEquals(new BigDecimal("1E+400"), Json.parse("1e400"));
        assertEquals(new BigDecimal("2.5E-400"), Json.parse("2.5E-400"));
        assertEquals(new BigDecimal("1E+2"), Json.parse("1E+2"));
        assertEquals(new BigDecimal("9223372036854775808"), Json.parse("9223372036854775808"));
    }

    @Test
    void decodesEscapes() {
        assertEquals("\" \\ / \b \f \n \r \t é é", Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u00E9\""));
        assertEquals("\u0000", Json.parse("\"\\u0000\""));
        assertEquals("x😀y", Json.parse("\"x\\ud83d\\ude00y\""));
        assertEquals("😀", Json.parse("\"😀\""));
    }

    @Test
    void readsVietnameseText() {
        Map<?, ?> m = (Map<?, ?>) Json.parse("{\"title\":\"Bão số 3 – Hà Nội\",\"đơnVị\":\"Ủy ban nhân dân\"}");
        assertEquals("Bão số 3 – Hà Nội", m.get("title"));
        assertEquals("Ủy ban nhân dân", m.get("đơnVị"));
        assertEquals("Bão số 3 – Hà Nội", Json.parse("\"B\\u00e3o s\\u1ed1 3 \\u2013 H\\u00e0 N\\u1ed9i\""));
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String deep = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertInstanceOf(List.class, Json.parse(deep));
        String deepObjects = "{\"a\":".repeat(Json.MAX_DEPTH - 1) + "{}" + "}".repeat(Json.MAX_DEPTH - 1);
        assertInstanceOf(Map.class, Json.parse(deepObjects));
    }

    @Test
    void deepNestingNeedsNoDeepStack() throws Exception {
        // the parser and the writer keep open arrays and objects on a list, not on the call stack
        String deep = "[{\"a\":".repeat(Json.MAX_DEPTH / 2) + "1" + "}]".repeat(Json.MAX_DEPTH / 2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> written = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                written.set(Json.write(Json.parse(deep)));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 64 * 1024);
        small.start();
        small.join();
        assertNull(failure.get());
        assertEquals(deep, written.get());
    }

    // --- parse: rejections

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "\t\n" })
    void rejectsEmptyInput(String text) {
        assertRejected(text, text.length(), "end of input");
    }

    @Test
    void rejectsTrailingGarbage() {
        assertRejected("{} x", 3, "after the value");
        assertRejected("1 2", 2, "after the value");
        assertRejected("[1]]", 3, "after the value");
        assertRejected("nullx", 4, "after the value");
        assertRejected("\"a\"\"b\"", 3, "after the value");
    }

    @Test
    void rejectsStructuralErrors() {
        assertRejected("[1,]", 3, "expected a value");
        assertRejected("[,1]", 1, "expected a value");
        assertRejected("[1 2]", 3, "expected ',' or ']'");
        assertRejected("{\"a\":1,}", 7, "member name");
        assertRejected("{\"a\" 1}", 5, "':'");
        assertRejected("{a:1}", 1, "member name");
        assertRejected("{'a':1}", 1, "member name");
        assertRejected("{\"a\":1 \"b\":2}", 7, "expected ',' or '}'");
        assertRejected("[1", 2, "end of input");
        assertRejected("{\"a\":", 5, "end of input");
        assertRejected("{", 1, "end of input");
        assertRejected("]", 0, "expected a value");
    }

    @Test
    void rejectsNonJsonLiterals() {
        assertRejected("tru", 0, "expected a value");
        assertRejected("True", 0, "expected a value");
        assertRejected("NaN", 0, "expected a value");
        assertRejected("undefined", 0, "expected a value");
        assertRejected("[nul]", 1, "expected a value");
    }

    @Test
    void rejectsCommentsAndNonJsonWhitespace() {
        assertRejected("// c\n1", 0, "expected a value");
        assertRejected("1 /* c */", 2, "after the value");
        assertRejected("\u00a01", 0, "U+00A0");
        assertRejected("\ufeff{}", 0, "U+FEFF");
        assertRejected("[1,\f2]", 3, "U+000C");
    }

    @ParameterizedTest
    @ValueSource(strings = { "01", "-01", "+1", ".5", "1.", "1.e3", "1e", "1e+", "-", "--1", "0x10", "1.5.2",
            "Infinity", "-Infinity" })
    void rejectsMalformedNumbers(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().startsWith("invalid JSON at offset "), e.getMessage());
    }

    @Test
    void malformedNumbersNameTheOffset() {
        assertRejected("[01]", 2, "leading zero");
        assertRejected("[1.]", 3, "after the decimal point");
        assertRejected("[1e]", 3, "exponent");
        assertRejected("[-]", 2, "expected a digit");
    }

    @Test
    void rejectsNumbersBeyondBigDecimal() {
        assertRejected("[1e99999999999]", 1, "out of range");
    }

    @Test
    void rejectsUnescapedControlCharacters() {
        assertRejected("\"a\nb\"", 2, "control character U+000A");
        assertRejected("\"a\tb\"", 2, "control character U+0009");
        assertRejected("\"\u0000\"", 1, "control character U+0000");
        assertRejected("\"\u001f\"", 1, "control character U+001F");
    }

    @Test
    void acceptsDelAndLineSeparatorsUnescaped() {
        assertEquals("\u007f\u2028\u2029", Json.parse("\"\u007f\u2028\u2029\""));
    }

    @Test
    void rejectsBadEscapes() {
        assertRejected("\"\\x\"", 1, "invalid escape in a string: a backslash followed by 'x'");
        assertRejected("\"\\'\"", 1, "invalid escape");
        assertRejected("\"\\u12\"", 1, "four hex digits");
        assertRejected("\"\\u12g4\"", 1, "four hex digits");
        assertRejected("\"\\u", 1, "four hex digits");
        assertRejected("\"\\", 2, "unterminated string");
        assertRejected("\"abc", 4, "unterminated string");
    }

    @Test
    void rejectsLoneSurrogateEscapes() {
        assertRejected("\"\\ud83d\"", 1, "high surrogate");
        assertRejected("\"\\ud83dx\"", 1, "high surrogate");
        assertRejected("\"\\ud83d\\n\"", 1, "high surrogate");
        assertRejected("\"\\ud83d\\u0041\"", 1, "high surrogate");
        assertRejected("\"\\ud83d\\ud83d\"", 1, "high surrogate");
        assertRejected("\"ab\\ude00\"", 3, "low surrogate");
    }

    @Test
    void rejectsLoneSurrogateCharacters() {
        assertRejected("\"a\ud83d\"", 2, "lone surrogate U+D83D");
        assertRejected("\"\ude00\"", 1, "lone surrogate U+DE00");
    }

    @Test
    void rejectsDuplicateMemberNames() {
        assertRejected("{\"a\":1,\"b\":2,\"a\":3}", 13, "duplicate member name");
        assertRejected("{\"x\":{\"a\":1,\"\\u0061\":1}}", 12, "duplicate member name");
    }

    @Test
    void allowsTheSameNameInDifferentObjects() {
        assertEquals(List.of(Map.of("a", new BigDecimal(1)), Map.of("a", new BigDecimal(2))),
                Json.parse("[{\"a\":1},{\"a\":2}]"));
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        assertRejected(deep, Json.MAX_DEPTH, "nested more than 512");
        String veryDeep = "{\"a\":".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(veryDeep));
        assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(NullPointerException.class, () -> Json.parse(null));
    }

    // --- write

    @Test
    void writesCompactJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "x");
        m.put("n", new BigDecimal("1.50"));
        m.put("i", 42);
        m.put("l", -7L);
        m.put("t", true);
        m.put("z", null);
        m.put("a", Arrays.asList(1, null, List.of()));
        m.put("o", Map.of());
        assertEquals("{\"s\":\"x\",\"n\":1.50,\"i\":42,\"l\":-7,\"t\":true,\"z\":null,\"a\":[1,null,[]],\"o\":{}}",
                Json.write(m));
        assertEquals("null", Json.write(null));
        assertEquals("false", Json.write(false));
        assertEquals("\"\"", Json.write(""));
    }

    @Test
    void writesNumbersExactly() {
        assertEquals("1.50", Json.write(new BigDecimal("1.50")));
        assertEquals("1E+400", Json.write(new BigDecimal("1e400")));
        assertEquals("123456789012345678901234567890", Json.write(new BigInteger("123456789012345678901234567890")));
        assertEquals("9223372036854775807", Json.write(Long.MAX_VALUE));
        assertEquals("0.1", Json.write(0.1));
        assertEquals("1.0E21", Json.write(1e21));
        assertEquals("2.5", Json.write(2.5f));
        assertEquals("7", Json.write((short) 7));
        assertEquals("-8", Json.write((byte) -8));
        assertEquals("5", Json.write(new AtomicLong(5)));
        for (Object n : List.of(new BigDecimal("1E+400"), 1e21, 0.1, -0.0)) {
            assertEquals(new BigDecimal(Json.write(n)), Json.parse(Json.write(n)));
        }
    }

    @Test
    void escapesWhatMustBeEscaped() {
        assertEquals("\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u2028\\u2029\u007f\"",
                Json.write("\"\\/\b\f\n\r\t\u0000\u001f\u2028\u2029\u007f"));
    }

    @Test
    void writesUnicodeAsItIs() {
        assertEquals("\"Bão số 3 – Hà Nội 😀\"", Json.write("Bão số 3 – Hà Nội 😀"));
        assertEquals("{\"đơnVị\":\"Ủy ban\"}", Json.write(Map.of("đơnVị", "Ủy ban")));
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "x")));
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThrows(IllegalArgumentException.class, () -> Json.write(nullKey));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Float.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new String[] { "a" }));
        assertThrows(IllegalArgumentException.class, () -> Json.write("a\ud83d"));
        assertThrows(IllegalArgumentException.class, () -> Json.write("\ude00b"));
    }

    @Test
    void refusesCyclesAndExcessiveDepth() {
        List<Object> self = new ArrayList<>();
        self.add(self);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(self));
        assertTrue(e.getMessage().contains("nested more than 512"), e.getMessage());

        Object deep = List.of();
        for (int i = 1; i < Json.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        assertEquals("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH), Json.write(deep));
        Object tooDeep = List.of(deep);
        assertThrows(IllegalArgumentException.class, () -> Json.write(tooDeep));
    }

    // --- round trips

    @ParameterizedTest
    @ValueSource(strings = { "{}", "[]", "\"\"", "0", "1.50", "-1.25E-7", "1E+400", "true", "false", "null",
            "[1,\"a\",null,true,{\"b\":[]}]", "{\"z\":1,\"a\":{\"y\":[2.0,3.00]}}", "\"Bão số 3 – Hà Nội\"",
            "\"tab\\tnewline\\nquote\\\"backslash\\\\\"", "\"\\u0001\\u2028\"", "\"😀\"",
            "123456789012345678901234567890.123456789" })
    void compactTextRoundTripsUnchanged(String text) {
        assertEquals(text, Json.write(Json.parse(text)));
    }

    @Test
    void aRecordRoundTrips() {
        String record = """
                {
                  "id": "019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e",
                  "kind": "incident",
                  "title": "Bão số 3 – Hà Nội",
                  "riskLevel": 4,
                  "location": {"geometry": {"type": "Point", "coordinates": [105.8542, 21.0285]}},
                  "impacts": [{"metric": "evacuated", "value": 1250}, {"metric": "rainfallMm", "value": 312.50}],
                  "provenance": {"hash": "sha256:ab12", "parents": [], "author": {"org": "vn", "subject": null}}
                }""";
        String compact = Json.write(Json.parse(record));
        assertTrue(compact.startsWith("{\"id\":\"019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e\",\"kind\":\"incident\""),
                compact);
        assertTrue(compact.contains("\"value\":312.50"), compact);
        assertTrue(compact.contains("\"coordinates\":[105.8542,21.0285]"), compact);
        assertEquals(Json.parse(record), Json.parse(compact));
        assertEquals(compact, Json.write(Json.parse(compact)));
    }

    @Test
    void valuesRoundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "Ủy ban nhân dân tỉnh Quảng Nam\n\"Lũ quét\"\t\u0007");
        m.put("big", new BigDecimal("-98765432109876543210.0123456789"));
        m.put("list", new ArrayList<>(Arrays.asList(Boolean.TRUE, null, "😀")));
        m.put("nested", new LinkedHashMap<>(Map.of("k", new BigDecimal("1.50"))));
        assertEquals(m, Json.parse(Json.write(m)));
    }

    private static void assertRejected(String text, int offset, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().startsWith("invalid JSON at offset " + offset + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
