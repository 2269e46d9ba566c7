package org.lienthong.hub.api.connector;

import java.util.List;

/**
 * What one {@link SourceConnector#poll} read.
 *
 * @param items
 *            records to write, in order
 * @param checkpoint
 *            opaque to the hub; passed back to the next poll. Must not be {@code null}
 * @param more
 *            {@code true} when more items can be read at once (the hub polls again without waiting)
 */
public record SourceBatch(List<SourceItem> items, String checkpoint, boolean more) {

    public SourceBatch {
        items = List.copyOf(items);
        if (checkpoint == null) {
            throw new IllegalArgumentException("checkpoint must not be null");
        }
    }
}
