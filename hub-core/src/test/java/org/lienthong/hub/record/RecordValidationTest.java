package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every rule of SCHEMA.md, one bad field at a time: each must be a 400 problem naming that field, and nothing may be
 * stored.
 */
@QuarkusTest
class RecordValidationTest {

    static final String ORG = Tokens.freshOrg("valid");
    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");

    @Inject
    DataSource db;

    long before;

    @BeforeEach
    void countBefore() throws SQLException {
        org.lienthong.hub.testing.Orgs.ensure(ORG);
        before = storedVersions();
    }

    @AfterEach
    void nothingStored() throws SQLException {
        assertEquals(before, storedVersions(), "a rejected request stored something");
    }

    long storedVersions() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM record_version WHERE owner = ?")) {
            ps.setString(1, ORG);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Arguments bad(String kind, String field, Consumer<ObjectNode> change) {
        return Arguments.of(kind, field, change);
    }

    static ObjectNode obj(ObjectNode body, String name) {
        return (ObjectNode) body.get(name);
    }

    static ObjectNode first(ObjectNode body, String list) {
        return (ObjectNode) body.get(list).get(0);
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                // envelope
                bad("incident", "owner", b -> b.put("owner", "Vn.HN")),
                bad("incident", "owner", b -> b.put("owner", 7)),
                bad("incident", "classification", b -> b.put("classification", "top-secret")),
                bad("incident", "kind", b -> b.put("kind", "threat")),
                bad("incident", "sourceRef.id", b -> b.putObject("sourceRef").put("system", "x")),
                bad("incident", "sourceRef.system", b -> b.putObject("sourceRef").put("system", "").put("id", "1")),
                bad("incident", "sourceRef.extra",
                        b -> b.putObject("sourceRef").put("system", "a").put("id", "1").put("extra", 1)),
                bad("incident", "id", b -> b.put("id", "12345")), bad("incident", "titel", b -> b.put("titel", "typo")),
                // strings
                bad("incident", "title", b -> b.remove("title")), bad("incident", "title", b -> b.putNull("title")),
                bad("incident", "title", b -> b.put("title", "   ")), bad("incident", "title", b -> b.put("title", 42)),
                bad("incident", "title", b -> b.put("title", "a\u0000b")),
                bad("incident", "title", b -> b.put("title", "two\nlines")),
                bad("incident", "title", b -> b.put("title", "x".repeat(501))),
                bad("incident", "description", b -> b.put("description", "bell\u0007")),
                // codes and enumerations
                bad("incident", "hazardCode", b -> b.remove("hazardCode")),
                bad("incident", "hazardCode", b -> b.put("hazardCode", "mh0309")),
                bad("threat", "hazardCode", b -> b.put("hazardCode", "VN-")),
                bad("incident", "domain", b -> b.remove("domain")),
                bad("incident", "domain", b -> b.put("domain", "sea")),
                bad("incident", "status", b -> b.put("status", "warning")),
                bad("threat", "status", b -> b.put("status", "responding")),
                bad("resource", "status", b -> b.put("status", "lost")),
                bad("threat", "urgency", b -> b.put("urgency", "immediate")),
                bad("threat", "severity", b -> b.put("severity", "High")),
                bad("threat", "certainty", b -> b.put("certainty", "Sure")),
                bad("threat", "responseTypes[2]", b -> ((ArrayNode) b.get("responseTypes")).add("Run")),
                bad("threat", "responseTypes[2]", b -> ((ArrayNode) b.get("responseTypes")).add("Evacuate")),
                bad("threat", "responseTypes", b -> b.put("responseTypes", "Evacuate")),
                bad("resource", "pillar", b -> b.put("pillar", "money")),
                bad("resource", "pillar", b -> b.remove("pillar")),
                bad("resource", "category", b -> b.put("category", "boat")),
                bad("resource", "category", b -> b.remove("category")),
                bad("incident", "impacts[0].metric", b -> first(b, "impacts").put("metric", "dead")),
                bad("incident", "impacts[0].metric", b -> first(b, "impacts").remove("metric")),
                bad("threat", "alert.msgType", b -> obj(b, "alert").put("msgType", "Warning")),
                // numbers and ranges
                bad("incident", "riskLevel", b -> b.put("riskLevel", 0)),
                bad("incident", "riskLevel", b -> b.put("riskLevel", 6)),
                bad("threat", "riskLevel", b -> b.put("riskLevel", 2.5)),
                bad("threat", "riskLevel", b -> b.put("riskLevel", "3")),
                bad("incident", "impacts[1].value", b -> ((ObjectNode) b.get("impacts").get(1)).put("value", -1)),
                bad("incident", "impacts[0].value", b -> first(b, "impacts").put("value", "many")),
                bad("incident", "impacts[0].value", b -> first(b, "impacts").remove("value")),
                bad("incident", "impacts[1].estimated",
                        b -> ((ObjectNode) b.get("impacts").get(1)).put("estimated", "yes")),
                bad("resource", "quantity", b -> b.remove("quantity")),
                bad("resource", "quantity", b -> b.put("quantity", -3)),
                bad("resource", "available", b -> b.put("available", -1)),
                bad("resource", "available", b -> b.put("available", 13)),
                bad("resource", "reserve", b -> b.put("reserve", 1)),
                bad("threat", "indicators[0].value", b -> first(b, "indicators").put("value", "high")),
                bad("threat", "indicators[0].code", b -> first(b, "indicators").remove("code")),
                // times
                bad("incident", "occurredAt", b -> b.remove("occurredAt")),
                bad("incident", "occurredAt", b -> b.put("occurredAt", "2026-11-22")),
                bad("incident", "occurredAt", b -> b.put("occurredAt", "2026-11-22T08:00:00")),
                bad("incident", "occurredAt", b -> b.put("occurredAt", "2026-02-30T08:00:00Z")),
                bad("incident", "occurredAt", b -> b.put("occurredAt", "22/11/2026 08:00")),
                bad("incident", "reportedAt", b -> b.put("reportedAt", 1763798400)),
                bad("incident", "endedAt", b -> b.put("endedAt", "2026-11-20T00:00:00Z")),
                bad("threat", "expires", b -> b.put("expires", "2026-11-04T00:00:00Z")),
                bad("threat", "alert.sent", b -> obj(b, "alert").put("sent", "now")),
                bad("resource", "expiresAt", b -> b.put("expiresAt", "2030-13-01T00:00:00Z")),
                bad("resource", "assignment.since", b -> obj(b, "assignment").put("since", "soon")),
                bad("threat", "indicators[0].observedAt", b -> first(b, "indicators").put("observedAt", "x")),
                bad("incident", "impacts[0].asOf", b -> first(b, "impacts").put("asOf", "2026-11-22 06:00:00Z")),
                // identifiers
                bad("incident", "threatIds[0]", b -> ((ArrayNode) b.get("threatIds")).set(0, "nope")),
                bad("incident", "resourceIds[0]", b -> ((ArrayNode) b.get("resourceIds")).add(5)),
                bad("resource", "assignment.incidentId", b -> obj(b, "assignment").remove("incidentId")),
                bad("incident", "command.commanderOrg", b -> obj(b, "command").put("commanderOrg", "Ministry")),
                bad("incident", "location.adminCodes[0]",
                        b -> ((ArrayNode) obj(b, "location").get("adminCodes")).set(0, "49 206")),
                // nested objects
                bad("incident", "location", b -> b.put("location", "Quảng Nam")),
                bad("incident", "location.city", b -> obj(b, "location").put("city", "Tam Kỳ")),
                bad("incident", "impacts[0].note", b -> first(b, "impacts").put("note", "x")),
                bad("incident", "impacts[0]", b -> ((ArrayNode) b.get("impacts")).set(0, 5)),
                bad("incident", "impacts", b -> b.putObject("impacts")),
                bad("incident", "impacts[2]", b -> ((ArrayNode) b.get("impacts")).addNull()),
                bad("threat", "alert.identifier", b -> obj(b, "alert").remove("identifier")),
                bad("threat", "areas[0].geometry.type", b -> obj(first(b, "areas"), "geometry").put("type", "Circle")),
                // GeoJSON
                bad("incident", "location.geometry.coordinates", b -> geometry(b, "Point", "[15.2763, 108.0412]")),
                bad("incident", "location.geometry.coordinates", b -> geometry(b, "Point", "[200, 10]")),
                bad("incident", "location.geometry.coordinates", b -> geometry(b, "Point", "[108]")),
                bad("incident", "location.geometry.coordinates", b -> geometry(b, "Point", "[\"108\", \"15\"]")),
                bad("incident", "location.geometry.coordinates", b -> geometry(b, "Point", null)),
                bad("incident", "location.geometry.coordinates", b -> geometry(b, "LineString", "[[108, 15]]")),
                bad("incident", "location.geometry.coordinates[0]",
                        b -> geometry(b, "Polygon", "[[[108, 15], [109, 15], [109, 16], [108, 16]]]")),
                bad("incident", "location.geometry.coordinates[0]",
                        b -> geometry(b, "Polygon", "[[[108, 15], [109, 15], [108, 15]]]")),
                bad("incident", "location.geometry.coordinates", b -> geometry(b, "MultiPolygon", "[]")),
                bad("incident", "location.geometry.geometries", b -> geometry(b, "GeometryCollection", null)),
                bad("incident", "location.geometry.properties",
                        b -> obj(obj(b, "location"), "geometry").putObject("properties")),
                bad("incident", "location.geometry", b -> obj(b, "location").put("geometry", "POINT(108 15)")));
    }

    static void geometry(ObjectNode body, String type, String coordinates) {
        ObjectNode g = obj(body, "location").putObject("geometry");
        g.put("type", type);
        if (coordinates != null) {
            g.set("coordinates", Bodies.parse("{\"c\":" + coordinates + "}").get("c"));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badFields")
    void eachBadFieldIsA400NamingIt(String kind, String field, Consumer<ObjectNode> change) {
        ObjectNode body = Bodies.of(kind);
        change.accept(body);
        given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/" + kind + "s").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/validation")).body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    @Test
    void everyBadFieldIsNamedInOneResponse() {
        ObjectNode body = Bodies.incident();
        body.put("riskLevel", 9);
        body.put("domain", "sea");
        body.remove("title");
        given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/incidents").then().statusCode(400).body("errors", hasSize(3))
                .body("detail", equalTo("3 fields are invalid"));
    }

    @Test
    void validationAppliesToUpdatesAndUpsertsToo() throws SQLException {
        String id = given().header("Authorization", WRITER).contentType(ContentType.JSON)
                .body(Bodies.incident().toString()).post("/api/v1/incidents").then().statusCode(201).extract()
                .path("id");
        before = storedVersions();
        ObjectNode bad = Bodies.incident();
        bad.put("riskLevel", 0);
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(bad.toString()).put("/api/v1/incidents/" + id).then().statusCode(400)
                .body("errors.field", hasItem("riskLevel"));
        given().header("Authorization", WRITER).contentType(ContentType.JSON).body(bad.toString())
                .put("/api/v1/incidents/by-source/sys/1").then().statusCode(400);
        given().urlEncodingEnabled(false).header("Authorization", WRITER).contentType(ContentType.JSON)
                .body(Bodies.incident().toString()).put("/api/v1/incidents/by-source/sys/%0A").then().statusCode(400)
                .body("errors.field", hasItem("sourceId"));
    }

    @Test
    void malformedJsonIs400() {
        for (String body : new String[] { "{", "{\"title\": \"a\",}", "[1, 2]", "\"text\"", "", "{} {}",
                "{\"title\": \"a\", \"title\": \"b\"}", "{\"riskLevel\": 01}", "nul" }) {
            given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body).post("/api/v1/incidents")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void loneSurrogateEscapesAreRefused() {
        String body = Bodies.incident().toString().replace("\"Thôn 1", "\"\\uD800 Thôn 1");
        given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body).post("/api/v1/incidents")
                .then().statusCode(400).body("errors.field", hasItem("location.description"));
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = "{\"title\": \"\u00ff\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        given().header("Authorization", WRITER).contentType("application/json; charset=utf-8").body(body)
                .post("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutHarm() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        given().header("Authorization", WRITER).contentType(ContentType.JSON).body("{\"title\": " + deep + "}")
                .post("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongMediaTypeIs415() {
        given().header("Authorization", WRITER).contentType("text/plain").body(Bodies.incident().toString())
                .post("/api/v1/incidents").then().statusCode(415).contentType("application/problem+json");
        given().header("Authorization", WRITER).contentType("application/xml").body("<incident/>")
                .post("/api/v1/incidents").then().statusCode(415);
    }

    @Test
    void badListParametersAre400() {
        given().header("Authorization", WRITER).queryParam("limit", 0).get("/api/v1/incidents").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        given().header("Authorization", WRITER).queryParam("limit", "ten").get("/api/v1/incidents").then()
                .statusCode(400).body("errors.field", hasItem("limit"));
        given().header("Authorization", WRITER).queryParam("limit", 1001).get("/api/v1/incidents").then()
                .statusCode(400);
        given().header("Authorization", WRITER).queryParam("cursor", "garbage").get("/api/v1/incidents").then()
                .statusCode(400).body("errors.field", hasItem("cursor"));
        given().header("Authorization", WRITER).queryParam("updatedSince", "yesterday").get("/api/v1/incidents").then()
                .statusCode(400).body("errors.field", hasItem("updatedSince"));
        given().header("Authorization", WRITER).queryParam("classification", "open").get("/api/v1/incidents").then()
                .statusCode(400).body("errors.field", hasItem("classification"));
    }
}
