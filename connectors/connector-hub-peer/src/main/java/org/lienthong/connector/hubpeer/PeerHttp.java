package org.lienthong.connector.hubpeer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.Secret;
import org.lienthong.hub.api.json.Json;

/**
 * The HTTP side of the connector: one {@link HttpClient} per opened instance, the bearer token on every request, and
 * the one place that turns what the peer answered into a JSON object or a {@link ConnectorException}.
 *
 * <p>
 * Thread-safe ({@link HttpClient} is), so one instance serves a pull thread and a push thread at once.
 *
 * <p>
 * Whole-request outcomes:
 * <table>
 * <caption>How a request's outcome becomes an exception</caption>
 * <tr>
 * <th>the peer answered</th>
 * <th>the call throws</th>
 * </tr>
 * <tr>
 * <td>2xx with a JSON object</td>
 * <td>nothing: the object is returned</td>
 * </tr>
 * <tr>
 * <td>no answer (connection refused, reset, DNS, TLS, time limit)</td>
 * <td>transient</td>
 * </tr>
 * <tr>
 * <td>408, 429, 5xx</td>
 * <td>transient</td>
 * </tr>
 * <tr>
 * <td>401, 403</td>
 * <td>not transient: "the peer refused the token"</td>
 * </tr>
 * <tr>
 * <td>404</td>
 * <td>not transient: "no Lienthong API at {url}"</td>
 * </tr>
 * <tr>
 * <td>other 4xx, 3xx, a 2xx that is not a JSON object</td>
 * <td>not transient, with the problem's detail</td>
 * </tr>
 * </table>
 *
 * <p>
 * The token goes into the {@code Authorization} header and nowhere else. As a second line of defence every message
 * built from what the peer sent passes through {@link #redact}, so a peer that echoes the token cannot make it appear
 * in an exception, a delivery reason or a log line.
 */
final class PeerHttp implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Kept back from each call's time limit to read and convert the answer. */
    private static final Duration MAX_MARGIN = Duration.ofMillis(500);

    private final String url;
    private final Secret token;
    private final HttpClient client;

    PeerHttp(String url, Secret token) {
        this.url = url;
        this.token = token;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                // never follow: the Authorization header must not travel to an address the operator did not configure
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The peer's base URL, for messages. */
    String url() {
        return url;
    }

    /** How long the HTTP exchange of a call with this time limit may take. */
    static Duration budget(Duration timeLimit) {
        Duration margin = timeLimit.dividedBy(10);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        return timeLimit.minus(margin);
    }

    /**
     * Sends one request and returns the JSON object the peer answered with.
     *
     * @param pathAndQuery
     *            appended to the base URL, e.g. {@code /api/v1/changes?limit=500}; already encoded
     * @param jsonBody
     *            the body for a POST, or {@code null} for a GET
     * @param budget
     *            the whole exchange, connection and body included, must end within this
     */
    Map<String, Object> exchange(String pathAndQuery, String jsonBody, Duration budget) throws ConnectorException {
        if (budget.isNegative() || budget.isZero()) {
            throw new ConnectorException("no time left to call the peer at " + url, true);
        }
        String what = (jsonBody == null ? "GET " : "POST ") + pathAndQuery.replaceFirst("\\?.*", "");
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + pathAndQuery)).timeout(budget)
                    .header("Accept", "application/json").header("Authorization", "Bearer " + token.reveal());
            if (jsonBody == null) {
                builder.GET();
            } else {
                builder.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(jsonBody, UTF_8));
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            // the JDK's message may quote the header value: neither it nor the cause goes anywhere
            throw new ConnectorException("cannot build a request to " + url
                    + ": check that 'url' is a plain base URL and 'token' is exactly as issued", false);
        }
        HttpResponse<String> response = send(request, budget, what);
        return answer(response, what);
    }

    private HttpResponse<String> send(HttpRequest request, Duration budget, String what) throws ConnectorException {
        CompletableFuture<HttpResponse<String>> future;
        try {
            future = client.sendAsync(request, HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (IllegalArgumentException | IllegalStateException e) { // IllegalStateException: client closed
            throw new ConnectorException("cannot call the peer at " + url + ": " + e.getClass().getSimpleName(), true);
        }
        try {
            // the request timeout covers the wait for the answer's headers; this bounds the body too
            return future.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(what, budget, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted while calling the peer at " + url, true, e);
        } catch (CancellationException e) {
            throw new ConnectorException("the call to the peer at " + url + " was cancelled", true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(what, budget, cause);
            }
            if (cause instanceof ConnectException) {
                throw new ConnectorException("cannot connect to the peer at " + url + ": " + reason(cause), true,
                        cause);
            }
            if (cause instanceof IOException) {
                throw new ConnectorException("no answer from the peer at " + url + " to " + what + ": " + reason(cause),
                        true, cause);
            }
            throw new ConnectorException("calling the peer at " + url + " failed: " + reason(cause), true, cause);
        }
    }

    private ConnectorException timedOut(String what, Duration budget, Throwable cause) {
        return new ConnectorException(
                "the peer at " + url + " did not answer " + what + " within " + budget.toMillis() + " ms", true, cause);
    }

    private String reason(Throwable t) {
        String m = t.getMessage();
        return redact(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
    }

    private Map<String, Object> answer(HttpResponse<String> response, String what) throws ConnectorException {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            Object json;
            try {
                json = Json.parse(body);
            } catch (IllegalArgumentException e) {
                throw new ConnectorException(
                        "the answer of " + url + " to " + what
                                + " is not JSON; is 'url' the base URL of a Lienthong hub? (" + e.getMessage() + ")",
                        false);
            }
            if (!(json instanceof Map<?, ?>)) {
                throw new ConnectorException("the answer of " + url + " to " + what
                        + " is not a JSON object; is 'url' the base URL of a Lienthong hub?", false);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) json;
            return object;
        }
        String problem = problemText(body, status);
        if (status == 401 || status == 403) {
            throw new ConnectorException("the peer refused the token: " + problem, false);
        }
        if (status == 404) {
            throw new ConnectorException("no Lienthong API at " + url + " (" + what + " answered 404)", false);
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new ConnectorException(
                    "the peer at " + url + " answered " + what + " with " + status + ": " + problem, true);
        }
        if (status >= 400) {
            throw new ConnectorException("the peer refused " + what + " (" + status + "): " + problem, false);
        }
        String location = response.headers().firstValue("Location").map(l -> " to " + redact(l)).orElse("");
        throw new ConnectorException("the peer at " + url + " answered " + what + " with " + status + location
                + (status >= 300 && status < 400 ? "; set 'url' to the hub's own address" : ""), false);
    }

    /** The readable part of an {@code application/problem+json} body, or the status when the body is not one. */
    String problemText(String body, int status) {
        Object json;
        try {
            json = Json.parse(body);
        } catch (IllegalArgumentException e) {
            json = null;
        }
        if (json instanceof Map<?, ?> problem) {
            String text = problemText(problem);
            if (!text.isEmpty()) {
                return text;
            }
        }
        return "HTTP " + status;
    }

    /**
     * {@code detail} (or {@code title}) and each {@code errors[].field: message} of a problem, redacted; {@code ""}
     * when it names neither.
     */
    String problemText(Map<?, ?> problem) {
        String text = problem.get("detail") instanceof String d && !d.isBlank() ? d
                : problem.get("title") instanceof String t && !t.isBlank() ? t : "";
        List<String> fields = new ArrayList<>();
        if (problem.get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                if (error instanceof Map<?, ?> e && e.get("message") instanceof String message) {
                    String field = e.get("field") instanceof String f && !f.isEmpty() ? f + ": " : "";
                    fields.add(field + message);
                }
            }
        }
        if (!fields.isEmpty()) {
            text = (text.isEmpty() ? "" : text + " ") + "(" + String.join("; ", fields) + ")";
        }
        return redact(abbreviate(text));
    }

    private static String abbreviate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000) + "…";
    }

    /** {@code s} with every occurrence of the token replaced by asterisks. */
    String redact(String s) {
        String secret = token.reveal();
        return secret.isEmpty() || s == null ? s : s.replace(secret, "********");
    }

    /** A non-negative whole number from a parsed JSON value, or -1. */
    static int intValue(Object json) {
        if (json instanceof BigDecimal d) {
            try {
                int n = d.intValueExact();
                return n >= 0 ? n : -1;
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return -1;
    }

    /** Stops the client at once, aborting a pull the peer is holding open. Idempotent. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    @Override
    public String toString() {
        return "PeerHttp[" + url + "]";
    }
}
