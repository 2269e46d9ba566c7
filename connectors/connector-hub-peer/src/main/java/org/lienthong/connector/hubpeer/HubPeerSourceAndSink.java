package org.lienthong.connector.hubpeer;

import java.time.Duration;
import java.util.List;

import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SinkConnector;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;

/**
 * Direction {@code both}: a source and a sink in one object. The hub may poll it on one thread while it delivers on
 * another, so it keeps the two directions apart: each call goes to its own {@link HubPeerSource} or
 * {@link HubPeerSink}, and the only thing they share is the thread-safe {@link PeerHttp}.
 */
public final class HubPeerSourceAndSink implements SourceConnector, SinkConnector {

    private final HubPeerSource source;
    private final HubPeerSink sink;
    private final PeerHttp http;

    HubPeerSourceAndSink(HubPeerSource source, HubPeerSink sink, PeerHttp http) {
        this.source = source;
        this.sink = sink;
        this.http = http;
    }

    @Override
    public SourceBatch poll(String checkpoint, Duration timeLimit) throws ConnectorException {
        return source.poll(checkpoint, timeLimit);
    }

    @Override
    public Duration interval() {
        return source.interval();
    }

    @Override
    public List<Delivery> deliver(List<Change> changes, Duration timeLimit) throws ConnectorException {
        return sink.deliver(changes, timeLimit);
    }

    @Override
    public boolean includeExercises() {
        return sink.includeExercises();
    }

    /** Stops the shared HTTP client, which ends a pull in progress and a push in progress alike. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "HubPeerSourceAndSink[" + source + ", " + sink + "]";
    }
}
