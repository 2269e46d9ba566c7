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
     * @param description
     *            where it came from, for operators when the hub refuses it (a file and line, say), or {@code null}
     */
    record Upsert(String kind, String json, String description) implements SourceItem {

        /** An upsert without a description. */
        public Upsert(String kind, String json) {
            this(kind, json, null);
        }
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

    /**
     * Something the source read but cannot turn into a record (a malformed or hostile document, say). The hub puts it
     * in the dead-letter queue with the reason, so an operator sees it, and goes on with the rest of the batch.
     *
     * @param description
     *            where it came from, for operators (a URL, a file and line); never a secret
     * @param payload
     *            what was read, or an excerpt of it (the hub keeps at most 64 KiB)
     * @param reason
     *            why it was refused
     */
    record Refused(String description, String payload, String reason) implements SourceItem {
    }
}
