package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.lienthong.it.Await.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Operations, with real hub processes: JSON logs and OpenTelemetry tracing are switched on by configuration alone (the
 * environment, no rebuild), and a hub told to stop (SIGTERM) first finishes what it is doing: requests in flight,
 * change-feed long-polls (answered at once) and connector batches. Figures go to
 * {@code sync-it/target/ops-figures.txt}.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class OperationsIT {

    static final SecureRandom RANDOM = new SecureRandom();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** JBoss Logging's levels and, for messages logged through java.util.logging, its own. */
    static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "FINEST", "FINER",
            "FINE", "CONFIG", "WARNING", "SEVERE");
    /** The hub's plain console format: {@code 2026-11-23 14:47:02,134 INFO  [logger] (thread) message}. */
    static final Pattern PLAIN_LINE = Pattern
            .compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR|FATAL) +\\[.*");

    static final List<Hub> HUBS = new ArrayList<>();
    static final List<HttpServer> SERVERS = new ArrayList<>();
    static final List<String> FIGURES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void database() {
        Databases.port(); // fails at once, with the reason, outside bin/test
    }

    @AfterAll
    static void stop() {
        HUBS.forEach(Hub::kill);
        SERVERS.forEach(s -> s.stop(0));
        Databases.dropAll();
    }

    // ---------------------------------------------------------------- JSON logs

    @Test
    void jsonLogsAreSwitchedOnByConfigurationAndHoldNoTokenSecretOrBody() {
        // DEBUG everywhere, so that libraries that would log a token or a body at DEBUG get the chance to
        Hub plain = hub("ops-plain");
        Hub json = hub("ops-json").env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        for (Hub h : List.of(plain, json)) {
            h.env("QUARKUS_LOG_LEVEL", "DEBUG").env("QUARKUS_LOG_CATEGORY__ORG_LIENTHONG__LEVEL", "DEBUG");
        }
        Hub.startAll(List.of(plain, json));

        String token = Jwts.admin("vn");
        String[] parts = token.split("\\.");
        // the same header and claims with another signature: refused, and what is refused is not logged either
        String forged = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(256));
        String secret = "whsec_" + Base64.getEncoder().encodeToString(randomBytes(32));
        String marker = "ops-body-" + HexFormat.of().formatHex(randomBytes(8));
        for (Hub h : List.of(plain, json)) {
            Client admin = h.as(token);
            ObjectNode body = Bodies.incident();
            body.put("owner", "vn").put("classification", "internal").put("title", marker);
            admin.create("incident", body);
            ObjectNode invalid = body.deepCopy().put("riskLevel", 9).put("description", marker + "-invalid");
            admin.postJson("/api/v1/incidents", invalid).expect(400);
            h.as(forged).get("/api/v1/changes").expect(401);
            admin.createConnector(webhook("ops-hook", "http://127.0.0.1:9/hook", secret, 10)).expect(201);
            assertFalse(admin.connector("ops-hook").expect(200).body().contains(secret), "the secret is write-only");
            h.stop(); // gracefully: the shutdown is logged too
        }

        List<String> jsonLines = nonBlank(json.output());
        assertTrue(jsonLines.size() > 20, "the JSON hub wrote " + jsonLines.size() + " lines: " + jsonLines);
        int own = 0;
        int debug = 0;
        boolean started = false;
        for (String line : jsonLines) {
            JsonNode entry;
            try {
                entry = Client.JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line in the output of " + json + ": " + line, e);
            }
            assertTrue(entry.isObject(), "not a JSON object: " + line);
            assertTrue(entry.path("timestamp").isTextual(), "no timestamp: " + line);
            OffsetDateTime.parse(entry.path("timestamp").asText()); // throws when it is not a timestamp
            assertTrue(LEVELS.contains(entry.path("level").asText()), "no level: " + line);
            assertTrue(entry.path("message").isTextual(), "no message: " + line);
            assertEquals("ops-json", entry.path("hubId").asText(), "hubId of: " + line);
            assertEquals("lienthong-hub", entry.path("service").asText(), "service of: " + line);
            own += entry.path("loggerName").asText().startsWith("org.lienthong") ? 1 : 0;
            debug += "DEBUG".equals(entry.path("level").asText()) ? 1 : 0;
            started |= entry.path("message").asText().contains("started in");
        }
        assertTrue(started, "the JSON output has Quarkus' 'started in' line");
        assertTrue(own > 0, "the hub's own messages are JSON too");
        assertTrue(debug > 0, "QUARKUS_LOG_LEVEL=DEBUG was applied, so the checks below saw DEBUG output");

        List<String> plainLines = nonBlank(plain.output());
        assertTrue(plainLines.stream().noneMatch(l -> l.startsWith("{")),
                "the default hub writes plain text: " + plainLines.stream().filter(l -> l.startsWith("{")).findFirst());
        assertTrue(
                plainLines.stream().anyMatch(
                        l -> PLAIN_LINE.matcher(l).matches() && l.contains("started in") && l.contains(" INFO ")),
                "the default hub's 'started in' line in the plain format: "
                        + plainLines.subList(0, Math.min(5, plainLines.size())));
        assertTrue(plainLines.stream().anyMatch(l -> PLAIN_LINE.matcher(l).matches() && l.contains(" DEBUG ")),
                "QUARKUS_LOG_LEVEL=DEBUG was applied to the default hub too");

        Map<String, String> neverLogged = Map.of("the token", token, "the token's claims", parts[1],
                "the token's signature", parts[2], "the forged token's signature", forged.split("\\.")[2],
                "the webhook secret", secret.substring("whsec_".length()), "a request body", marker);
        for (Hub h : List.of(plain, json)) {
            String all = String.join("\n", h.output());
            neverLogged.forEach((what, value) -> assertFalse(all.contains(value),
                    what + " appears in the output of " + h + " (" + h.log() + ")"));
        }
        figure("logs: default hub %d plain lines, QUARKUS_LOG_CONSOLE_JSON_ENABLED=true hub %d JSON lines (each with"
                + " hubId and service), both at DEBUG; no token, secret or body in either", plainLines.size(),
                jsonLines.size());
    }

    // ---------------------------------------------------------------- tracing

    @Test
    void spansGoToTheCollectorOnlyWhenTracingIsSwitchedOn() {
        Collector collector = new Collector();
        Collector idle = new Collector();
        Hub traced = hub("ops-traced").env("QUARKUS_OTEL_SDK_DISABLED", "false");
        Hub untraced = hub("ops-untraced"); // the default: tracing off, even with an endpoint configured
        for (Hub h : List.of(traced, untraced)) {
            h.env("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                    .env("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", (h == traced ? collector : idle).url())
                    .env("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
        }
        Hub.startAll(List.of(traced, untraced));
        String token = Jwts.admin("vn");

        String health = traceId();
        String metrics = traceId();
        String api = traceId();
        String elsewhere = traceId();
        // health and metrics first: had they been traced, their spans would be sent no later than the API call's
        assertEquals(200, call(traced, "/q/health/ready", null, health).statusCode());
        assertEquals(200, call(traced, "/q/metrics", token, metrics).statusCode());
        long sent = System.nanoTime();
        assertEquals(200, call(traced, "/api/v1/changes?limit=1", token, api).statusCode());
        assertEquals(200, call(untraced, "/api/v1/changes?limit=1", token, elsewhere).statusCode());

        Collector.Export export = await("an OTLP export with trace " + api + " from " + traced, Duration.ofSeconds(30),
                () -> collector.exports().stream().filter(e -> contains(e.body(), HexFormat.of().parseHex(api)))
                        .findFirst());
        long exportMillis = (System.nanoTime() - sent) / 1_000_000;
        assertEquals("POST", export.method());
        assertEquals("/v1/traces", export.path());
        assertTrue(export.contentType().startsWith("application/x-protobuf"), export.contentType());
        for (String text : List.of("lienthong-hub", "service.name", "hub.id", "ops-traced", "/api/v1/changes")) {
            assertTrue(contains(export.body(), text.getBytes(StandardCharsets.UTF_8)),
                    "the export holds '" + text + "' (service name, hub id resource attribute, route)");
        }

        Hub.sleep(2000); // 20 times the batch delay: anything else either hub had would have been sent by now
        for (Collector.Export e : collector.exports()) {
            assertEquals("/v1/traces", e.path(), "only traces are exported (metrics: /q/metrics; logs: console)");
            assertFalse(contains(e.body(), HexFormat.of().parseHex(health)), "/q/health is not traced");
            assertFalse(contains(e.body(), HexFormat.of().parseHex(metrics)), "/q/metrics is not traced");
        }
        assertEquals(List.of(), idle.exports().stream().map(Collector.Export::path).toList(),
                "a hub with the default configuration sends nothing to the collector");
        figure("tracing: the span of a call with a traceparent reached the OTLP/HTTP collector %d ms after the call began"
                + " (batch delay 100 ms); %d export(s), none from the hub with tracing off", exportMillis,
                collector.exports().size());
    }

    // ---------------------------------------------------------------- graceful shutdown

    @Test
    void aHubToldToStopFinishesWhatItIsDoingFirst() throws Exception {
        Duration delay = Duration.ofSeconds(2);
        WebhookReceiver hooks = new WebhookReceiver();
        Hub hub = hub("ops-graceful").env("QUARKUS_SHUTDOWN_DELAY", delay.toSeconds() + "s");
        hub.start();
        Client admin = hub.as(Jwts.admin("vn"));
        // a connector batch under way: five threats, then a webhook instance, whose first batch is all five; the
        // receiver holds the first event until the SIGTERM and then takes 1.5 s for each, so the batch runs well into
        // the shutdown
        List<String> threats = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode threat = Bodies.threat();
            threat.put("owner", "vn").put("classification", "internal").put("title", "Cảnh báo " + i);
            threats.add(admin.create("threat", threat).path("id").asText());
        }
        String secret = "whsec_" + Base64.getEncoder().encodeToString(randomBytes(32));
        admin.createConnector(webhook("ops-hook", hooks.url(), secret, 60)).expect(201);
        await("the first webhook delivery", Duration.ofSeconds(30), () -> hooks.arrived() > 0);

        // a long-poll that nothing will answer (no resources are written): it would wait its 30 s
        String next = admin.get("/api/v1/changes?kinds=resource").expect(200).json().path("next").asText();
        CompletableFuture<HttpResponse<String>> longPoll = async(hub, "GET",
                "/api/v1/changes?kinds=resource&wait=30&after=" + next, null);
        // an ingest of 10 000 incidents from a slow client: the body arrives in 40 parts, 100 ms apart, so the request
        // is still arriving when the shutdown delay ends, whatever the machine's speed
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            ObjectNode item = Bodies.incident();
            item.put("kind", "incident").put("owner", "vn").put("classification", "internal").put("title",
                    "Sự cố thử nghiệm số " + i);
            item.putObject("sourceRef").put("system", "ops-it").put("id", "graceful-" + i);
            ndjson.append(item).append('\n');
        }
        SlowBody upload = new SlowBody(ndjson.toString().getBytes(StandardCharsets.UTF_8), 40, 100);
        CompletableFuture<HttpResponse<String>> ingest = async(hub, "POST", "/api/v1/ingest",
                HttpRequest.BodyPublishers.ofInputStream(() -> upload));
        await("a quarter of the upload", Duration.ofSeconds(30), () -> upload.sent() >= upload.size() / 4);
        long atStop = upload.sent();
        assertFalse(ingest.isDone(), "the ingest ended before the hub was told to stop: " + ingest);
        assertFalse(longPoll.isDone(), "the long-poll ended before the hub was told to stop: " + longPoll);

        long t0 = System.nanoTime();
        hub.terminate();
        hooks.release();
        // while the delay lasts the hub still serves, but reports not ready, so load balancers move away
        HttpRequest ready = HttpRequest.newBuilder(URI.create(hub.url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        await("readiness DOWN (503) during the shutdown delay", delay.plusSeconds(1), () -> status(ready) == 503);
        long readyMillis = millisSince(t0);

        HttpResponse<String> polled = longPoll.get(20, TimeUnit.SECONDS);
        long pollMillis = millisSince(t0);
        assertEquals(200, polled.statusCode(), polled.body());
        JsonNode page = Client.JSON.readTree(polled.body());
        assertEquals(0, page.path("changes").size(), polled.body());
        assertFalse(page.path("next").asText().isEmpty(), "the page says where to continue: " + polled.body());
        assertEquals("ops-graceful", page.path("hub").asText(), polled.body());
        assertTrue(pollMillis < 5000, "the long-poll (wait=30) was answered " + pollMillis + " ms after SIGTERM");

        HttpResponse<String> ingested = ingest.get(60, TimeUnit.SECONDS);
        long ingestMillis = millisSince(t0);
        assertEquals(200, ingested.statusCode(), Client.abbreviate(ingested.body()));
        JsonNode result = Client.JSON.readTree(ingested.body()); // the whole body: it parses
        assertEquals(10_000, result.path("created").asInt(), Client.abbreviate(ingested.body()));
        assertEquals(0, result.path("rejected").asInt());
        assertEquals(10_000, result.path("results").size());
        assertTrue(ingestMillis > delay.toMillis(), "the ingest was still in flight when the delay ended ("
                + ingestMillis + " ms): the HTTP server waited for it");

        int status = hub.awaitExit(Duration.ofSeconds(45));
        long exitMillis = millisSince(t0);
        assertTrue(exitMillis < 25_000, "the hub exited " + exitMillis + " ms after SIGTERM; its limits are the delay"
                + " (2 s) and quarkus.shutdown.timeout (30 s)");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), hub.port()), 2000);
            fail("the stopped hub's port still accepts connections");
        } catch (ConnectException expected) {
            // refused: nothing listens any more
        }

        // the writes are committed; the connector finished its batch, saved its checkpoint and freed its lease
        assertEquals(10_000, incidents(hub), "incidents stored");
        assertNull(
                query(hub, "select lease_owner from connector_instance where name = 'ops-hook'", r -> r.getString(1)),
                "the webhook instance's lease is released");
        List<String> hashes = threats.stream().map(
                id -> query(hub, "select hash from record_head where id = '" + id + "'::uuid", r -> r.getString(1)))
                .toList();
        assertEquals(hashes, hooks.ids(), "each threat delivered once, in order, the batch not cut short");
        long batchMillis = (hooks.lastAnsweredAt() - t0) / 1_000_000;
        assertTrue(hooks.lastAnsweredAt() - t0 < exitMillis * 1_000_000,
                "the last delivery was answered before the hub exited");
        assertFalse(String.join("\n", hub.output()).contains(secret.substring(6)), "the secret is not logged");

        // after a restart: the records are there and the webhook goes on after its checkpoint, sending nothing twice
        hooks.holdEach(0);
        hub.start();
        String last = result.path("results").get(9_999).path("id").asText();
        assertEquals("Sự cố thử nghiệm số 9999", admin.read("incident", last).path("title").asText());
        ObjectNode sixth = Bodies.threat();
        sixth.put("owner", "vn").put("classification", "internal").put("title", "Cảnh báo 5");
        JsonNode created = admin.create("threat", sixth);
        String hash = created.path("provenance").path("hash").asText();
        await("the delivery of a threat written after the restart", Duration.ofSeconds(30),
                () -> hooks.ids().contains(hash));
        List<String> expected = new ArrayList<>(hashes);
        expected.add(hash);
        assertEquals(expected, hooks.ids(), "after the restart only the new threat was delivered");

        figure("graceful shutdown (SIGTERM, quarkus.shutdown.delay 2 s, timeout 30 s), with a long-poll, an ingest of"
                + " 10 000 incidents from a slow client (%d of %d bytes sent at SIGTERM) and a webhook batch of 5 (1.5 s"
                + " each) in flight: readiness"
                + " 503 after %d ms; long-poll (wait=30) answered 200 after %d ms; ingest answered 200 (10 000 created)"
                + " after %d ms; webhook batch done after %d ms; process exited after %d ms (status %d); port refused"
                + " afterwards", atStop, upload.size(), readyMillis, pollMillis, ingestMillis, batchMillis, exitMillis,
                status);
    }

    @Test
    void aPullingHubStopsWithoutWaitingForItsPeersLongPoll() {
        Hub peer = hub("ops-peer");
        Hub puller = hub("ops-puller");
        Hub.startAll(List.of(peer, puller));
        Client atPeer = peer.as(Jwts.admin("vn"));
        Client atPuller = puller.as(Jwts.admin("vn"));
        // pull with the longest long-poll a hub-peer source asks for (25 s)
        ObjectNode link = Client.JSON.createObjectNode().put("name", "ops-pull").put("type", "hub-peer");
        ObjectNode config = link.putObject("config").put("url", peer.url())
                .put("token", Jwts.connector("vn", "hub:ops-puller")).put("direction", "pull")
                .put("intervalSeconds", 25);
        List.of("threat", "incident", "resource").forEach(config.putArray("kinds")::add);
        link.putObject("actAs").put("org", "vn").put("clearance", "restricted");
        atPuller.createConnector(link).expect(201);

        ObjectNode threat = Bodies.threat();
        threat.put("owner", "vn").put("classification", "internal");
        String id = atPeer.create("threat", threat).path("id").asText();
        await("the threat pulled from " + peer, Duration.ofSeconds(30), () -> atPuller.find("threat", id).isPresent());
        Hub.sleep(2000); // the source's next poll is now waiting on the peer, for up to 25 s

        long t0 = System.nanoTime();
        puller.terminate();
        int status = puller.awaitExit(Duration.ofSeconds(45));
        long exitMillis = millisSince(t0);
        assertTrue(exitMillis < 10_000, "the puller exited " + exitMillis + " ms after SIGTERM; its poll of the peer"
                + " would have waited up to 25 s");
        assertNull(query(puller, "select lease_owner from connector_instance where name = 'ops-pull'",
                r -> r.getString(1)), "the lease is released");
        assertNull(
                query(puller, "select last_error from connector_lane where instance = 'ops-pull' and lane = 'source'",
                        r -> r.getString(1)),
                "the cancelled poll is not recorded as a failure");

        // the link goes on from its checkpoint after a restart
        puller.start();
        String second = atPeer.create("threat", threat).path("id").asText();
        await("a threat written after the restart, pulled", Duration.ofSeconds(30),
                () -> atPuller.find("threat", second).isPresent());
        assertEquals(2, atPuller.changes("threat").size(), "each threat once on the puller");
        figure("a hub pulling from a peer (hub-peer, intervalSeconds 25, its long-poll waiting on the peer) exited %d"
                + " ms after SIGTERM (status %d): the waiting poll is cancelled, lease released, no failure recorded",
                exitMillis, status);
    }

    // ---------------------------------------------------------------- helpers

    static Hub hub(String id) {
        Hub h = Hub.create(id);
        HUBS.add(h);
        return h;
    }

    static ObjectNode webhook(String name, String url, String secret, int timeoutSeconds) {
        ObjectNode body = Client.JSON.createObjectNode().put("name", name).put("type", "webhook");
        ObjectNode config = body.putObject("config").put("url", url).put("secret", secret).put("timeoutSeconds",
                timeoutSeconds);
        config.putArray("kinds").add("threat");
        body.putObject("actAs").put("org", "vn").put("clearance", "restricted");
        return body;
    }

    /** A GET with a W3C traceparent (sampled) and, unless null, a bearer token. */
    static HttpResponse<String> call(Hub hub, String path, String token, String traceId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url() + path)).timeout(Duration.ofSeconds(30))
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call made in the background with an admin token; NDJSON when there is a body. */
    static CompletableFuture<HttpResponse<String>> async(Hub hub, String method, String path,
            HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url() + path)).timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + Jwts.admin("vn")).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/x-ndjson");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        return HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A request body that a slow client sends: {@code parts} parts, {@code pauseMillis} apart. */
    static final class SlowBody extends InputStream {
        private final byte[] data;
        private final int part;
        private final long pauseMillis;
        private volatile int sent;

        SlowBody(byte[] data, int parts, long pauseMillis) {
            this.data = data;
            this.part = (data.length + parts - 1) / parts;
            this.pauseMillis = pauseMillis;
        }

        int size() {
            return data.length;
        }

        /** How many bytes the client has been given so far. */
        int sent() {
            return sent;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (sent >= data.length) {
                return -1;
            }
            if (sent > 0 && sent % part == 0) {
                Hub.sleep(pauseMillis);
            }
            int n = Math.min(len, Math.min(data.length - sent, part - sent % part));
            System.arraycopy(data, sent, b, off, n);
            sent += n;
            return n;
        }
    }

    static long incidents(Hub hub) {
        return query(hub, "select count(*) from record_head where kind = 'incident'", r -> r.getLong(1));
    }

    interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** The first column of the first row of a query on the hub's own database (null when there is no row). */
    static <T> T query(Hub hub, String sql, Row<T> row) {
        try (Connection c = DriverManager.getConnection(Databases.jdbcUrl(hub.database()), Databases.USER, "");
                PreparedStatement ps = c.prepareStatement(sql); ResultSet r = ps.executeQuery()) {
            return r.next() ? row.read(r) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static List<String> nonBlank(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).toList();
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static String traceId() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    static HttpServer server(String path, Function<HttpExchange, Integer> handler) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            s.createContext(path, exchange -> {
                try (exchange) {
                    int status = handler.apply(exchange);
                    exchange.sendResponseHeaders(status, -1);
                }
            });
            s.setExecutor(Executors.newCachedThreadPool());
            s.start();
            SERVERS.add(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] readBody(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a figure to {@code sync-it/target/ops-figures.txt} (with those before it) and prints it. */
    static void figure(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println("[ops-figures] " + line);
        FIGURES.add(line);
        Path file = Paths.target().resolve("ops-figures.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, FIGURES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal OTLP/HTTP collector: keeps every request it gets and answers 200. */
    static final class Collector {
        record Export(String method, String path, String contentType, byte[] body) {
        }

        private final List<Export> exports = new CopyOnWriteArrayList<>();
        private final HttpServer server = server("/", exchange -> {
            exports.add(new Export(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")), readBody(exchange)));
            return 200;
        });

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<Export> exports() {
            return List.copyOf(exports);
        }
    }

    /**
     * A webhook receiver that is slow on purpose: it holds each delivery until {@link #release()}, then for
     * {@link #holdEach} ms more, and keeps the event ids ({@code webhook-id}) in the order it answered them.
     */
    static final class WebhookReceiver {
        private final CountDownLatch released = new CountDownLatch(1);
        private final List<String> ids = new CopyOnWriteArrayList<>();
        private volatile int arrived;
        private volatile long holdMillis = 1500;
        private volatile long lastAnsweredAt;
        private final HttpServer server = server("/hook", exchange -> {
            readBody(exchange);
            arrived++;
            try {
                released.await(60, TimeUnit.SECONDS);
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 503;
            }
            ids.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            lastAnsweredAt = System.nanoTime();
            return 204;
        });

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int arrived() {
            return arrived;
        }

        void release() {
            released.countDown();
        }

        void holdEach(long millis) {
            holdMillis = millis;
        }

        List<String> ids() {
            return List.copyOf(ids);
        }

        long lastAnsweredAt() {
            return lastAnsweredAt;
        }
    }

}
