package org.lienthong.hub.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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

/** The change feed: exactly once, per-record order, visibility, long polling, and the transaction-id horizon. */
@QuarkusTest
class ChangeFeedTest {

    static final String ORG = Tokens.freshOrg("feed");
    static final String PEER = Tokens.freshOrg("feedpeer");
    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");

    @Inject
    DataSource db;

    @BeforeEach
    void register() {
        Orgs.ensure(ORG);
        Orgs.ensure(PEER);
    }

    /** The cursor after everything readable now. */
    static String tail(String bearer) {
        String cursor = null;
        boolean more = true;
        while (more) {
            var request = given().header("Authorization", bearer).queryParam("limit", 1000);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Response page = request.get("/api/v1/changes");
            page.then().statusCode(200);
            cursor = page.path("next");
            more = page.path("more");
        }
        return cursor;
    }

    record Seen(String id, int version, String op, Map<String, Object> record) {
    }

    /** Follows the feed from {@code cursor} until {@code expected} changes of {@code ids} arrived or time is up. */
    static List<Seen> follow(String bearer, String cursor, Set<String> ids, int expected, long millis) {
        List<Seen> seen = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        String next = cursor;
        while (System.currentTimeMillis() < deadline) {
            Response page = given().header("Authorization", bearer).queryParam("after", next).queryParam("limit", 50)
                    .queryParam("wait", 1).get("/api/v1/changes");
            page.then().statusCode(200);
            List<Map<String, Object>> changes = page.path("changes");
            for (Map<String, Object> c : changes) {
                if (ids == null || ids.contains((String) c.get("id"))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> record = (Map<String, Object>) c.get("record");
                    seen.add(new Seen((String) c.get("id"), (Integer) c.get("version"), (String) c.get("op"), record));
                }
            }
            next = page.path("next");
            if (seen.size() >= expected && !(Boolean) page.path("more")) {
                break;
            }
        }
        return seen;
    }

    static String create(String kind, String classification) {
        ObjectNode body = Bodies.of(kind);
        body.put("classification", classification);
        return given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/" + kind + "s").then().statusCode(201).extract().path("id");
    }

    @Test
    void createUpdateDeleteAppearOnceEachInOrderWithTheFullRecord() {
        String start = tail(WRITER);
        String id = create("incident", "internal");
        ObjectNode change = Bodies.incident();
        change.put("status", "closed");
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(change.toString()).put("/api/v1/incidents/" + id).then().statusCode(200);
        given().header("Authorization", WRITER).header("If-Match", "\"2\"").delete("/api/v1/incidents/" + id).then()
                .statusCode(204);
        List<Seen> seen = follow(WRITER, start, Set.of(id), 3, 10_000);
        assertEquals(List.of("create", "update", "delete"), seen.stream().map(Seen::op).toList());
        assertEquals(List.of(1, 2, 3), seen.stream().map(Seen::version).toList());
        assertEquals("closed", seen.get(1).record().get("status"));
        assertEquals(true, seen.get(2).record().get("deleted"));
    }

    @Test
    void kindsFilterAndVisibilityApply() {
        String start = tail(WRITER);
        String publicThreat = create("threat", "public");
        String internalThreat = create("threat", "internal");
        String publicIncident = create("incident", "public");
        Set<String> ids = Set.of(publicThreat, internalThreat, publicIncident);
        // the owner sees all three; only threats when it asks for threats
        assertEquals(Set.of(publicThreat, internalThreat, publicIncident), ids(follow(WRITER, start, ids, 3, 10_000)));
        List<Seen> threats = new ArrayList<>();
        String next = start;
        for (int i = 0; i < 100 && threats.size() < 2; i++) {
            Response page = given().header("Authorization", WRITER).queryParam("after", next)
                    .queryParam("kinds", "threat").queryParam("limit", 1000).get("/api/v1/changes");
            List<Map<String, Object>> changes = page.path("changes");
            changes.stream().filter(c -> ids.contains(c.get("id")))
                    .forEach(c -> threats.add(new Seen((String) c.get("id"), 0, "", Map.of())));
            changes.forEach(c -> assertEquals("threat", c.get("kind")));
            next = page.path("next");
            if (!(Boolean) page.path("more")) {
                break;
            }
        }
        assertEquals(Set.of(publicThreat, internalThreat), ids(threats));
        // a peer organisation sees only the public ones: the internal change silently left out
        String peer = Tokens.bearer(PEER, "reader");
        List<Seen> asPeer = follow(peer, start, ids, 2, 10_000);
        assertEquals(Set.of(publicThreat, publicIncident), ids(asPeer));
    }

    static Set<String> ids(List<Seen> seen) {
        Set<String> out = new HashSet<>();
        seen.forEach(s -> out.add(s.id()));
        return out;
    }

    @Test
    void longPollingAnswersAsSoonAsAChangeCommits() throws Exception {
        String start = tail(WRITER);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long begin = System.nanoTime();
            CompletableFuture<Response> poll = CompletableFuture
                    .supplyAsync(() -> given().header("Authorization", WRITER).queryParam("after", start)
                            .queryParam("wait", 20).get("/api/v1/changes"), pool);
            Thread.sleep(1000);
            assertFalse(poll.isDone(), "the poll should wait while nothing is new");
            String id = create("resource", "internal");
            Response answer = poll.get(15, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - begin) / 1_000_000;
            answer.then().statusCode(200).body("changes.id", hasItem(id));
            assertTrue(millis < 5000, "answered after " + millis + " ms");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLongPollStepsOverWhatTheReaderDoesNotGetWithoutWaiting() {
        String start = tail(WRITER);
        for (int i = 0; i < 20; i++) {
            create("incident", "internal");
        }
        String threat = create("threat", "internal");
        // one row scanned per window: twenty windows of incidents before the threat, well within the wait
        given().header("Authorization", WRITER).queryParam("after", start).queryParam("kinds", "threat")
                .queryParam("limit", 1).queryParam("wait", 2).get("/api/v1/changes").then().statusCode(200)
                .body("changes.id", hasItem(threat));
    }

    @Test
    void badParametersAre400() {
        for (String[] p : new String[][] { { "after", "garbage" }, { "after", "c1.!!!" }, { "limit", "0" },
                { "limit", "5000" }, { "wait", "31" }, { "wait", "-1" }, { "kinds", "threat,volcano" },
                { "kinds", "," } }) {
            Response r = given().header("Authorization", WRITER).queryParam(p[0], p[1]).get("/api/v1/changes");
            assertEquals(400, r.statusCode(), p[0] + "=" + p[1]);
            assertEquals("application/problem+json", r.contentType(), p[0] + "=" + p[1]);
        }
        given().get("/api/v1/changes").then().statusCode(401);
    }

    /**
     * The horizon: a transaction that took its id before eight concurrent writers and commits after all of them must
     * still be delivered, and nothing twice. A reader follows the feed the whole time; without the
     * {@code txid < pg_snapshot_xmin(...)} condition it would move past the open transaction's id while reading the
     * writers' changes and never see the late commit.
     */
    @Test
    void aLateCommitOfAnEarlyTransactionIsNeitherLostNorDuplicated() throws Exception {
        String admin = Tokens.bearer("vn", "reader", "admin", "writer");
        String start = tail(admin);
        UUID lateId = UUID.randomUUID();
        int writers = 8;
        int perWriter = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        List<String> seenIds = new ArrayList<>();
        try (Connection late = db.getConnection()) {
            late.setAutoCommit(false);
            try (Statement s = late.createStatement(); ResultSet rs = s.executeQuery("select pg_current_xact_id()")) {
                rs.next(); // this transaction now has the smallest id of everything below
            }
            List<CompletableFuture<List<String>>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                work.add(CompletableFuture.supplyAsync(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        ids.add(create("incident", "internal"));
                    }
                    return ids;
                }, pool));
            }
            // the reader follows while the writers write and the early transaction is still open
            Map<String, Integer> delivered = new HashMap<>();
            String cursor = start;
            Set<String> written = new HashSet<>();
            for (var f : work) {
                written.addAll(f.get(120, TimeUnit.SECONDS));
            }
            cursor = drain(admin, cursor, delivered);
            assertTrue(delivered.keySet().stream().noneMatch(written::contains),
                    "nothing after the open transaction may be delivered before it ends");
            // now the early transaction writes its version and commits, after everyone else
            insertVersionDirectly(late, lateId);
            late.commit();
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline
                    && !(delivered.keySet().containsAll(written) && delivered.containsKey(lateId.toString()))) {
                cursor = drain(admin, cursor, delivered);
            }
            Set<String> expected = new HashSet<>(written);
            expected.add(lateId.toString());
            Set<String> got = new HashSet<>(delivered.keySet());
            got.retainAll(expected);
            assertEquals(expected, got, "every version delivered");
            for (String id : expected) {
                assertEquals(1, delivered.get(id), "delivered exactly once: " + id);
            }
            seenIds.addAll(expected);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(writers * perWriter + 1, seenIds.size());
    }

    static String drain(String bearer, String cursor, Map<String, Integer> delivered) {
        boolean more = true;
        String next = cursor;
        while (more) {
            Response page = given().header("Authorization", bearer).queryParam("after", next).queryParam("limit", 100)
                    .get("/api/v1/changes");
            page.then().statusCode(200);
            List<String> ids = page.path("changes.id");
            ids.forEach(id -> delivered.merge(id, 1, Integer::sum));
            next = page.path("next");
            more = page.path("more");
        }
        return next;
    }

    static void insertVersionDirectly(Connection c, UUID id) throws Exception {
        String hash = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64);
        String content = "{\"title\":\"Giao dịch chậm\",\"hazardCode\":\"MH0600\",\"domain\":\"water\","
                + "\"occurredAt\":\"2026-11-22T00:00:00Z\"}";
        try (PreparedStatement head = c.prepareStatement("insert into record_head (id, kind, version, owner,"
                + " classification, created_at, updated_at, hash) values (?, 'incident', 1, 'vn', 'internal',"
                + " now(), now(), ?)");
                PreparedStatement version = c.prepareStatement("insert into record_version (record_id, version, kind,"
                        + " owner, classification, deleted, content, activity, author_org, author_subject, recorded_at,"
                        + " origin_hub, hash, parents) values (?, 1, 'incident', 'vn', 'internal', false, ?::json,"
                        + " 'import', 'vn', 'slow-writer', now(), 'hub-test', ?, '{}')")) {
            head.setObject(1, id);
            head.setString(2, hash);
            head.executeUpdate();
            version.setObject(1, id);
            version.setString(2, content);
            version.setString(3, hash);
            version.executeUpdate();
        }
    }
}
