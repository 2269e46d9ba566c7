package org.lienthong.connector.hubpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.hubpeer.Fixtures.TOKEN;
import static org.lienthong.connector.hubpeer.Fixtures.config;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lienthong.connector.hubpeer.FakePeer.Response;
import org.lienthong.connector.testkit.TestContext;
import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SinkConnector;
import org.lienthong.hub.api.connector.SourceConnector;

/**
 * How a request that fails as a whole becomes a {@link ConnectorException}, the same for pull and push; and that the
 * token shows in none of it.
 */
class WholeRequestFailureTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private FakePeer peer;
    private final TestContext context = Fixtures.context();
    private final List<String> everythingShown = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        peer = new FakePeer();
    }

    @AfterEach
    void stop() {
        peer.close();
        everythingShown.addAll(context.logger().lines);
        everythingShown.forEach(s -> assertFalse(s.contains(TOKEN), s));
    }

    /** Pulls once, then pushes once, and returns both failures. */
    private List<ConnectorException> pullAndPush(String url, Duration limit) throws Exception {
        List<ConnectorException> failures = new ArrayList<>();
        try (Connector both = Fixtures.open(config(url), context)) {
            failures.add(assertThrows(ConnectorException.class, () -> ((SourceConnector) both).poll("c1.x", limit)));
            failures.add(assertThrows(ConnectorException.class,
                    () -> ((SinkConnector) both).deliver(HubPeerSinkTest.changes(1), limit)));
        }
        for (ConnectorException e : failures) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                everythingShown.add(String.valueOf(t.getMessage()));
                everythingShown.add(t.toString());
            }
        }
        return failures;
    }

    private List<ConnectorException> pullAndPush() throws Exception {
        return pullAndPush(peer.url(), LIMIT);
    }

    @ParameterizedTest
    @ValueSource(ints = { 401, 403 })
    void aRefusedTokenNeedsAnOperator(int status) throws Exception {
        peer.answering(r -> Response.problem(status, "a valid bearer token is required"));
        for (ConnectorException e : pullAndPush()) {
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().startsWith("the peer refused the token: a valid bearer token is required"),
                    e.getMessage());
        }
    }

    @Test
    void aPeerThatEchoesTheTokenDoesNotGetItIntoMessages() throws Exception {
        peer.answering(r -> Response.problem(401, "token " + r.header("Authorization").substring(7) + " expired"));
        for (ConnectorException e : pullAndPush()) {
            assertTrue(e.getMessage().contains("token ******** expired"), e.getMessage());
        }
    }

    @Test
    void aPeerThatEchoesTheTokenPerItemDoesNotGetItIntoReasons() throws Exception {
        peer.answering(r -> Response.json("{\"results\":[{\"index\":0,\"status\":400,\"detail\":\"bad "
                + r.header("Authorization") + "\",\"errors\":[{\"field\":\"" + TOKEN + "\",\"message\":\"x\"}]}]}"));
        try (SinkConnector sink = (SinkConnector) Fixtures.open(config(peer.url(), "direction", "push"), context)) {
            Delivery.Rejected rejected = (Delivery.Rejected) sink.deliver(HubPeerSinkTest.changes(1), LIMIT).get(0);
            everythingShown.add(rejected.reason());
            assertTrue(rejected.reason().contains("bad Bearer ********"), rejected.reason());
        }
    }

    @Test
    void noApiAtTheUrlNeedsAnOperator() throws Exception {
        peer.answering(r -> new Response(404, "text/html", "<h1>Not Found</h1>", Map.of()));
        for (ConnectorException e : pullAndPush()) {
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().startsWith("no Lienthong API at " + peer.url()), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 503, 429, 408 })
    void serverTroubleIsTransient(int status) throws Exception {
        peer.answering(r -> Response.problem(status, "try again later"));
        for (ConnectorException e : pullAndPush()) {
            assertTrue(e.transientFailure(), e.getMessage());
            assertTrue(e.getMessage().contains(status + ": try again later"), e.getMessage());
        }
    }

    @Test
    void otherClientErrorsNeedAnOperatorAndSayWhy() throws Exception {
        peer.answering(r -> new Response(400, "application/problem+json",
                """
                        {"type":"/problems/invalid","title":"Invalid request","status":400,"detail":"the request has invalid fields",
                         "errors":[{"field":"kinds","message":"must be a comma-separated list of threat, incident, resource"}]}""",
                Map.of()));
        for (ConnectorException e : pullAndPush()) {
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().contains("(400): the request has invalid fields (kinds: must be a"),
                    e.getMessage());
        }
    }

    @Test
    void anAnswerThatIsNotJsonNeedsAnOperator() throws Exception {
        peer.answering(r -> new Response(200, "text/html", "<html>welcome</html>", Map.of()));
        for (ConnectorException e : pullAndPush()) {
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().contains("is not JSON"), e.getMessage());
        }
        peer.answering(r -> Response.json("[]"));
        for (ConnectorException e : pullAndPush()) {
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        }
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        peer.answering(r -> new Response(302, null, null, Map.of("Location", "https://elsewhere.example/")));
        for (ConnectorException e : pullAndPush()) {
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().contains("302 to https://elsewhere.example/"), e.getMessage());
        }
        assertEquals(2, peer.requests.size());
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        for (ConnectorException e : pullAndPush("http://127.0.0.1:" + port, LIMIT)) {
            assertTrue(e.transientFailure(), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    void aPeerThatDoesNotAnswerInTimeIsTransientAndTheCallKeepsItsTimeLimit() throws Exception {
        peer.answering(r -> {
            Thread.sleep(10_000);
            return Response.json("{}");
        });
        long started = System.nanoTime();
        List<ConnectorException> failures = pullAndPush(peer.url(), Duration.ofMillis(800));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        for (ConnectorException e : failures) {
            assertTrue(e.transientFailure(), e.getMessage());
            assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        }
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "two calls of 0.8 s took " + took);
    }
}
