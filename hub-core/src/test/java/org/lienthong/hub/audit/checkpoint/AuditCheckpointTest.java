package org.lienthong.hub.audit.checkpoint;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lienthong.audit.verifier.Main;
import org.lienthong.hub.record.CanonicalJson;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Signed checkpoints end to end: the hub signs the chain, the offline verifier ({@code audit-verifier}) checks the
 * signature, every exported hash and the chain; a version edited behind the hub's back and an altered statement are
 * found; a later checkpoint extends an earlier one; concurrent requests agree; only a stable prefix is covered.
 *
 * <p>
 * The test database is shared with every other test class, some of which write deliberately inconsistent versions
 * straight into the table. The verifier therefore checks what is new since a checkpoint taken at the start of each test
 * ({@code from} in the export, {@code --since} in the verifier), not the whole history.
 */
@QuarkusTest
class AuditCheckpointTest {

    static final String ORG = Tokens.freshOrg("audit");
    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");
    static final String READER = Tokens.bearer(ORG, "reader");
    static final String AUDITOR = Tokens.bearer("vn", "auditor");
    static final String ADMIN = Tokens.bearer("vn", "admin");

    @Inject
    DataSource db;

    @TempDir
    Path dir;

    @BeforeEach
    void register() {
        Orgs.ensure(ORG);
    }

    // --- helpers

    static String create(String kind) {
        ObjectNode body = Bodies.of(kind);
        return given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/" + kind + "s").then().statusCode(201).extract().path("id");
    }

    static void updateIncident(String id, int version, String title) {
        ObjectNode body = Bodies.incident();
        body.put("title", title);
        given().header("Authorization", WRITER).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(body.toString()).put("/api/v1/incidents/" + id).then().statusCode(200);
    }

    /** The feed position of a record's version, counted from 1. */
    long positionOf(String id, int version) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from record_version v,"
                        + " (select txid, seq from record_version where record_id = ? and version = ?) me"
                        + " where (v.txid, v.seq) <= (me.txid, me.seq)")) {
            ps.setObject(1, UUID.fromString(id));
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Response post(String bearer) {
        return given().header("Authorization", bearer).post("/api/v1/audit/checkpoints");
    }

    /** A checkpoint covering at least {@code position} (background transactions may hold the horizon briefly). */
    static Response checkpointCovering(long position) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            Response r = post(AUDITOR);
            assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.asString());
            if (((Number) r.path("statement.position")).longValue() >= position) {
                return r;
            }
            assertTrue(System.currentTimeMillis() < deadline, "no checkpoint reached position " + position);
            Thread.sleep(100);
        }
    }

    static long position(Response checkpoint) {
        return ((Number) checkpoint.path("statement.position")).longValue();
    }

    /** A checkpoint over everything stable now: where a test's own history starts. */
    static Response baseline() {
        Response r = post(AUDITOR);
        assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.asString());
        return r;
    }

    static String export(long from, long upTo) {
        Response r = given().header("Authorization", AUDITOR).queryParam("from", from).queryParam("upTo", upTo)
                .get("/api/v1/audit/export");
        r.then().statusCode(200).contentType("application/x-ndjson");
        return r.asString();
    }

    Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    record Verified(int status, String out) {
    }

    static Verified verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Verified(status, out.toString(StandardCharsets.UTF_8));
    }

    Path keyFile() throws Exception {
        String keys = given().header("Authorization", READER).get("/api/v1/audit/keys").then().statusCode(200).extract()
                .asString();
        return file("keys.json", keys);
    }

    void withTriggerDisabled(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("alter table record_version disable trigger record_version_no_update_delete");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                assertEquals(1, ps.executeUpdate());
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("alter table record_version enable trigger record_version_no_update_delete");
                }
            }
        }
    }

    // --- tests

    @Test
    void aCheckpointIsSignedVerifiesOfflineAndFindsAnEditedVersion() throws Exception {
        Response before = baseline();
        long start = position(before);
        String incident = create("incident");
        updateIncident(incident, 1, "Lũ quét — cập nhật");
        String resource = create("resource");
        Response created = checkpointCovering(positionOf(resource, 1));
        long p = position(created);
        JsonNode cp = Bodies.JSON.readTree(created.asString());
        JsonNode statement = cp.get("statement");
        assertEquals("hub-test", statement.get("hub").textValue());
        assertEquals("Ed25519", cp.get("algorithm").textValue());
        assertEquals(64, statement.get("chain").textValue().length());
        assertTrue(statement.get("at").textValue().endsWith("Z"));

        // the signature, checked with the JDK and the key the hub publishes
        JsonNode keys = Bodies.JSON.readTree(given().header("Authorization", READER).get("/api/v1/audit/keys").then()
                .statusCode(200).extract().asString()).get("keys");
        JsonNode key = null;
        for (JsonNode k : keys) {
            if (k.get("keyId").textValue().equals(statement.get("keyId").textValue())) {
                key = k;
            }
        }
        assertNotNull(key, "the signing key is listed");
        assertEquals("Ed25519", key.get("algorithm").textValue());
        assertEquals("OKP", key.get("jwk").get("kty").textValue());
        assertEquals("Ed25519", key.get("jwk").get("crv").textValue());
        byte[] x509 = Base64.getMimeDecoder().decode(key.get("publicKeyPem").textValue()
                .replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
        assertEquals(key.get("jwk").get("x").textValue(), Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOfRange(x509, x509.length - 32, x509.length)));
        assertEquals(SigningKeys.keyId(x509), key.get("keyId").textValue());
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(CanonicalJson.bytes(statement));
        assertTrue(verifier.verify(Base64.getDecoder().decode(cp.get("signature").textValue())));

        // the whole export: one line per version, and a visible version's line is its record JSON
        List<String> lines = export(0, p).lines().toList();
        assertEquals(p, lines.size());
        long incidentV2 = positionOf(incident, 2);
        JsonNode line = Bodies.JSON.readTree(lines.get((int) incidentV2 - 1));
        JsonNode viaApi = Bodies.JSON.readTree(given().header("Authorization", WRITER)
                .get("/api/v1/incidents/" + incident + "/versions/2").then().statusCode(200).extract().asString());
        assertEquals(viaApi, line);

        // what is new since the baseline, verified offline
        String exported = export(start, p);
        assertEquals(lines.subList((int) start, (int) p), exported.lines().toList());
        Path keyFile = file("key.pem", key.get("publicKeyPem").textValue());
        Path cpFile = file("cp.json", created.asString());
        Path sinceFile = file("since.json", before.asString());
        Path exportFile = file("export.ndjson", exported);
        Verified ok = verify("--key", keyFile.toString(), "--checkpoint", cpFile.toString(), "--since",
                sinceFile.toString(), "--export", exportFile.toString(), "--record", incident);
        assertEquals(0, ok.status(), ok.out());
        assertTrue(ok.out().contains("OK signature: checkpoint (hub hub-test, position " + p), ok.out());
        assertTrue(ok.out().contains("OK hashes: "), ok.out());
        assertTrue(ok.out().contains("OK chain: recomputed up to position " + p + ","), ok.out());
        assertTrue(ok.out().contains("OK append-only: the history signed at position " + start), ok.out());
        assertTrue(ok.out().contains("RECORD " + incident + ": 2 versions"), ok.out());
        assertFalse(ok.out().contains("FAIL"), ok.out());

        // (a) a version's content edited in the database, behind the hub's back
        String original;
        try (Connection c = db.getConnection(); PreparedStatement ps = c
                .prepareStatement("select content::text from record_version where record_id = ? and version = 1")) {
            ps.setObject(1, UUID.fromString(incident));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                original = rs.getString(1);
            }
        }
        withTriggerDisabled("update record_version set content = (jsonb_set(content::jsonb, '{title}',"
                + " '\"Không có lũ\"'))::json where record_id = ? and version = 1", UUID.fromString(incident));
        try {
            Path tampered = file("tampered.ndjson", export(start, p));
            Verified bad = verify("--key", keyFile.toString(), "--checkpoint", cpFile.toString(), "--since",
                    sinceFile.toString(), "--export", tampered.toString());
            assertEquals(1, bad.status(), bad.out());
            assertTrue(bad.out().contains("record " + incident + " version 1): hash mismatch"), bad.out());
            assertTrue(bad.out().contains("FAIL chain mismatch at position " + p), bad.out());
            assertFalse(bad.out().contains("FAIL signature"), bad.out());
        } finally {
            // put the exact text back, so that later tests see an intact history
            withTriggerDisabled("update record_version set content = ?::json where record_id = ? and version = 1",
                    original, UUID.fromString(incident));
        }
        Verified restored = verify("--key", keyFile.toString(), "--checkpoint", cpFile.toString(), "--since",
                sinceFile.toString(), "--export", file("restored.ndjson", export(start, p)).toString());
        assertEquals(0, restored.status(), restored.out());

        // (b) the statement altered: the signature fails
        ObjectNode altered = (ObjectNode) cp.deepCopy();
        ((ObjectNode) altered.get("statement")).put("position", p - 1);
        Verified forged = verify("--key", keyFile.toString(), "--checkpoint",
                file("altered.json", altered.toString()).toString(), "--since", sinceFile.toString(), "--export",
                exportFile.toString());
        assertEquals(1, forged.status(), forged.out());
        assertTrue(forged.out().contains("FAIL signature: checkpoint is not validly signed"), forged.out());
        ObjectNode otherChain = (ObjectNode) cp.deepCopy();
        ((ObjectNode) otherChain.get("statement")).put("chain", "0".repeat(64));
        forged = verify("--key", keyFile.toString(), "--checkpoint",
                file("altered2.json", otherChain.toString()).toString(), "--since", sinceFile.toString(), "--export",
                exportFile.toString());
        assertEquals(1, forged.status(), forged.out());
        assertTrue(forged.out().contains("FAIL signature"), forged.out());
    }

    @Test
    void aLaterCheckpointExtendsTheEarlierOne() throws Exception {
        Response before = baseline();
        String first = create("threat");
        Response early = checkpointCovering(positionOf(first, 1));
        String second = create("incident");
        Response late = checkpointCovering(positionOf(second, 1));
        assertTrue(position(late) > position(early));

        // listed newest first, and readable one by one
        List<Map<String, Object>> items = given().header("Authorization", ADMIN).get("/api/v1/audit/checkpoints").then()
                .statusCode(200).extract().path("items");
        List<Long> positions = items.stream()
                .map(i -> ((Number) ((Map<?, ?>) i.get("statement")).get("position")).longValue()).toList();
        assertTrue(positions.contains(position(early)) && positions.contains(position(late)), positions.toString());
        for (int i = 1; i < positions.size(); i++) {
            assertTrue(positions.get(i - 1) > positions.get(i), positions.toString());
        }
        String one = given().header("Authorization", AUDITOR).get("/api/v1/audit/checkpoints/" + position(early)).then()
                .statusCode(200).extract().asString();
        assertEquals(Bodies.JSON.readTree(early.asString()), Bodies.JSON.readTree(one));

        Verified v = verify("--key", keyFile().toString(), "--checkpoint",
                file("late.json", late.asString()).toString(), "--earlier",
                file("early.json", early.asString()).toString(), "--since",
                file("since.json", before.asString()).toString(), "--export",
                file("export.ndjson", export(position(before), position(late))).toString());
        assertEquals(0, v.status(), v.out());
        assertTrue(v.out().contains("OK append-only: the history signed at position " + position(early)), v.out());

        // asked again: the latest checkpoint (200) unless something new is stable by now (201, further on)
        Response again = post(AUDITOR);
        assertTrue(again.statusCode() == 200 || again.statusCode() == 201, again.asString());
        assertTrue(again.statusCode() == 200 ? position(again) >= position(late) : position(again) > position(late));
    }

    @Test
    void concurrentRequestsAgreeOnEveryPosition() throws Exception {
        Response before = baseline();
        String id = create("incident");
        updateIncident(id, 1, "Đang xử lý");
        long mine = positionOf(id, 2);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        Response first = null;
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String bearer = i % 2 == 0 ? AUDITOR : ADMIN;
                Callable<Response> call = () -> post(bearer);
                calls.add(pool.submit(call));
            }
            Map<Long, String> chains = new HashMap<>();
            for (Future<Response> f : calls) {
                Response r = f.get(60, TimeUnit.SECONDS);
                assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.asString());
                String chain = r.path("statement.chain");
                String seen = chains.putIfAbsent(position(r), chain);
                assertTrue(seen == null || seen.equals(chain), "two chains at position " + position(r));
                if (first == null || position(r) < position(first)) {
                    first = r;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Response last = checkpointCovering(mine);
        List<Map<String, Object>> items = given().header("Authorization", AUDITOR).queryParam("limit", 1000)
                .get("/api/v1/audit/checkpoints").then().statusCode(200).extract().path("items");
        Set<Long> positions = new HashSet<>();
        for (Map<String, Object> i : items) {
            assertTrue(positions.add(((Number) ((Map<?, ?>) i.get("statement")).get("position")).longValue()),
                    "one checkpoint per position");
        }
        // the checkpoints made concurrently are the start of the one made after them
        Verified v = verify("--key", keyFile().toString(), "--checkpoint",
                file("last.json", last.asString()).toString(), "--earlier",
                file("first.json", first.asString()).toString(), "--since",
                file("since.json", before.asString()).toString(), "--export",
                file("export.ndjson", export(position(before), position(last))).toString());
        assertEquals(0, v.status(), v.out());
        assertTrue(v.out().contains("OK append-only: the history signed at position " + position(first)), v.out());
    }

    @Test
    void aCheckpointCoversOnlyTheStablePrefix() throws Exception {
        try (Connection late = db.getConnection()) {
            late.setAutoCommit(false);
            try (Statement s = late.createStatement(); ResultSet rs = s.executeQuery("select pg_current_xact_id()")) {
                rs.next(); // an open transaction older than the write below: the horizon stays behind it
            }
            String id = create("incident");
            long mine = positionOf(id, 1);
            Response r = post(AUDITOR);
            assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.asString());
            assertTrue(position(r) < mine, "a version above the horizon was checkpointed");
            late.rollback();
            checkpointCovering(mine);
        }
    }

    @Test
    void onlyAuditorsAndAdminsReadTheAuditTrail() {
        for (String bearer : List.of(READER, WRITER, Tokens.bearer(ORG, "connector"))) {
            post(bearer).then().statusCode(403).contentType("application/problem+json");
            given().header("Authorization", bearer).get("/api/v1/audit/checkpoints").then().statusCode(403);
            given().header("Authorization", bearer).get("/api/v1/audit/checkpoints/0").then().statusCode(403);
            given().header("Authorization", bearer).get("/api/v1/audit/export").then().statusCode(403);
            given().header("Authorization", bearer).get("/api/v1/audit/keys").then().statusCode(200);
        }
        given().post("/api/v1/audit/checkpoints").then().statusCode(401);
        given().get("/api/v1/audit/keys").then().statusCode(401);
        given().header("Authorization", AUDITOR).get("/api/v1/audit/checkpoints").then().statusCode(200);
    }

    @Test
    void badParametersAre400sAndUnknownPositions404s() {
        for (String upTo : List.of("-1", "x", "1e3", "99999999999999")) {
            given().header("Authorization", AUDITOR).queryParam("upTo", upTo).get("/api/v1/audit/export").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        for (String from : List.of("-1", "99999999999999")) {
            given().header("Authorization", AUDITOR).queryParam("from", from).get("/api/v1/audit/export").then()
                    .statusCode(400);
        }
        for (String limit : List.of("0", "1001", "many")) {
            given().header("Authorization", AUDITOR).queryParam("limit", limit).get("/api/v1/audit/checkpoints").then()
                    .statusCode(400);
        }
        given().header("Authorization", AUDITOR).get("/api/v1/audit/checkpoints/99999999999999").then().statusCode(404);
        given().header("Authorization", AUDITOR).get("/api/v1/audit/checkpoints/nope").then().statusCode(400);
    }
}
