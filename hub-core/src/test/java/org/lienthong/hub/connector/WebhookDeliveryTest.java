package org.lienthong.hub.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The built-in webhook connector run by the hub's runtime against a real local receiver that verifies Standard Webhooks
 * signatures on its own, fails the first attempts of one event, and rejects another until told otherwise; the rejected
 * event goes to the dead-letter queue and its replay arrives with the same event id.
 */
@QuarkusTest
class WebhookDeliveryTest {

    static final String ADMIN = Tokens.bearer("vn", "admin");

    HttpServer server;
    byte[] key;
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    /** What each receiver path accepted. */
    final Map<String, List<JsonNode>> acceptedAt = new ConcurrentHashMap<>();
    final AtomicInteger badSignatures = new AtomicInteger();
    final AtomicBoolean rejecting = new AtomicBoolean(true);

    @BeforeEach
    void receiver() throws IOException {
        key = new byte[32];
        new SecureRandom().nextBytes(key);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : List.of("/hook", "/default", "/opted-in")) {
            server.createContext(path, this::receive);
        }
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void receive(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        String id = x.getRequestHeaders().getFirst("webhook-id");
        String timestamp = x.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = x.getRequestHeaders().getFirst("webhook-signature");
        int status;
        if (!verifies(id, timestamp, body, signature)) {
            badSignatures.incrementAndGet();
            status = 401;
        } else {
            JsonNode event = Bodies.JSON.readTree(body);
            String title = event.path("data").path("title").asText();
            int n = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (title.startsWith("FLAKY") && n <= 2) {
                status = 503;
            } else if (title.startsWith("REJECT-ME") && rejecting.get()) {
                status = 400;
            } else {
                accepted.add(event);
                acceptedAt.computeIfAbsent(x.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>()).add(event);
                status = 204;
            }
        }
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    /** Standard Webhooks: base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), compared in constant time. */
    private boolean verifies(String id, String timestamp, byte[] body, String header) {
        try {
            if (id == null || timestamp == null || header == null
                    || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = Base64.getEncoder().encode(mac.doFinal(body));
            for (String candidate : header.split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        candidate.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private String incident(String org, String title) {
        ObjectNode body = Bodies.incident();
        body.put("title", title);
        return given().header("Authorization", Tokens.bearer(org, "writer")).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    private String threat(String org, String title, boolean exercise) {
        ObjectNode body = Bodies.threat();
        body.put("title", title);
        if (exercise) {
            body.put("exercise", true);
        }
        return given().header("Authorization", Tokens.bearer(org, "writer")).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/v1/threats").then().statusCode(201).extract().path("id");
    }

    private void webhook(String name, String path, String org, String extra) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"type\":\"webhook\",\"config\":{\"url\":\"http://127.0.0.1:"
                        + server.getAddress().getPort() + path + "\",\"secret\":\"whsec_"
                        + Base64.getEncoder().encodeToString(key) + "\",\"kinds\":[\"threat\"]" + extra
                        + "},\"actAs\":{\"org\":\"" + org + "\"}}")
                .post("/api/v1/connectors").then().statusCode(201);
    }

    /** The records whose events reached {@code path}, in order, among {@code ids}. */
    private List<String> subjectsAt(String path, List<String> ids) {
        return acceptedAt.getOrDefault(path, List.of()).stream().map(e -> e.path("subject").asText())
                .filter(ids::contains).toList();
    }

    /**
     * Two webhook instances follow the same threats: the one left at the default never receives the drill and is not
     * held up by it (the real threat written after it arrives); the one with includeExercise receives it, marked. (A
     * new sink starts at the beginning of the feed, so both also receive other tests' public threats: only this test's
     * threats are compared.)
     */
    @Test
    void drillsReachOnlyAWebhookThatOptsIn() throws Exception {
        String name = ConnectorRuntimeTest.unique("drill");
        String org = "vn.t-" + name;
        Orgs.ensure(org);
        List<String> instances = List.of(name + "-default", name + "-opted-in");
        webhook(instances.get(0), "/default", org, "");
        webhook(instances.get(1), "/opted-in", org, ",\"includeExercise\":true");
        try {
            String before = threat(org, "Cảnh báo bão (thật)", false);
            String drill = threat(org, "Diễn tập cảnh báo bão", true);
            String after = threat(org, "Cảnh báo lũ (thật)", false);
            List<String> mine = List.of(before, drill, after);
            ConnectorRuntimeTest.await("deliveries", Duration.ofSeconds(30),
                    () -> subjectsAt("/default", mine).contains(after)
                            && subjectsAt("/opted-in", mine).contains(after));

            assertEquals(List.of(before, after), subjectsAt("/default", mine),
                    "the default instance: the real threats, in order");
            assertEquals(mine, subjectsAt("/opted-in", mine), "the opted-in instance: all three, in order");
            JsonNode event = eventsFor(drill).get(0);
            assertEquals(true, event.path("data").path("exercise").asBoolean(), event.toString());
            assertEquals("org.lienthong.threat.created", event.path("type").asText());
            assertEquals(1, eventsFor(drill).size(), "the drill once, to the opted-in instance only");
            for (String instance : instances) {
                given().header("Authorization", ADMIN).get("/api/v1/connectors/" + instance + "/dead-letters").then()
                        .statusCode(200).body("items.size()", equalTo(0));
            }
        } finally {
            for (String instance : instances) {
                given().header("Authorization", ADMIN).delete("/api/v1/connectors/" + instance).then().statusCode(204);
            }
        }
    }

    private List<JsonNode> eventsFor(String id) {
        return accepted.stream().filter(e -> id.equals(e.path("subject").asText())).toList();
    }

    @Test
    void eventsAreSignedRetriedDeadLetteredAndReplayedWithTheSameId() throws Exception {
        String name = ConnectorRuntimeTest.unique("hook");
        String org = "vn.t-" + name;
        Orgs.ensure(org);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"type\":\"webhook\",\"config\":{\"url\":\"http://127.0.0.1:"
                        + server.getAddress().getPort() + "/hook\",\"secret\":\"" + secret
                        + "\",\"kinds\":[\"incident\"]},\"actAs\":{\"org\":\"" + org + "\"}}")
                .post("/api/v1/connectors").then().statusCode(201);
        String flaky = incident(org, "FLAKY: sạt lở đất");
        String refused = incident(org, "REJECT-ME: ngập lụt");
        String plain = incident(org, "Lũ quét");
        ConnectorRuntimeTest.await("deliveries", Duration.ofSeconds(20),
                () -> !eventsFor(flaky).isEmpty() && !eventsFor(plain).isEmpty());

        JsonNode event = eventsFor(flaky).get(0);
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals("org.lienthong.incident.created", event.path("type").asText());
        assertEquals(flaky, event.path("subject").asText());
        assertEquals("urn:lienthong:hub:hub-test", event.path("source").asText());
        JsonNode record = given().header("Authorization", ADMIN).get("/api/v1/incidents/" + flaky).then()
                .statusCode(200).extract().as(JsonNode.class);
        assertEquals(record.path("provenance").path("hash").asText(), event.path("id").asText(), "event id = hash");
        assertEquals(record, event.path("data"));
        assertEquals(3, attempts.get(event.path("id").asText()).get(), "two 503s, then delivered");
        assertEquals(1, eventsFor(flaky).size());
        assertEquals(0, badSignatures.get());

        // the refused event is in the dead-letter queue, with the receiver's answer
        JsonPath dead = given().header("Authorization", ADMIN).get("/api/v1/connectors/" + name + "/dead-letters")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(refused), dead.getList("items.recordId"));
        assertTrue(dead.getString("items[0].reason").contains("400"), dead.getString("items[0].reason"));
        String hash = dead.getString("items[0].hash");
        rejecting.set(false);
        given().header("Authorization", ADMIN)
                .post("/api/v1/connectors/" + name + "/dead-letters/" + dead.getString("items[0].id") + "/replay")
                .then().statusCode(200).body("status", equalTo("replayed"));
        List<JsonNode> replayed = eventsFor(refused);
        assertEquals(1, replayed.size());
        assertEquals(hash, replayed.get(0).path("id").asText(), "the replay carries the same event id");
        assertEquals(2, attempts.get(hash).get());

        // the secret is in no answer
        for (String path : List.of("/api/v1/connectors/" + name, "/api/v1/connectors",
                "/api/v1/connectors/" + name + "/dead-letters?status=all")) {
            assertTrue(!given().header("Authorization", ADMIN).get(path).asString().contains(secret.substring(6)),
                    path);
        }
        given().header("Authorization", ADMIN).delete("/api/v1/connectors/" + name).then().statusCode(204);
    }
}
