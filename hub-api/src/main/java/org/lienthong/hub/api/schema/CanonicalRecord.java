package org.lienthong.hub.api.schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A record of any kind, seen through its envelope: the fields every record carries. Use it for code that does not care
 * about the kind (storage, replication, audit); switch over the permitted records when it does:
 *
 * <pre>{@code
 * String title = switch (record) {
 * case Threat t -> t.title();
 * case Incident i -> i.title();
 * case Resource r -> r.name();
 * };
 * }</pre>
 * <p>
 * The accessors return {@code null} where the record was built from input that lacks the field; on a record the hub has
 * stored, only {@link #sourceRef()} may be {@code null}.
 */
public sealed interface CanonicalRecord permits Threat, Incident, Resource {

    /** Record identifier; assigned by the hub on create and kept across hubs. */
    UUID id();

    /** The record's kind; set by the hub and always matching the record's class. */
    RecordKind kind();

    /** Version number, ≥ 1; incremented by the hub on every write. */
    Integer version();

    /** Organisation code of the authoritative organisation (e.g. {@code vn.hn}); set by the client on create. */
    String owner();

    /** Who may see the record; set by the client, {@link Classification#internal} when it sends none. */
    Classification classification();

    /** Identity in the originating system, unique per kind; optional, set by the client or connector. */
    SourceRef sourceRef();

    /** When the first version was recorded; set by the hub. */
    Instant createdAt();

    /** When the current version was recorded; set by the hub. */
    Instant updatedAt();

    /** Tombstone flag; set by the hub. A deleted record keeps its envelope so the deletion replicates. */
    Boolean deleted();

    /** Provenance of the current version; set by the hub. */
    Provenance provenance();
}
