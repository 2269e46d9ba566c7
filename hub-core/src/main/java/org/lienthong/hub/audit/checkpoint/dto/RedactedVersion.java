package org.lienthong.hub.audit.checkpoint.dto;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.RecordKind;

/**
 * A line of the audit export for a version the exporting caller may not see: its place in the chain can be checked, its
 * content cannot.
 */
@Schema(name = "RedactedVersion", requiredProperties = { "id", "kind", "version", "redacted", "provenance" })
public record RedactedVersion(UUID id, RecordKind kind, int version, @Schema(enumeration = "true") boolean redacted,
        Provenance provenance) {

    /** The provenance fields a redacted line keeps. */
    @Schema(name = "RedactedProvenance", requiredProperties = { "originHub", "hash", "parents" })
    public record Provenance(String originHub, String hash, List<String> parents) {
    }
}
