package org.lienthong.hub.connector;

/** Where a dead letter stands ({@code dead_letter.status}): waiting, or closed by an admin one way or the other. */
public enum DeadLetterStatus {
    open, replayed, discarded;

    /** The status stored as {@code text}; the table's check constraint admits no other. */
    static DeadLetterStatus of(String stored) {
        return valueOf(stored);
    }
}
