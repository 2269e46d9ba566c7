package org.lienthong.hub.feed;

/** What a version in the change feed did to its record ({@code op}). */
public enum ChangeOperation {
    /** Version 1. */
    create,
    /** A later version that is not a tombstone. */
    update,
    /** A tombstone. */
    delete;

    static ChangeOperation of(int version, boolean deleted) {
        return deleted ? delete : version == 1 ? create : update;
    }
}
