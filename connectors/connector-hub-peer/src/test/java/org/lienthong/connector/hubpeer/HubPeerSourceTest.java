package org.lienthong.connector.hubpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.hubpeer.Fixtures.HUB_ID;
import static org.lienthong.connector.hubpeer.Fixtures.TOKEN;
import static org.lienthong.connector.hubpeer.Fixtures.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lienthong.connector.hubpeer.FakePeer.Request;
import org.lienthong.connector.hubpeer.FakePeer.Response;
import org.lienthong.connector.testkit.TestContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.connector.SourceItem;

/** Pulling from a fake peer's change feed. */
class HubPeerSourceTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    static final String RECORD_1 = """
            {"id":"019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e","kind":"incident","version":1,
             "title":"Bão số 3 – Hà Nội","riskLevel":4,"impacts":[{"metric":"rainfallMm","value":312.50}],
             "provenance":{"hash":"sha256:aa","parents":[],"activity":"create"}}""";
    static final String RECORD_2 = """
            {"id":"019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e","kind":"incident","version":2,"title":"Bão số 3 – Hà Nội",
             "provenance":{"hash":"sha256:bb","parents":["sha256:aa"],"activity":"update"}}""";

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

    static String page(String hub, String next, boolean more, String... records) {
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i < records.length; i++) {
            changes.append(i == 0 ? "" : ",").append("{\"cursor\":\"c1.").append(i)
                    .append("\",\"kind\":\"incident\",\"id\":\"019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e\",\"version\":")
                    .append(i + 1).append(",\"op\":\"").append(i == 0 ? "create" : "update").append("\",\"record\":")
                    .append(records[i]).append('}');
        }
        return "{\"changes\":[" + changes + "],\"next\":\"" + next + "\",\"more\":" + more
                + (hub == null ? "" : ",\"hub\":\"" + hub + "\"") + "}";
    }

    private SourceConnector source(Object... overrides) throws ConnectorException {
        Object[] all = new Object[overrides.length + 2];
        all[0] = "direction";
        all[1] = "pull";
        System.arraycopy(overrides, 0, all, 2, overrides.length);
        return (SourceConnector) Fixtures.open(config(peer.url(), all), context);
    }

    @Test
    void firstPollReadsFromTheStartOfTheFeed() throws Exception {
        peer.answering(r -> Response.json(page("central", "c1.Mg", false, RECORD_1, RECORD_2)));
        try (SourceConnector source = source()) {
            SourceBatch batch = source.poll(null, LIMIT);

            Request request = peer.onlyRequest();
            assertEquals("GET", request.method());
            assertEquals("/api/v1/changes", request.path());
            // drills too: they travel between hubs, marked by their content
            assertEquals(
                    Map.of("limit", "500", "kinds", "threat,incident,resource", "include", "exercise", "wait", "5"),
                    request.query());
            assertEquals("Bearer " + TOKEN, request.header("Authorization"));
            assertEquals("application/json", request.header("Accept"));

            assertEquals("c1.Mg", batch.checkpoint());
            assertFalse(batch.more());
            assertEquals(2, batch.items().size());
            SourceItem.Replica first = assertInstanceOf(SourceItem.Replica.class, batch.items().get(0));
            assertEquals("central", first.fromHub());
            // the record, written compactly, exact numbers and text kept
            assertEquals("{\"id\":\"019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e\",\"kind\":\"incident\",\"version\":1,"
                    + "\"title\":\"Bão số 3 – Hà Nội\",\"riskLevel\":4,\"impacts\":[{\"metric\":\"rainfallMm\","
                    + "\"value\":312.50}],\"provenance\":{\"hash\":\"sha256:aa\",\"parents\":[],\"activity\":\"create\"}}",
                    first.json());
            SourceItem.Replica second = (SourceItem.Replica) batch.items().get(1);
            assertTrue(second.json().contains("\"parents\":[\"sha256:aa\"]"), second.json());
        }
    }

    @Test
    void pagesFollowTheCheckpointAndMore() throws Exception {
        peer.answering(r -> {
            String after = r.query().get("after");
            if (after == null) {
                return Response.json(page("central", "c1.AB+/=", true, RECORD_1));
            }
            if (after.equals("c1.AB+/=")) {
                return Response.json(page("central", "c1.CD", false, RECORD_2));
            }
            return Response.json(page("central", after, false));
        });
        try (SourceConnector source = source("batchSize", 1L)) {
            SourceBatch one = source.poll(null, LIMIT);
            assertTrue(one.more());
            assertEquals("c1.AB+/=", one.checkpoint());

            SourceBatch two = source.poll(one.checkpoint(), LIMIT);
            assertFalse(two.more());
            assertEquals("c1.CD", two.checkpoint());
            assertEquals(1, two.items().size());

            SourceBatch three = source.poll(two.checkpoint(), LIMIT);
            assertEquals(List.of(), three.items());
            assertEquals("c1.CD", three.checkpoint());
        }
        assertEquals(3, peer.requests.size());
        assertEquals("1", peer.requests.get(0).query().get("limit"));
        // the cursor went out URL-encoded and came back intact
        assertTrue(peer.requests.get(1).uri().getRawQuery().contains("after=c1.AB%2B%2F%3D"),
                peer.requests.get(1).uri().getRawQuery());
        assertEquals("c1.CD", peer.requests.get(2).query().get("after"));
    }

    @Test
    void asksOnlyForTheConfiguredKinds() throws Exception {
        peer.answering(r -> Response.json(page("central", "c1.x", false)));
        try (SourceConnector source = source("kinds", List.of("incident", "threat"))) {
            source.poll(null, LIMIT);
        }
        assertEquals("incident,threat", peer.onlyRequest().query().get("kinds"));
    }

    @Test
    void theWaitIsTheIntervalCappedByTwentyFiveSecondsAndTheTimeLimit() throws Exception {
        peer.answering(r -> Response.json(page("central", "c1.x", false)));
        try (SourceConnector source = source("intervalSeconds", 3600L)) {
            source.poll(null, Duration.ofSeconds(60));
            source.poll(null, Duration.ofSeconds(12));
            source.poll(null, Duration.ofSeconds(5));
            source.poll(null, Duration.ofSeconds(2));
        }
        assertEquals(List.of("25", "7", "0", "0"), peer.requests.stream().map(r -> r.query().get("wait")).toList());
    }

    @Test
    void pollsAgainAfterOneSecondBecauseThePeerLongPolls() throws Exception {
        try (SourceConnector source = source()) {
            assertEquals(Duration.ofSeconds(1), source.interval());
        }
    }

    @Test
    void worksBehindAPathPrefixAndWithATrailingSlash() throws Exception {
        peer.answering(r -> Response.json(page("central", "c1.x", false)));
        try (SourceConnector source = (SourceConnector) Fixtures
                .open(config(peer.url() + "/lienthong/", "direction", "pull"), context)) {
            source.poll(null, LIMIT);
        }
        assertEquals("/lienthong/api/v1/changes", peer.onlyRequest().path());
    }

    @Test
    void aFeedWithoutAHubIsNotALienthongHub() throws Exception {
        peer.answering(r -> Response.json(page(null, "c1.x", false)));
        try (SourceConnector source = source()) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> source.poll(null, LIMIT));
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().contains("the peer is not a Lienthong hub (no 'hub' in the change feed"),
                    e.getMessage());
        }
    }

    @Test
    void anyJsonThatIsNotAFeedIsRefused() throws Exception {
        peer.answering(r -> Response.json("{\"hub\":\"central\",\"next\":\"c1\"}"));
        try (SourceConnector source = source()) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> source.poll(null, LIMIT));
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().contains("no 'changes' list"), e.getMessage());
        }
        peer.answering(r -> Response
                .json("{\"changes\":[{\"cursor\":\"c1\",\"kind\":\"incident\"}],\"next\":\"c1\",\"hub\":\"central\"}"));
        try (SourceConnector source = source()) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> source.poll(null, LIMIT));
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().contains("without a 'record'"), e.getMessage());
        }
    }

    @Test
    void aPeerThatIsThisHubIsRefused() throws Exception {
        peer.answering(r -> Response.json(page(HUB_ID, "c1.x", false, RECORD_1)));
        try (SourceConnector source = source()) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> source.poll(null, LIMIT));
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().contains("the peer URL points at this hub"), e.getMessage());
        }
    }

    @Test
    void theBothDirectionsObjectPullsTheSameWay() throws Exception {
        peer.answering(r -> Response.json(page("central", "c1.Mg", true, RECORD_1)));
        try (SourceConnector both = (SourceConnector) Fixtures.open(config(peer.url()), context)) {
            SourceBatch batch = both.poll("c1.x", LIMIT);
            assertEquals(1, batch.items().size());
            assertTrue(batch.more());
            assertEquals(Duration.ofSeconds(1), both.interval());
        }
        // the page after it may have been asked for ahead before the close: the first request is the poll's
        assertEquals("c1.x", peer.requests.get(0).query().get("after"));
    }

    @Test
    void theNextPageIsFetchedWhileTheHubWritesTheLast() throws Exception {
        peer.answering(r -> r.query().get("after") == null ? Response.json(page("central", "c1.A", true, RECORD_1))
                : Response.json(page("central", "c1.B", false, RECORD_2)));
        try (SourceConnector source = source()) {
            SourceBatch one = source.poll(null, LIMIT);
            assertTrue(one.more());
            // no poll yet: the hub is writing the first page
            awaitRequests(2);
            assertEquals("c1.A", peer.requests.get(1).query().get("after"));

            SourceBatch two = source.poll("c1.A", LIMIT);
            assertEquals("c1.B", two.checkpoint());
            assertFalse(two.more());
            assertTrue(two.items().get(0) instanceof SourceItem.Replica r && r.json().contains("sha256:bb"));
            Thread.sleep(200);
            assertEquals(2, peer.requests.size(),
                    "the second page came from the request made ahead, and none follows" + " a page without more");
        }
    }

    @Test
    void aPageFetchedAheadIsDroppedWhenTheHubAsksFromAnotherCursor() throws Exception {
        peer.answering(r -> r.query().get("after") == null ? Response.json(page("central", "c1.A", true, RECORD_1))
                : Response.json(page("central", "c1.B", false, RECORD_2)));
        try (SourceConnector source = source()) {
            source.poll(null, LIMIT);
            awaitRequests(2);
            // the hub could not write the first page and asks for it again
            SourceBatch again = source.poll(null, LIMIT);
            assertEquals("c1.A", again.checkpoint());
            assertTrue(again.items().get(0) instanceof SourceItem.Replica r && r.json().contains("sha256:aa"));
            assertEquals(null, peer.requests.get(2).query().get("after"));
        }
    }

    @Test
    void aFailureFetchingAheadIsTheNextPollsFailure() throws Exception {
        peer.answering(r -> r.query().get("after") == null ? Response.json(page("central", "c1.A", true, RECORD_1))
                : Response.problem(503, "busy"));
        try (SourceConnector source = source()) {
            source.poll(null, LIMIT);
            ConnectorException e = assertThrows(ConnectorException.class, () -> source.poll("c1.A", LIMIT));
            assertTrue(e.transientFailure(), e.getMessage());
            assertTrue(e.getMessage().contains("503"), e.getMessage());
        }
    }

    private void awaitRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (peer.requests.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the peer received " + peer.requests.size() + " request(s), not " + n);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void logsWhichHubItPullsFromButNeverTheToken() throws Exception {
        peer.answering(r -> Response.json(page("central", "c1.Mg", false, RECORD_1)));
        try (SourceConnector source = source()) {
            source.poll(null, LIMIT);
            source.poll("c1.Mg", LIMIT);
        }
        assertEquals(1, context.logger().lines.stream().filter(l -> l.startsWith("INFO")).count());
        assertTrue(context.logger().lines.stream().anyMatch(l -> l.contains("'central'")),
                context.logger().lines.toString());
        context.logger().lines.forEach(l -> assertFalse(l.contains(TOKEN), l));
    }
}
