package org.lienthong.connector.hubpeer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lienthong.hub.api.connector.ConnectorContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.connector.SourceItem;
import org.lienthong.hub.api.json.Json;

/**
 * Pulls: reads the peer's change feed and hands each version to this hub as a {@link SourceItem.Replica}.
 *
 * <p>
 * One {@link #poll} is one request, made ahead: when a page says there is {@code more}, the request for the page after
 * it is sent at once, while the hub writes this one, so that an initial sync waits for the peer and for this hub's
 * database at the same time, not in turn. The next poll takes that page if it asks from the same cursor (it normally
 * does), else drops it and asks again:
 *
 * <pre>
 * GET {url}/api/v1/changes?limit={batchSize}&amp;kinds={kinds}&amp;include=exercise&amp;wait={w}[&amp;after={checkpoint}]
 * Authorization: Bearer {token}
 * </pre>
 *
 * <p>
 * {@code include=exercise}: drills travel between hubs like any other version, marked by their own content
 * ({@code "exercise": true}), so that a drill can run across levels; each hub leaves them out of its own default lists,
 * feed and webhooks. (A hub that does not know the parameter ignores it.)
 *
 * <p>
 * The checkpoint is the peer's own cursor: the {@code next} of the page before, stored by the hub in the same
 * transaction as the versions that page brought. A page is returned as it came, so after a crash the hub asks again
 * from the stored cursor and receives the same versions, which it then skips by their hash.
 *
 * <p>
 * {@code w} is {@code min(intervalSeconds, 25, timeLimit - 5 s)}, never below 0: when there is nothing new the peer
 * holds the request open up to {@code w} seconds and answers as soon as a change is committed. That is why
 * {@link #interval()} is only one second: the waiting happens inside {@code poll}, and a change reaches this hub within
 * moments of being written on the peer.
 *
 * <p>
 * Not thread-safe for concurrent polls, which the hub never makes; it keeps no state between polls other than what it
 * logs once and the page fetched ahead.
 */
public final class HubPeerSource implements SourceConnector {

    /** The longest {@code wait} asked of the peer; it allows 30 s, this leaves room for slow networks. */
    static final int MAX_WAIT_SECONDS = 25;

    private final Settings settings;
    private final ConnectorContext context;
    private final PeerHttp http;
    private String peerHub; // only touched by the polling thread
    private Prefetch prefetch; // likewise
    /** Fetches the next page while the hub writes the last: one thread, as there is at most one page ahead. */
    private final ExecutorService prefetcher = Executors
            .newSingleThreadExecutor(Thread.ofVirtual().name("hub-peer-prefetch").factory());

    HubPeerSource(Settings settings, ConnectorContext context, PeerHttp http) {
        this.settings = settings;
        this.context = context;
        this.http = http;
    }

    /**
     * Reads one page of the peer's change feed.
     *
     * @throws ConnectorException
     *             transient when the peer cannot be reached or is overloaded; not transient when it refuses the token,
     *             is not a Lienthong hub, or is this hub itself
     */
    @Override
    public SourceBatch poll(String checkpoint, Duration timeLimit) throws ConnectorException {
        Prefetch ahead = prefetch;
        prefetch = null;
        Map<String, Object> page;
        if (ahead != null && ahead.checkpoint().equals(checkpoint)) {
            page = ahead.await(PeerHttp.budget(timeLimit));
        } else {
            if (ahead != null) { // the hub asks from elsewhere (its write failed, say): that page is not wanted
                ahead.page().cancel(true);
            }
            page = fetch(checkpoint, timeLimit);
        }
        SourceBatch batch = batch(page, checkpoint);
        if (batch.more()) {
            // the hub writes this page next and then asks for the one after: fetch it meanwhile
            String next = batch.checkpoint();
            prefetch = new Prefetch(next, CompletableFuture.supplyAsync(() -> {
                try {
                    return fetch(next, timeLimit);
                } catch (ConnectorException e) {
                    throw new CompletionException(e);
                }
            }, prefetcher));
        }
        return batch;
    }

    /** A page being fetched ahead, the one after {@code checkpoint}. */
    private record Prefetch(String checkpoint, CompletableFuture<Map<String, Object>> page) {

        Map<String, Object> await(Duration budget) throws ConnectorException {
            try {
                return page.get(budget.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ConnectorException c) {
                    throw c;
                }
                throw new ConnectorException("fetching the next page failed: " + e.getCause(), true, e.getCause());
            } catch (TimeoutException e) {
                page.cancel(true);
                throw new ConnectorException("the next page did not arrive within " + budget.toMillis() + " ms", true,
                        e);
            } catch (InterruptedException e) {
                page.cancel(true);
                Thread.currentThread().interrupt();
                throw new ConnectorException("interrupted while waiting for the next page", true, e);
            }
        }
    }

    /** One request for the page after {@code checkpoint}. */
    private Map<String, Object> fetch(String checkpoint, Duration timeLimit) throws ConnectorException {
        long wait = Math.max(0,
                Math.min(Math.min(settings.intervalSeconds(), MAX_WAIT_SECONDS), timeLimit.toSeconds() - 5));
        StringBuilder query = new StringBuilder("/api/v1/changes?limit=").append(settings.batchSize()).append("&kinds=")
                .append(String.join(",", settings.kinds())).append("&include=exercise&wait=").append(wait);
        if (checkpoint != null) {
            query.append("&after=").append(URLEncoder.encode(checkpoint, UTF_8));
        }
        return http.exchange(query.toString(), null, PeerHttp.budget(timeLimit));
    }

    /** The page checked and turned into items. */
    private SourceBatch batch(Map<String, Object> page, String checkpoint) throws ConnectorException {
        if (!(page.get("hub") instanceof String hub) || hub.isBlank()) {
            throw new ConnectorException(
                    "the peer is not a Lienthong hub (no 'hub' in the change feed at " + http.url() + ")", false);
        }
        if (hub.equals(context.hubId())) {
            throw new ConnectorException("the peer URL points at this hub: " + http.url() + " answers as hub '" + hub
                    + "'; set 'url' to another hub's address", false);
        }
        if (!hub.equals(peerHub)) {
            context.logger().log(System.Logger.Level.INFO, "pulling from hub ''{0}'' at {1}", hub, http.url());
            peerHub = hub;
        }
        if (!(page.get("next") instanceof String next) || next.isEmpty()) {
            throw new ConnectorException("the change feed at " + http.url() + " has no 'next' cursor", false);
        }
        if (!(page.get("changes") instanceof List<?> changes)) {
            throw new ConnectorException("the change feed at " + http.url() + " has no 'changes' list", false);
        }
        List<SourceItem> items = new ArrayList<>(changes.size());
        for (Object change : changes) {
            // a malformed change is not skipped: the cursor would move past it and the version would never arrive
            if (!(change instanceof Map<?, ?> c) || !(c.get("record") instanceof Map<?, ?> record)) {
                throw new ConnectorException("the change feed at " + http.url()
                        + " has a change without a 'record' object (after cursor " + checkpoint + ")", false);
            }
            items.add(new SourceItem.Replica(Json.write(record), hub));
        }
        boolean more = Boolean.TRUE.equals(page.get("more"));
        context.logger().log(System.Logger.Level.DEBUG, "pulled {0} change(s) from hub ''{1}'', more: {2}",
                items.size(), hub, more);
        return new SourceBatch(items, next, more);
    }

    /** One second: {@link #poll} itself waits for changes on the peer. */
    @Override
    public Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public void close() {
        Prefetch ahead = prefetch;
        if (ahead != null) {
            ahead.page().cancel(true);
        }
        prefetcher.shutdownNow();
        http.close();
    }

    @Override
    public String toString() {
        return "HubPeerSource[url=" + settings.url() + ", kinds=" + settings.kinds() + ", batchSize="
                + settings.batchSize() + "]";
    }
}
