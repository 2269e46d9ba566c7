package org.lienthong.connector.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.webhook.Fixtures.HUB_ID;
import static org.lienthong.connector.webhook.Fixtures.OTHER_SECRET;
import static org.lienthong.connector.webhook.Fixtures.SECRET;
import static org.lienthong.connector.webhook.Fixtures.SECRET_KEY_TEXT;
import static org.lienthong.connector.webhook.Fixtures.change;
import static org.lienthong.connector.webhook.Fixtures.config;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lienthong.connector.testkit.TestContext;
import org.lienthong.connector.webhook.Fixtures.MovableClock;
import org.lienthong.connector.webhook.Receiver.Answer;
import org.lienthong.connector.webhook.Receiver.Attempt;
import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.Secret;
import org.lienthong.hub.api.connector.SinkConnector;
import org.lienthong.hub.api.json.Json;

/** Delivering to a real local receiver that verifies signatures and events on its own. */
class WebhookSinkTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final MovableClock clock = new MovableClock();
    private final TestContext context = Fixtures.context(clock);
    private Receiver receiver;
    /** Everything the connector showed: reasons, messages, logs; none may contain the secret. */
    private final List<String> shown = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver(SECRET, clock);
    }

    @AfterEach
    void stop() {
        receiver.close();
        shown.addAll(context.logger().lines);
        for (String s : shown) {
            assertFalse(s.contains(SECRET_KEY_TEXT), s);
        }
    }

    private SinkConnector sink(Object... overrides) throws ConnectorException {
        return Fixtures.open(config(receiver.url(), overrides), context);
    }

    private List<Delivery> deliver(SinkConnector sink, List<Change> changes) throws ConnectorException {
        List<Delivery> out = sink.deliver(changes, LIMIT);
        out.forEach(d -> shown.add(d.toString()));
        return out;
    }

    /** Checks every attribute of an attempt's event against the change it came from. */
    private void assertEventOf(Change change, String expectedType, Attempt attempt) {
        assertTrue(attempt.accepted(), attempt.problem());
        assertEquals("POST", attempt.method());
        assertEquals("/hooks/lienthong", attempt.path());
        assertEquals("application/cloudevents+json; charset=utf-8", attempt.header("Content-Type"));
        assertEquals(change.hash(), attempt.id());
        assertEquals(Long.toString(clock.instant().getEpochSecond()), attempt.header("webhook-timestamp"));
        assertTrue(attempt.header("webhook-signature").matches("v1,[A-Za-z0-9+/]{43}="),
                attempt.header("webhook-signature"));
        Map<String, Object> event = attempt.event();
        assertEquals(List.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"),
                List.copyOf(event.keySet()));
        assertEquals("1.0", event.get("specversion"));
        assertEquals(change.hash(), event.get("id"));
        assertEquals("urn:lienthong:hub:" + HUB_ID, event.get("source"));
        assertEquals(expectedType, event.get("type"));
        assertEquals(change.id(), event.get("subject"));
        Map<?, ?> record = (Map<?, ?>) Json.parse(change.json());
        assertEquals(((Map<?, ?>) record.get("provenance")).get("recordedAt"), event.get("time"));
        assertEquals("application/json", event.get("datacontenttype"));
        assertEquals(record, event.get("data"));
        // spliced, not re-serialised: the receiver gets the record's own bytes
        assertTrue(attempt.body().endsWith(",\"data\":" + change.json() + "}"), attempt.body());
    }

    @Test
    void postsOneSignedCloudEventPerChange() throws Exception {
        List<Change> changes = List.of(change(1, "threat", "create", 1), change(2, "incident", "update", 4),
                change(3, "resource", "delete", 2));
        try (SinkConnector sink = sink()) {
            assertEquals(List.of(Delivery.ok(), Delivery.ok(), Delivery.ok()), deliver(sink, changes));
        }
        assertEquals(3, receiver.attempts.size());
        assertEventOf(changes.get(0), "org.lienthong.threat.created", receiver.attempts.get(0));
        assertEventOf(changes.get(1), "org.lienthong.incident.updated", receiver.attempts.get(1));
        assertEventOf(changes.get(2), "org.lienthong.resource.deleted", receiver.attempts.get(2));
        assertTrue(receiver.attempts.get(1).body().contains("\"severity\": 1.50}"));
    }

    @Test
    void anEventThatFailsTwiceIsRetriedWithTheSameIdUntilAccepted() throws Exception {
        receiver.answering((a, n) -> n <= 2 ? Answer.of(503, "warming up") : Answer.of(200, "{\"ok\":true}"));
        Change change = change(7);
        List<String> signatures = new ArrayList<>();
        try (SinkConnector sink = sink()) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                List<Delivery> out = deliver(sink, List.of(change)); // as the hub passes it again after RetryLater
                if (attempt < 3) {
                    Delivery.RetryLater retry = assertInstanceOf(Delivery.RetryLater.class, out.get(0));
                    assertEquals("HTTP 503: warming up", retry.reason());
                    assertNull(retry.after(), "no Retry-After: the hub's own backoff");
                } else {
                    assertEquals(List.of(Delivery.ok()), out);
                }
                assertEventOf(change, "org.lienthong.incident.created", receiver.attempts.get(attempt - 1));
                signatures.add(receiver.attempts.get(attempt - 1).header("webhook-signature"));
                clock.advance(Duration.ofSeconds(30));
            }
        }
        assertEquals(List.of(change.hash(), change.hash(), change.hash()), receiver.ids());
        assertEquals(1, receiver.attempts.stream().map(Attempt::body).distinct().count(), "the same event each time");
        assertEquals(3, signatures.stream().distinct().count(), "a fresh timestamp and signature per attempt");
    }

    @Test
    void aRejectedEventKeepsItsIdWhenReplayed() throws Exception {
        Change refused = change(1);
        Change next = change(2);
        receiver.answering(
                (a, n) -> n == 1 ? Answer.of(400, "{\"error\":\"unknown field severity\"}") : Answer.of(202));
        try (SinkConnector sink = sink()) {
            List<Delivery> out = deliver(sink, List.of(refused, next));
            Delivery.Rejected rejected = assertInstanceOf(Delivery.Rejected.class, out.get(0));
            assertEquals("HTTP 400: {\"error\":\"unknown field severity\"}", rejected.reason());
            assertEquals(Delivery.ok(), out.get(1), "a rejection does not hold up the rest");

            // the receiver is fixed; an operator replays the dead letter: the hub passes the same change again
            clock.advance(Duration.ofHours(2));
            assertEquals(List.of(Delivery.ok()), deliver(sink, List.of(refused)));
        }
        assertEquals(List.of(refused.hash(), next.hash(), refused.hash()), receiver.ids());
        assertEquals(receiver.attempts.get(0).body(), receiver.attempts.get(2).body());
        assertEventOf(refused, "org.lienthong.incident.created", receiver.attempts.get(2));
    }

    @Test
    void nothingMoreIsSentAfterTheFirstRetryLater() throws Exception {
        receiver.answering((a, n) -> n == 2 ? Answer.of(500, "database down") : Answer.of(200));
        List<Change> changes = List.of(change(1), change(2), change(3), change(4, "threat", "create", 1));
        try (SinkConnector sink = sink("kinds", List.of("incident"))) {
            List<Delivery> out = deliver(sink, changes);
            assertEquals(Delivery.ok(), out.get(0));
            Delivery.RetryLater first = assertInstanceOf(Delivery.RetryLater.class, out.get(1));
            assertEquals("HTTP 500: database down", first.reason());
            for (int i = 2; i < 4; i++) { // a filtered kind after the stop waits too: order is kept
                Delivery.RetryLater rest = assertInstanceOf(Delivery.RetryLater.class, out.get(i));
                assertTrue(rest.reason().startsWith("not sent"), rest.reason());
            }
        }
        assertEquals(List.of(changes.get(0).hash(), changes.get(1).hash()), receiver.ids());
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(clock.instant().plusSeconds(90).atOffset(ZoneOffset.UTC));
        List<String> values = List.of("120", inNinetySeconds, "0", "999999999999", "soon");
        List<Duration> expected = List.of(Duration.ofSeconds(120), Duration.ofSeconds(90), Duration.ofSeconds(1),
                Duration.ofHours(1));
        receiver.answering(
                (a, n) -> Answer.of(n % 2 == 0 ? 503 : 429, "slow down").with("Retry-After", values.get(n - 1)));
        try (SinkConnector sink = sink()) {
            for (int i = 0; i < values.size(); i++) {
                Delivery.RetryLater retry = assertInstanceOf(Delivery.RetryLater.class,
                        deliver(sink, List.of(change(1))).get(0));
                assertTrue(retry.reason().matches("HTTP (429|503): slow down"), retry.reason());
                assertEquals(i < expected.size() ? expected.get(i) : null, retry.after(), values.get(i));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 408, 429, 500, 502, 503, 504 })
    void busyOrFailingReceiversAreRetriedLater(int status) throws Exception {
        receiver.answering((a, n) -> Answer.of(status, "try again"));
        try (SinkConnector sink = sink()) {
            Delivery.RetryLater retry = assertInstanceOf(Delivery.RetryLater.class,
                    deliver(sink, List.of(change(1))).get(0));
            assertEquals("HTTP " + status + ": try again", retry.reason());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 409, 410, 413, 422 })
    void otherClientErrorsAreRejected(int status) throws Exception {
        receiver.answering((a, n) -> Answer.of(status, "no thanks"));
        try (SinkConnector sink = sink()) {
            Delivery.Rejected rejected = assertInstanceOf(Delivery.Rejected.class,
                    deliver(sink, List.of(change(1))).get(0));
            assertEquals("HTTP " + status + ": no thanks", rejected.reason());
        }
    }

    @Test
    void anErrorWithoutABodyIsJustItsStatus() throws Exception {
        receiver.answering((a, n) -> Answer.of(422));
        try (SinkConnector sink = sink()) {
            assertEquals(new Delivery.Rejected("HTTP 422"), deliver(sink, List.of(change(1))).get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 301, 302, 307, 308 })
    void redirectsAreNotFollowed(int status) throws Exception {
        receiver.answering((a, n) -> Answer.of(status).with("Location", "https://elsewhere.example/hook"));
        try (SinkConnector sink = sink()) {
            Delivery.Rejected rejected = assertInstanceOf(Delivery.Rejected.class,
                    deliver(sink, List.of(change(1))).get(0));
            assertTrue(rejected.reason().startsWith("HTTP " + status + ": redirects are not followed"),
                    rejected.reason());
            assertTrue(rejected.reason().contains("https://elsewhere.example/hook"), rejected.reason());
        }
        assertEquals(1, receiver.attempts.size());
    }

    @Test
    void aReasonQuotesAtMostTwoHundredCharactersOfTheBodyAndNeverTheSecret() throws Exception {
        String huge = "secret was " + SECRET + " and key " + SECRET_KEY_TEXT + "\r\n" + "x".repeat(100_000);
        receiver.answering((a, n) -> Answer.of(400, huge));
        try (SinkConnector sink = sink()) {
            Delivery.Rejected rejected = assertInstanceOf(Delivery.Rejected.class,
                    deliver(sink, List.of(change(1))).get(0));
            assertTrue(rejected.reason().startsWith("HTTP 400: secret was ******** and key ******** xxx"),
                    rejected.reason());
            assertEquals("HTTP 400: ".length() + 200 + 1, rejected.reason().length(), rejected.reason());
            assertTrue(rejected.reason().endsWith("x…"));
        }
    }

    @Test
    void aSlowReceiverIsRetriedLater() throws Exception {
        receiver.answering((a, n) -> {
            Thread.sleep(3_000);
            return Answer.of(200);
        });
        try (SinkConnector sink = sink("timeoutSeconds", 1L)) {
            long start = System.nanoTime();
            List<Delivery> out = deliver(sink, List.of(change(1), change(2)));
            Delivery.RetryLater retry = assertInstanceOf(Delivery.RetryLater.class, out.get(0));
            assertTrue(retry.reason().contains("did not answer within 1000 ms"), retry.reason());
            assertNull(retry.after());
            assertInstanceOf(Delivery.RetryLater.class, out.get(1));
            assertTrue(System.nanoTime() - start < Duration.ofMillis(2_500).toNanos(), "gave up after a second");
        }
        assertEquals(1, receiver.attempts.size());
    }

    @Test
    void theCallsTimeLimitBoundsTheWaitToo() throws Exception {
        receiver.answering((a, n) -> {
            Thread.sleep(3_000);
            return Answer.of(200);
        });
        try (SinkConnector sink = sink("timeoutSeconds", 60L)) {
            long start = System.nanoTime();
            List<Delivery> out = sink.deliver(List.of(change(1)), Duration.ofSeconds(1));
            assertInstanceOf(Delivery.RetryLater.class, out.get(0));
            assertTrue(System.nanoTime() - start < Duration.ofMillis(1_500).toNanos(), "returned within the limit");
        }
    }

    @Test
    void changesOfKindsNotSentCountAsDelivered() throws Exception {
        List<Change> changes = List.of(change(1, "threat", "create", 1), change(2, "incident", "update", 2),
                change(3, "resource", "create", 1));
        try (SinkConnector sink = sink("kinds", List.of("incident"))) {
            assertEquals(List.of(Delivery.ok(), Delivery.ok(), Delivery.ok()), deliver(sink, changes));
        }
        assertEquals(List.of(changes.get(1).hash()), receiver.ids());
        assertEventOf(changes.get(1), "org.lienthong.incident.updated", receiver.attempts.get(0));
    }

    @Test
    void nothingToDeliverSendsNothing() throws Exception {
        try (SinkConnector sink = sink()) {
            assertEquals(List.of(), deliver(sink, List.of()));
        }
        assertEquals(0, receiver.attempts.size());
    }

    @Test
    void aChangeThatCannotBeAnEventIsRejectedWithoutBeingSent() throws Exception {
        Change good = change(1);
        List<Change> changes = List.of(new Change("incident", good.id(), 1, good.hash(), "merge", good.json()),
                new Change("incident", good.id(), 1, "", "create", good.json()),
                new Change("incident", good.id(), 1, good.hash(), "create", "[1,2]"),
                new Change("incident", good.id(), 1, good.hash(), "create", "{\"id\":"), good);
        try (SinkConnector sink = sink()) {
            List<Delivery> out = deliver(sink, changes);
            for (int i = 0; i < 4; i++) {
                Delivery.Rejected r = assertInstanceOf(Delivery.Rejected.class, out.get(i));
                assertTrue(r.reason().startsWith("cannot make a CloudEvent of this change: "), r.reason());
            }
            assertEquals(Delivery.ok(), out.get(4));
        }
        assertEquals(List.of(good.hash()), receiver.ids());
    }

    @Test
    void aRecordWithoutRecordedAtHasNoTimeAttribute() throws Exception {
        Change c = change(1);
        Change noTime = new Change(c.kind(), c.id(), 1, c.hash(), "create", "{\"id\":\"" + c.id() + "\"}");
        try (SinkConnector sink = sink()) {
            deliver(sink, List.of(noTime));
        }
        // this receiver insists on time, so it refused; the event itself is what matters here
        Map<?, ?> event = (Map<?, ?>) Json.parse(receiver.attempts.get(0).body());
        assertFalse(event.containsKey("time"));
        assertEquals("{\"id\":\"" + c.id() + "\"}", Json.write(event.get("data")));
    }

    @Test
    void theReceiverRefusesAStaleTimestamp() throws Exception {
        MovableClock behind = new MovableClock(clock.instant().minus(Duration.ofMinutes(6)));
        TestContext late = Fixtures.context(behind);
        try (SinkConnector sink = Fixtures.open(config(receiver.url()), late)) {
            Delivery.Rejected rejected = assertInstanceOf(Delivery.Rejected.class,
                    sink.deliver(List.of(change(1)), LIMIT).get(0));
            assertEquals("HTTP 401: webhook-timestamp is more than 5 minutes off", rejected.reason());
            behind.advance(Duration.ofMinutes(2)); // four minutes behind: within the tolerance
            assertEquals(List.of(Delivery.ok()), sink.deliver(List.of(change(1)), LIMIT));
        }
    }

    @Test
    void theReceiverRefusesAnotherSecretsSignature() throws Exception {
        try (SinkConnector sink = sink("secret", new Secret(OTHER_SECRET))) {
            assertEquals(new Delivery.Rejected("HTTP 401: no matching v1 signature"),
                    deliver(sink, List.of(change(1))).get(0));
        }
    }

    @Test
    void theSecretIsAcceptedWithSurroundingWhitespace() throws Exception {
        try (SinkConnector sink = sink("secret", new Secret("  " + SECRET + "\n"))) {
            assertEquals(List.of(Delivery.ok()), deliver(sink, List.of(change(1))));
        }
        assertTrue(receiver.attempts.get(0).accepted());
    }
}
