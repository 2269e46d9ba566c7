package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Drills: threats marked {@code "exercise": true} are kept out of default lists (JSON and CSV) and the default change
 * feed, come back with {@code include=exercise}, are still found by id, and are stepped over by feed cursors exactly
 * once. Real HTTP, the real PostgreSQL.
 */
@QuarkusTest
class ExerciseResourceTest {

    static final String ORG = Tokens.freshOrg("drill");
    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");
    static final String AUDITOR = Tokens.bearer("vn", "auditor");

    @Inject
    DataSource db;

    @BeforeEach
    void register() {
        Orgs.ensure(ORG);
    }

    static ObjectNode threat(String title, Boolean exercise) {
        ObjectNode body = Bodies.threat();
        body.put("title", title);
        if (exercise != null) {
            body.put("exercise", exercise);
        }
        return body;
    }

    static String create(ObjectNode body) {
        return given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/threats").then().statusCode(201).extract().path("id");
    }

    static void update(String id, int version, ObjectNode body) {
        given().header("Authorization", WRITER).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(body.toString()).put("/api/v1/threats/" + id).then().statusCode(200)
                .body("version", equalTo(version + 1));
    }

    /** The ids of ORG's threats in the list, every page, with the given extra query parameters. */
    static List<String> listed(Map<String, String> query) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification r = given().header("Authorization", WRITER).queryParam("owner", ORG)
                    .queryParam("limit", 2).queryParams(query);
            if (cursor != null) {
                r.queryParam("cursor", cursor);
            }
            Response page = r.get("/api/v1/threats");
            page.then().statusCode(200);
            ids.addAll(page.path("items.id"));
            cursor = page.path("next");
        } while (cursor != null);
        return ids;
    }

    /** {@code listed} without what other tests of this class wrote for the same organisation. */
    static List<String> only(List<String> mine, List<String> listed) {
        return listed.stream().filter(mine::contains).toList();
    }

    List<Boolean> storedFlags(String id) throws Exception {
        List<Boolean> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c
                .prepareStatement("select exercise from record_version where record_id = ?::uuid order by version")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBoolean(1));
                }
            }
        }
        return out;
    }

    @Test
    void listsLeaveDrillsOutUnlessIncludeExerciseAndGetStillFindsThem() throws Exception {
        String real = create(threat("Bão số 13 (thật)", null));
        String notADrill = create(threat("Bão số 13 (exercise: false)", false));
        String drill = create(threat("Diễn tập: bão số 13", true));
        String drillTurnedReal = create(threat("Diễn tập rồi thành thật", true));
        update(drillTurnedReal, 1, threat("Diễn tập rồi thành thật", false));

        List<String> mine = List.of(real, notADrill, drill, drillTurnedReal);
        assertEquals(List.of(real, notADrill, drillTurnedReal), only(mine, listed(Map.of())), "the default list");
        assertEquals(mine, only(mine, listed(Map.of("include", "exercise"))));

        // not hidden, only left out of default lists: get, history and lineage find it
        given().header("Authorization", WRITER).get("/api/v1/threats/" + drill).then().statusCode(200).body("exercise",
                equalTo(true));
        given().header("Authorization", WRITER).get("/api/v1/threats/" + drill + "/versions").then().statusCode(200)
                .body("items.size()", equalTo(1));
        given().header("Authorization", WRITER).get("/api/v1/threats/" + drill + "/lineage").then().statusCode(200);

        // the flag is a column, computed from each version's own content
        assertEquals(List.of(false), storedFlags(real));
        assertEquals(List.of(false), storedFlags(notADrill));
        assertEquals(List.of(true), storedFlags(drill));
        assertEquals(List.of(true, false), storedFlags(drillTurnedReal));

        // a drill through bulk ingest (the batch insert) is marked and left out the same way
        ObjectNode item = threat("Diễn tập nhập hàng loạt", true);
        item.put("kind", "threat").putObject("sourceRef").put("system", "drill-test").put("id", ORG);
        String ingested = given().header("Authorization", WRITER).contentType("application/x-ndjson")
                .body((item + "\n").getBytes(StandardCharsets.UTF_8)).post("/api/v1/ingest").then().statusCode(200)
                .body("created", equalTo(1)).extract().path("results[0].id");
        assertEquals(List.of(true), storedFlags(ingested));
        assertFalse(listed(Map.of()).contains(ingested));
        assertTrue(listed(Map.of("include", "exercise")).contains(ingested));
    }

    @Test
    void csvExportFollowsTheListRule() {
        String real = create(threat("Cảnh báo lũ (CSV)", null));
        String drill = create(threat("Diễn tập lũ (CSV)", true));
        String sheet = given().header("Authorization", WRITER).accept("text/csv").queryParam("owner", ORG)
                .queryParam("limit", 1000).get("/api/v1/threats").then().statusCode(200).extract().asString();
        assertTrue(sheet.contains(real), sheet);
        assertFalse(sheet.contains(drill), "a drill in the default export:\n" + sheet);
        String withDrills = given().header("Authorization", WRITER).accept("text/csv").queryParam("owner", ORG)
                .queryParam("limit", 1000).queryParam("include", "exercise").get("/api/v1/threats").then()
                .statusCode(200).extract().asString();
        assertTrue(withDrills.contains(real) && withDrills.contains(drill), withDrills);
        // the next page's link keeps asking for drills
        given().header("Authorization", WRITER).accept("text/csv").queryParam("owner", ORG).queryParam("limit", 1)
                .queryParam("include", "exercise").get("/api/v1/threats").then().statusCode(200)
                .header("Link", containsString("include=exercise"));
    }

    @Test
    void includeTakesOnlyExercise() {
        for (String value : List.of("bogus", "Exercise", "exercise,bogus", "exercise ")) {
            for (String path : List.of("/api/v1/threats", "/api/v1/incidents", "/api/v1/changes")) {
                Response r = given().header("Authorization", WRITER).queryParam("include", value).get(path);
                assertEquals(400, r.statusCode(), path + "?include=" + value + ": " + r.asString());
                assertEquals("application/problem+json", r.contentType());
                assertEquals(List.of("include"), r.path("errors.field"), r.asString());
            }
        }
        given().header("Authorization", WRITER).queryParam("include", "exercise").get("/api/v1/resources").then()
                .statusCode(200);
        // an empty value reaches the hub as no value at all (as for every parameter): nothing more is included
        String drill = create(threat("Diễn tập (include=)", true));
        Response empty = given().header("Authorization", WRITER).urlEncodingEnabled(false)
                .get("/api/v1/threats?limit=1000&owner=" + ORG + "&include=");
        empty.then().statusCode(200);
        assertFalse(empty.<List<String>> path("items.id").contains(drill));
    }

    record Seen(String cursor, String id, int version) {
    }

    /**
     * Follows the feed from {@code after} in pages of one, so that a page is often nothing but a left-out version,
     * until every one of {@code expected} changes of {@code ids} has arrived and nothing more is readable.
     */
    static List<Seen> follow(String after, boolean exercises, Set<String> ids, int expected) {
        List<Seen> seen = new ArrayList<>();
        String next = after;
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            RequestSpecification r = given().header("Authorization", WRITER).queryParam("after", next)
                    .queryParam("limit", 1);
            if (exercises) {
                r.queryParam("include", "exercise");
            }
            Response page = r.get("/api/v1/changes");
            page.then().statusCode(200);
            List<Map<String, Object>> changes = page.path("changes");
            for (Map<String, Object> c : changes) {
                if (ids.contains((String) c.get("id"))) {
                    seen.add(new Seen((String) c.get("cursor"), (String) c.get("id"), (Integer) c.get("version")));
                }
            }
            next = page.path("next");
            if (seen.size() >= expected && !(Boolean) page.path("more")) {
                return seen;
            }
            assertTrue(System.currentTimeMillis() < deadline, "feed did not deliver " + expected + ": " + seen);
        }
    }

    static String tail() {
        String cursor = null;
        boolean more = true;
        while (more) {
            RequestSpecification r = given().header("Authorization", WRITER).queryParam("limit", 1000)
                    .queryParam("include", "exercise");
            if (cursor != null) {
                r.queryParam("after", cursor);
            }
            Response page = r.get("/api/v1/changes");
            cursor = page.path("next");
            more = page.path("more");
        }
        return cursor;
    }

    @Test
    void theFeedStepsOverDrillsExactlyOnceForEveryReader() throws Exception {
        String start = tail();
        String a = create(threat("Thật A", null));
        String d = create(threat("Diễn tập D", true));
        update(a, 1, threat("Thật A, cập nhật", null));
        update(d, 1, threat("Diễn tập D, cập nhật", true));
        String b = create(threat("Thật B", null));
        Set<String> ids = Set.of(a, b, d);

        List<Seen> all = follow(start, true, ids, 5);
        assertEquals(List.of(a + "/1", d + "/1", a + "/2", d + "/2", b + "/1"), names(all), "with include=exercise");
        List<Seen> real = follow(start, false, ids, 3);
        assertEquals(List.of(a + "/1", a + "/2", b + "/1"), names(real), "without: every other version once, in order");
        // the cursors of the versions both readers get are the same positions
        assertEquals(all.get(0).cursor(), real.get(0).cursor());
        assertEquals(all.get(2).cursor(), real.get(1).cursor());
        assertEquals(all.get(4).cursor(), real.get(2).cursor());

        // a page holding only the left-out drill: empty, yet next moves past it and more says to read on
        Response onlyTheDrill = given().header("Authorization", WRITER).queryParam("after", all.get(0).cursor())
                .queryParam("limit", 1).get("/api/v1/changes");
        onlyTheDrill.then().statusCode(200).body("changes.size()", equalTo(0)).body("more", equalTo(true)).body("next",
                equalTo(all.get(1).cursor()));
        // and a reader without drills carries on from a cursor that reader with drills was given, and the reverse
        assertEquals(List.of(a + "/2", b + "/1"), names(follow(all.get(1).cursor(), false, ids, 2)));
        assertEquals(List.of(d + "/2", b + "/1"), names(follow(real.get(1).cursor(), true, ids, 2)));

        // the audit trail is not filtered: the export up to a checkpoint holds the drill's versions
        String drillHash = given().header("Authorization", WRITER).get("/api/v1/threats/" + d).then().statusCode(200)
                .extract().path("provenance.hash");
        long deadline = System.currentTimeMillis() + 20_000;
        String export;
        do {
            Response cp = given().header("Authorization", AUDITOR).post("/api/v1/audit/checkpoints");
            assertTrue(cp.statusCode() == 200 || cp.statusCode() == 201, cp.asString());
            long position = ((Number) cp.path("statement.position")).longValue();
            export = given().header("Authorization", AUDITOR).queryParam("upTo", position).get("/api/v1/audit/export")
                    .then().statusCode(200).extract().asString();
            assertTrue(System.currentTimeMillis() < deadline, "no checkpoint covered the drill");
        } while (!export.contains(drillHash));
        assertTrue(export.lines().anyMatch(l -> l.contains(drillHash) && l.contains("\"exercise\":true")));
    }

    static List<String> names(List<Seen> seen) {
        return seen.stream().map(s -> s.id() + "/" + s.version()).toList();
    }
}
