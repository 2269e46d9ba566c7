package org.lienthong.audit.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lienthong.hub.api.json.Json;

/**
 * The verifier on hand-made data: the hub's fixed hash vectors (HashVectorTest in hub-core, computed outside Java),
 * chain vectors computed with {@code sha256sum}, and small signed histories that are then tampered with.
 */
class VerifierTest {

    static final String A64 = "a".repeat(64);

    /** HashVectorTest.versionHashOfAnUpdate, rendered as the hub's API renders the record. */
    static final String UPDATE_LINE = """
            {"id":"019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e","kind":"incident","version":2,"owner":"vn.qn",\
            "classification":"public","sourceRef":{"system":"qn-pcttkcn","id":"SC-1"},\
            "createdAt":"2026-11-21T00:00:00Z","updatedAt":"2026-11-22T08:00:00.123456Z","deleted":false,\
            "provenance":{"author":{"org":"vn.qn","subject":"operator@qn"},"activity":"update",\
            "recordedAt":"2026-11-22T08:00:00.123456Z","originHub":"hub-a",\
            "sourceRef":{"system":"qn-pcttkcn","id":"SC-1"},\
            "hash":"ac4efb0cf53d3f5ba81c77ca1528813e66a49e2ad3ccd51d21a51075e951226c",\
            "parents":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]},\
            "title":"Lũ quét","riskLevel":4}""";

    /** HashVectorTest.versionHashOfAConnectorTombstoneWithoutSourceRef. */
    static final String TOMBSTONE_LINE = """
            {"id":"00000000-0000-7000-8000-000000000000","kind":"threat","version":1,"owner":"vn",\
            "classification":"internal","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z",\
            "deleted":true,"provenance":{"author":{"org":"vn","subject":"s"},"activity":"create",\
            "recordedAt":"2026-01-01T00:00:00Z","originHub":"h","connector":"cap-nchmf",\
            "hash":"8cdf1b49a851fb838de96d3798680fc1be39290c4308049c55084075d123f3ec","parents":[]}}""";

    @TempDir
    Path dir;

    KeyPair keyPair;
    Path keyFile;

    @BeforeEach
    void key() throws Exception {
        keyPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        keyFile = dir.resolve("key.pem");
        Files.writeString(keyFile, pem(keyPair.getPublic().getEncoded()));
    }

    // --- the hub's vectors

    @Test
    void canonicalJsonMatchesTheHubsVector() {
        String input = "{\"b\":[1.50,-0.0,1E+2,\"x\\u0001\\\"\\\\\\n\\/é\"],\"a\":{\"z\":null,\"é\":\"Việt\",\"Z\":0.000},"
                + "\"A\":true,\"n\":null}";
        String canonical = "{\"A\":true,\"a\":{\"Z\":0,\"é\":\"Việt\"},\"b\":[1.5,0,100,\"x\\u0001\\\"\\\\\\n/é\"]}";
        assertEquals(canonical, Canonical.write(Json.parse(input)));
        assertEquals("11fc19cf5034bcbc4b4c9797450344ea6817805e82090b8df4c378bf59eb6171",
                Canonical.sha256(Canonical.write(Json.parse(input))));
    }

    @Test
    void timestampsAndNumbersFollowTheHubsRules() {
        assertEquals("2026-11-22T08:00:00Z", Canonical.timestamp("2026-11-22T08:00:00Z"));
        assertEquals("2026-11-22T08:00:00.5Z", Canonical.timestamp("2026-11-22T08:00:00.500Z"));
        assertEquals("2026-11-22T08:00:00.000001Z", Canonical.timestamp("2026-11-22T08:00:00.000001Z"));
        assertEquals("2026-11-22T01:00:00Z", Canonical.timestamp("2026-11-22T08:00:00+07:00"));
        // RFC 8785 numbers (ECMAScript form); before issue 17 the last two were exact plain decimals
        assertEquals("[100,0.1,0,1.2345678901234568e+29,-1e-9]",
                Canonical.write(Json.parse("[1E+2,0.100,-0.000,123456789012345678901234567890.000,-1E-9]")));
        // U+2028 is not escaped (hub-api's Json.write does escape it: canonical text is not Json.write)
        assertEquals("\"\\u001f" + (char) 0x2028 + "\\t\"", Canonical.write("\u001f" + (char) 0x2028 + "\t"));
    }

    @Test
    void versionHashesOfTheHubsVectorsAreRecomputedFromRecordLines() {
        @SuppressWarnings("unchecked")
        Map<String, Object> update = (Map<String, Object>) Json.parse(UPDATE_LINE);
        assertEquals("{\"content\":{\"riskLevel\":4,\"title\":\"Lũ quét\"},\"parents\":[\"" + A64 + "\"],"
                + "\"provenance\":{\"activity\":\"update\",\"author\":{\"org\":\"vn.qn\",\"subject\":\"operator@qn\"},"
                + "\"originHub\":\"hub-a\",\"recordedAt\":\"2026-11-22T08:00:00.123456Z\"},"
                + "\"record\":{\"classification\":\"public\",\"deleted\":false,"
                + "\"id\":\"019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e\",\"kind\":\"incident\",\"owner\":\"vn.qn\","
                + "\"sourceRef\":{\"id\":\"SC-1\",\"system\":\"qn-pcttkcn\"}}}",
                Canonical.write(VersionDocument.of(update)));
        assertEquals("ac4efb0cf53d3f5ba81c77ca1528813e66a49e2ad3ccd51d21a51075e951226c", VersionDocument.hash(update));
        @SuppressWarnings("unchecked")
        Map<String, Object> tombstone = (Map<String, Object>) Json.parse(TOMBSTONE_LINE);
        assertEquals("8cdf1b49a851fb838de96d3798680fc1be39290c4308049c55084075d123f3ec",
                VersionDocument.hash(tombstone));
    }

    @Test
    void chainVectors() {
        // printf '%s' "$(printf '0%.0s' $(seq 64))ac4e…226c" | sha256sum, then the same with the result and 8cdf…f3ec
        String c1 = Chain.next(Chain.GENESIS, "ac4efb0cf53d3f5ba81c77ca1528813e66a49e2ad3ccd51d21a51075e951226c");
        assertEquals("15f33322f8fb6164187f24fca83de79dfd49adae10ca0cf1a80c2d72fb2c3aee", c1);
        assertEquals("f5258ad37d1a959790ba5f90af1a4547357011090d58028979a1cbb8f01f96d8",
                Chain.next(c1, "8cdf1b49a851fb838de96d3798680fc1be39290c4308049c55084075d123f3ec"));
    }

    @Test
    void theVectorsVerifyAsAnExportWithTheirChain() throws Exception {
        // the update's parent (a…a) was recorded on hub-a; the checkpoint is of another hub, so that is a note
        Path export = write("export.ndjson", UPDATE_LINE + "\n" + TOMBSTONE_LINE + "\n");
        Path cp = checkpoint("cp.json", "central", 2,
                "f5258ad37d1a959790ba5f90af1a4547357011090d58028979a1cbb8f01f96d8",
                "8cdf1b49a851fb838de96d3798680fc1be39290c4308049c55084075d123f3ec");
        Run r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--export", export.toString());
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("OK chain: recomputed up to position 2,"), r.out);
        assertTrue(r.out.contains("NOTE line 1"), r.out);
    }

    // --- a small history

    /** r1 v1, r1 v2, r2 v1 (tombstone by a connector), r1 v3, then a redacted r3 v1. */
    List<String> history() {
        List<String> lines = new ArrayList<>();
        String r1 = "019a0000-0000-7000-8000-000000000001";
        String r2 = "019a0000-0000-7000-8000-000000000002";
        String v1 = line(r1, 1, "create", null, List.of(), "Lũ quét tại xã Trà Leng", false, null);
        lines.add(v1);
        String v2 = line(r1, 2, "update", "vn.qn.sub", List.of(hash(v1)), "Lũ quét tại xã Trà Leng (2)", false, null);
        lines.add(v2);
        lines.add(line(r2, 1, "create", null, List.of(), "Bão số 9", true, "cap-nchmf"));
        lines.add(line(r1, 3, "update", null, List.of(hash(v2)), "Đã kiểm soát", false, null));
        lines.add("{\"id\":\"019a0000-0000-7000-8000-000000000003\",\"kind\":\"resource\",\"version\":1,"
                + "\"redacted\":true,\"provenance\":{\"originHub\":\"central\",\"hash\":\"" + "b".repeat(64)
                + "\",\"parents\":[]}}");
        return lines;
    }

    static String line(String id, int version, String activity, String sourceSystem, List<String> parents, String title,
            boolean deleted, String connector) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", "incident");
        m.put("version", version);
        m.put("owner", "vn.qn");
        m.put("classification", "internal");
        if (sourceSystem != null) {
            m.put("sourceRef", Map.of("system", sourceSystem, "id", "X-1"));
        }
        m.put("createdAt", "2026-11-22T05:40:00Z");
        m.put("updatedAt", "2026-11-22T05:4" + version + ":00.25Z");
        m.put("deleted", deleted);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("author", Map.of("org", "vn.qn", "subject", "operator@qn"));
        p.put("activity", activity);
        p.put("recordedAt", "2026-11-22T05:4" + version + ":00.25Z");
        p.put("originHub", "central");
        if (connector != null) {
            p.put("connector", connector);
        }
        p.put("parents", parents);
        m.put("provenance", p);
        m.put("title", title);
        m.put("riskLevel", new BigDecimal("4.0"));
        m.put("impacts", List.of(Map.of("metric", "evacuated", "value", 1250)));
        m.put("note", null);
        p.put("hash", VersionDocument.hash(m));
        return Json.write(m);
    }

    @SuppressWarnings("unchecked")
    static String hash(String line) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) Json.parse(line)).get("provenance")).get("hash");
    }

    static String chainOf(List<String> lines, int n) {
        String chain = Chain.GENESIS;
        for (int i = 0; i < n; i++) {
            chain = Chain.next(chain, hash(lines.get(i)));
        }
        return chain;
    }

    @Test
    void aConsistentHistoryVerifiesAndALaterCheckpointExtendsTheEarlierOne() throws Exception {
        List<String> lines = history();
        Path export = write("export.ndjson", String.join("\n", lines) + "\n");
        Path early = checkpoint("early.json", "central", 3, chainOf(lines, 3), hash(lines.get(2)));
        Path late = checkpoint("late.json", "central", 5, chainOf(lines, 5), hash(lines.get(4)));
        Run r = run("--key", keyFile.toString(), "--checkpoint", late.toString(), "--export", export.toString(),
                "--earlier", early.toString(), "--record", "019a0000-0000-7000-8000-000000000001");
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("OK signature: checkpoint (hub central, position 5"), r.out);
        assertTrue(r.out.contains("OK signature: earlier checkpoint (hub central, position 3"), r.out);
        assertTrue(r.out.contains("OK hashes: 4 versions recomputed from their content and provenance, all match;"
                + " 1 version redacted"), r.out);
        assertTrue(r.out.contains("OK parents"), r.out);
        assertTrue(r.out.contains("OK chain: recomputed up to position 5,"), r.out);
        assertTrue(r.out.contains("OK append-only: the history signed at position 3"), r.out);
        assertTrue(r.out.contains("RECORD 019a0000-0000-7000-8000-000000000001: 3 versions"), r.out);
        assertTrue(r.out.contains("  position 4  version 3  hash " + hash(lines.get(3))), r.out);
        assertFalse(r.out.contains("FAIL"), r.out);

        // an export longer than the checkpoint is fine; a position-0 checkpoint is the genesis
        Path zero = checkpoint("zero.json", "central", 0, Chain.GENESIS, null);
        assertEquals(0, run("--key", keyFile.toString(), "--checkpoint", early.toString(), "--export",
                export.toString(), "--earlier", zero.toString()).status);
    }

    @Test
    void anEditedVersionIsAHashMismatchAndBreaksTheChainOfTheOldCheckpoint() throws Exception {
        List<String> lines = history();
        Path cp = checkpoint("cp.json", "central", 5, chainOf(lines, 5), hash(lines.get(4)));
        List<String> edited = new ArrayList<>(lines);
        edited.set(1, edited.get(1).replace("Trà Leng (2)", "Trà Leng (sửa)"));
        Path export = write("export.ndjson", String.join("\n", edited) + "\n");
        Run r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--export", export.toString(),
                "--record", "019a0000-0000-7000-8000-000000000001");
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains(
                "FAIL line 2 (position 2, record 019a0000-0000-7000-8000-000000000001 version 2): hash mismatch"),
                r.out);
        assertTrue(r.out.contains("FAIL chain mismatch at position 5"), r.out);
        assertTrue(r.out.contains("the hashes are those signed, but versions reported with a hash mismatch"), r.out);
        assertTrue(r.out.contains("HASH MISMATCH"), r.out);
        assertTrue(r.out.contains("OK signature"), r.out);

        // the same edit with the stored hash "fixed" too: the next version's parent and the chain give it away
        String rehashed = edited.get(1).replace(hash(lines.get(1)), VersionDocument.hash(parse(edited.get(1))));
        edited.set(1, rehashed);
        r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--export",
                write("export2.ndjson", String.join("\n", edited)).toString());
        assertEquals(1, r.status, r.out);
        assertFalse(r.out.contains("hash mismatch"), r.out);
        assertTrue(r.out
                .contains("FAIL line 4 (position 4, record 019a0000-0000-7000-8000-000000000001 version 3): parent "
                        + hash(lines.get(1)) + " is not in the export"),
                r.out);
        assertTrue(r.out.contains("FAIL chain mismatch at position 5"), r.out);
    }

    @Test
    void aRemovedOrReorderedVersionBreaksTheChain() throws Exception {
        List<String> lines = history();
        Path cp = checkpoint("cp.json", "central", 4, chainOf(lines, 4), hash(lines.get(3)));
        List<String> removed = new ArrayList<>(lines);
        removed.remove(2);
        Run r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--export",
                write("removed.ndjson", String.join("\n", removed)).toString());
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains("FAIL chain mismatch at position 4"), r.out);

        List<String> swapped = new ArrayList<>(lines);
        swapped.set(0, lines.get(2));
        swapped.set(2, lines.get(0));
        r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--export",
                write("swapped.ndjson", String.join("\n", swapped)).toString());
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains("FAIL chain mismatch at position 4"), r.out);

        r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--export",
                write("short.ndjson", String.join("\n", lines.subList(0, 3))).toString());
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains("FAIL chain: the export ends at position 3, checkpoint (position 4) covers 4"),
                r.out);
    }

    @Test
    void anAlteredStatementOrAnotherKeyFailsTheSignature() throws Exception {
        List<String> lines = history();
        Path export = write("export.ndjson", String.join("\n", lines));
        Path cp = checkpoint("cp.json", "central", 3, chainOf(lines, 3), hash(lines.get(2)));
        String altered = Files.readString(cp).replace("\"position\":3", "\"position\":2");
        Run r = run("--key", keyFile.toString(), "--checkpoint", write("altered.json", altered).toString(), "--export",
                export.toString());
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains("FAIL signature: checkpoint is not validly signed"), r.out);

        Path other = write("other.pem",
                pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded()));
        r = run("--key", other.toString(), "--checkpoint", cp.toString(), "--export", export.toString());
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains("FAIL checkpoint: signed with key " + Keys.keyId(keyPair.getPublic().getEncoded())),
                r.out);

        // the hub's /audit/keys answer works as a key file, with several keys
        Path keysJson = write("keys.json",
                "{\"keys\":[{\"keyId\":\"x\",\"publicKeyPem\":" + Json.write(Files.readString(other))
                        + "},{\"publicKeyPem\":" + Json.write(Files.readString(keyFile)) + "}]}");
        assertEquals(0,
                run("--key", keysJson.toString(), "--checkpoint", cp.toString(), "--export", export.toString()).status);
    }

    @Test
    void anEarlierCheckpointThatIsNotAPrefixIsReported() throws Exception {
        List<String> lines = history();
        Path export = write("export.ndjson", String.join("\n", lines));
        Path late = checkpoint("late.json", "central", 5, chainOf(lines, 5), hash(lines.get(4)));
        Path forkedEarly = checkpoint("early.json", "central", 2, "c".repeat(64), hash(lines.get(1)));
        Run r = run("--key", keyFile.toString(), "--checkpoint", late.toString(), "--export", export.toString(),
                "--earlier", forkedEarly.toString());
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains("FAIL chain mismatch at position 2: the earlier checkpoint signed " + "c".repeat(64)),
                r.out);
        assertFalse(r.out.contains("append-only"), r.out);
    }

    @Test
    void badArgumentsAndFilesExitWithTwo() throws Exception {
        assertEquals(2, run("--key", keyFile.toString()).status);
        assertEquals(2, run("--frobnicate", "x").status);
        Path export = write("export.ndjson", "");
        assertEquals(2, run("--key", keyFile.toString(), "--checkpoint", write("cp.json", "{}").toString(), "--export",
                export.toString()).status);
        assertEquals(0, run("--help").status);
    }

    @Test
    void anUnreadableLineIsAFailure() throws Exception {
        List<String> lines = new ArrayList<>(history());
        Path cp = checkpoint("cp.json", "central", 3, chainOf(lines, 3), hash(lines.get(2)));
        lines.set(1, "{not json");
        Run r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--export",
                write("export.ndjson", String.join("\n", lines)).toString());
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains("FAIL line 2 (position 2): unreadable"), r.out);
        assertTrue(r.out.contains("FAIL chain: cannot be recomputed"), r.out);
    }

    @Test
    void anExportFromACheckpointIsCheckedFromThatCheckpointsChain() throws Exception {
        List<String> lines = history();
        Path since = checkpoint("since.json", "central", 2, chainOf(lines, 2), hash(lines.get(1)));
        Path cp = checkpoint("cp.json", "central", 5, chainOf(lines, 5), hash(lines.get(4)));
        Path segment = write("segment.ndjson", String.join("\n", lines.subList(2, 5)));
        Run r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--since", since.toString(), "--export",
                segment.toString());
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("OK signature: since checkpoint (hub central, position 2"), r.out);
        assertTrue(r.out.contains("OK hashes: 2 versions recomputed"), r.out);
        assertTrue(r.out.contains("OK chain: recomputed up to position 5,"), r.out);
        assertTrue(r.out.contains("OK append-only: the history signed at position 2"), r.out);
        // r1 v3's parent (r1 v2) precedes the segment: counted, not a failure
        assertTrue(r.out.contains("OK parents: every version's parents are versions of the same record in the export;"
                + " 1 precede position 2, where the export starts"), r.out);

        // an edit inside the segment is found as in a whole export
        List<String> edited = new ArrayList<>(lines.subList(2, 5));
        edited.set(1, edited.get(1).replace("Đã kiểm soát", "Không có gì"));
        r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--since", since.toString(), "--export",
                write("edited.ndjson", String.join("\n", edited)).toString());
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains(
                "FAIL line 2 (position 4, record 019a0000-0000-7000-8000-000000000001 version 3):" + " hash mismatch"),
                r.out);
        assertTrue(r.out.contains("FAIL chain mismatch at position 5"), r.out);
        assertFalse(r.out.contains("append-only"), r.out);

        // a segment that does not start where the since checkpoint ends does not chain
        r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--since", since.toString(), "--export",
                write("wrong.ndjson", String.join("\n", lines.subList(1, 4))).toString());
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains("FAIL chain mismatch at position 5"), r.out);
    }

    @Test
    void aParentLaterInFeedOrderIsANoteNotAFailure() throws Exception {
        // the hub's feed is ordered by transaction id, which is not always version order (see Verifier.parents)
        List<String> lines = history();
        List<String> reordered = new ArrayList<>(List.of(lines.get(1), lines.get(0), lines.get(2)));
        Path cp = checkpoint("cp.json", "central", 3, chainOf(reordered, 3), hash(reordered.get(2)));
        Run r = run("--key", keyFile.toString(), "--checkpoint", cp.toString(), "--export",
                write("export.ndjson", String.join("\n", reordered)).toString());
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("NOTE line 1 (position 1, record 019a0000-0000-7000-8000-000000000001 version 2):"
                + " its parent " + hash(lines.get(0)) + " comes later in feed order"), r.out);
        assertTrue(r.out.contains("OK parents: every version's parents are versions of the same record in the export;"
                + " 1 come after their child"), r.out);
    }

    // --- helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String line) {
        return (Map<String, Object>) Json.parse(line);
    }

    Path checkpoint(String name, String hub, long position, String chain, String lastHash)
            throws IOException, GeneralSecurityException {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("hub", hub);
        statement.put("position", position);
        statement.put("chain", chain);
        statement.put("lastHash", lastHash);
        statement.put("at", "2026-11-22T08:00:00.123Z");
        statement.put("keyId", Keys.keyId(keyPair.getPublic().getEncoded()));
        String text = Canonical.write(statement);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keyPair.getPrivate());
        s.update(text.getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(s.sign());
        return write(name, "{\"statement\":" + text + ",\"signature\":\"" + signature
                + "\",\"algorithm\":\"Ed25519\",\"cursor\":\"c1.x\"}");
    }

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static String pem(byte[] x509) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(x509)
                + "\n-----END PUBLIC KEY-----\n";
    }

    record Run(int status, String out) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
}
