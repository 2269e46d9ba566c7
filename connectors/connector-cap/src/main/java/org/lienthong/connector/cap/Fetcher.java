package org.lienthong.connector.cap;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lienthong.hub.api.connector.LimitedBody;

/**
 * Reads a document from an http, https or file URL, at most {@value #MAX_BYTES} bytes, within a deadline.
 *
 * <p>
 * HTTP: one {@link HttpClient} per connector instance, created on first use; redirects are followed between http and
 * https except from https to http ({@link HttpClient.Redirect#NORMAL}: never to another scheme); the whole exchange,
 * body included, must end by the deadline. Outcomes:
 * <table>
 * <caption>How a fetch fails</caption>
 * <tr>
 * <th>what happened</th>
 * <th>{@link Failure#transientFailure()}</th>
 * </tr>
 * <tr>
 * <td>no connection, reset, timeout; HTTP 408, 429, 5xx</td>
 * <td>true</td>
 * </tr>
 * <tr>
 * <td>HTTP 401, 403, 404, 410, other 4xx, a redirect not followed; no such file; larger than the limit</td>
 * <td>false</td>
 * </tr>
 * </table>
 * Thread-safe.
 */
final class Fetcher implements AutoCloseable {

    /** The largest document read: 10 MiB. */
    static final int MAX_BYTES = 10 * 1024 * 1024;

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final String ACCEPT = "application/cap+xml, application/atom+xml, application/rss+xml,"
            + " application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";

    /** Why a document could not be read. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean transientFailure;
        private final int status;

        Failure(String message, boolean transientFailure, int status) {
            super(message);
            this.transientFailure = transientFailure;
            this.status = status;
        }

        boolean transientFailure() {
            return transientFailure;
        }

        /** The HTTP status, or 0. */
        int status() {
            return status;
        }
    }

    private HttpClient client; // guarded by this

    /**
     * Reads {@code uri}.
     *
     * @param deadline
     *            {@link System#nanoTime()} by which the read must be over
     */
    byte[] fetch(URI uri, long deadline) throws Failure {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new Failure("no time left to read " + uri, true, 0);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
        case "file" -> file(uri);
        case "http", "https" -> http(uri, Duration.ofNanos(remaining));
        default -> throw new Failure("cannot read " + uri + ": only http, https and file URLs are read", false, 0);
        };
    }

    private static byte[] file(URI uri) throws Failure {
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new Failure("not a local file URL: " + uri, false, 0);
        }
        try {
            if (!Files.isRegularFile(path)) {
                throw new Failure("no file at " + uri, false, 0);
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new Failure(uri + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB", false, 0);
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new Failure(uri + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB", false, 0);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new Failure("no file at " + uri, false, 0);
        } catch (IOException e) {
            throw new Failure("cannot read " + uri + ": " + e.getClass().getSimpleName(), true, 0);
        }
    }

    private byte[] http(URI uri, Duration budget) throws Failure {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(budget).header("Accept", ACCEPT)
                    .header("User-Agent", "Lienthong-CAP-connector/1").GET().build();
        } catch (IllegalArgumentException e) {
            throw new Failure("not a URL that can be requested: " + uri, false, 0);
        }
        CompletableFuture<HttpResponse<byte[]>> future;
        try {
            future = client().sendAsync(request, LimitedBody.handler(MAX_BYTES));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Failure("cannot request " + uri + ": " + e.getClass().getSimpleName(), true, 0);
        }
        HttpResponse<byte[]> response;
        try {
            response = future.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Failure(uri + " did not answer within " + budget.toMillis() + " ms", true, 0);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while reading " + uri, true, 0);
        } catch (CancellationException e) {
            throw new Failure("reading " + uri + " was cancelled", true, 0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof LimitedBody.TooLarge) {
                    throw new Failure(uri + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB", false, 0);
                }
            }
            if (cause instanceof HttpTimeoutException) {
                throw new Failure(uri + " did not answer within " + budget.toMillis() + " ms", true, 0);
            }
            if (cause instanceof ConnectException) {
                throw new Failure("cannot connect to " + uri + ": " + message(cause), true, 0);
            }
            throw new Failure("no answer from " + uri + ": " + message(cause), true, 0);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String location = response.headers().firstValue("Location").map(l -> " to " + l).orElse("");
        if (status == 408 || status == 429 || status >= 500) {
            throw new Failure(uri + " answered HTTP " + status + "; will try again", true, status);
        }
        if (status == 401 || status == 403) {
            throw new Failure(
                    uri + " refused access (HTTP " + status + "): the feed must be readable without" + " credentials",
                    false, status);
        }
        if (status == 404 || status == 410) {
            throw new Failure("nothing at " + uri + " (HTTP " + status + ")", false, status);
        }
        if (status >= 300 && status < 400) {
            throw new Failure(uri + " redirected" + location + " (HTTP " + status
                    + "), which is not followed (from https to http, or too many redirects)", false, status);
        }
        throw new Failure(uri + " answered HTTP " + status, false, status);
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return client;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.shutdownNow();
        }
    }
}
