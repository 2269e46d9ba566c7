package org.lienthong.hub.record;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One immutable version of a record as stored in {@code record_version}: the record's state at that version and the
 * provenance of the write that produced it.
 *
 * @param authorRole
 *            {@code "admin"} when the write needed admin powers (acting for another organisation), else {@code null}
 * @param connector
 *            the connector instance that wrote it, or {@code null}
 * @param sourceSystem
 *            with {@code sourceId}: the source reference, both {@code null} when absent
 * @param parents
 *            hashes of the version(s) this one follows: none for a creation, one for an edit, two for a merge
 * @param derivation
 *            for a version derived from observations, the rule version and readings that decided it
 *            ({@code provenance.derivation}); {@code null} otherwise
 */
public record VersionRow(UUID id, String kind, int version, String owner, String classification, String sourceSystem,
        String sourceId, boolean deleted, ObjectNode content, String activity, String authorOrg, String authorSubject,
        String authorRole, Instant recordedAt, String originHub, String connector, String hash, List<String> parents,
        ObjectNode derivation) {

    public VersionRow {
        parents = List.copyOf(parents);
    }

    /** A version that was not derived from observations. */
    public VersionRow(UUID id, String kind, int version, String owner, String classification, String sourceSystem,
            String sourceId, boolean deleted, ObjectNode content, String activity, String authorOrg,
            String authorSubject, String authorRole, Instant recordedAt, String originHub, String connector,
            String hash, List<String> parents) {
        this(id, kind, version, owner, classification, sourceSystem, sourceId, deleted, content, activity, authorOrg,
                authorSubject, authorRole, recordedAt, originHub, connector, hash, parents, null);
    }

    /** The same state with another hash (used once the hash has been computed). */
    VersionRow withHash(String newHash) {
        return new VersionRow(id, kind, version, owner, classification, sourceSystem, sourceId, deleted, content,
                activity, authorOrg, authorSubject, authorRole, recordedAt, originHub, connector, newHash, parents,
                derivation);
    }

    /** The same version under another local number (hashes do not cover the number). */
    VersionRow renumbered(int number) {
        return new VersionRow(id, kind, number, owner, classification, sourceSystem, sourceId, deleted, content,
                activity, authorOrg, authorSubject, authorRole, recordedAt, originHub, connector, hash, parents,
                derivation);
    }

    /** The quoted entity tag clients send back in {@code If-Match}. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
