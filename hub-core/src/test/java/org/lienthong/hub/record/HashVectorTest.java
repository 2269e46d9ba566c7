package org.lienthong.hub.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fixed test vectors for the canonical JSON form (RFC 8785, with null members left out) and the version hash. The
 * expected hashes were computed outside Java, with {@code printf '%s' '<canonical text>' | sha256sum}, so that any hub
 * implementation can check itself against them. Changing any of these values breaks every stored hash chain: it is a
 * change of the wire contract.
 */
class HashVectorTest {

    @Test
    void canonicalJsonSortsKeysDropsNullsAndFixesNumbersAndEscapes() {
        String input = "{\"b\":[1.50,-0.0,1E+2,\"x\\u0001\\\"\\\\\\n\\/é\"],\"a\":{\"z\":null,\"é\":\"Việt\",\"Z\":0.000},"
                + "\"A\":true,\"n\":null}";
        String canonical = "{\"A\":true,\"a\":{\"Z\":0,\"é\":\"Việt\"},\"b\":[1.5,0,100,\"x\\u0001\\\"\\\\\\n/é\"]}";
        var node = RecordJson
                .parse(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(canonical, CanonicalJson.write(node));
        assertEquals("11fc19cf5034bcbc4b4c9797450344ea6817805e82090b8df4c378bf59eb6171", CanonicalJson.sha256(node));
    }

    @Test
    void timestampsAndNumbers() {
        assertEquals("2026-11-22T08:00:00Z", CanonicalJson.formatInstant(Instant.parse("2026-11-22T08:00:00Z")));
        assertEquals("2026-11-22T08:00:00.5Z", CanonicalJson.formatInstant(Instant.parse("2026-11-22T08:00:00.500Z")));
        assertEquals("2026-11-22T08:00:00.000001Z",
                CanonicalJson.formatInstant(Instant.parse("2026-11-22T08:00:00.000001Z")));
        // RFC 8785 numbers (ECMAScript form); before issue 17 the last two were written as exact plain decimals
        assertEquals("100", CanonicalJson.formatNumber(new BigDecimal("1E+2").doubleValue()));
        assertEquals("0.1", CanonicalJson.formatNumber(new BigDecimal("0.100").doubleValue()));
        assertEquals("0", CanonicalJson.formatNumber(new BigDecimal("-0.000").doubleValue()));
        assertEquals("1.2345678901234568e+29",
                CanonicalJson.formatNumber(new BigDecimal("123456789012345678901234567890.000").doubleValue()));
        assertEquals("-1e-9", CanonicalJson.formatNumber(new BigDecimal("-1E-9").doubleValue()));
    }

    static VersionRow update() {
        ObjectNode content = RecordJson.NODES.objectNode();
        content.put("title", "Lũ quét");
        content.put("riskLevel", 4);
        return new VersionRow(UUID.fromString("019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e"), "incident", 2, "vn.qn", "public",
                "qn-pcttkcn", "SC-1", false, content, "update", "vn.qn", "operator@qn", null,
                Instant.parse("2026-11-22T08:00:00.123456Z"), "hub-a", null, null, List.of("a".repeat(64)));
    }

    @Test
    void versionHashOfAnUpdate() {
        VersionRow v = update();
        assertEquals("{\"content\":{\"riskLevel\":4,\"title\":\"Lũ quét\"},\"parents\":[\"" + "a".repeat(64) + "\"],"
                + "\"provenance\":{\"activity\":\"update\",\"author\":{\"org\":\"vn.qn\",\"subject\":\"operator@qn\"},"
                + "\"originHub\":\"hub-a\",\"recordedAt\":\"2026-11-22T08:00:00.123456Z\"},"
                + "\"record\":{\"classification\":\"public\",\"deleted\":false,"
                + "\"id\":\"019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e\",\"kind\":\"incident\",\"owner\":\"vn.qn\","
                + "\"sourceRef\":{\"id\":\"SC-1\",\"system\":\"qn-pcttkcn\"}}}",
                CanonicalJson.write(VersionHash.document(v)));
        assertEquals("ac4efb0cf53d3f5ba81c77ca1528813e66a49e2ad3ccd51d21a51075e951226c", VersionHash.of(v));
    }

    @Test
    void versionHashOfAConnectorTombstoneWithoutSourceRef() {
        VersionRow v = new VersionRow(UUID.fromString("00000000-0000-7000-8000-000000000000"), "threat", 1, "vn",
                "internal", null, null, true, RecordJson.NODES.objectNode(), "create", "vn", "s", null,
                Instant.parse("2026-01-01T00:00:00Z"), "h", "cap-nchmf", null, List.of());
        assertEquals("8cdf1b49a851fb838de96d3798680fc1be39290c4308049c55084075d123f3ec", VersionHash.of(v));
    }

    @Test
    void theVersionNumberIsNotHashedButEverythingElseIs() {
        VersionRow v = update();
        VersionRow renumbered = new VersionRow(v.id(), v.kind(), 7, v.owner(), v.classification(), v.sourceSystem(),
                v.sourceId(), v.deleted(), v.content(), v.activity(), v.authorOrg(), v.authorSubject(), v.authorRole(),
                v.recordedAt(), v.originHub(), v.connector(), null, v.parents());
        assertEquals(VersionHash.of(v), VersionHash.of(renumbered));
        VersionRow otherParent = new VersionRow(v.id(), v.kind(), 2, v.owner(), v.classification(), v.sourceSystem(),
                v.sourceId(), v.deleted(), v.content(), v.activity(), v.authorOrg(), v.authorSubject(), v.authorRole(),
                v.recordedAt(), v.originHub(), v.connector(), null, List.of("b".repeat(64)));
        assertNotEquals(VersionHash.of(v), VersionHash.of(otherParent));
        VersionRow otherTime = new VersionRow(v.id(), v.kind(), 2, v.owner(), v.classification(), v.sourceSystem(),
                v.sourceId(), v.deleted(), v.content(), v.activity(), v.authorOrg(), v.authorSubject(), v.authorRole(),
                v.recordedAt().plusNanos(1000), v.originHub(), v.connector(), null, v.parents());
        assertNotEquals(VersionHash.of(v), VersionHash.of(otherTime));
    }
}
