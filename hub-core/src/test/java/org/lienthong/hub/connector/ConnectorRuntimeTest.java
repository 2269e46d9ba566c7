package org.lienthong.hub.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SourceItem;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The connector runtime, driven through the API with scripted connector types (see {@link ScriptedConnectors}), against
 * the real database.
 */
@QuarkusTest
class ConnectorRuntimeTest {

    static final String ADMIN = Tokens.bearer("vn", "admin");

    /**
     * Simulates a crash after a batch's items were written and before its checkpoint: the named instances fail once.
     */
    @ApplicationScoped
    static class CrashBeforeCheckpoint {
        static final Set<String> ARMED = ConcurrentHashMap.newKeySet();

        void onBatch(@Observes LaneWriter.BatchWritten batch) {
            if (ARMED.remove(batch.instance())) {
                throw new IllegalStateException("simulated crash between batch and checkpoint");
            }
        }
    }

    @Inject
    DataSource dataSource;

    private static final AtomicInteger SEQ = new AtomicInteger();

    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQ.incrementAndGet();
    }

    static SourceItem upsert(String system, String id, String org) {
        ObjectNode r = Bodies.incident();
        r.putObject("sourceRef").put("system", system).put("id", id);
        r.put("owner", org);
        return new SourceItem.Upsert("incident", r.toString());
    }

    static JsonPath create(String name, String type, String config, String actAsOrg) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"config\":" + config
                        + ",\"actAs\":{\"org\":\"" + actAsOrg + "\"}}")
                .post("/api/v1/connectors").then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath instance(String name) {
        return given().header("Authorization", ADMIN).get("/api/v1/connectors/" + name).then().statusCode(200).extract()
                .jsonPath();
    }

    public static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    static void delete(String name) {
        given().header("Authorization", ADMIN).delete("/api/v1/connectors/" + name).then().statusCode(204);
    }

    /** Versions stored for records with this source system, by source id. */
    List<Integer> versionsBySource(String system) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from record_version v join record_head h"
                        + " on h.id = v.record_id where h.source_system = ? group by h.source_id order by h.source_id")) {
            ps.setString(1, system);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }

    String idBySource(String system, String id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c
                .prepareStatement("select id::text from record_head where source_system = ? and source_id = ?")) {
            ps.setString(1, system);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no record " + system + "/" + id);
                return rs.getString(1);
            }
        }
    }

    long count(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void typesAreDiscoveredWithTheirFields() {
        given().header("Authorization", Tokens.bearer("vn", "reader")).get("/api/v1/connector-types").then()
                .statusCode(200).body("items.name", hasItem("test-source"))
                .body("items.find { it.name == 'test-source' }.fields.find { it.name == 'apiKey' }.secret",
                        equalTo(true))
                .body("items.find { it.name == 'test-source' }.fields.find { it.name == 'batch' }.default",
                        equalTo("2"));
    }

    @Test
    void secretsAreWriteOnly() throws Exception {
        String name = unique("secret");
        String secret = "s3cr3t-" + name;
        String created = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"type\":\"test-source\",\"config\":{\"feed\":\"" + name
                        + "\",\"apiKey\":\"" + secret + "\"}}")
                .post("/api/v1/connectors").then().statusCode(201).body("secretsSet", hasItem("apiKey")).extract()
                .asString();
        assertFalse(created.contains(secret));
        // reconfigure without the secret: it is kept, and still never shown
        String updated = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"config\":{\"feed\":\"" + name + "\",\"batch\":3}}").put("/api/v1/connectors/" + name).then()
                .statusCode(200).body("secretsSet", hasItem("apiKey")).body("config.batch", equalTo(3)).extract()
                .asString();
        assertFalse(updated.contains(secret));
        for (String path : List.of("/api/v1/connectors/" + name, "/api/v1/connectors",
                "/api/v1/connectors/" + name + "/dead-letters")) {
            assertFalse(given().header("Authorization", ADMIN).get(path).asString().contains(secret), path);
        }
        String problems = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"type\":\"test-source\",\"config\":{\"feed\":\"x\",\"apiKey\":\"" + secret
                        + "\",\"batch\":1000}}")
                .post("/api/v1/connectors/validate").then().statusCode(200).body("valid", equalTo(false)).extract()
                .asString();
        assertFalse(problems.contains(secret));
        // stored apart from the visible configuration
        assertEquals(0, count("select count(*) from connector_instance where name = ? and config::text like ?", name,
                "%" + secret + "%"));
        assertEquals(1, count("select count(*) from connector_instance where name = ? and secrets ->> 'apiKey' = ?",
                name, secret));
        // and the connector gets it
        await("the connector to open", Duration.ofSeconds(5),
                () -> secret.equals(ScriptedConnectors.feed(name).secret));
        delete(name);
    }

    @Test
    void fileUrlsMustStayInsideTheDropDirectory() throws Exception {
        java.nio.file.Path drop = java.nio.file.Path.of("target/drop").toAbsolutePath().normalize();
        java.nio.file.Files.createDirectories(drop);
        String inside = drop.resolve("alerts/today.xml").toUri().toString();
        for (String url : List.of("file:///etc/passwd", drop.resolve("../../pom.xml").toUri().toString(),
                "file://evil.example/share/x", "ftp://example.org/x", "javascript:alert(1)")) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body("{\"type\":\"test-source\",\"config\":{\"feed\":\"f\",\"location\":\"" + url + "\"}}")
                    .post("/api/v1/connectors/validate").then().statusCode(200).body("valid", equalTo(false))
                    .body("problems[0].field", equalTo("location"));
        }
        for (String url : List.of(inside, "https://nchmf.gov.vn/cap/feed.atom")) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body("{\"type\":\"test-source\",\"config\":{\"feed\":\"f\",\"location\":\"" + url + "\"}}")
                    .post("/api/v1/connectors/validate").then().statusCode(200).body("valid", equalTo(true));
        }
    }

    @Test
    void hostileRequestsGetProblemsNeverErrors() throws Exception {
        record Case(String method, String path, String body, int status) {
        }
        String big = "x".repeat(5000);
        List<Case> cases = List.of(new Case("POST", "/api/v1/connectors", "{not json", 400),
                new Case("POST", "/api/v1/connectors", "[1,2]", 400),
                new Case("POST", "/api/v1/connectors", "null", 400),
                new Case("POST", "/api/v1/connectors",
                        "{\"name\":\"x'; drop table connector_instance;--\",\"type\":\"test-source\",\"config\":{\"feed\":\"f\"}}",
                        400),
                new Case("POST", "/api/v1/connectors",
                        "{\"name\":\"big\",\"type\":\"test-source\",\"config\":{\"feed\":\"" + big + "\"}}", 400),
                new Case("POST", "/api/v1/connectors",
                        "{\"name\":\"arr\",\"type\":\"test-source\",\"config\":[\"feed\"]}", 400),
                new Case("POST", "/api/v1/connectors",
                        "{\"name\":\"num\",\"type\":\"test-source\",\"config\":{\"feed\":\"f\",\"batch\":1e400}}", 400),
                new Case("POST", "/api/v1/connectors",
                        "{\"name\":\"act\",\"type\":\"test-source\",\"config\":{\"feed\":\"f\"},\"actAs\":\"vn\"}",
                        400),
                new Case("POST", "/api/v1/connectors/validate", "{\"type\":7}", 400),
                new Case("PUT", "/api/v1/connectors/nobody", "{\"config\":{}}", 404),
                new Case("POST", "/api/v1/connectors/nobody/pause", "", 404),
                new Case("POST", "/api/v1/connectors/nobody/run", "", 404),
                new Case("GET", "/api/v1/connectors/nobody/dead-letters", null, 404),
                new Case("POST", "/api/v1/connectors/nobody/dead-letters/not-a-uuid/replay", "", 404));
        for (Case c : cases) {
            var request = given().header("Authorization", ADMIN).contentType(ContentType.JSON);
            if (c.body() != null) {
                request = request.body(c.body());
            }
            request.request(c.method(), c.path()).then().statusCode(c.status()).contentType("application/problem+json");
        }
        assertEquals(0, count("select count(*) from connector_instance where name in ('big', 'arr', 'num', 'act')"),
                "nothing stored from a refused request");
    }

    @Test
    void badConfigurationsAreRefusedWithTheirFields() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"Bad Name\",\"type\":\"test-source\",\"config\":{\"batch\":\"two\",\"colour\":1}}")
                .post("/api/v1/connectors").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("config.feed"))
                .body("errors.field", hasItem("config.batch")).body("errors.field", hasItem("config.colour"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"type\":\"no-such-type\",\"config\":{}}").post("/api/v1/connectors").then()
                .statusCode(400).body("errors.field", hasItem("type"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(
                "{\"name\":\"x\",\"type\":\"test-source\",\"config\":{\"feed\":\"f\"},\"actAs\":{\"org\":\"nowhere\"}}")
                .post("/api/v1/connectors").then().statusCode(400).body("errors.field", hasItem("actAs.org"));
        given().header("Authorization", Tokens.bearer("vn", "writer")).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"type\":\"test-source\",\"config\":{\"feed\":\"f\"}}")
                .post("/api/v1/connectors").then().statusCode(403);
        given().get("/api/v1/connectors").then().statusCode(401);
    }

    @Test
    void aCrashBetweenBatchAndCheckpointLosesAndDuplicatesNothing() throws Exception {
        String name = unique("crash");
        ScriptedConnectors.Feed feed = ScriptedConnectors.feed(name);
        for (int i = 0; i < 5; i++) {
            feed.items.add(upsert(name, "item-" + i, "vn"));
        }
        CrashBeforeCheckpoint.ARMED.add(name);
        create(name, "test-source", "{\"feed\":\"" + name + "\"}", "vn");
        await("all five items", Duration.ofSeconds(20), () -> {
            try {
                return versionsBySource(name).size() == 5;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // every record exactly once, with one version: the crashed batch was written again, not twice
        assertEquals(List.of(1, 1, 1, 1, 1), versionsBySource(name));
        // the crashed batch rolled back its checkpoint: the first checkpoint was asked for again
        assertEquals("null", feed.checkpointsSeen.get(0));
        assertEquals("null", feed.checkpointsSeen.get(1));
        assertTrue(feed.checkpointsSeen.containsAll(List.of("2", "4")), feed.checkpointsSeen.toString());
        await("checkpoint 5", Duration.ofSeconds(5),
                () -> "5".equals(instance(name).getString("lanes.source.checkpoint")));
        JsonPath i = instance(name);
        assertEquals(1, i.getInt("lanes.source.counts.failures"));
        assertTrue(i.getString("lanes.source.lastError").contains("simulated crash"));
        // provenance: an import by the instance, acting for its organisation
        given().header("Authorization", ADMIN).get("/api/v1/incidents/" + idBySource(name, "item-0")).then()
                .statusCode(200).body("provenance.activity", equalTo("import"))
                .body("provenance.connector", equalTo(name))
                .body("provenance.author.subject", equalTo("connector:" + name))
                .body("provenance.author.org", equalTo("vn"));
        delete(name);
    }

    @Test
    void transientFailuresBackOffExponentiallyThenRecover() throws Exception {
        String name = unique("backoff");
        ScriptedConnectors.Feed feed = ScriptedConnectors.feed(name);
        feed.items.add(upsert(name, "only", "vn"));
        feed.transientFailures.set(4);
        create(name, "test-source", "{\"feed\":\"" + name + "\"}", "vn");
        await("recovery", Duration.ofSeconds(20), () -> {
            try {
                return versionsBySource(name).size() == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // retry base 100 ms: the n-th retry waits between 50·2ⁿ⁻¹ and 100·2ⁿ⁻¹ ms
        for (int n = 1; n <= 4; n++) {
            long gap = Duration.between(feed.polls.get(n - 1), feed.polls.get(n)).toMillis();
            long min = 50L << (n - 1);
            assertTrue(gap >= min - 5, "retry " + n + " came after " + gap + " ms, expected at least " + min);
        }
        await("failures reset", Duration.ofSeconds(5),
                () -> instance(name).getInt("lanes.source.consecutiveFailures") == 0);
        JsonPath i = instance(name);
        assertEquals(4, i.getInt("lanes.source.counts.failures"));
        assertEquals("source unreachable", i.getString("lanes.source.lastError"));
        assertEquals("running", i.getString("state"));
        delete(name);
    }

    @Test
    void aFailedInstanceIsRestartedAutomatically() throws Exception {
        String name = unique("restart");
        ScriptedConnectors.Feed feed = ScriptedConnectors.feed(name);
        feed.items.add(upsert(name, "a", "vn"));
        feed.fatalFailures.set(2);
        create(name, "test-source", "{\"feed\":\"" + name + "\"}", "vn");
        JsonPath[] seen = new JsonPath[1];
        await("failed", Duration.ofSeconds(5), () -> "failed".equals((seen[0] = instance(name)).getString("state")));
        // (one answer: the restart may come a few hundred milliseconds later)
        assertEquals("credentials refused", seen[0].getString("failure.message"));
        assertTrue(seen[0].getInt("failure.restarts") >= 1);
        await("recovered", Duration.ofSeconds(15),
                () -> "running".equals(instance(name).getString("state")) && instance(name).get("failure") == null);
        // opened three times: the first run and two automatic restarts; the item arrived once
        assertEquals(3, feed.opened.get());
        assertEquals(List.of(1), versionsBySource(name));
        delete(name);
    }

    @Test
    void pauseKeepsTheCheckpointAndResumeContinuesFromIt() throws Exception {
        String name = unique("pause");
        ScriptedConnectors.Feed feed = ScriptedConnectors.feed(name);
        feed.items.add(upsert(name, "1", "vn"));
        create(name, "test-source", "{\"feed\":\"" + name + "\"}", "vn");
        await("first item", Duration.ofSeconds(10),
                () -> "1".equals(instance(name).getString("lanes.source.checkpoint")));
        given().header("Authorization", ADMIN).post("/api/v1/connectors/" + name + "/pause").then().statusCode(200)
                .body("state", equalTo("paused"));
        Thread.sleep(500); // let a poll in progress finish
        int polls = feed.polls.size();
        feed.items.add(upsert(name, "2", "vn"));
        Thread.sleep(700);
        assertEquals(polls, feed.polls.size(), "a paused instance does not poll");
        given().header("Authorization", ADMIN).post("/api/v1/connectors/" + name + "/resume").then().statusCode(200);
        await("second item", Duration.ofSeconds(10),
                () -> "2".equals(instance(name).getString("lanes.source.checkpoint")));
        assertTrue(feed.checkpointsSeen.subList(polls, feed.checkpointsSeen.size()).stream()
                .allMatch(c -> !c.equals("null")), "resumed from the stored checkpoint");
        assertEquals(List.of(1, 1), versionsBySource(name));
        delete(name);
    }

    @Test
    void sourceDeadLettersCanBeReplayedOrDiscardedAndAreRecorded() throws Exception {
        String name = unique("dlq");
        String lateOrg = "vn.t-" + name;
        ScriptedConnectors.Feed feed = ScriptedConnectors.feed(name);
        ObjectNode invalid = Bodies.incident();
        invalid.putObject("sourceRef").put("system", name).put("id", "invalid");
        invalid.put("riskLevel", 9);
        feed.items.add(new SourceItem.Upsert("incident", invalid.toString()));
        feed.items.add(upsert(name, "late", lateOrg)); // its owner is not registered yet
        feed.items.add(upsert(name, "fine", "vn"));
        feed.items.add(new SourceItem.Refused("file:///drop/alert-7.xml", "<alert><broken", "malformed XML at line 1"));
        create(name, "test-source", "{\"feed\":\"" + name + "\"}", "vn");
        await("checkpoint 4", Duration.ofSeconds(10),
                () -> "4".equals(instance(name).getString("lanes.source.checkpoint")));
        assertEquals(List.of(1), versionsBySource(name), "the valid item is stored, the others are not");
        JsonPath dead = given().header("Authorization", ADMIN).get("/api/v1/connectors/" + name + "/dead-letters")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, dead.getList("items").size());
        assertEquals(3, instance(name).getInt("deadLetters"));
        String refusedId = dead.getString("items.find { it.itemType == 'refused' }.id");
        assertEquals("file:///drop/alert-7.xml", dead.getString("items.find { it.itemType == 'refused' }.detail"));
        assertEquals("<alert><broken", dead.getString("items.find { it.itemType == 'refused' }.item"));
        String invalidId = dead.getString("items.find { it.item.sourceRef.id == 'invalid' }.id");
        String lateId = dead.getString("items.find { it.item.sourceRef.id == 'late' }.id");
        assertTrue(dead.getString("items.find { it.item.sourceRef.id == 'invalid' }.reason").contains("riskLevel"));

        // replaying the invalid one fails again, and says why
        given().header("Authorization", ADMIN)
                .post("/api/v1/connectors/" + name + "/dead-letters/" + invalidId + "/replay").then().statusCode(409)
                .body("detail", containsString("riskLevel"));
        // once the owner is registered the other one goes through
        Orgs.ensure(lateOrg);
        given().header("Authorization", ADMIN)
                .post("/api/v1/connectors/" + name + "/dead-letters/" + lateId + "/replay").then().statusCode(200)
                .body("status", equalTo("replayed"));
        given().header("Authorization", ADMIN).get("/api/v1/incidents/" + idBySource(name, "late")).then()
                .statusCode(200).body("owner", equalTo(lateOrg)).body("provenance.connector", equalTo(name));
        given().header("Authorization", ADMIN)
                .post("/api/v1/connectors/" + name + "/dead-letters/" + invalidId + "/discard").then().statusCode(200)
                .body("status", equalTo("discarded")).body("attempts", equalTo(2));
        given().header("Authorization", ADMIN)
                .post("/api/v1/connectors/" + name + "/dead-letters/" + invalidId + "/discard").then().statusCode(409);
        assertEquals(1, instance(name).getInt("deadLetters"));
        // what the connector could not read cannot be replayed, only discarded once fixed at the source
        given().header("Authorization", ADMIN)
                .post("/api/v1/connectors/" + name + "/dead-letters/" + refusedId + "/replay").then().statusCode(409)
                .body("detail", containsString("malformed XML"));
        given().header("Authorization", ADMIN)
                .post("/api/v1/connectors/" + name + "/dead-letters/" + refusedId + "/discard").then().statusCode(200);
        assertEquals(0, instance(name).getInt("deadLetters"));
        assertEquals(1, count("select count(*) from connector_activity where instance = ? and action = 'replay'"
                + " and dead_letter_id = ?::uuid", name, lateId));
        assertEquals(1, count("select count(*) from connector_activity where instance = ? and action = 'discard'"
                + " and dead_letter_id = ?::uuid", name, invalidId));
        assertEquals(3,
                count("select count(*) from connector_activity where instance = ? and action = 'dead-letter'", name));
        delete(name);
    }

    @Test
    void aSinkSeesWhatItsIdentityMaySeeAndItsRejectionsCanBeReplayed() throws Exception {
        String name = unique("sink");
        String mine = "vn.t-" + name + "-a";
        String other = "vn.t-" + name + "-b";
        Orgs.ensure(mine);
        Orgs.ensure(other);
        ScriptedConnectors.Target target = ScriptedConnectors.target(name);
        java.util.concurrent.atomic.AtomicBoolean refusing = new java.util.concurrent.atomic.AtomicBoolean(true);
        target.answer = c -> refusing.get() && c.json().contains("REFUSE-ME")
                ? new Delivery.Rejected("receiver refuses " + c.id()) : Delivery.ok();
        // a new sink starts at the beginning of the feed; the records below come after what is there
        create(name, "test-sink", "{\"target\":\"" + name + "\"}", mine);
        await("sink lane", Duration.ofSeconds(5), () -> instance(name).getString("lanes.sink.checkpoint") != null);
        String visible = createRestricted(mine, "REFUSE-ME");
        String hidden = createRestricted(other, "hidden");
        String second = createRestricted(mine, "second");
        await("delivery", Duration.ofSeconds(10), () -> target.received.stream().anyMatch(c -> c.id().equals(second)));
        assertFalse(target.received.stream().anyMatch(c -> c.id().equals(hidden)),
                "another organisation's restricted record");
        assertFalse(target.received.stream().anyMatch(c -> c.id().equals(visible)), "rejected");
        JsonPath dead = given().header("Authorization", ADMIN).get("/api/v1/connectors/" + name + "/dead-letters")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, dead.getList("items").size());
        assertEquals(visible, dead.getString("items[0].recordId"));
        String hash = dead.getString("items[0].hash");
        refusing.set(false);
        given().header("Authorization", ADMIN)
                .post("/api/v1/connectors/" + name + "/dead-letters/" + dead.getString("items[0].id") + "/replay")
                .then().statusCode(200).body("status", equalTo("replayed"));
        assertTrue(target.received.stream().anyMatch(c -> c.id().equals(visible) && c.hash().equals(hash)),
                "replayed with the same version and hash");
        delete(name);
    }

    @Test
    void aSinkBackingOffIsNotHurriedByNewChanges() throws Exception {
        String name = unique("sinkoff");
        String org = "vn.t-" + name;
        Orgs.ensure(org);
        ScriptedConnectors.Target target = ScriptedConnectors.target(name);
        target.unreachable = true;
        create(name, "test-sink", "{\"target\":\"" + name + "\"}", org);
        await("first failure", Duration.ofSeconds(5), () -> target.attempts.get() > 0);
        Instant start = Instant.now();
        int before = target.attempts.get();
        for (int i = 0; i < 20; i++) { // twenty commits, each of which would wake an idle sink
            createRestricted(org, "busy " + i);
        }
        Thread.sleep(Math.max(0, 1500 - Duration.between(start, Instant.now()).toMillis()));
        int attempts = target.attempts.get() - before;
        // backoff from 100 ms doubling: at most about five attempts in 1.5 s, however many changes arrive
        assertTrue(attempts <= 6, attempts + " delivery attempts in 1.5 s while backing off");
        target.unreachable = false;
        given().header("Authorization", ADMIN).post("/api/v1/connectors/" + name + "/run").then().statusCode(202);
        await("delivery after recovery", Duration.ofSeconds(10), () -> target.received.size() >= 20);
        delete(name);
    }

    private static String createRestricted(String org, String title) {
        ObjectNode body = Bodies.incident();
        body.put("title", title);
        body.put("classification", "restricted");
        return given().header("Authorization", Tokens.bearer(org, "writer")).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    @Test
    void anInstanceLeasedByAnotherHubProcessRunsThereOnly() throws Exception {
        String name = unique("lease");
        ScriptedConnectors.Feed feed = ScriptedConnectors.feed(name);
        feed.items.add(upsert(name, "x", "vn"));
        // another process holds the lease for the next two seconds
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\":\"" + name
                + "\",\"type\":\"test-source\",\"config\":{\"feed\":\"" + name + "\"},\"actAs\":{\"org\":\"vn\"}}")
                .post("/api/v1/connectors").then().statusCode(201);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update connector_instance set lease_owner = 'other-hub/1', lease_until = now() + interval '3 seconds'"
                        + " where name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        // (the supervisor may have taken it in the instant before; then it loses it at the next renewal)
        Thread.sleep(1200);
        int pollsWhileLeased = feed.polls.size();
        Thread.sleep(500);
        assertEquals(pollsWhileLeased, feed.polls.size(), "no polls while another process holds the lease");
        await("takeover after expiry", Duration.ofSeconds(10), () -> feed.polls.size() > pollsWhileLeased);
        await("item", Duration.ofSeconds(5), () -> "1".equals(instance(name).getString("lanes.source.checkpoint")));
        delete(name);
    }
}
