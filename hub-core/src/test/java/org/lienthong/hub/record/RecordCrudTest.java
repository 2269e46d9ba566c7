package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.text.Normalizer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Create, read, update, delete, upsert by source reference, and the version history, over HTTP. */
@QuarkusTest
class RecordCrudTest {

    static final String ORG = Tokens.freshOrg("crud");

    @org.junit.jupiter.api.BeforeEach
    void registerOrganisation() {
        org.lienthong.hub.testing.Orgs.ensure(ORG);
    }

    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");
    static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    static String collection(String kind) {
        return "/api/v1/" + kind + "s";
    }

    static Response create(String kind, ObjectNode body) {
        return given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                .post(collection(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = { "threat", "incident", "resource" })
    void createThenGetReturnsTheRecordWithEnvelopeAndProvenance(String kind) {
        Response created = create(kind, Bodies.of(kind));
        created.then().statusCode(201).header("ETag", "\"1\"")
                .header("Location", matchesPattern(".*/api/v1/" + kind + "s/" + UUID_V7))
                .body("id", matchesPattern(UUID_V7)).body("kind", equalTo(kind)).body("version", equalTo(1))
                .body("owner", equalTo(ORG)).body("classification", equalTo("internal")).body("deleted", equalTo(false))
                .body("provenance.author.org", equalTo(ORG)).body("provenance.author.subject", equalTo("user@" + ORG))
                .body("provenance.activity", equalTo("create")).body("provenance.originHub", equalTo("hub-test"))
                .body("provenance.hash", matchesPattern("[0-9a-f]{64}")).body("provenance.parents", empty())
                .body("createdAt", equalTo(created.path("updatedAt")));
        String id = created.path("id");

        Response got = given().header("Authorization", WRITER).get(collection(kind) + "/" + id);
        got.then().statusCode(200).header("ETag", "\"1\"").contentType("application/json");
        // what was sent comes back field for field
        var sent = RecordJson.parse(new java.io.ByteArrayInputStream(
                Bodies.of(kind).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var back = RecordJson.parse(got.asInputStream());
        sent.properties().forEach(e -> assertEquals(CanonicalJson.write(e.getValue()),
                CanonicalJson.write(back.get(e.getKey())), e.getKey()));
    }

    @Test
    void timestampsAreNormalisedToUtcAndNumbersLoseTrailingZeros() {
        ObjectNode body = Bodies.incident();
        body.put("occurredAt", "2026-11-22T05:40:00.500+07:00");
        ((ObjectNode) body.withArray("impacts").get(0)).put("value", new java.math.BigDecimal("1250.00"));
        String json = create("incident", body).then().statusCode(201)
                .body("occurredAt", equalTo("2026-11-21T22:40:00.5Z")).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"value\":1250,"), json);
    }

    @Test
    void vietnameseTextRoundTripsUnchangedInBothNormalisationForms() {
        String nfc = Normalizer.normalize("Sạt lở đất ở Hướng Hóa – Quảng Trị: “khẩn cấp” ✓ 𠀀", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        assertNotEquals(nfc, nfd);
        for (String title : List.of(nfc, nfd)) {
            ObjectNode body = Bodies.incident();
            body.put("title", title);
            body.put("description", "Dòng 1\nDòng 2\tcột");
            String id = create("incident", body).then().statusCode(201).extract().path("id");
            Response got = given().header("Authorization", WRITER).get("/api/v1/incidents/" + id);
            assertEquals(title, Bodies.parse(got.asString()).get("title").textValue());
            assertEquals("Dòng 1\nDòng 2\tcột", Bodies.parse(got.asString()).get("description").textValue());
            // listing and version history return the same characters
            given().header("Authorization", WRITER).get("/api/v1/incidents/" + id + "/versions/1").then().body("title",
                    equalTo(title));
        }
    }

    @Test
    void updateWritesVersionTwoChainedToVersionOne() {
        Response v1 = create("incident", Bodies.incident());
        String id = v1.path("id");
        ObjectNode changed = Bodies.incident();
        changed.put("status", "recovering");
        Response v2 = given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(changed.toString()).put("/api/v1/incidents/" + id);
        v2.then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2))
                .body("status", equalTo("recovering")).body("provenance.activity", equalTo("update"))
                .body("provenance.parents", equalTo(List.of(v1.<String> path("provenance.hash"))))
                .body("createdAt", equalTo(v1.path("createdAt")));
        assertNotEquals(v1.<String> path("provenance.hash"), v2.<String> path("provenance.hash"));

        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id + "/versions").then().statusCode(200)
                .body("items", hasSize(2)).body("items[0].version", equalTo(1))
                .body("items[0].status", equalTo("responding")).body("items[1].version", equalTo(2))
                .body("items[1].status", equalTo("recovering"));
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id + "/versions/1").then().statusCode(200)
                .header("ETag", "\"1\"").body("status", equalTo("responding"));
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id + "/versions/3").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id + "/versions/zero").then().statusCode(400)
                .body("errors[0].field", equalTo("n"));
    }

    @Test
    void identicalContentIsANoOpWithTheSameVersionAndEtag() {
        ObjectNode body = Bodies.incident();
        Response v1 = create("incident", body);
        String id = v1.path("id");
        // same meaning written differently: another key order, an explicit null, another offset and zeros
        ObjectNode same = Bodies.parse(body.toString());
        same.remove("title");
        same.put("title", body.get("title").textValue());
        same.putNull("endedAt");
        same.put("occurredAt", "2026-11-22T05:40:00+07:00");
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(same.toString()).put("/api/v1/incidents/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("provenance.hash", equalTo(v1.path("provenance.hash")));
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id + "/versions").then().body("items",
                hasSize(1));
    }

    @Test
    void putAndDeleteWithoutIfMatchAre428AndWithAStaleOneAre412() {
        String id = create("incident", Bodies.incident()).path("id");
        ObjectNode changed = Bodies.incident();
        changed.put("riskLevel", 5);
        given().header("Authorization", WRITER).contentType(ContentType.JSON).body(changed.toString())
                .put("/api/v1/incidents/" + id).then().statusCode(428).contentType("application/problem+json");
        given().header("Authorization", WRITER).delete("/api/v1/incidents/" + id).then().statusCode(428);
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(changed.toString()).put("/api/v1/incidents/" + id).then().statusCode(200);
        ObjectNode again = Bodies.incident();
        again.put("riskLevel", 3);
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(again.toString()).put("/api/v1/incidents/" + id).then().statusCode(412)
                .contentType("application/problem+json").header("ETag", "\"2\"");
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").delete("/api/v1/incidents/" + id).then()
                .statusCode(412);
        // nothing changed by the refused writes
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id).then().header("ETag", "\"2\"")
                .body("riskLevel", equalTo(5));
        // If-Match compares strongly (RFC 9110): a weak tag never matches; an unquoted one is tolerated
        given().header("Authorization", WRITER).header("If-Match", "W/\"2\"").contentType(ContentType.JSON)
                .body(again.toString()).put("/api/v1/incidents/" + id).then().statusCode(412);
        given().header("Authorization", WRITER).header("If-Match", "\"7\", 2").contentType(ContentType.JSON)
                .body(again.toString()).put("/api/v1/incidents/" + id).then().statusCode(200).header("ETag", "\"3\"");
        given().header("Authorization", WRITER).header("If-Match", "not-a-tag").delete("/api/v1/incidents/" + id).then()
                .statusCode(412);
    }

    @Test
    void deleteWritesATombstoneAndTheRecordIsGoneButItsHistoryStays() {
        Response v1 = create("resource", Bodies.resource());
        String id = v1.path("id");
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").delete("/api/v1/resources/" + id).then()
                .statusCode(204).header("ETag", "\"2\"");
        given().header("Authorization", WRITER).get("/api/v1/resources/" + id).then().statusCode(410)
                .contentType("application/problem+json").header("ETag", "\"2\"");
        given().header("Authorization", WRITER).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                .body(Bodies.resource().toString()).put("/api/v1/resources/" + id).then().statusCode(410);
        given().header("Authorization", WRITER).header("If-Match", "\"2\"").delete("/api/v1/resources/" + id).then()
                .statusCode(410);
        given().header("Authorization", WRITER).get("/api/v1/resources/" + id + "/versions").then().statusCode(200)
                .body("items", hasSize(2)).body("items[1].deleted", equalTo(true))
                .body("items[1].provenance.activity", equalTo("delete"))
                .body("items[1].name", equalTo("Xuồng cứu hộ ST-660"))
                .body("items[1].provenance.parents[0]", equalTo(v1.path("provenance.hash")));
        // deleted records are left out of lists
        given().header("Authorization", WRITER).queryParam("owner", ORG).queryParam("limit", 1000)
                .get("/api/v1/resources").then()
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
    }

    @Test
    void unknownAndMalformedIdsAre404And400() {
        given().header("Authorization", WRITER).get("/api/v1/incidents/019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", WRITER).get("/api/v1/incidents/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().header("Authorization", WRITER).get("/api/v1/volcanoes").then().statusCode(404)
                .contentType("application/problem+json");
        // a threat is not an incident
        String threat = create("threat", Bodies.threat()).path("id");
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + threat).then().statusCode(404);
    }

    @Test
    void upsertBySourceCreatesOnceThenUpdatesOrLeavesUnchanged() {
        String path = "/api/v1/incidents/by-source/qn-pcttkcn/SC-2026-" + System.nanoTime();
        ObjectNode body = Bodies.incident();
        Response first = given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                .put(path);
        first.then().statusCode(201).header("ETag", "\"1\"").header("Location", notNullValue())
                .body("sourceRef.system", equalTo("qn-pcttkcn"))
                .body("provenance.sourceRef.system", equalTo("qn-pcttkcn"));
        String id = first.path("id");
        given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString()).put(path).then()
                .statusCode(200).header("ETag", "\"1\"").body("id", equalTo(id));
        body.put("status", "closed");
        given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString()).put(path).then()
                .statusCode(200).header("ETag", "\"2\"").body("id", equalTo(id)).body("status", equalTo("closed"));
        body.put("status", "verified");
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(body.toString()).put(path).then().statusCode(412);
        // a body naming another source is refused
        body.putObject("sourceRef").put("system", "other").put("id", "1");
        given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString()).put(path).then()
                .statusCode(400).body("errors[0].field", equalTo("sourceRef"));
    }

    @Test
    void sourceRefIsUniquePerKind() {
        ObjectNode body = Bodies.incident();
        body.putObject("sourceRef").put("system", "sys").put("id", "dup-" + System.nanoTime());
        create("incident", body).then().statusCode(201);
        create("incident", body).then().statusCode(409).contentType("application/problem+json");
        // the same reference on another kind is a different record
        ObjectNode threat = Bodies.threat();
        threat.set("sourceRef", body.get("sourceRef"));
        create("threat", threat).then().statusCode(201);
    }

    @Test
    void ownerIsTheCallersOrganisationUnlessAdmin() {
        ObjectNode body = Bodies.incident();
        body.put("owner", "vn.moh");
        create("incident", body).then().statusCode(403).contentType("application/problem+json");
        // an admin of another ministry may act for vn.moh; provenance says so
        given().header("Authorization", Tokens.bearer("vn.mae", "writer", "admin")).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/v1/incidents").then().statusCode(201).body("owner", equalTo("vn.moh"))
                .body("provenance.author.org", equalTo("vn.mae")).body("provenance.author.role", equalTo("admin"));
        // the nation is above vn.moh: an ordinary write, no admin marker
        given().header("Authorization", Tokens.bearer("vn", "writer")).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/v1/incidents").then().statusCode(201).body("owner", equalTo("vn.moh"))
                .body("provenance.author.role", nullValue());
        // an organisation that cannot see this internal record gets 404, one that can but may not change it 403
        String id = create("incident", Bodies.incident()).path("id");
        given().header("Authorization", Tokens.bearer("vn.moh", "writer")).header("If-Match", "\"1\"")
                .delete("/api/v1/incidents/" + id).then().statusCode(404);
    }

    @Test
    void explicitClassificationIsKeptAndUpdatesKeepItWhenLeftOut() {
        ObjectNode body = Bodies.threat();
        body.put("classification", "restricted");
        String id = create("threat", body).then().statusCode(201).body("classification", equalTo("restricted"))
                .extract().path("id");
        ObjectNode change = Bodies.threat();
        change.put("status", "active");
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(change.toString()).put("/api/v1/threats/" + id).then().statusCode(200)
                .body("classification", equalTo("restricted"));
    }

    @Test
    void bodyIdMustMatchThePathAndHubSetFieldsAreIgnored() {
        Response v1 = create("incident", Bodies.incident());
        String id = v1.path("id");
        // a client may send back what it read, envelope included
        ObjectNode read = Bodies
                .parse(given().header("Authorization", WRITER).get("/api/v1/incidents/" + id).asString());
        read.put("riskLevel", 2);
        read.put("version", 99);
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(read.toString()).put("/api/v1/incidents/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("riskLevel", equalTo(2));
        read.put("id", "019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e");
        given().header("Authorization", WRITER).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                .body(read.toString()).put("/api/v1/incidents/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void problemResponsesNeverCarryStackTraces() {
        String body = given().header("Authorization", WRITER).contentType(ContentType.JSON).body("{\"title\": ")
                .post("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json")
                .body("type", startsWith("/problems/")).body("stackTrace", nullValue()).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("at org.") || body.contains("Exception"), body);
    }

    @Test
    void anAuditorCanRecomputeEveryHashFromTheHttpResponses() {
        ObjectNode body = Bodies.incident();
        body.putObject("sourceRef").put("system", "audit").put("id", "A-" + System.nanoTime());
        String id = create("incident", body).path("id");
        body.put("status", "closed");
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(body.toString()).put("/api/v1/incidents/" + id).then().statusCode(200);
        given().header("Authorization", WRITER).header("If-Match", "\"2\"").delete("/api/v1/incidents/" + id).then()
                .statusCode(204);
        ObjectNode history = Bodies
                .parse(given().header("Authorization", WRITER).get("/api/v1/incidents/" + id + "/versions").asString());
        String previous = null;
        for (var item : history.get("items")) {
            ObjectNode v = (ObjectNode) item;
            ObjectNode doc = Bodies.JSON.createObjectNode();
            ObjectNode record = doc.putObject("record");
            for (String f : List.of("id", "kind", "owner", "classification", "sourceRef", "deleted")) {
                record.set(f, v.get(f));
            }
            ObjectNode content = v.deepCopy();
            content.remove(List.of("id", "kind", "version", "owner", "classification", "sourceRef", "createdAt",
                    "updatedAt", "deleted", "provenance"));
            doc.set("content", content);
            ObjectNode provenance = ((ObjectNode) v.get("provenance")).deepCopy();
            provenance.remove(List.of("hash", "parents", "sourceRef"));
            doc.set("provenance", provenance);
            doc.set("parents", v.get("provenance").get("parents"));
            String hash = v.get("provenance").get("hash").textValue();
            assertEquals(hash, CanonicalJson.sha256(doc), "version " + v.get("version"));
            if (previous != null) {
                assertEquals(previous, v.get("provenance").get("parents").get(0).textValue());
            }
            previous = hash;
        }
    }
}
