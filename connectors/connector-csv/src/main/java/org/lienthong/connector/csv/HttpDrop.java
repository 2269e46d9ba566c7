package org.lienthong.connector.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.LimitedBody;

/**
 * An http(s) URL of one CSV file, fetched with {@code GET}. Redirects are followed (not from https to http). When the
 * content last imported is still the server's, the request carries {@code If-None-Match} / {@code If-Modified-Since}
 * from the last answer, so an unchanged file costs a {@code 304}.
 *
 * <table>
 * <caption>How an answer becomes an exception</caption>
 * <tr>
 * <th>the server answered</th>
 * <th>the poll</th>
 * </tr>
 * <tr>
 * <td>200</td>
 * <td>reads the body (at most {@link Drop#MAX_BYTES}; a larger file is refused as a whole)</td>
 * </tr>
 * <tr>
 * <td>304</td>
 * <td>unchanged</td>
 * </tr>
 * <tr>
 * <td>no answer (refused, reset, DNS, TLS, time limit), 408, 429, 5xx</td>
 * <td>transient failure</td>
 * </tr>
 * <tr>
 * <td>404, 410</td>
 * <td>not transient: nothing at that URL</td>
 * </tr>
 * <tr>
 * <td>401, 403, other statuses</td>
 * <td>not transient</td>
 * </tr>
 * </table>
 */
final class HttpDrop implements Drop {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final String display;
    private final String name;
    private final HttpClient client;
    private Validators last; // only touched by the polling thread

    /** What the server said about the content last read. */
    private record Validators(String sha256, String etag, String lastModified) {
    }

    HttpDrop(URI url, String display) {
        this.url = url;
        this.display = display;
        this.name = nameOf(url);
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The last non-empty path segment, decoded ({@code kho.csv}), or the host. */
    static String nameOf(URI url) {
        String last = "";
        for (String segment : (url.getRawPath() == null ? "" : url.getRawPath()).split("/")) {
            if (!segment.isEmpty()) {
                last = segment;
            }
        }
        if (last.isEmpty()) {
            return url.getHost();
        }
        try {
            return URLDecoder.decode(last.replace("+", "%2B"), UTF_8);
        } catch (IllegalArgumentException e) {
            return last;
        }
    }

    @Override
    public List<Candidate> candidates(Duration budget) {
        return List.of(new Candidate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean settled() {
                return true;
            }

            @Override
            public Fetched fetch(String importedSha256, Duration budget) throws ConnectorException {
                return get(importedSha256, budget);
            }
        });
    }

    private Fetched get(String importedSha256, Duration budget) throws ConnectorException {
        Duration timeout = budget.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : budget;
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(timeout).header("Accept",
                "text/csv, text/plain;q=0.5, */*;q=0.1");
        Validators known = last;
        boolean conditional = known != null && known.sha256().equals(importedSha256);
        if (conditional) {
            if (known.etag() != null) {
                request.header("If-None-Match", known.etag());
            }
            if (known.lastModified() != null) {
                request.header("If-Modified-Since", known.lastModified());
            }
        }
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(),
                info -> info.statusCode() == 200
                        ? new LimitedBody(MAX_BYTES, info.headers().firstValueAsLong("Content-Length").orElse(-1))
                        : BodySubscribers.replacing(new byte[0]));
        HttpResponse<byte[]> response;
        try {
            response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ConnectorException("no complete answer from " + display + " within " + timeout.toSeconds() + " s",
                    true, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted while reading " + display, true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LimitedBody.TooLarge tooLarge) {
                return Fetched.refused("too-large:" + tooLarge.declared(), Fetched.tooLarge(tooLarge.declared()));
            }
            throw new ConnectorException("cannot read " + display + ": " + cause, true, cause);
        }
        int status = response.statusCode();
        if (status == 304 && conditional) {
            return Fetched.unchanged(known.sha256());
        }
        if (status == 200) {
            Fetched f = Fetched.content(response.body());
            last = new Validators(f.sha256(), response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
            return f;
        }
        if (status == 404 || status == 410) {
            throw new ConnectorException("there is no file at " + display + " (HTTP " + status + "): correct 'url'",
                    false);
        }
        if (status == 401 || status == 403) {
            throw new ConnectorException(display + " refused access (HTTP " + status + "): the server must let the hub"
                    + " read the file without credentials, or give it a URL that does", false);
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new ConnectorException(display + " answered HTTP " + status + "; will try again", true);
        }
        throw new ConnectorException(display + " answered HTTP " + status + " where a CSV file was expected", false);
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    @Override
    public String toString() {
        return "HttpDrop[" + display + "]";
    }
}
