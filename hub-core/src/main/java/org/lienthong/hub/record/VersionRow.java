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
 * @param contentText
 *            the canonical text of {@code content} ({@link CanonicalJson}) once {@link #hashed} computed it for the
 *            hash, so that the same text is stored without serialising the content again; {@code null} before
 */
public record VersionRow(UUID id, String kind, int version, String owner, String classification, String sourceSystem,
        String sourceId, boolean deleted, ObjectNode content, String activity, String authorOrg, String authorSubject,
        String authorRole, Instant recordedAt, String originHub, String connector, String hash, List<String> parents,
        ObjectNode derivation, String contentText) {

    public VersionRow {
        parents = List.copyOf(parents);
    }

    /** A version whose canonical content text is not computed yet. */
    public VersionRow(UUID id, String kind, int version, String owner, String classification, String sourceSystem,
            String sourceId, boolean deleted, ObjectNode content, String activity, String authorOrg,
            String authorSubject, String authorRole, Instant recordedAt, String originHub, String connector,
            String hash, List<String> parents, ObjectNode derivation) {
        this(id, kind, version, owner, classification, sourceSystem, sourceId, deleted, content, activity, authorOrg,
                authorSubject, authorRole, recordedAt, originHub, connector, hash, parents, derivation, null);
    }

    /** A version that was not derived from observations. */
    public VersionRow(UUID id, String kind, int version, String owner, String classification, String sourceSystem,
            String sourceId, boolean deleted, ObjectNode content, String activity, String authorOrg,
            String authorSubject, String authorRole, Instant recordedAt, String originHub, String connector,
            String hash, List<String> parents) {
        this(id, kind, version, owner, classification, sourceSystem, sourceId, deleted, content, activity, authorOrg,
                authorSubject, authorRole, recordedAt, originHub, connector, hash, parents, null, null);
    }

    /** The same state with another hash (used once the hash has been computed). */
    VersionRow withHash(String newHash) {
        return new VersionRow(id, kind, version, owner, classification, sourceSystem, sourceId, deleted, content,
                activity, authorOrg, authorSubject, authorRole, recordedAt, originHub, connector, newHash, parents,
                derivation, contentText);
    }

    /**
     * The same state with its hash ({@link VersionHash}) and the canonical content text it was computed over: the
     * content is serialised once, for the hash and for storage.
     */
    public VersionRow hashed() {
        String text = canonicalContent();
        VersionRow v = new VersionRow(id, kind, version, owner, classification, sourceSystem, sourceId, deleted,
                content, activity, authorOrg, authorSubject, authorRole, recordedAt, originHub, connector, hash,
                parents, derivation, text);
        return v.withHash(VersionHash.of(v));
    }

    /** The canonical text of the content, as stored ({@code null} when there is no content). */
    public String canonicalContent() {
        if (contentText != null) {
            return contentText;
        }
        return content == null ? null : CanonicalJson.write(content);
    }

    /** The same version under another local number (hashes do not cover the number). */
    VersionRow renumbered(int number) {
        return new VersionRow(id, kind, number, owner, classification, sourceSystem, sourceId, deleted, content,
                activity, authorOrg, authorSubject, authorRole, recordedAt, originHub, connector, hash, parents,
                derivation, contentText);
    }

    /** The same version with its content, for a row read without it (the stored text, which is parsed here). */
    VersionRow withStoredContent(String storedText) {
        return content != null ? this
                : new VersionRow(id, kind, version, owner, classification, sourceSystem, sourceId, deleted,
                        RecordJson.parseStored(storedText), activity, authorOrg, authorSubject, authorRole, recordedAt,
                        originHub, connector, hash, parents, derivation, null);
    }

    /** The quoted entity tag clients send back in {@code If-Match}. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
