package org.lienthong.connector.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.csv.Fixtures.SHEET;
import static org.lienthong.connector.csv.Fixtures.config;
import static org.lienthong.connector.csv.Fixtures.open;
import static org.lienthong.connector.csv.Fixtures.poll;
import static org.lienthong.connector.csv.Fixtures.refusals;
import static org.lienthong.connector.csv.Fixtures.upserts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.connector.SourceItem;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A file published at an http URL, served by the JDK's HTTP server on a loopback port. */
class CsvSourceHttpTest {

    private HttpServer server;
    private volatile String body = SHEET;
    private volatile int status = 200;
    private volatile long declaredLength = -1;
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/exports/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String tag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
            String condition = exchange.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(String.valueOf(condition));
            exchange.getResponseHeaders().set("ETag", tag);
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            if (tag.equals(condition)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] bytes = body.getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/csv; charset=utf-8");
            exchange.sendResponseHeaders(200, declaredLength > 0 ? declaredLength : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
                out.flush(); // a declared length larger than the body: the server would hold back an unflushed answer
            } catch (IOException clientGaveUp) {
                // the connector stops reading a file that is too large
            }
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/exports/kho%20ha%20noi.csv?key=abc";
    }

    @Test
    void readsTheSheetAndAsksOnlyWhetherItChangedAfterwards() throws Exception {
        try (SourceConnector source = open(config(url()), Fixtures.context())) {
            SourceBatch first = poll(source, null);
            assertEquals(5, first.items().size());
            List<SourceItem.Upsert> upserts = upserts(first);
            assertEquals(List.of("kho ha noi.csv:line 2", "kho ha noi.csv:line 3", "kho ha noi.csv:line 5"),
                    upserts.stream().map(SourceItem.Upsert::description).toList());
            assertTrue(upserts.get(0).json().contains("\"name\":\"Phao cứu sinh\""));
            assertEquals("kho ha noi.csv:line 4", refusals(first).get(0).description());

            SourceBatch second = poll(source, first.checkpoint());
            assertEquals(List.of(), second.items());
            assertEquals("null", ifNoneMatch.get(0));
            assertTrue(ifNoneMatch.get(1).startsWith("\""), "the second request is conditional");

            body = SHEET.replace("Phao cứu sinh", "Phao tròn");
            SourceBatch changed = poll(source, second.checkpoint());
            assertEquals(5, changed.items().size());
            assertTrue(upserts(changed).get(0).json().contains("\"name\":\"Phao tròn\""));
        }
    }

    @Test
    void aCheckpointFromAnotherInstanceIsHonouredWithoutAConditionalRequest() throws Exception {
        String checkpoint;
        try (SourceConnector source = open(config(url()), Fixtures.context())) {
            checkpoint = poll(source, null).checkpoint();
        }
        try (SourceConnector restarted = open(config(url()), Fixtures.context())) {
            assertEquals(List.of(), poll(restarted, checkpoint).items());
            assertEquals("null", ifNoneMatch.get(1), "a new instance knows no ETag; it compares the content");
        }
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedOnce() throws Exception {
        declaredLength = Drop.MAX_BYTES + 1;
        try (SourceConnector source = open(config(url()), Fixtures.context())) {
            SourceBatch batch = poll(source, null);
            assertEquals(1, batch.items().size());
            SourceItem.Refused r = refusals(batch).get(0);
            assertEquals("kho ha noi.csv", r.description());
            assertTrue(r.reason().startsWith("the file is larger than 50 MiB"), r.reason());
            assertEquals(List.of(), poll(source, batch.checkpoint()).items());
        }
    }

    @Test
    void notFoundNeedsAnOperatorAndServerErrorsPass() throws Exception {
        try (SourceConnector source = open(config(url()), Fixtures.context())) {
            status = 404;
            ConnectorException notFound = assertThrows(ConnectorException.class, () -> poll(source, null));
            assertFalse(notFound.transientFailure());
            assertTrue(notFound.getMessage().contains("HTTP 404"), notFound.getMessage());
            assertFalse(notFound.getMessage().contains("key=abc"), "the query may hold an access key");

            status = 403;
            assertFalse(assertThrows(ConnectorException.class, () -> poll(source, null)).transientFailure());
            status = 503;
            assertTrue(assertThrows(ConnectorException.class, () -> poll(source, null)).transientFailure());
            status = 429;
            assertTrue(assertThrows(ConnectorException.class, () -> poll(source, null)).transientFailure());
        }
    }

    @Test
    void anUnreachableServerIsTransient() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (SourceConnector source = open(config("http://127.0.0.1:" + port + "/kho.csv"), Fixtures.context())) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> poll(source, null));
            assertTrue(e.transientFailure());
            assertTrue(e.getMessage().startsWith("cannot read http://127.0.0.1:" + port + "/kho.csv"), e.getMessage());
        }
    }

    @Test
    void namesTheFileAfterTheUrlsLastSegment() {
        assertEquals("kho.csv", HttpDrop.nameOf(URI.create("https://kho.example.gov.vn/a/kho.csv?x=1")));
        assertEquals("xuat", HttpDrop.nameOf(URI.create("https://kho.example.gov.vn/xuat/")));
        assertEquals("kho.example.gov.vn", HttpDrop.nameOf(URI.create("https://kho.example.gov.vn")));
        assertEquals("bảng kê.csv", HttpDrop.nameOf(URI.create("https://x.vn/b%E1%BA%A3ng%20k%C3%AA.csv")));
    }
}
