package org.lienthong.connector.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.lienthong.hub.api.json.Json;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver played by the JDK's HTTP server on a free loopback port. It does what a careful receiver does
 * before it looks at an event: verifies the Standard Webhooks signature with its own code
 * ({@link StandardWebhooksVerifier}) and answers 401 when that fails; parses the CloudEvent and answers 400 when it is
 * not one. Only then does it ask {@link #responder}. Every attempt is recorded with what it found.
 */
final class Receiver implements AutoCloseable {

    /** The event types the hub may send. */
    static final String TYPE_PATTERN = "org\\.lienthong\\.(threat|incident|resource)\\.(created|updated|deleted)";

    /**
     * One request as the receiver saw it.
     *
     * @param problem
     *            why it was refused before {@link #responder} was asked, or {@code null}
     * @param event
     *            the parsed event when it verified and parsed
     */
    record Attempt(String method, String path, Headers headers, String body, String problem,
            Map<String, Object> event) {

        String header(String name) {
            return headers.getFirst(name);
        }

        String id() {
            return header("webhook-id");
        }

        boolean accepted() {
            return problem == null;
        }
    }

    /** What to answer. */
    record Answer(int status, String body, Map<String, String> headers) {

        static Answer of(int status) {
            return new Answer(status, "", Map.of());
        }

        static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        Answer with(String header, String value) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put(header, value);
            return new Answer(status, body, h);
        }
    }

    @FunctionalInterface
    interface Responder {
        /**
         * @param attempt
         *            a verified, parsed event
         * @param n
         *            1 for the first request this receiver got, 2 for the next…
         */
        Answer answer(Attempt attempt, int n) throws Exception;
    }

    final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    volatile Responder responder = (a, n) -> Answer.of(204);

    private final StandardWebhooksVerifier verifier;
    private final Clock clock;
    private final AtomicInteger count = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    Receiver(String secret, Clock clock) throws IOException {
        this.verifier = new StandardWebhooksVerifier(secret);
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The endpoint to configure. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/lienthong";
    }

    Receiver answering(Responder r) {
        this.responder = r;
        return this;
    }

    /** The ids of the events, in the order they came. */
    List<String> ids() {
        return attempts.stream().map(Attempt::id).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            Headers h = exchange.getRequestHeaders();
            String problem = verifier.verify(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), raw, clock.instant());
            int status = 401;
            Map<String, Object> event = null;
            String body = new String(raw, UTF_8);
            if (problem == null) {
                status = 400;
                try {
                    event = parse(h, body);
                } catch (IllegalArgumentException | ClassCastException e) {
                    problem = "not a CloudEvent: " + e.getMessage();
                }
            }
            Attempt attempt = new Attempt(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), h, body,
                    problem, event);
            attempts.add(attempt);
            int n = count.incrementAndGet();
            Answer answer;
            if (problem != null) {
                answer = Answer.of(status, problem);
            } else {
                try {
                    answer = responder.answer(attempt, n);
                } catch (InterruptedException e) {
                    return; // the test is over
                } catch (Exception e) {
                    answer = Answer.of(500, "receiver failed: " + e);
                }
            }
            byte[] out = answer.body() == null ? new byte[0] : answer.body().getBytes(UTF_8);
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            } catch (IOException e) {
                // the sender stopped reading: fine
            }
        }
    }

    /** Checks the CloudEvents 1.0 structured-mode rules this hub promises; throws with the first one broken. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(Headers h, String body) {
        String contentType = h.getFirst("Content-Type");
        if (!"application/cloudevents+json; charset=utf-8".equals(contentType)) {
            throw new IllegalArgumentException("Content-Type is " + contentType);
        }
        if (!(Json.parse(body) instanceof Map<?, ?> parsed)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Map<String, Object> event = (Map<String, Object>) parsed;
        Set<String> allowed = Set.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype",
                "data");
        for (String name : event.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unexpected attribute " + name);
            }
        }
        require("1.0".equals(event.get("specversion")), "specversion");
        require(event.get("id") instanceof String id && !id.isEmpty() && id.equals(h.getFirst("webhook-id")),
                "id must equal webhook-id");
        require(event.get("source") instanceof String s && s.startsWith("urn:lienthong:hub:"), "source");
        require(event.get("type") instanceof String t && t.matches(TYPE_PATTERN), "type");
        require(event.get("subject") instanceof String s && !s.isEmpty(), "subject");
        require(event.get("time") instanceof String t && OffsetDateTime.parse(t) != null, "time");
        require("application/json".equals(event.get("datacontenttype")), "datacontenttype");
        require(event.get("data") instanceof Map<?, ?>, "data");
        return event;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
