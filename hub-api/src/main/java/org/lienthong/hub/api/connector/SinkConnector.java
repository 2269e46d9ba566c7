package org.lienthong.hub.api.connector;

import java.time.Duration;
import java.util.List;

/** Sends the hub's changes to another system. */
public interface SinkConnector extends Connector {

    /**
     * Delivers changes, oldest first. The hub passes each change until it is delivered or rejected: a change may be
     * passed again after {@link Delivery.RetryLater} or after a crash, so delivery must be idempotent on the receiving
     * side (each change carries the version's hash).
     *
     * @param changes
     *            one or more changes the instance's identity may read
     * @param timeLimit
     *            return within this time
     *
     * @return one outcome per change, in the same order
     */
    List<Delivery> deliver(List<Change> changes, Duration timeLimit) throws ConnectorException;
}
