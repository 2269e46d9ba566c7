package org.lienthong.connector.hubpeer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A peer hub played by the JDK's HTTP server on a free loopback port: records every request and answers with whatever
 * {@link #answer} says.
 */
final class FakePeer implements AutoCloseable {

    /** A request as the peer saw it. */
    record Request(String method, URI uri, Headers headers, String body) {

        String path() {
            return uri.getRawPath();
        }

        /** The decoded query parameters. */
        Map<String, String> query() {
            Map<String, String> params = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    params.put(URLDecoder.decode(pair.substring(0, eq), UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), UTF_8));
                }
            }
            return params;
        }

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** An answer. */
    record Response(int status, String contentType, String body, Map<String, String> headers) {

        static Response json(String body) {
            return new Response(200, "application/json", body, Map.of());
        }

        static Response problem(int status, String detail) {
            return new Response(status, "application/problem+json", "{\"type\":\"/problems/x\",\"title\":\"Problem\","
                    + "\"status\":" + status + ",\"detail\":\"" + detail + "\"}", Map.of());
        }
    }

    @FunctionalInterface
    interface Responder {
        Response respond(Request request) throws Exception;
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile Responder answer = r -> Response.problem(500, "no answer configured");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    FakePeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The peer's base URL. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakePeer answering(Responder responder) {
        this.answer = responder;
        return this;
    }

    Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size());
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), new String(in.readAllBytes(), UTF_8));
            requests.add(request);
            Response response;
            try {
                response = answer.respond(request);
            } catch (InterruptedException e) {
                return; // the test is over
            } catch (Exception e) {
                response = Response.problem(500, "fake peer failed: " + e);
            }
            byte[] body = response.body() == null ? new byte[0] : response.body().getBytes(UTF_8);
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
