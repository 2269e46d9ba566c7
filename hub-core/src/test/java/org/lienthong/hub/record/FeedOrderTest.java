package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

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

/**
 * Versions of one record leave the change feed in version order, whatever path wrote them and however they raced: the
 * feed orders by transaction id, so a writer whose transaction id is older than the version it builds on must not
 * write. Writers race on the same few records through by-source upserts (which create the records, so creations race
 * too), by-id updates and batch ingest; then the whole feed is read and the version table is checked.
 */
@QuarkusTest
class FeedOrderTest {

    static final String ORG = Tokens.freshOrg("order");
    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");
    static final String SYSTEM = "order-" + ORG;

    static final int ROUNDS = 12;
    static final int RECORDS = 1;
    static final int WRITERS = 8;

    @Inject
    DataSource db;

    @BeforeEach
    void register() {
        Orgs.ensure(ORG);
    }

    @Test
    void versionsOfEachRecordLeaveTheFeedInVersionOrder() throws Exception {
        Map<String, String> ids = new ConcurrentHashMap<>(); // source id -> record id, learnt from answers
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> sources = new ArrayList<>();
            for (int r = 0; r < RECORDS; r++) {
                sources.add("r" + round + "-" + r);
            }
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                int rnd = round;
                tasks.add(() -> {
                    // every writer starts by creating (or upserting) each record, so creations race; then it
                    // updates the same records by id and through the ingest batch, each step with new content
                    for (int step = 0; step < 4; step++) {
                        for (int r = 0; r < RECORDS; r++) {
                            String source = sources.get((r + writer) % RECORDS);
                            String text = "writer " + writer + " round " + rnd + " step " + step;
                            int path = step == 0 ? 0 : (writer + step) % 3;
                            Response answer = switch (path) {
                            case 0 -> bySource(source, text);
                            case 1 -> ids.containsKey(source) ? byId(ids.get(source), text) : bySource(source, text);
                            default -> ingest(source, text);
                            };
                            if (answer.statusCode() / 100 != 2 || path == 2 && answer.<Integer> path("rejected") != 0) {
                                failures.add(path + ": " + answer.statusCode() + " " + answer.asString());
                            } else if (path == 0) {
                                ids.putIfAbsent(source, answer.path("id"));
                            }
                        }
                    }
                    return null;
                });
            }
            RecordConcurrencyTest.race(tasks);
        }
        assertEquals(List.of(), failures.stream().limit(3).toList(), "every write should succeed");

        Map<String, List<Integer>> stored = versionsByTxid();
        assertEquals(ROUNDS * RECORDS, stored.size(), "records written");
        List<String> outOfOrder = new ArrayList<>();
        stored.forEach((id, versions) -> {
            if (!versions.equals(oneTo(versions.size()))) {
                outOfOrder.add(id + " " + versions);
            }
        });
        assertEquals(List.of(), outOfOrder, "record_version in txid order should list each record's versions in order");

        Map<String, List<Integer>> fed = feed(stored);
        List<String> misordered = new ArrayList<>();
        stored.forEach((id, versions) -> {
            List<Integer> seen = fed.getOrDefault(id, List.of());
            if (!seen.equals(oneTo(versions.size()))) {
                misordered.add(id + " " + seen);
            }
        });
        assertEquals(List.of(), misordered, "the feed should carry each version once, in version order");
    }

    static Response bySource(String source, String text) {
        ObjectNode body = Bodies.incident();
        body.put("description", text);
        return given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                .put("/api/v1/incidents/by-source/" + SYSTEM + "/" + source);
    }

    static Response byId(String id, String text) {
        ObjectNode body = Bodies.incident();
        body.put("description", text);
        // If-Match * : change whatever version is current, the way an unconditional writer does
        return given().header("Authorization", WRITER).header("If-Match", "*").contentType(ContentType.JSON)
                .body(body.toString()).put("/api/v1/incidents/" + id);
    }

    static Response ingest(String source, String text) {
        ObjectNode item = Bodies.incident();
        item.put("description", text);
        item.put("kind", "incident");
        item.putObject("sourceRef").put("system", SYSTEM).put("id", source);
        return given().header("Authorization", WRITER).contentType("application/x-ndjson")
                .body((item + "\n").getBytes(StandardCharsets.UTF_8)).post("/api/v1/ingest");
    }

    /** Each record's version numbers as {@code record_version} orders them by transaction id. */
    Map<String, List<Integer>> versionsByTxid() throws Exception {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select record_id::text, version from record_version where source_system = ? order by txid, seq")) {
            ps.setString(1, SYSTEM);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getInt(2));
                }
            }
        }
        return out;
    }

    /**
     * Reads the whole feed from its beginning, following {@code next} until {@code more} is false and every stored
     * version of these records has had time to pass the horizon; returns each record's versions in feed order.
     */
    static Map<String, List<Integer>> feed(Map<String, List<Integer>> stored) {
        int expected = stored.values().stream().mapToInt(List::size).sum();
        Map<String, List<Integer>> seen = new HashMap<>();
        int count = 0;
        String cursor = null;
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            var request = given().header("Authorization", WRITER).queryParam("limit", 1000);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Response page = request.get("/api/v1/changes");
            page.then().statusCode(200);
            List<Map<String, Object>> changes = page.path("changes");
            for (Map<String, Object> change : changes) {
                String id = (String) change.get("id");
                if (stored.containsKey(id)) {
                    seen.computeIfAbsent(id, k -> new ArrayList<>()).add((Integer) change.get("version"));
                    count++;
                }
            }
            cursor = page.path("next");
            if (!(Boolean) page.path("more")) {
                if (count >= expected || System.currentTimeMillis() > deadline) {
                    break;
                }
                // the horizon is held back by a transaction still open elsewhere: ask again shortly
                given().header("Authorization", WRITER).queryParam("after", cursor).queryParam("wait", 1)
                        .queryParam("limit", 1).get("/api/v1/changes");
            }
        }
        assertTrue(count >= expected, "the feed delivered " + count + " of " + expected + " versions in time");
        return seen;
    }

    static List<Integer> oneTo(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(i);
        }
        return out;
    }
}
