package org.lienthong.hub.connector;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a dead letter stands ({@code dead_letter.status}): waiting, or closed by an admin one way or the other. */
@Schema(name = "DeadLetterStatus", description = "open (waiting for a replay or a discard), replayed (written or delivered again) or discarded (closed without either)")
public enum DeadLetterStatus {
    open, replayed, discarded;

    /** The status stored as {@code text}; the table's check constraint admits no other. */
    static DeadLetterStatus of(String stored) {
        return valueOf(stored);
    }
}
