package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.api.connector.SourceItem;
import org.lienthong.hub.connector.ScriptedConnectors;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Lineage (JSON and PROV-JSON), verification of stored history against SQL tampering, and the access log. */
@QuarkusTest
class AuditTrailTest {

    static final String ADMIN = Tokens.bearer("vn", "admin");
    static final String AUDITOR = Tokens.bearer("vn", "auditor");

    @Inject
    DataSource dataSource;

    static String person(String org, String subject, String... roles) {
        return "Bearer " + Tokens.claims(org, roles).subject(subject).sign();
    }

    void sql(String... statements) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    @Test
    void lineageShowsReplicationTwoPeopleAndAConnectorImportAlsoAsProv() throws Exception {
        String org = Tokens.freshOrg("lineage");
        Orgs.ensure(org);
        UUID id = UUID.randomUUID();
        // version 1 recorded on the central hub, replicated here
        ObjectNode content = Bodies.threat();
        VersionRow v1 = new VersionRow(id, "threat", 0, org, "internal", "nchmf", "B-13-" + id, false,
                (ObjectNode) RecordJson.parse(new java.io.ByteArrayInputStream(content.toString().getBytes())),
                "create", org, "forecaster@" + org, null, Instant.parse("2026-11-20T01:00:00Z"), "hub-central", null,
                "", List.of());
        v1 = v1.withHash(VersionHash.of(v1));
        given().header("Authorization", Tokens.bearer("vn", "connector")).contentType(ContentType.JSON)
                .body(ReplicationTest.json(v1)).post("/api/v1/replicas?from=hub-central").then().statusCode(200)
                .body("outcome", equalTo("applied"));
        // two people update it
        content.put("riskLevel", 5);
        given().header("Authorization", person(org, "alice", "writer")).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(content.toString()).put("/api/v1/threats/" + id).then()
                .statusCode(200);
        content.put("status", "active");
        given().header("Authorization", person(org, "bob", "writer")).header("If-Match", "\"2\"")
                .contentType(ContentType.JSON).body(content.toString()).put("/api/v1/threats/" + id).then()
                .statusCode(200);
        // a connector imports a newer state by the same source reference
        String name = "lineage-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        ObjectNode imported = content.deepCopy();
        imported.put("status", "contained");
        imported.putObject("sourceRef").put("system", "nchmf").put("id", "B-13-" + id);
        ScriptedConnectors.feed(name).items.add(new SourceItem.Upsert("threat", imported.toString()));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"type\":\"test-source\",\"config\":{\"feed\":\"" + name
                        + "\"},\"actAs\":{\"org\":\"" + org + "\"}}")
                .post("/api/v1/connectors").then().statusCode(201);
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (given().header("Authorization", AUDITOR).get("/api/v1/threats/" + id).path("version") != Integer
                .valueOf(4)) {
            assertTrue(System.nanoTime() < end, "the import did not arrive");
            Thread.sleep(50);
        }
        given().header("Authorization", ADMIN).delete("/api/v1/connectors/" + name).then().statusCode(204);

        JsonPath l = given().header("Authorization", AUDITOR).get("/api/v1/threats/" + id + "/lineage").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("create", "update", "update", "import"), l.getList("versions.activity"));
        assertEquals(List.of("forecaster@" + org, "alice", "bob", "connector:" + name),
                l.getList("versions.author.subject"));
        assertEquals(name, l.getString("versions[3].connector"));
        assertEquals("hub-central", l.getString("versions[0].originHub"));
        assertEquals("nchmf", l.getString("versions[0].sourceRef.system"));
        assertEquals(List.of(l.getString("versions[2].hash")), l.getList("versions[3].parents"));
        assertEquals(1, l.getList("hops").size());
        assertEquals("hub-central", l.getString("hops[0].fromHub"));
        assertEquals(v1.hash(), l.getString("hops[0].hash"));

        JsonPath prov = given().header("Authorization", AUDITOR).get("/api/v1/threats/" + id + "/lineage?format=prov")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> entities = prov.getMap("entity");
        assertEquals(4, entities.size());
        assertTrue(entities.containsKey("ver:" + v1.hash()));
        assertEquals(3, prov.getMap("wasDerivedFrom").size());
        assertEquals(4, prov.getMap("wasGeneratedBy").size());
        Map<String, Map<String, String>> agents = prov.getMap("agent");
        assertEquals("prov:Person", agents.get("person:alice").get("prov:type"));
        assertEquals("prov:Person", agents.get("person:bob").get("prov:type"));
        assertEquals("prov:Organization", agents.get("org:" + org).get("prov:type"));
        assertEquals("prov:SoftwareAgent", agents.get("conn:" + name).get("prov:type"));
        assertTrue(
                prov.getList("actedOnBehalfOf.values().findAll { it['prov:delegate'] == 'person:alice' }").size() >= 1);
        assertTrue(prov.getMap("wasAssociatedWith").values().toString().contains("conn:" + name));
        assertTrue(prov.getMap("wasAttributedTo").values().toString().contains("person:bob"));
        assertTrue(prov.getMap("activity").values().toString().contains("lt:replicate"));

        // and nobody else sees it
        given().header("Authorization", Tokens.bearer(Tokens.freshOrg("other"), "reader"))
                .get("/api/v1/threats/" + id + "/lineage").then().statusCode(404);
    }

    private String threat(String org) {
        ObjectNode body = Bodies.threat();
        String id = given().header("Authorization", Tokens.bearer(org, "writer")).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/v1/threats").then().statusCode(201).extract().path("id");
        for (int n = 1; n <= 2; n++) {
            body.put("riskLevel", n + 2);
            given().header("Authorization", Tokens.bearer(org, "writer")).header("If-Match", "\"" + n + "\"")
                    .contentType(ContentType.JSON).body(body.toString()).put("/api/v1/threats/" + id).then()
                    .statusCode(200);
        }
        return id;
    }

    private JsonPath verify(String id) {
        return given().header("Authorization", AUDITOR).get("/api/v1/audit/verify?kind=threat&id=" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void editsAndRemovalsBehindTheHubsBackAreDetected() throws Exception {
        String org = Tokens.freshOrg("tamper");
        Orgs.ensure(org);
        String untouched = threat(org);
        String edited = threat(org);
        String removed = threat(org);
        JsonPath ok = verify(untouched);
        assertTrue(ok.getBoolean("ok"));
        assertEquals(3, ok.getInt("checked"));
        assertTrue(verify(edited).getBoolean("ok"));

        sql("alter table record_version disable trigger record_version_no_update_delete",
                "update record_version set content = jsonb_set(content::jsonb, '{riskLevel}', '1')::json"
                        + " where record_id = '" + edited + "' and version = 2",
                "delete from record_version where record_id = '" + removed + "' and version = 2",
                "alter table record_version enable trigger record_version_no_update_delete");

        JsonPath e = verify(edited);
        assertFalse(e.getBoolean("ok"));
        assertEquals(2, e.getInt("failures[0].version"));
        assertTrue(e.getString("failures[0].reason").startsWith("hash mismatch"), e.prettify());
        JsonPath r = verify(removed);
        assertFalse(r.getBoolean("ok"));
        assertTrue(r.getList("failures.reason").contains("version 2 is missing"), r.prettify());
        assertTrue(r.getString("failures.reason").contains("is not an earlier version"), r.prettify());
        assertTrue(verify(untouched).getBoolean("ok"));

        JsonPath all = given().header("Authorization", ADMIN).get("/api/v1/audit/verify").then().statusCode(200)
                .extract().jsonPath();
        assertFalse(all.getBoolean("ok"));
        assertTrue(all.getList("failures.id").containsAll(List.of(edited, removed)));
        assertFalse(all.getList("failures.id").contains(untouched));
        given().header("Authorization", Tokens.bearer("vn", "reader", "writer")).get("/api/v1/audit/verify").then()
                .statusCode(403);
        given().header("Authorization", AUDITOR).get("/api/v1/audit/verify?kind=threat").then().statusCode(400);
    }

    @Test
    void theAccessLogSaysWhoReadARecordAndOnlyAuditorsMayAsk() throws Exception {
        String org = Tokens.freshOrg("access");
        Orgs.ensure(org);
        String id = given().header("Authorization", person(org, "writer-1", "writer")).contentType(ContentType.JSON)
                .body(Bodies.incident().toString()).post("/api/v1/incidents").then().statusCode(201).extract()
                .path("id");
        given().header("Authorization", person(org, "reader-7", "reader")).get("/api/v1/incidents/" + id).then()
                .statusCode(200);
        JsonPath log = given().header("Authorization", AUDITOR).get("/api/v1/audit/access?recordId=" + id).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("reader-7", "writer-1"), log.getList("items.subject"));
        assertEquals(List.of("read", "write"), log.getList("items.action"));
        assertEquals(List.of("api", "api"), log.getList("items.path"));
        assertEquals(List.of(org, org), log.getList("items.org"));
        given().header("Authorization", AUDITOR).get("/api/v1/audit/access?subject=reader-7").then().statusCode(200)
                .body("items.recordId", hasItem(id));
        given().header("Authorization", ADMIN).get("/api/v1/audit/access?recordId=" + id).then().statusCode(403);
        given().header("Authorization", Tokens.bearer(org, "reader")).get("/api/v1/audit/access").then()
                .statusCode(403);
        given().header("Authorization", AUDITOR).get("/api/v1/audit/access?from=yesterday").then().statusCode(400);
        // the table refuses changes
        try {
            sql("update access_log set subject = 'someone-else' where record_id = '" + id + "'");
            throw new AssertionError("the access log accepted an update");
        } catch (java.sql.SQLException expected) {
            assertTrue(expected.getMessage().contains("append-only"), expected.getMessage());
        }
    }
}
