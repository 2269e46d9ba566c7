package org.lienthong.connector.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.connector.ConnectorContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SinkConnector;

/**
 * Delivers each change as one signed CloudEvent: {@code POST {url}} with the {@link CloudEvent} as body and the
 * Standard Webhooks headers
 *
 * <pre>
 * Content-Type: application/cloudevents+json; charset=utf-8
 * webhook-id: {event id = the version's hash}
 * webhook-timestamp: {unix seconds, from the hub's clock, at this attempt}
 * webhook-signature: v1,{base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)}
 * </pre>
 *
 * <table>
 * <caption>How an attempt becomes a {@link Delivery}</caption>
 * <tr>
 * <th>the receiver</th>
 * <th>delivery</th>
 * </tr>
 * <tr>
 * <td>answered 2xx</td>
 * <td>{@link Delivery#ok()}</td>
 * </tr>
 * <tr>
 * <td>answered 408, 429 or 5xx (or another status outside 2xx-4xx)</td>
 * <td>{@link Delivery.RetryLater} with {@code Retry-After} (seconds or an HTTP date, kept between 1 s and 1 h) as
 * {@code after}, or {@code null} (the hub's backoff) without one</td>
 * </tr>
 * <tr>
 * <td>did not answer in time; the connection broke</td>
 * <td>{@link Delivery.RetryLater}, {@code after = null}</td>
 * </tr>
 * <tr>
 * <td>could not be reached (connection refused, host name not resolved, no route, connect timeout)</td>
 * <td>on the call's first request: a transient {@link ConnectorException}, so the whole batch waits with the hub's
 * backoff; on a later request: {@link Delivery.RetryLater}</td>
 * </tr>
 * <tr>
 * <td>answered another 4xx</td>
 * <td>{@link Delivery.Rejected}: {@code "HTTP <status>: <first 200 characters of the body>"}</td>
 * </tr>
 * <tr>
 * <td>answered 3xx</td>
 * <td>{@link Delivery.Rejected}: redirects are not followed</td>
 * </tr>
 * </table>
 *
 * <p>
 * Order is kept: after the first {@link Delivery.RetryLater} nothing more of the call is sent and every later change
 * (filtered kinds included) is answered {@link Delivery.RetryLater} too, so a receiver never sees a version before the
 * one it follows. (The hub holds its lane at the first {@code RetryLater} anyway.) A {@link Delivery.Rejected} does not
 * stop the call: the hub dead-letters that change and moves on.
 *
 * <p>
 * Changes of a kind not in {@code kinds} are not sent and count as delivered. A change that cannot make an event (no
 * hash, unknown op, a record that is not a JSON object) is {@link Delivery.Rejected} without being sent.
 *
 * <p>
 * The secret is used to sign and for nothing else; as a second line of defence, every excerpt of what the receiver
 * answered passes through {@link #redact} before it reaches a reason. Messages name the URL without its query.
 */
final class WebhookSink implements SinkConnector {

    /** How much of an error body a reason quotes. */
    static final int EXCERPT_CHARS = 200;
    /** How much of any answer is read; the rest is not (the connection is closed instead). */
    static final int MAX_ANSWER_BYTES = 8 * 1024;
    static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    /** Kept back from each call's time limit to return in time. */
    private static final Duration MAX_MARGIN = Duration.ofMillis(500);

    private final WebhookSettings settings;
    private final ConnectorContext context;
    private final WebhookSigner signer;
    private final HttpClient client;
    private final String shownUrl;

    WebhookSink(WebhookSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
        this.signer = new WebhookSigner(settings.secret());
        this.shownUrl = withoutQuery(settings.url());
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(settings.timeoutSeconds()))
                // never follow: a redirect is the receiver's configuration problem, and the event must go where the
                // operator said
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public List<Delivery> deliver(List<Change> changes, Duration timeLimit) throws ConnectorException {
        long deadline = System.nanoTime() + budget(timeLimit).toNanos();
        Delivery[] out = new Delivery[changes.size()];
        Delivery.RetryLater stopped = null;
        int sent = 0;
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            if (stopped != null) {
                out[i] = new Delivery.RetryLater("not sent: an earlier change must be delivered first",
                        stopped.after());
                continue;
            }
            if (change.kind() == null || !settings.kinds().contains(change.kind())) {
                out[i] = Delivery.ok(); // a kind this instance does not send: nothing to do
                continue;
            }
            CloudEvent event;
            try {
                event = CloudEvent.of(change, context.hubId());
            } catch (IllegalArgumentException e) {
                out[i] = new Delivery.Rejected("cannot make a CloudEvent of this change: " + e.getMessage());
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left < TimeUnit.MILLISECONDS.toNanos(1)) {
                stopped = new Delivery.RetryLater("not sent: the call's time limit ran out before its turn", null);
                out[i] = stopped;
                continue;
            }
            Duration timeout = Duration
                    .ofNanos(Math.min(left, Duration.ofSeconds(settings.timeoutSeconds()).toNanos()));
            out[i] = post(event, timeout, sent == 0);
            sent++;
            if (out[i] instanceof Delivery.RetryLater retry) {
                stopped = retry;
            }
        }
        if (context.logger().isLoggable(System.Logger.Level.DEBUG)) {
            long ok = Arrays.stream(out).filter(d -> d instanceof Delivery.Ok).count();
            long rejected = Arrays.stream(out).filter(d -> d instanceof Delivery.Rejected).count();
            context.logger().log(System.Logger.Level.DEBUG,
                    "webhook {0}: {1} change(s), {2} event(s) sent, {3} delivered or skipped, {4} rejected{5}",
                    shownUrl, changes.size(), sent, ok, rejected,
                    stopped == null ? "" : ", the rest postponed: " + stopped.reason());
        }
        return List.of(out);
    }

    /**
     * One attempt.
     *
     * @param first
     *            whether this is the call's first request: an unreachable receiver then throws instead
     */
    private Delivery post(CloudEvent event, Duration timeout, boolean first) throws ConnectorException {
        byte[] body = event.json().getBytes(UTF_8);
        long timestamp = context.clock().instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(settings.url()).timeout(timeout)
                    .header("Content-Type", CloudEvent.CONTENT_TYPE).header("User-Agent", "lienthong-webhook")
                    .header("webhook-id", event.id()).header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signer.sign(event.id(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (IllegalArgumentException e) {
            return new Delivery.Rejected("cannot build the request for event " + event.id() + " to " + shownUrl);
        }
        CompletableFuture<HttpResponse<String>> future;
        try {
            future = client.sendAsync(request, info -> new BoundedBody(MAX_ANSWER_BYTES));
        } catch (IllegalStateException e) { // the client was closed
            throw new ConnectorException("the webhook connector for " + shownUrl + " is closed", true);
        }
        HttpResponse<String> response;
        try {
            // the request timeout covers the wait for the answer's headers; this bounds the body too
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return timedOut(timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted while posting to " + shownUrl, true, e);
        } catch (CancellationException e) {
            return new Delivery.RetryLater("the request to " + shownUrl + " was cancelled", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (unreachable(cause)) {
                String message = "cannot reach the webhook receiver at " + shownUrl + ": " + describe(cause);
                if (first) {
                    throw new ConnectorException(message, true, cause);
                }
                return new Delivery.RetryLater(message, null);
            }
            if (cause instanceof HttpTimeoutException) {
                return timedOut(timeout);
            }
            if (cause instanceof IOException) {
                return new Delivery.RetryLater("no answer from " + shownUrl + ": " + describe(cause), null);
            }
            return new Delivery.RetryLater("posting to " + shownUrl + " failed: " + describe(cause), null);
        }
        return outcome(response);
    }

    private Delivery outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Delivery.ok();
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").map(l -> " (Location: " + excerpt(l) + ")")
                    .orElse("");
            return new Delivery.Rejected("HTTP " + status + ": redirects are not followed" + location
                    + "; set 'url' to the receiver's own address");
        }
        String excerpt = excerpt(response.body());
        String reason = "HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new Delivery.Rejected(reason);
        }
        return new Delivery.RetryLater(reason, retryAfter(response));
    }

    /**
     * {@code Retry-After} as a delay: delta-seconds or an HTTP date (against the hub's clock), kept between
     * {@link #MIN_RETRY_AFTER} and {@link #MAX_RETRY_AFTER}; {@code null} when absent or unreadable.
     */
    private Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").map(String::strip).orElse("");
        if (value.isEmpty()) {
            return null;
        }
        Duration after;
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            after = value.length() > 9 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                after = Duration.between(context.clock().instant(), when);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (after.compareTo(MIN_RETRY_AFTER) < 0) {
            return MIN_RETRY_AFTER;
        }
        return after.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : after;
    }

    private Delivery timedOut(Duration timeout) {
        return new Delivery.RetryLater(
                "the webhook receiver at " + shownUrl + " did not answer within " + timeout.toMillis() + " ms", null);
    }

    /** Whether the failure means no connection could be made at all. */
    private static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong, in words, from an exception chain; redacted. */
    private String describe(Throwable failure) {
        String names = "";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "the host name " + settings.url().getHost() + " does not resolve";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within " + settings.timeoutSeconds() + " s";
            }
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                return redact(m);
            }
            names += (names.isEmpty() ? "" : " / ") + t.getClass().getSimpleName();
        }
        return failure instanceof ConnectException ? "connection refused (" + names + ")" : names;
    }

    /** The first {@value #EXCERPT_CHARS} characters of an answer, on one line, redacted. */
    String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String s = redact(text).replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        if (s.length() <= EXCERPT_CHARS) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(EXCERPT_CHARS - 1)) ? EXCERPT_CHARS - 1 : EXCERPT_CHARS;
        return s.substring(0, end) + "…";
    }

    /** {@code s} with the secret (whole, or the base64 part alone) replaced by asterisks. */
    String redact(String s) {
        String secret = settings.secret().reveal();
        if (s == null || secret.isEmpty()) {
            return s;
        }
        String out = s.replace(secret, "********");
        if (secret.startsWith(WebhookSigner.PREFIX) && secret.length() > WebhookSigner.PREFIX.length()) {
            out = out.replace(secret.substring(WebhookSigner.PREFIX.length()), "********");
        }
        return out;
    }

    /** How long the requests of a call with this time limit may take together. */
    static Duration budget(Duration timeLimit) {
        Duration margin = timeLimit.dividedBy(10);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        return timeLimit.minus(margin);
    }

    private static String withoutQuery(URI url) {
        String s = url.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q) + "?…";
    }

    /** Drills only when the operator asked for them ({@code includeExercise}); the hub leaves them out otherwise. */
    @Override
    public boolean includeExercises() {
        return settings.includeExercise();
    }

    /** Stops the client at once, aborting a request in flight. Idempotent. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    @Override
    public String toString() {
        return "WebhookSink[url=" + shownUrl + ", kinds=" + settings.kinds() + ", timeoutSeconds="
                + settings.timeoutSeconds() + ", includeExercise=" + settings.includeExercise() + "]";
    }

    /**
     * Reads at most {@code limit} bytes of an answer and then stops reading (which closes the connection), so a
     * receiver cannot make the hub hold a large answer in memory. Decoded as UTF-8.
     */
    static final class BoundedBody implements HttpResponse.BodySubscriber<String> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                int n = Math.min(item.remaining(), limit - bytes.size());
                byte[] chunk = new byte[n];
                item.get(chunk);
                bytes.write(chunk, 0, n);
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                result.complete(bytes.toString(UTF_8));
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(UTF_8));
        }
    }
}
