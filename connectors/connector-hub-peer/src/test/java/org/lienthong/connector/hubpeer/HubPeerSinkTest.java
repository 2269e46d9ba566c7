package org.lienthong.connector.hubpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.hubpeer.Fixtures.HUB_ID;
import static org.lienthong.connector.hubpeer.Fixtures.TOKEN;
import static org.lienthong.connector.hubpeer.Fixtures.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lienthong.connector.hubpeer.FakePeer.Request;
import org.lienthong.connector.hubpeer.FakePeer.Response;
import org.lienthong.connector.testkit.TestContext;
import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SinkConnector;
import org.lienthong.hub.api.json.Json;

/** Pushing to a fake peer's replica endpoint. */
class HubPeerSinkTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private FakePeer peer;
    private final TestContext context = Fixtures.context();

    @BeforeEach
    void start() throws Exception {
        peer = new FakePeer();
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    /** A change whose json has the formatting a hub might render: the sink must pass it on byte for byte. */
    static Change change(int n, String kind) {
        String json = "{ \"id\": \"019a9b6e-0000-7000-8000-00000000000" + n + "\", \"kind\": \"" + kind
                + "\", \"title\": \"Sạt lở đất số " + n + "\", \"value\": 1.50,\n \"provenance\": {\"hash\": \"h" + n
                + "\"} }";
        return new Change(kind, "019a9b6e-0000-7000-8000-00000000000" + n, 1, "h" + n, "create", json);
    }

    static List<Change> changes(int count) {
        List<Change> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(change(i, "incident"));
        }
        return list;
    }

    /** Answers every item of a request with "applied". */
    static Response applyAll(Request request) {
        List<?> items = (List<?>) Json.parse(request.body());
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> item = (Map<?, ?>) items.get(i);
            results.append(i == 0 ? "" : ",").append("{\"index\":").append(i)
                    .append(",\"outcome\":\"applied\",\"id\":\"").append(item.get("id"))
                    .append("\",\"version\":1,\"head\":\"x\"}");
        }
        return Response.json("{\"results\":[" + results + "]}");
    }

    private SinkConnector sink(Object... overrides) throws ConnectorException {
        Object[] all = new Object[overrides.length + 2];
        all[0] = "direction";
        all[1] = "push";
        System.arraycopy(overrides, 0, all, 2, overrides.length);
        return (SinkConnector) Fixtures.open(config(peer.url(), all), context);
    }

    @Test
    void postsTheChangesAsAJsonArrayOfTheirOwnTexts() throws Exception {
        peer.answering(HubPeerSinkTest::applyAll);
        List<Change> changes = changes(2);
        try (SinkConnector sink = sink()) {
            assertEquals(List.of(Delivery.ok(), Delivery.ok()), sink.deliver(changes, LIMIT));
        }
        Request request = peer.onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/api/v1/replicas", request.path());
        assertEquals(Map.of("from", HUB_ID), request.query());
        assertEquals("Bearer " + TOKEN, request.header("Authorization"));
        assertTrue(request.header("Content-Type").startsWith("application/json"), request.header("Content-Type"));
        assertEquals("[" + changes.get(0).json() + "," + changes.get(1).json() + "]", request.body());
        List<?> parsed = (List<?>) Json.parse(request.body());
        assertEquals(new BigDecimal("1.50"), ((Map<?, ?>) parsed.get(1)).get("value"));
        assertEquals("Sạt lở đất số 1", ((Map<?, ?>) parsed.get(1)).get("title"));
    }

    @Test
    void sendsAtMostBatchSizeChangesPerRequest() throws Exception {
        peer.answering(HubPeerSinkTest::applyAll);
        try (SinkConnector sink = sink("batchSize", 2L)) {
            List<Delivery> out = sink.deliver(changes(5), LIMIT);
            assertEquals(5, out.size());
            out.forEach(d -> assertInstanceOf(Delivery.Ok.class, d));
        }
        assertEquals(List.of(2, 2, 1),
                peer.requests.stream().map(r -> ((List<?>) Json.parse(r.body())).size()).toList());
    }

    @Test
    void nothingToDeliverSendsNothing() throws Exception {
        try (SinkConnector sink = sink()) {
            assertEquals(List.of(), sink.deliver(List.of(), LIMIT));
        }
        assertEquals(0, peer.requests.size());
    }

    @Test
    void mapsEachResultToADeliveryInOrder() throws Exception {
        peer.answering(r -> Response
                .json("""
                        {"results":[
                          {"index":1,"outcome":"present","id":"a","version":3,"head":"x"},
                          {"index":0,"outcome":"applied","id":"a","version":3,"head":"x"},
                          {"index":2,"outcome":"conflict","id":"a","version":4,"head":"y"},
                          {"index":3,"status":400,"title":"Invalid","detail":"the hash does not match the content",
                           "errors":[{"field":"provenance.hash","message":"expected sha256:12"},{"field":"title","message":"is required"}]},
                          {"index":4,"status":422,"title":"Unprocessable entity"},
                          {"index":5,"status":409,"detail":"conflicting id"},
                          {"index":6,"status":403,"detail":"not visible to this hub"},
                          {"index":7,"status":404,"detail":"gone"},
                          {"index":8,"status":410,"detail":"gone for good"},
                          {"index":9,"status":500,"detail":"database unavailable"},
                          {"index":10,"status":503},
                          {"index":11,"status":429,"detail":"slow down"},
                          {"index":12,"outcome":"exploded"},
                          {"index":99,"outcome":"applied"},
                          {"index":14,"status":413,"detail":"too large"},
                          {"index":15}
                        ]}"""));
        List<Delivery> out;
        try (SinkConnector sink = sink()) {
            out = sink.deliver(changes(16), LIMIT);
        }
        assertEquals(16, out.size());
        assertEquals(Delivery.ok(), out.get(0));
        assertEquals(Delivery.ok(), out.get(1));
        assertEquals(Delivery.ok(), out.get(2));

        Delivery.Rejected invalid = assertInstanceOf(Delivery.Rejected.class, out.get(3));
        assertTrue(invalid.reason().contains("400"), invalid.reason());
        assertTrue(invalid.reason().contains("the hash does not match the content"), invalid.reason());
        assertTrue(invalid.reason().contains("provenance.hash: expected sha256:12"), invalid.reason());
        assertTrue(invalid.reason().contains("title: is required"), invalid.reason());
        Delivery.Rejected unprocessable = assertInstanceOf(Delivery.Rejected.class, out.get(4));
        assertTrue(unprocessable.reason().contains("Unprocessable entity"), unprocessable.reason());
        for (int i = 5; i <= 8; i++) {
            assertInstanceOf(Delivery.Rejected.class, out.get(i), "index " + i);
        }

        Delivery.RetryLater serverError = assertInstanceOf(Delivery.RetryLater.class, out.get(9));
        assertTrue(serverError.reason().contains("database unavailable"), serverError.reason());
        assertNull(serverError.after());
        assertInstanceOf(Delivery.RetryLater.class, out.get(10));
        assertInstanceOf(Delivery.RetryLater.class, out.get(11));
        Delivery.RetryLater unknown = assertInstanceOf(Delivery.RetryLater.class, out.get(12));
        assertTrue(unknown.reason().contains("unknown outcome"), unknown.reason());
        Delivery.RetryLater missing = assertInstanceOf(Delivery.RetryLater.class, out.get(13));
        assertTrue(missing.reason().contains("no result"), missing.reason());
        assertInstanceOf(Delivery.Rejected.class, out.get(14));
        assertInstanceOf(Delivery.RetryLater.class, out.get(15));
    }

    @Test
    void anAnswerWithoutResultsIsNotAHub() throws Exception {
        peer.answering(r -> Response.json("{\"outcome\":\"applied\"}"));
        try (SinkConnector sink = sink()) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> sink.deliver(changes(1), LIMIT));
            assertTrue(!e.transientFailure() && e.getMessage().contains("'results'"), e.getMessage());
        }
    }

    @Test
    void aLaterRequestThatFailsTransientlyKeepsEarlierOutcomes() throws Exception {
        peer.answering(r -> peer.requests.size() == 1 ? applyAll(r) : Response.problem(503, "restarting"));
        try (SinkConnector sink = sink("batchSize", 2L)) {
            List<Delivery> out = sink.deliver(changes(5), LIMIT);
            assertEquals(Delivery.ok(), out.get(0));
            assertEquals(Delivery.ok(), out.get(1));
            for (int i = 2; i < 5; i++) {
                Delivery.RetryLater retry = assertInstanceOf(Delivery.RetryLater.class, out.get(i));
                assertTrue(retry.reason().contains("503"), retry.reason());
            }
        }
        assertEquals(2, peer.requests.size());
    }

    @Test
    void aLaterRequestRefusedForGoodStillThrows() throws Exception {
        peer.answering(r -> peer.requests.size() == 1 ? applyAll(r) : Response.problem(401, "token expired"));
        try (SinkConnector sink = sink("batchSize", 2L)) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> sink.deliver(changes(5), LIMIT));
            assertTrue(!e.transientFailure() && e.getMessage().contains("token expired"), e.getMessage());
        }
    }

    @Test
    void changesOfKindsNotSyncedAreNotSent() throws Exception {
        peer.answering(HubPeerSinkTest::applyAll);
        List<Change> changes = List.of(change(0, "threat"), change(1, "incident"), change(2, "resource"),
                change(3, "incident"));
        try (SinkConnector sink = sink("kinds", List.of("incident"))) {
            assertEquals(List.of(Delivery.ok(), Delivery.ok(), Delivery.ok(), Delivery.ok()),
                    sink.deliver(changes, LIMIT));
        }
        assertEquals("[" + changes.get(1).json() + "," + changes.get(3).json() + "]", peer.onlyRequest().body());
    }

    /** The hub passes a sink drills only when it asks: hub-peer always does, so a drill runs across levels. */
    @Test
    void drillsArePushedToo() throws Exception {
        try (SinkConnector sink = sink()) {
            assertTrue(sink.includeExercises());
        }
    }

    @Test
    void theBothDirectionsObjectPushesTheSameWay() throws Exception {
        peer.answering(HubPeerSinkTest::applyAll);
        try (SinkConnector both = (SinkConnector) Fixtures.open(config(peer.url()), context)) {
            assertTrue(both.includeExercises());
            assertEquals(List.of(Delivery.ok()), both.deliver(changes(1), LIMIT));
        }
        assertEquals(Map.of("from", HUB_ID), peer.onlyRequest().query());
    }
}
