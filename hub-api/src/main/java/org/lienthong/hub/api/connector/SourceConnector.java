package org.lienthong.hub.api.connector;

import java.time.Duration;

/** Brings records into the hub from another system. */
public interface SourceConnector extends Connector {

    /**
     * Reads the next batch after {@code checkpoint}.
     *
     * <p>
     * The hub writes the batch's items and stores {@link SourceBatch#checkpoint()} in one transaction, so after a crash
     * the same checkpoint is passed again and the same items may come back: items must be identifiable (a source
     * reference or, for replicas, a version hash) so that re-reading them changes nothing.
     *
     * @param checkpoint
     *            the checkpoint of the last batch the hub stored, or {@code null} on the first call ever
     * @param timeLimit
     *            return within this time, with what was read so far
     *
     * @return the items (possibly none) and the checkpoint after them
     */
    SourceBatch poll(String checkpoint, Duration timeLimit) throws ConnectorException;

    /**
     * How long the hub waits before the next poll after a batch with {@code more = false}. A connector that long-polls
     * its source inside {@link #poll} returns a short interval. Called after each poll.
     */
    default Duration interval() {
        return Duration.ofMinutes(1);
    }
}
