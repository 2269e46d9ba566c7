package org.lienthong.connector.hubpeer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.connector.ConnectorContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SinkConnector;

/**
 * Pushes: sends this hub's changes to the peer, which stores each version as it is (id, content, provenance, hash).
 *
 * <p>
 * The changes of one {@link #deliver} call go in requests of at most {@code batchSize}:
 *
 * <pre>
 * POST {url}/api/v1/replicas?from={this hub's id}
 * Authorization: Bearer {token}
 * Content-Type: application/json
 *
 * [ {change 1's json}, {change 2's json}, ... ]
 * </pre>
 *
 * The body splices the changes' {@link Change#json()} texts as they are, so the peer receives exactly the bytes this
 * hub rendered. The peer recomputes each version's hash, skips what it already holds and answers one result per item:
 *
 * <pre>
 * {"results":[{"index":0,"outcome":"applied","id":"…","version":3,"head":"…"},
 *             {"index":1,"status":400,"title":"…","detail":"…","errors":[{"field":"…","message":"…"}]}]}
 * </pre>
 *
 * <table>
 * <caption>How a result becomes a {@link Delivery}</caption>
 * <tr>
 * <th>result</th>
 * <th>delivery</th>
 * </tr>
 * <tr>
 * <td>{@code outcome} present, applied or conflict</td>
 * <td>{@link Delivery#ok()} (a conflict is stored and merged on the peer: nothing to retry)</td>
 * </tr>
 * <tr>
 * <td>{@code status} 408, 429 or 5xx; an unknown outcome; no result for the item</td>
 * <td>{@link Delivery.RetryLater} (the hub's backoff)</td>
 * </tr>
 * <tr>
 * <td>{@code status} 400, 403, 404, 409, 410, 422 or another 4xx</td>
 * <td>{@link Delivery.Rejected} with the problem's detail and field errors (the hub dead-letters it)</td>
 * </tr>
 * </table>
 *
 * <p>
 * A request that fails as a whole throws as {@link PeerHttp} describes, when it is the call's first request. When
 * earlier requests of the same call succeeded, their outcomes are kept: a transient failure turns the remaining changes
 * into {@link Delivery.RetryLater}, and so does running out of time; a non-transient failure still throws.
 *
 * <p>
 * Changes of a kind that is not in {@code kinds} are not sent and count as delivered: {@code kinds} limits what this
 * instance syncs in both directions.
 *
 * <p>
 * Drills are pushed too ({@link #includeExercises()}): the peer stores them as they are, marked by their content, and
 * leaves them out of its own default lists, feed and webhooks.
 *
 * <p>
 * Pushing is idempotent: the peer keys versions by hash, so a change passed again after a crash or a retry is answered
 * {@code present}. Nor can it loop: a version the peer pulled from this hub, or this hub from the peer, is already held
 * on the other side.
 */
public final class HubPeerSink implements SinkConnector {

    private static final Set<String> DELIVERED = Set.of("present", "applied", "conflict");
    private static final Set<Integer> REJECTED = Set.of(400, 403, 404, 409, 410, 422);

    private final Settings settings;
    private final ConnectorContext context;
    private final PeerHttp http;

    HubPeerSink(Settings settings, ConnectorContext context, PeerHttp http) {
        this.settings = settings;
        this.context = context;
        this.http = http;
    }

    @Override
    public List<Delivery> deliver(List<Change> changes, Duration timeLimit) throws ConnectorException {
        long deadline = System.nanoTime() + PeerHttp.budget(timeLimit).toNanos();
        String path = "/api/v1/replicas?from=" + URLEncoder.encode(context.hubId(), UTF_8);
        Delivery[] out = new Delivery[changes.size()];
        List<Integer> toSend = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            if (settings.kinds().contains(changes.get(i).kind())) {
                toSend.add(i);
            } else {
                out[i] = Delivery.ok(); // a kind this instance does not sync: nothing to do
            }
        }
        int sent = 0;
        for (int start = 0; start < toSend.size(); start += settings.batchSize()) {
            List<Integer> chunk = toSend.subList(start, Math.min(start + settings.batchSize(), toSend.size()));
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                retryTheRest(out, "not sent: the call's time limit ran out before its turn");
                break;
            }
            Map<String, Object> answer;
            try {
                answer = http.exchange(path, body(changes, chunk), Duration.ofNanos(left));
            } catch (ConnectorException e) {
                if (start == 0 || !e.transientFailure()) {
                    throw e;
                }
                retryTheRest(out, e.getMessage());
                break;
            }
            List<Delivery> outcomes = outcomes(chunk.size(), answer);
            for (int j = 0; j < chunk.size(); j++) {
                out[chunk.get(j)] = outcomes.get(j);
            }
            sent += chunk.size();
        }
        if (context.logger().isLoggable(System.Logger.Level.DEBUG)) {
            long ok = Arrays.stream(out).filter(d -> d instanceof Delivery.Ok).count();
            context.logger().log(System.Logger.Level.DEBUG, "pushed {0} of {1} change(s) to {2}: {3} delivered", sent,
                    changes.size(), http.url(), ok);
        }
        return List.of(out);
    }

    /** A JSON array of the chosen changes' own texts: spliced, not re-serialised. */
    private static String body(List<Change> changes, List<Integer> chosen) {
        StringBuilder body = new StringBuilder(
                2 + chosen.stream().mapToInt(i -> changes.get(i).json().length() + 1).sum());
        body.append('[');
        for (int i = 0; i < chosen.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(Objects.requireNonNull(changes.get(chosen.get(i)).json(), "change json"));
        }
        return body.append(']').toString();
    }

    private List<Delivery> outcomes(int size, Map<String, Object> answer) throws ConnectorException {
        if (!(answer.get("results") instanceof List<?> results)) {
            throw new ConnectorException(
                    "the peer at " + http.url()
                            + " answered POST /api/v1/replicas without a 'results' list; is it a Lienthong hub?",
                    false);
        }
        Delivery[] byIndex = new Delivery[size];
        for (Object result : results) {
            if (result instanceof Map<?, ?> r) {
                int index = PeerHttp.intValue(r.get("index"));
                if (index >= 0 && index < size && byIndex[index] == null) {
                    byIndex[index] = outcome(r);
                }
            }
        }
        List<Delivery> out = new ArrayList<>(size);
        for (Delivery d : byIndex) {
            out.add(d != null ? d : new Delivery.RetryLater("the peer returned no result for this change", null));
        }
        return out;
    }

    private Delivery outcome(Map<?, ?> result) {
        if (result.get("outcome") instanceof String outcome) {
            return DELIVERED.contains(outcome) ? Delivery.ok() : new Delivery.RetryLater(
                    "the peer answered an unknown outcome '" + http.redact(outcome) + "'", null);
        }
        int status = PeerHttp.intValue(result.get("status"));
        String problem = http.problemText(result);
        String reason = problem.isEmpty() ? "HTTP " + status : problem;
        if (REJECTED.contains(status) || (status >= 400 && status < 500 && status != 408 && status != 429)) {
            return new Delivery.Rejected("the peer refused this version (" + status + "): " + reason);
        }
        if (status < 0) {
            return new Delivery.RetryLater("the peer's result for this change has neither an outcome nor a status",
                    null);
        }
        return new Delivery.RetryLater("the peer could not take this version now (" + status + "): " + reason, null);
    }

    private static void retryTheRest(Delivery[] out, String reason) {
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = new Delivery.RetryLater(reason, null);
            }
        }
    }

    /** Always: a drill must reach the peer, marked, so that it can run across levels. */
    @Override
    public boolean includeExercises() {
        return true;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "HubPeerSink[url=" + settings.url() + ", batchSize=" + settings.batchSize() + "]";
    }
}
