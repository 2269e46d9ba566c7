package org.lienthong.connector.webhook;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.webhook.Fixtures.SECRET_KEY_TEXT;
import static org.lienthong.connector.webhook.Fixtures.change;
import static org.lienthong.connector.webhook.Fixtures.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lienthong.connector.testkit.TestContext;
import org.lienthong.connector.webhook.Fixtures.MovableClock;
import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SinkConnector;

/**
 * A receiver that cannot be reached: on the call's first request the whole call fails transiently (the batch waits);
 * later in a call the change is retried later. Nothing shown contains the secret.
 */
class UnreachableReceiverTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final TestContext context = Fixtures.context(new MovableClock());

    @AfterEach
    void nothingLoggedShowsTheSecret() {
        context.logger().lines.forEach(l -> assertFalse(l.contains(SECRET_KEY_TEXT), l));
    }

    /** A loopback port nobody listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void assertShowsNoSecret(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET_KEY_TEXT), t.toString());
            assertFalse(t.toString().contains(SECRET_KEY_TEXT), t.toString());
        }
    }

    @Test
    void aRefusedConnectionOnTheFirstChangeFailsTheCallTransiently() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/hook?token=abc";
        try (SinkConnector sink = Fixtures.open(config(url), context)) {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> sink.deliver(List.of(change(1), change(2)), LIMIT));
            assertTrue(e.transientFailure());
            assertTrue(e.getMessage().startsWith("cannot reach the webhook receiver at http://127.0.0.1:"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("token=abc"), "the query is not shown: " + e.getMessage());
            assertShowsNoSecret(e);
        }
    }

    @Test
    void filteredChangesBeforeItDoNotCount() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/hook";
        try (SinkConnector sink = Fixtures.open(config(url, "kinds", List.of("incident")), context)) {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> sink.deliver(List.of(change(1, "threat", "create", 1), change(2)), LIMIT));
            assertTrue(e.transientFailure());
        }
    }

    @Test
    void aHostNameThatDoesNotResolveFailsTheCallTransiently() throws Exception {
        try (SinkConnector sink = Fixtures.open(config("http://receiver.invalid/hook"), context)) {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> sink.deliver(List.of(change(1)), LIMIT));
            assertTrue(e.transientFailure());
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("receiver.invalid"), e.getMessage());
            assertShowsNoSecret(e);
        }
    }

    @Test
    void aReceiverThatGoesAwayMidCallMakesTheRestRetryLater() throws Exception {
        try (OneShotReceiver once = new OneShotReceiver();
                SinkConnector sink = Fixtures.open(config(once.url()), context)) {
            List<Change> changes = List.of(change(1), change(2), change(3));
            List<Delivery> out = sink.deliver(changes, LIMIT);
            assertEquals(Delivery.ok(), out.get(0));
            Delivery.RetryLater retry = assertInstanceOf(Delivery.RetryLater.class, out.get(1));
            assertTrue(retry.reason().startsWith("cannot reach the webhook receiver at " + once.url()), retry.reason());
            assertFalse(retry.reason().contains(SECRET_KEY_TEXT));
            Delivery.RetryLater rest = assertInstanceOf(Delivery.RetryLater.class, out.get(2));
            assertTrue(rest.reason().startsWith("not sent"), rest.reason());
            assertTrue(once.request.startsWith("POST /hook "), once.request);
            assertTrue(once.request.toLowerCase(Locale.ROOT).contains("webhook-id: " + changes.get(0).hash()),
                    once.request);
        }
    }

    /**
     * Answers one request 200 over a plain socket and stops listening before it answers, so the next connection is
     * refused.
     */
    static final class OneShotReceiver implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        private final Thread thread;
        volatile String request = "";

        OneShotReceiver() throws IOException {
            thread = new Thread(this::serve, "one-shot-receiver");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        private void serve() {
            try (Socket s = server.accept()) {
                server.close();
                InputStream in = s.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(US_ASCII).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.write(b);
                }
                String headers = head.toString(US_ASCII);
                int length = 0;
                for (String line : headers.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                in.readNBytes(length);
                request = headers;
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the test fails on what the sink returned
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5_000);
        }
    }
}
