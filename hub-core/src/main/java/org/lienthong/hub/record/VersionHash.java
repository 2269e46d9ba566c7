package org.lienthong.hub.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hash that identifies a version everywhere in the federation:
 * {@code SHA-256(canonical JSON of the document below)}, lowercase hex (see {@link CanonicalJson}).
 *
 * <pre>
 * { "record":     { "id", "kind", "owner", "classification", "sourceRef": {"system","id"}?, "deleted" },
 *   "content":    { …the kind's fields… },
 *   "provenance": { "author": {"org","subject","role"?}, "activity", "recordedAt", "originHub", "connector"?,
 *                   "derivation": {"rule","ruleVersion","station","indicator","from","to"}? },
 *   "parents":    [ parent hashes, in the order stored ] }
 * </pre>
 *
 * <p>
 * The local version number is deliberately left out: after a sync conflict two hubs may number the same version
 * differently, but they must agree on its hash. The parent hashes chain each version to the ones before it, so editing
 * or removing any stored version changes or breaks every later hash.
 */
public final class VersionHash {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private VersionHash() {
    }

    /** Lowercase hex SHA-256 of the version's {@link #canonical} text: the version's hash. */
    public static String of(VersionRow v) {
        return CanonicalJson.sha256Hex(canonical(v));
    }

    /**
     * The RFC 8785 text of the version's {@link #document}: what its hash is over, byte for byte (UTF-8), and what
     * {@code GET …/versions/{n}/canonical} returns.
     */
    public static String canonical(VersionRow v) {
        String content = v.canonicalContent();
        if (content == null) {
            return CanonicalJson.write(document(v));
        }
        // the document without its content, then the content's canonical text spliced in as its first member:
        // "content" sorts before "parents", "provenance" and "record", so this is the canonical text of document(v)
        ObjectNode rest = (ObjectNode) document(v);
        rest.remove("content");
        String tail = CanonicalJson.write(rest);
        return "{\"content\":" + content + "," + tail.substring(1);
    }

    /** The document that is hashed; public so auditors' tools can show exactly what was hashed. */
    public static JsonNode document(VersionRow v) {
        ObjectNode doc = NODES.objectNode();
        ObjectNode record = doc.putObject("record");
        record.put("id", v.id().toString());
        record.put("kind", v.kind());
        record.put("owner", v.owner());
        record.put("classification", v.classification());
        if (v.sourceSystem() != null) {
            record.putObject("sourceRef").put("system", v.sourceSystem()).put("id", v.sourceId());
        }
        record.put("deleted", v.deleted());
        doc.set("content", v.content());
        ObjectNode provenance = doc.putObject("provenance");
        ObjectNode author = provenance.putObject("author").put("org", v.authorOrg()).put("subject", v.authorSubject());
        if (v.authorRole() != null) {
            author.put("role", v.authorRole());
        }
        provenance.put("activity", v.activity());
        provenance.put("recordedAt", CanonicalJson.formatInstant(v.recordedAt()));
        provenance.put("originHub", v.originHub());
        if (v.connector() != null) {
            provenance.put("connector", v.connector());
        }
        if (v.derivation() != null) {
            provenance.set("derivation", v.derivation());
        }
        ArrayNode parents = doc.putArray("parents");
        v.parents().forEach(parents::add);
        return doc;
    }
}
