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

    /**
     * Whether this sink is passed exercise versions: versions of drills, whose record has {@code "exercise": true}. By
     * default it is not, so a system that knows nothing of drills never mistakes one for a real warning. The hub leaves
     * the others out of what it reads for the sink, the way it leaves out what the instance's identity may not read:
     * the sink's checkpoint still moves past them, so saying yes later does not bring back the ones already passed
     * over. A sink that forwards everything (hub-peer) or lets its operator opt in (webhook) overrides this.
     *
     * <p>
     * Called on the sink's thread before each read of the hub's changes for it, so before every {@link #deliver}; give
     * the same answer until {@link #close()} (a reconfiguration opens a new connector, which may answer otherwise).
     */
    default boolean includeExercises() {
        return false;
    }
}
