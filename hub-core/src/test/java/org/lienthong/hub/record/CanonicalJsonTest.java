package org.lienthong.hub.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hub's canonicaliser against the RFC 8785 vectors in {@code fixtures/jcs} (see its README): the reference
 * implementation's structures and strings, the RFC's number samples, and 20 000 numbers serialised by JavaScript.
 */
class CanonicalJsonTest {

    static final Path FIXTURES = Path.of("..", "fixtures", "jcs");

    static Stream<String> names() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve("input"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(6, names.size(), "the six input files of the reference implementation");
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void referenceVectorsCanonicaliseToTheirOutputBytes(String name) throws IOException {
        byte[] input = Files.readAllBytes(FIXTURES.resolve("input").resolve(name));
        byte[] expected = Files.readAllBytes(FIXTURES.resolve("output").resolve(name));
        // the way the hub reads request bodies: exact decimals, then the double each one denotes
        JsonNode node = RecordJson.parse(new java.io.ByteArrayInputStream(input));
        assertEquals(new String(expected, StandardCharsets.UTF_8), CanonicalJson.rfc8785(node));
    }

    @ParameterizedTest
    @ValueSource(strings = { "rfc8785-appendix-b.txt", "numbers.txt" })
    void numbersAreWrittenAsEcmaScriptWritesThem(String file) throws IOException {
        List<String> lines = Files.readAllLines(FIXTURES.resolve(file));
        int checked = 0;
        for (String line : lines) {
            int comma = line.indexOf(',');
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(line.substring(0, comma), 16));
            String expected = line.substring(comma + 1);
            assertEquals(expected, CanonicalJson.formatNumber(value), line);
            // and through a parsed document, as a client would send the number (exact decimal, or an integer)
            JsonNode parsed = RecordJson.parseTree("[" + expected + "]");
            assertEquals("[" + expected + "]", CanonicalJson.rfc8785(parsed), line);
            checked++;
        }
        assertEquals(lines.size(), checked);
    }

    @org.junit.jupiter.api.Test
    void theHubsNormalisationLeavesOutNullMembersAndNothingElse() {
        JsonNode node = RecordJson
                .parseTree("{\"b\":[null,1.50,-0.0,1E+2],\"a\":{\"z\":null,\"é\":\"Việt\"},\"n\":null}");
        assertEquals("{\"a\":{\"z\":null,\"é\":\"Việt\"},\"b\":[null,1.5,0,100],\"n\":null}",
                CanonicalJson.rfc8785(node));
        assertEquals("{\"a\":{\"é\":\"Việt\"},\"b\":[null,1.5,0,100]}", CanonicalJson.write(node));
    }

    @org.junit.jupiter.api.Test
    void whatIsNotAJsonNumberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.formatNumber(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.formatNumber(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.number(new java.math.BigDecimal("1e400")));
    }
}
