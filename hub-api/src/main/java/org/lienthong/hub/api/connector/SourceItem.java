package org.lienthong.hub.api.connector;

/** One record a source read. */
public sealed interface SourceItem {

    /**
     * A record in canonical schema v1, written as an upsert by its source reference, exactly like one item of
     * {@code POST /api/v1/ingest}: provenance is the hub's (activity {@code import}, connector = the instance).
     *
     * @param kind
     *            threat, incident or resource
     * @param json
     *            the record as a JSON object; must contain {@code sourceRef}
     */
    record Upsert(String kind, String json) implements SourceItem {
    }

    /**
     * A version from another hub, kept as it is: id, content, provenance and hash. The hub verifies the hash, skips a
     * version it already holds, fast-forwards or records a conflict, and appends a hop to the record's lineage.
     *
     * @param json
     *            the version as {@code GET /api/v1/changes} renders a change's {@code record}
     * @param fromHub
     *            the hub it was read from
     */
    record Replica(String json, String fromHub) implements SourceItem {
    }
}
