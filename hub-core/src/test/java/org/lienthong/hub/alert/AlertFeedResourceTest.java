package org.lienthong.hub.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.hub.testing.Xml.ATOM;
import static org.lienthong.hub.testing.Xml.CAP;
import static org.lienthong.hub.testing.Xml.assertValidCap;
import static org.lienthong.hub.testing.Xml.children;
import static org.lienthong.hub.testing.Xml.link;
import static org.lienthong.hub.testing.Xml.parse;
import static org.lienthong.hub.testing.Xml.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The public CAP feed, switched on: {@code GET /api/v1/alerts/cap.atom} and {@code GET /api/v1/alerts/{id}} without a
 * token, over real HTTP against the test PostgreSQL. Other test classes share the database, so the checks look at the
 * entries of this class's own organisation, and at the order of all entries.
 */
@QuarkusTest
@TestProfile(AlertFeedResourceTest.FeedOn.class)
class AlertFeedResourceTest {

    public static class FeedOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hub.alerts.public-feed", "true");
        }
    }

    static final String ORG = Tokens.freshOrg("alerts");
    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");

    /** The threats this class writes, by role, in the order they are written. */
    static Map<String, String> ids;

    @Inject
    DataSource dataSource;

    // ------------------------------------------------------------------ fixture

    static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static ObjectNode threat(String title, String classification, Duration expiresIn) {
        ObjectNode t = Bodies.threat();
        t.put("title", title);
        t.put("description", "Mô tả: " + title + " & <chi tiết>");
        t.put("classification", classification);
        t.remove("alert");
        t.remove("effective");
        t.remove("onset");
        if (expiresIn == null) {
            t.remove("expires");
        } else {
            t.put("expires", iso(Instant.now().plus(expiresIn)));
        }
        return t;
    }

    static String create(ObjectNode body) {
        return given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/threats").then().statusCode(201).extract().path("id");
    }

    static void end(String id, ObjectNode body) {
        body.put("status", "ended");
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(body.toString()).put("/api/v1/threats/" + id).then().statusCode(200);
    }

    /** Writes the threats once per run; {@code endedLongAgo}'s end is moved 49 h into the past. */
    synchronized Map<String, String> fixture() throws Exception {
        if (ids != null) {
            return ids;
        }
        Orgs.ensure(ORG);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("current", create(threat("Bão số 15: cảnh báo", "public", Duration.ofDays(2))));
        m.put("noExpires", create(threat("Lũ quét: chưa rõ khi nào hết", "public", null)));
        m.put("internal", create(threat("Internal warning", "internal", Duration.ofDays(2))));
        ObjectNode drill = threat("Diễn tập sóng thần", "public", Duration.ofDays(2));
        drill.put("exercise", true);
        m.put("exercise", create(drill));
        String deleted = create(threat("Deleted warning", "public", Duration.ofDays(2)));
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").delete("/api/v1/threats/" + deleted).then()
                .statusCode(204);
        m.put("deleted", deleted);
        m.put("expiredLongAgo", create(threat("Expired three days ago", "public", Duration.ofDays(-3))));
        ObjectNode noArea = threat("A warning that locates nothing", "public", Duration.ofDays(2));
        noArea.remove("areas");
        m.put("noArea", create(noArea));
        m.put("expiredRecently", create(threat("Expired a day ago", "public", Duration.ofDays(-1))));
        ObjectNode longOver = threat("Ended two days ago", "public", Duration.ofDays(2));
        String endedLongAgo = create(longOver);
        end(endedLongAgo, longOver);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c
                .prepareStatement("update record_head set updated_at = now() - interval '49 hours' where id = ?")) {
            ps.setObject(1, UUID.fromString(endedLongAgo));
            assertEquals(1, ps.executeUpdate());
        }
        m.put("endedLongAgo", endedLongAgo);
        ObjectNode over = threat("Hết cảnh báo lũ", "public", Duration.ofDays(2));
        String ended = create(over);
        end(ended, over);
        m.put("ended", ended);
        ids = m;
        return ids;
    }

    // ------------------------------------------------------------------ reading

    static String idOf(String capUrl) {
        return capUrl.substring(capUrl.lastIndexOf('/') + 1);
    }

    static JsonNode record(String id) throws Exception {
        return Bodies.JSON.readTree(given().header("Authorization", WRITER).get("/api/v1/threats/" + id).then()
                .statusCode(200).extract().asString());
    }

    static Response feed() {
        return given().get("/api/v1/alerts/cap.atom");
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theFeedListsExactlyTheCurrentPublicAlertsNewestFirst() throws Exception {
        Map<String, String> threats = fixture();
        Response response = feed();
        response.then().statusCode(200).contentType(startsWith("application/atom+xml"));
        assertEquals(List.of("public, max-age=60"), response.headers().getValues("Cache-Control"),
                "not the no-store of the rest of /api");
        Element root = parse(response.asByteArray()).getDocumentElement();
        assertEquals(ATOM, root.getNamespaceURI());
        assertEquals("feed", root.getLocalName());
        String self = children(root, ATOM, "link").get(0).getAttribute("href");
        assertTrue(self.matches("http://[^/]+/api/v1/alerts/cap\\.atom"), self);
        assertEquals(self, text(root, ATOM, "id"));
        assertNotNull(text(root, ATOM, "title"));
        assertNotNull(children(root, ATOM, "author").get(0));

        List<Element> entries = children(root, ATOM, "entry");
        assertFalse(entries.isEmpty());
        assertTrue(entries.size() <= 500, "the default limit");
        List<Instant> updated = entries.stream().map(e -> Instant.parse(text(e, ATOM, "updated"))).toList();
        for (int i = 1; i < updated.size(); i++) {
            assertFalse(updated.get(i).isAfter(updated.get(i - 1)), "newest first: " + updated);
        }
        assertEquals(updated.get(0), Instant.parse(text(root, ATOM, "updated")), "the feed's updated: its newest");

        Map<String, String> roleById = new LinkedHashMap<>();
        threats.forEach((role, id) -> roleById.put(id, role));
        List<String> ours = new ArrayList<>();
        for (Element entry : entries) {
            String role = roleById.get(idOf(link(entry, "alternate").getAttribute("href")));
            if (role != null) {
                ours.add(role);
            }
        }
        assertEquals(List.of("ended", "expiredRecently", "noExpires", "current"), ours,
                "public, current or over for less than 48 h, newest first; never internal, drills, deleted, without"
                        + " an area, or over for longer");
    }

    @Test
    void eachEntryLinksToItsCapAlertServedWithoutAToken() throws Exception {
        Map<String, String> threats = fixture();
        Element root = parse(feed().then().statusCode(200).extract().asByteArray()).getDocumentElement();
        int checked = 0;
        for (Element entry : children(root, ATOM, "entry")) {
            Element link = link(entry, "alternate");
            String href = link.getAttribute("href");
            String id = idOf(href);
            if (!threats.containsValue(id)) {
                continue;
            }
            checked++;
            JsonNode record = record(id);
            int version = record.path("version").asInt();
            assertEquals("application/cap+xml", link.getAttribute("type"));
            assertTrue(href.matches("http://[^/]+/api/v1/alerts/" + id), href);
            assertEquals("lienthong:" + id + ":" + version, text(entry, ATOM, "id"),
                    "the entry id: the CAP identifier");
            assertEquals(record.path("title").asText(), text(entry, ATOM, "title"));
            assertEquals(record.path("description").asText(), text(entry, ATOM, "summary"));
            assertEquals(Instant.parse(record.path("updatedAt").asText()).truncatedTo(ChronoUnit.SECONDS),
                    Instant.parse(text(entry, ATOM, "updated")));
            assertTrue(text(entry, ATOM, "name").startsWith("Đơn vị thử "), "the owner's name");

            Response cap = given().get(href);
            cap.then().statusCode(200).contentType(startsWith("application/cap+xml")).header("ETag",
                    "\"" + version + "\"");
            assertEquals(List.of("public, max-age=60"), cap.headers().getValues("Cache-Control"));
            String xml = cap.asString();
            assertValidCap(xml);
            Element alert = parse(cap.asByteArray()).getDocumentElement();
            assertEquals(text(entry, ATOM, "id"), text(alert, CAP, "identifier"));
            assertEquals("Actual", text(alert, CAP, "status"));
            assertEquals("Public", text(alert, CAP, "scope"));
            assertEquals(href, text(alert, CAP, "web"), "web: the alert's public URL");
            assertEquals(record.path("title").asText(), text(alert, CAP, "headline"));
            assertNotNull(text(alert, CAP, "areaDesc"));
            String expires = text(alert, CAP, "expires");
            assertNotNull(expires, xml);
            if (id.equals(threats.get("ended"))) {
                assertEquals("Cancel", text(alert, CAP, "msgType"));
                assertEquals(text(alert, CAP, "sent"), expires, "a Cancel expires when the threat ended");
                String references = text(alert, CAP, "references");
                assertTrue(references.matches("lienthong@hub-test,lienthong:" + id + ":1,\\S+"), references);
            } else {
                assertEquals("Alert", text(alert, CAP, "msgType"));
                assertNull(text(alert, CAP, "references"));
            }
            if (id.equals(threats.get("noExpires"))) {
                assertEquals(
                        Instant.parse(record.path("updatedAt").asText()).truncatedTo(ChronoUnit.SECONDS)
                                .plus(Duration.ofHours(24)),
                        OffsetDateTime.parse(expires).toInstant(), "without expires: 24 h after it was sent");
            }
        }
        assertEquals(4, checked);
    }

    @Test
    void whatIsNotInTheFeedIsNotFound() throws Exception {
        Map<String, String> threats = fixture();
        List<String> absent = new ArrayList<>();
        for (String role : List.of("internal", "exercise", "deleted", "expiredLongAgo", "noArea", "endedLongAgo")) {
            absent.add(threats.get(role));
        }
        absent.add(UUID.randomUUID().toString());
        absent.add(threats.get("current").toUpperCase(Locale.ROOT));
        absent.add("not-a-uuid");
        for (String id : absent) {
            Response r = given().get("/api/v1/alerts/" + id);
            r.then().statusCode(404).contentType("application/problem+json");
            assertFalse(r.headers().getValues("Cache-Control").contains("public, max-age=60"),
                    "a refusal is not cached");
        }
        // the internal one exists, for those who may see it
        given().header("Authorization", WRITER).get("/api/v1/threats/" + threats.get("internal")).then()
                .statusCode(200);
    }

    @Test
    void capThroughTheApiSaysExerciseForADrillAndLinksPublicAlertsOnly() throws Exception {
        Map<String, String> threats = fixture();
        String drill = given().header("Authorization", WRITER).accept("application/cap+xml")
                .get("/api/v1/threats/" + threats.get("exercise")).then().statusCode(200).extract().asString();
        assertValidCap(drill);
        assertTrue(drill.contains("<status>Exercise</status>"), drill);
        assertFalse(drill.contains("<web>"), "a drill has no public page");

        String internal = given().header("Authorization", WRITER).accept("application/cap+xml")
                .get("/api/v1/threats/" + threats.get("internal")).then().statusCode(200).extract().asString();
        assertFalse(internal.contains("<web>"), "an internal threat has no public page");

        Response viaApi = given().header("Authorization", WRITER).accept("application/cap+xml")
                .get("/api/v1/threats/" + threats.get("current"));
        viaApi.then().statusCode(200);
        assertEquals(List.of("no-store"), viaApi.headers().getValues("Cache-Control"), "the rest of /api: no-store");
        String current = viaApi.asString();
        assertTrue(current.matches("(?s).*<web>http://[^<]+/api/v1/alerts/" + threats.get("current") + "</web>.*"),
                current);
        assertEquals(current,
                given().get("/api/v1/alerts/" + threats.get("current")).then().statusCode(200).extract().asString(),
                "one message, written the same way on both paths");
    }

    @Test
    void readingThePublicFeedIsNoCallersAccess() throws Exception {
        String id = fixture().get("current");
        List<Object> before = accessLog(id);
        assertFalse(before.isEmpty(), "the writer's create is logged");
        feed().then().statusCode(200);
        given().get("/api/v1/alerts/" + id).then().statusCode(200);
        assertEquals(before, accessLog(id), "no token, no access-log entry");
    }

    static List<Object> accessLog(String id) {
        return given().header("Authorization", Tokens.bearer("vn", "auditor")).queryParam("recordId", id)
                .get("/api/v1/audit/access").then().statusCode(200).extract().path("items");
    }

    /** The two alert paths are the only operations without a token; every other one still refuses an anonymous call. */
    @Test
    void nothingElseBecamePublic() throws Exception {
        JsonNode doc = Bodies.JSON.readTree(
                given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        Set<String> open = new TreeSet<>();
        List<String> notRefused = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey();
            if (!Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                return;
            }
            if (op.getValue().path("security").isEmpty()) {
                open.add(method + " " + path.getKey());
                return;
            }
            String url = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            var request = given();
            var media = op.getValue().path("requestBody").path("content").fieldNames();
            if (media.hasNext()) {
                request.contentType(media.next()).body("{}");
            }
            int status = request.request(method, url).statusCode();
            if (status != 401) {
                notRefused.add(method + " " + url + ": " + status);
            }
        }));
        assertEquals(Set.of("get /api/v1/alerts/cap.atom", "get /api/v1/alerts/{id}"), open);
        assertEquals(List.of(), notRefused, "without a token every other operation is 401");
    }
}
