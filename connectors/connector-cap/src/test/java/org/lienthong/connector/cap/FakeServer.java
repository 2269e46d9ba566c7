package org.lienthong.connector.cap;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A web server for feeds and alerts, played by the JDK's HTTP server on a free loopback port: answers each path with
 * what {@link #put} set (404 otherwise) and records the paths asked for.
 */
final class FakeServer implements AutoCloseable {

    /** An answer. */
    record Response(int status, String contentType, byte[] body, long delayMillis) {

        static Response xml(String body) {
            return new Response(200, "application/xml", body.getBytes(UTF_8), 0);
        }

        static Response bytes(byte[] body) {
            return new Response(200, "application/cap+xml", body, 0);
        }

        static Response status(int status) {
            return new Response(status, "text/plain", ("HTTP " + status).getBytes(UTF_8), 0);
        }

        Response delayed(long millis) {
            return new Response(status, contentType, body, millis);
        }
    }

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Response> answers = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The server's base URL, without a trailing slash. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeServer put(String path, Response response) {
        answers.put(path, response);
        return this;
    }

    FakeServer put(String path, String xml) {
        return put(path, Response.xml(xml));
    }

    /** How many times {@code path} was asked for. */
    long count(String path) {
        return requests.stream().filter(path::equals).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(path);
            Response response = answers.getOrDefault(path, Response.status(404));
            if (response.delayMillis() > 0) {
                try {
                    Thread.sleep(response.delayMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            } catch (IOException e) {
                // the client gave up (a size limit, a timeout): nothing to do
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
