package org.lienthong.audit.verifier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds, from one line of the audit export (a record as the hub's API renders it), the document whose canonical JSON
 * the hub hashed for that version:
 *
 * <pre>
 * { "record":     { "id", "kind", "owner", "classification", "sourceRef"?, "deleted" },
 *   "content":    { every member of the line that is not part of the envelope },
 *   "provenance": { "author": {"org", "subject", "role"?}, "activity", "recordedAt", "originHub", "connector"?,
 *                   "derivation"? },
 *   "parents":    [ provenance.parents, in order ] }
 * </pre>
 *
 * The local version number, createdAt/updatedAt and provenance.hash/sourceRef are rendered but not hashed.
 */
final class VersionDocument {

    /** Members of a rendered record that are not content. */
    static final Set<String> ENVELOPE = Set.of("id", "kind", "version", "owner", "classification", "sourceRef",
            "createdAt", "updatedAt", "deleted", "provenance");

    private VersionDocument() {
    }

    /** The document; {@link IllegalArgumentException} naming the member when the line lacks one. */
    static Map<String, Object> of(Map<String, Object> line) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", text(line, "id"));
        record.put("kind", text(line, "kind"));
        record.put("owner", text(line, "owner"));
        record.put("classification", text(line, "classification"));
        if (line.get("sourceRef") != null) {
            Map<String, Object> ref = object(line, "sourceRef");
            Map<String, Object> sourceRef = new LinkedHashMap<>();
            sourceRef.put("system", text(ref, "system"));
            sourceRef.put("id", text(ref, "id"));
            record.put("sourceRef", sourceRef);
        }
        if (!(line.get("deleted") instanceof Boolean deleted)) {
            throw new IllegalArgumentException("deleted must be true or false");
        }
        record.put("deleted", deleted);

        Map<String, Object> content = new LinkedHashMap<>();
        line.forEach((name, value) -> {
            if (!ENVELOPE.contains(name)) {
                content.put(name, value);
            }
        });

        Map<String, Object> p = object(line, "provenance");
        Map<String, Object> a = object(p, "author");
        Map<String, Object> author = new LinkedHashMap<>();
        author.put("org", text(a, "org"));
        author.put("subject", text(a, "subject"));
        if (a.get("role") != null) {
            author.put("role", text(a, "role"));
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("author", author);
        provenance.put("activity", text(p, "activity"));
        String recordedAt = text(p, "recordedAt");
        try {
            provenance.put("recordedAt", Canonical.timestamp(recordedAt));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("provenance.recordedAt is not an RFC 3339 timestamp");
        }
        provenance.put("originHub", text(p, "originHub"));
        if (p.get("connector") != null) {
            provenance.put("connector", text(p, "connector"));
        }
        if (p.get("derivation") != null) {
            // a version derived from observations: the rule version and readings, hashed as they stand
            provenance.put("derivation", object(p, "derivation"));
        }

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("record", record);
        doc.put("content", content);
        doc.put("provenance", provenance);
        doc.put("parents", parents(p));
        return doc;
    }

    /** Lowercase hex SHA-256 of the canonical document. */
    static String hash(Map<String, Object> line) {
        return Canonical.sha256(Canonical.write(of(line)));
    }

    static List<String> parents(Map<String, Object> provenance) {
        if (!(provenance.get("parents") instanceof List<?> list)) {
            throw new IllegalArgumentException("provenance.parents must be a list");
        }
        for (Object o : list) {
            if (!(o instanceof String)) {
                throw new IllegalArgumentException("provenance.parents must be a list of hashes");
            }
        }
        @SuppressWarnings("unchecked")
        List<String> parents = (List<String>) list;
        return parents;
    }

    static String text(Map<String, Object> map, String name) {
        if (map.get(name) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(name + " must be a string");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> map, String name) {
        if (map.get(name) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(name + " must be an object");
    }
}
