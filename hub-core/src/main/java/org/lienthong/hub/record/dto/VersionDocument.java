package org.lienthong.hub.record.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.RecordKind;

/**
 * The contract of {@code GET …/versions/{n}/canonical}: the document a version's hash is over
 * ({@code org.lienthong.hub.record.VersionHash#document}), described for generated clients. The hub writes that
 * document itself, in RFC 8785 form; this type is never serialised.
 */
@Schema(name = "VersionDocument", description = "What a version's hash is over, in RFC 8785 canonical form: members sorted, no whitespace, members that are null left out.", requiredProperties = {
        "record", "content", "provenance", "parents" })
public record VersionDocument(Envelope record,
        @Schema(type = SchemaType.OBJECT, description = "The record's content at this version, as stored") Map<String, Object> content,
        Provenance provenance,
        @Schema(description = "Hashes of the versions this one follows (two for a merge, none for a first version)") List<String> parents) {

    @Schema(name = "VersionDocumentRecord", requiredProperties = { "id", "kind", "owner", "classification", "deleted" })
    public record Envelope(UUID id, @Schema(implementation = RecordKind.class) String kind, String owner,
            String classification, SourceRef sourceRef, boolean deleted) {
    }

    @Schema(name = "VersionDocumentSourceRef", requiredProperties = { "system", "id" })
    public record SourceRef(String system, String id) {
    }

    @Schema(name = "VersionDocumentProvenance", description = "The version's provenance without its hash", requiredProperties = {
            "author", "activity", "recordedAt", "originHub" })
    public record Provenance(Author author, String activity,
            @Schema(description = "UTC, seconds always, a fraction only as long as needed") Instant recordedAt,
            String originHub, String connector,
            @Schema(type = SchemaType.OBJECT, description = "For a derived version: the observation and rule it came from") Map<String, Object> derivation) {
    }

    @Schema(name = "VersionDocumentAuthor", requiredProperties = { "org", "subject" })
    public record Author(String org, String subject, String role) {
    }
}
